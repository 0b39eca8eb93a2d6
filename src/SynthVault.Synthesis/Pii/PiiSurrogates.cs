using System.Globalization;
using Bogus;
using SynthVault.Core.Data;
using SynthVault.Core.Pii;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis.Pii;

/// <summary>
/// Format-preserving fake values for personal-data columns (policy Surrogate). No real value is read: every
/// value comes from a seeded generator (Bogus for names and addresses) and, where a format has a reserved
/// range, from that range, so a surrogate cannot be a real person's value:
/// e-mails at the RFC 2606 domains example.com/.org/.net; phones in the fictional NANP block 555-0100..0199;
/// card numbers in the 4000 00 test IIN range with a valid Luhn digit; IBANs with the bank code "TEST" (no bank
/// has it) and valid mod-97 check digits; US SSNs in area 900–999 (never issued as SSNs); IP addresses in the
/// documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737) and 2001:db8::/32 (RFC 3849);
/// dates of birth between 1935-01-01 and 2006-12-31 (a fixed window so output never depends on today's date).
/// Rows are generated in partitions of <see cref="PartitionSize"/>, each with its own derived seed, so output is
/// the same whatever the number of threads.
/// </summary>
public static class PiiSurrogates
{
    /// <summary>Rows per partition; part of the output's definition, so it never changes with the thread count.</summary>
    public const int PartitionSize = 16_384;

    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.net"];
    private static readonly string[] Ipv4Prefixes = ["192.0.2.", "198.51.100.", "203.0.113."];
    private static readonly long DobStart = new DateTime(1935, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
    private static readonly int DobDays = (int)((new DateTime(2006, 12, 31, 0, 0, 0, DateTimeKind.Unspecified).Ticks - DobStart) / TimeSpan.TicksPerDay) + 1;

    /// <summary>
    /// A column of <paramref name="rows"/> surrogate values for <paramref name="column"/> (its PII kind and
    /// storage type decide the format), reproducible from <paramref name="seed"/>.
    /// </summary>
    public static Column Generate(ColumnSchema column, int rows, long seed, string? shape = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var plan = new PassThroughSpec { Name = column.Name, Kind = column.Kind, DataType = column.DataType, Pii = column.Pii, Action = PassThroughAction.Surrogate, Shape = shape };
        return Generate(plan, rows, seed, -1);
    }

    internal static Column Generate(PassThroughSpec plan, int rows, long seed, int maxDegreeOfParallelism)
    {
        var streams = new SeedStreams(seed);
        var partitions = (rows + PartitionSize - 1) / PartitionSize;
        var text = plan.DataType is DataType.String ? new string[rows] : null;
        var ticks = plan.DataType is DataType.Date or DataType.Timestamp or DataType.TimestampUtc ? new long[rows] : null;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        var numeric = text is null && ticks is null ? new string[rows] : null;
        Parallel.For(0, partitions, options, p =>
        {
            var derived = streams.DeriveSeed("surrogate:" + plan.Name, p);
            var rng = new Xoshiro256(derived);
            var faker = new Faker("en") { Random = new Randomizer(unchecked((int)derived)) };
            var end = Math.Min(rows, (p + 1) * PartitionSize);
            for (var i = p * PartitionSize; i < end; i++)
            {
                if (ticks is not null)
                {
                    ticks[i] = DateOfBirth(ref rng);
                }
                else if (text is not null)
                {
                    text[i] = NextText(plan.Pii, plan.Shape, faker, ref rng);
                }
                else
                {
                    numeric![i] = NextDigits(plan.Pii, ref rng);
                }
            }
        });

        if (ticks is not null)
        {
            return new DateTimeColumn(plan.Name, plan.DataType, ticks);
        }

        if (text is not null)
        {
            return StringColumn.FromValues(plan.Name, text);
        }

        return plan.DataType switch
        {
            DataType.Int64 => new Int64Column(plan.Name, [.. numeric!.Select(s => long.Parse(s, CultureInfo.InvariantCulture))]),
            DataType.Decimal => new DecimalColumn(plan.Name, [.. numeric!.Select(s => decimal.Parse(s, CultureInfo.InvariantCulture))], Math.Max(plan.DecimalPrecision, 19), plan.DecimalScale),
            DataType.Boolean => new BooleanColumn(plan.Name, [.. numeric!.Select(s => (s[^1] - '0') % 2 == 1)]),
            _ => new Float64Column(plan.Name, [.. numeric!.Select(s => double.Parse(s, CultureInfo.InvariantCulture))]),
        };
    }

    private static string NextText(PiiKind kind, string? shape, Faker faker, ref Xoshiro256 rng)
    {
        switch (kind)
        {
            case PiiKind.Email:
                var first = faker.Name.FirstName();
                var last = faker.Name.LastName();
                return faker.Internet.Email(first, last, EmailDomains[rng.NextInt(EmailDomains.Length)]);
            case PiiKind.Phone:
                return string.Create(CultureInfo.InvariantCulture, $"+1 ({rng.NextInt(8) + 2}{rng.NextInt(10)}{rng.NextInt(10)}) 555-01{rng.NextInt(100):00}");
            case PiiKind.CreditCard:
                return CardNumber(ref rng);
            case PiiKind.Iban:
                return Iban(ref rng);
            case PiiKind.UsSsn:
                return string.Create(CultureInfo.InvariantCulture, $"{900 + rng.NextInt(100)}-{1 + rng.NextInt(99):00}-{1 + rng.NextInt(9999):0000}");
            case PiiKind.IpAddress:
                return shape is not null && shape.Contains(':', StringComparison.Ordinal)
                    ? string.Create(CultureInfo.InvariantCulture, $"2001:db8:{rng.NextInt(65536):x}:{rng.NextInt(65536):x}::{1 + rng.NextInt(65535):x}")
                    : string.Create(CultureInfo.InvariantCulture, $"{Ipv4Prefixes[rng.NextInt(Ipv4Prefixes.Length)]}{1 + rng.NextInt(254)}");
            case PiiKind.PersonName:
                return faker.Name.FullName();
            case PiiKind.Address:
                return faker.Address.FullAddress();
            case PiiKind.DateOfBirth:
                return new DateTime(DateOfBirth(ref rng), DateTimeKind.Unspecified).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            default:
                // Unclassified personal data: random characters in the column's most common shape.
                var pattern = shape ?? "xxxxxxxxxx";
                var buffer = new char[pattern.Length];
                Identifiers.Fill(pattern, buffer, ref rng);
                return new string(buffer);
        }
    }

    /// <summary>Digits for a PII column stored as a number: the digits of the same formats, or 9 random digits.</summary>
    private static string NextDigits(PiiKind kind, ref Xoshiro256 rng) => kind switch
    {
        PiiKind.CreditCard => CardNumber(ref rng),
        PiiKind.Phone => string.Create(CultureInfo.InvariantCulture, $"{rng.NextInt(8) + 2}{rng.NextInt(10)}{rng.NextInt(10)}55501{rng.NextInt(100):00}"),
        PiiKind.UsSsn => string.Create(CultureInfo.InvariantCulture, $"{900 + rng.NextInt(100)}{1 + rng.NextInt(99):00}{1 + rng.NextInt(9999):0000}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{1 + rng.NextInt(9)}{rng.NextInt(100_000_000):00000000}"),
    };

    /// <summary>A 16-digit number in the 4000 00 test IIN range with a valid Luhn check digit.</summary>
    internal static string CardNumber(ref Xoshiro256 rng)
    {
        Span<char> digits = stackalloc char[16];
        "400000".AsSpan().CopyTo(digits);
        for (var j = 6; j < 15; j++)
        {
            digits[j] = (char)('0' + rng.NextInt(10));
        }

        digits[15] = (char)('0' + Checksums.LuhnCheckDigit(digits[..15]));
        return new string(digits);
    }

    /// <summary>A British-format IBAN with the non-existent bank code TEST and valid ISO 13616 check digits.</summary>
    internal static string Iban(ref Xoshiro256 rng)
    {
        Span<char> account = stackalloc char[14];
        for (var j = 0; j < account.Length; j++)
        {
            account[j] = (char)('0' + rng.NextInt(10));
        }

        var bban = "TEST" + new string(account);
        return "GB" + Checksums.IbanCheckDigits("GB", bban) + bban;
    }

    private static long DateOfBirth(ref Xoshiro256 rng) => DobStart + (rng.NextInt(DobDays) * TimeSpan.TicksPerDay);
}
