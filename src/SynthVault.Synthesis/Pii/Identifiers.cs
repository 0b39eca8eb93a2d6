using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis.Pii;

/// <summary>
/// Fresh unique keys for identifier columns (policy Regenerate). Nothing is learned from the real keys but their
/// storage type and character-class shape: integer keys become 1..n in a seeded random order, text keys become
/// seeded random tokens of the same shape (digits where the real keys have digits, letters where they have
/// letters, separators kept), unique within the output. A token can equal a real key only by chance, with odds
/// about n × (real keys) / (number of possible tokens); when the shape has fewer than 4n possible tokens digits
/// are appended so the output can be unique.
/// </summary>
internal static class Identifiers
{
    private const string DefaultShape = "dddddddddddd";

    public static Column Generate(PassThroughSpec plan, int rows, long seed)
    {
        var rng = new SeedStreams(seed).CreateGenerator("identifier:" + plan.Name);
        switch (plan.DataType)
        {
            case DataType.String:
                return StringColumn.FromValues(plan.Name, Tokens(plan.Shape ?? DefaultShape, rows, ref rng));
            case DataType.Int64:
                return new Int64Column(plan.Name, Permutation(rows, ref rng));
            case DataType.Float64:
                return new Float64Column(plan.Name, [.. Permutation(rows, ref rng).Select(v => (double)v)]);
            case DataType.Decimal:
                return new DecimalColumn(plan.Name, [.. Permutation(rows, ref rng).Select(v => (decimal)v)], Math.Max(plan.DecimalPrecision, 19), plan.DecimalScale);
            case DataType.Date or DataType.Timestamp or DataType.TimestampUtc:
                var start = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
                return new DateTimeColumn(plan.Name, plan.DataType, [.. Permutation(rows, ref rng).Select(v => start + (v * TimeSpan.TicksPerDay))]);
            default:
                // A true/false column cannot hold unique keys: leave it empty rather than invent a meaning.
                var nulls = new bool[rows];
                Array.Fill(nulls, true);
                return new BooleanColumn(plan.Name, new bool[rows], nulls);
        }
    }

    /// <summary>1..n in a uniformly random order (Fisher–Yates).</summary>
    internal static long[] Permutation(int rows, ref Xoshiro256 rng)
    {
        var result = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            result[i] = i + 1;
        }

        for (var i = rows - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }

        return result;
    }

    internal static string[] Tokens(string shape, int rows, ref Xoshiro256 rng)
    {
        var pattern = shape;
        while (Capacity(pattern) < 4.0 * Math.Max(rows, 1))
        {
            pattern += "d";
        }

        var seen = new HashSet<string>(rows, StringComparer.Ordinal);
        var result = new string[rows];
        var buffer = new char[pattern.Length];
        for (var i = 0; i < rows; i++)
        {
            string token;
            do
            {
                Fill(pattern, buffer, ref rng);
                token = new string(buffer);
            }
            while (!seen.Add(token));

            result[i] = token;
        }

        return result;
    }

    /// <summary>Fills a character-class pattern: d digit, A upper letter, a lower letter, x letter or digit, else literal.</summary>
    internal static void Fill(string pattern, Span<char> buffer, ref Xoshiro256 rng)
    {
        const string alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (var j = 0; j < pattern.Length; j++)
        {
            buffer[j] = pattern[j] switch
            {
                'd' => (char)('0' + rng.NextInt(10)),
                'A' => (char)('A' + rng.NextInt(26)),
                'a' => (char)('a' + rng.NextInt(26)),
                'x' => alnum[rng.NextInt(alnum.Length)],
                var literal => literal,
            };
        }
    }

    private static double Capacity(string pattern)
    {
        var capacity = 1.0;
        foreach (var ch in pattern)
        {
            capacity *= ch switch { 'd' => 10, 'A' or 'a' => 26, 'x' => 36, _ => 1 };
        }

        return capacity;
    }
}
