namespace SynthVault.Core.Data;

/// <summary>
/// A dictionary-encoded column of strings: each row holds a code into <see cref="Dictionary"/>, or -1 when
/// missing. Categories and free text share this storage; an empty string is a value, not a null.
/// </summary>
public sealed class StringColumn : Column
{
    private readonly int[] codes;
    private readonly string[] dictionary;

    public StringColumn(string name, int[] codes, string[] dictionary)
        : base(name, codes.Length, MaskOf(codes))
    {
        this.codes = codes;
        this.dictionary = dictionary;
    }

    public override DataType DataType => DataType.String;

    /// <summary>Code per row; -1 for missing.</summary>
    public ReadOnlySpan<int> Codes => codes;

    /// <summary>The distinct strings that codes point to (may hold entries no row uses after a Take).</summary>
    public IReadOnlyList<string> Dictionary => dictionary;

    public string? this[int row] => codes[row] < 0 ? null : dictionary[codes[row]];

    public override object? GetValue(int row) => this[row];

    public override Column Rename(string name) => new StringColumn(name, codes, dictionary);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var result = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = codes[rows[i]];
        }

        return new StringColumn(Name, result, dictionary);
    }

    /// <summary>Builds a column from strings (null = missing), interning equal values.</summary>
    public static StringColumn FromValues(string name, IReadOnlyList<string?> values)
    {
        var builder = new StringColumnBuilder(name, values.Count);
        foreach (var v in values)
        {
            builder.Append(v);
        }

        return builder.Build();
    }

    /// <summary>Counts of each dictionary code among the rows (nulls excluded).</summary>
    public int[] CountCodes()
    {
        var counts = new int[dictionary.Length];
        foreach (var c in codes)
        {
            if (c >= 0)
            {
                counts[c]++;
            }
        }

        return counts;
    }

    private static bool[]? MaskOf(int[] codes)
    {
        bool[]? mask = null;
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] < 0)
            {
                mask ??= new bool[codes.Length];
                mask[i] = true;
            }
        }

        return mask;
    }
}

/// <summary>Appends strings one by one and interns them into a dictionary-encoded column.</summary>
public sealed class StringColumnBuilder
{
    private readonly string name;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<string> dictionary = [];
    private int[] codes;
    private int count;

    public StringColumnBuilder(string name, int capacity = 16)
    {
        this.name = name;
        codes = new int[Math.Max(capacity, 4)];
    }

    public int Count => count;

    public int DistinctCount => dictionary.Count;

    public void Append(string? value)
    {
        if (count == codes.Length)
        {
            Array.Resize(ref codes, codes.Length * 2);
        }

        if (value is null)
        {
            codes[count++] = -1;
            return;
        }

        if (!index.TryGetValue(value, out var code))
        {
            code = dictionary.Count;
            index.Add(value, code);
            dictionary.Add(value);
        }

        codes[count++] = code;
    }

    /// <summary>Appends from a character span, allocating a string only for values not seen before.</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
        if (count == codes.Length)
        {
            Array.Resize(ref codes, codes.Length * 2);
        }

        if (!lookup.TryGetValue(value, out var code))
        {
            var s = value.ToString();
            code = dictionary.Count;
            index.Add(s, code);
            dictionary.Add(s);
        }

        codes[count++] = code;
    }

    public void AppendNull() => Append((string?)null);

    public StringColumn Build()
    {
        Array.Resize(ref codes, count);
        return new StringColumn(name, codes, [.. dictionary]);
    }
}
