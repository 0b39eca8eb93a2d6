namespace SynthVault.Core.Data;

/// <summary>
/// A named, typed, immutable column of values with a null mask. Columns own their arrays: a constructor
/// takes the arrays it is given (no copy), so callers must not mutate them afterwards.
/// </summary>
public abstract class Column
{
    private readonly bool[]? nulls;

    protected Column(string name, int length, bool[]? nulls)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (nulls is not null && nulls.Length != length)
        {
            throw new ArgumentException($"Null mask of column '{name}' has {nulls.Length} entries for {length} values.", nameof(nulls));
        }

        Name = name;
        Length = length;
        var count = 0;
        if (nulls is not null)
        {
            foreach (var isNull in nulls)
            {
                count += isNull ? 1 : 0;
            }
        }

        NullCount = count;
        this.nulls = count > 0 ? nulls : null;
    }

    public string Name { get; }

    public int Length { get; }

    public abstract DataType DataType { get; }

    public int NullCount { get; }

    public bool HasNulls => NullCount > 0;

    /// <summary>The null mask (true = missing), or an empty span when no value is missing.</summary>
    public ReadOnlySpan<bool> NullMask => nulls;

    /// <summary>The null mask array for derived columns; null when nothing is missing.</summary>
    protected bool[]? NullArray => nulls;

    public bool IsNull(int row) => nulls is not null && nulls[row];

    /// <summary>The value as an object (null when missing): for display, tests and slow paths only.</summary>
    public abstract object? GetValue(int row);

    /// <summary>The same values under another name.</summary>
    public abstract Column Rename(string name);

    /// <summary>The rows at the given positions, in that order (positions may repeat).</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>
    /// True for columns whose values have a natural numeric reading (numbers, booleans, dates, decimals).
    /// </summary>
    public virtual bool IsNumeric => false;

    /// <summary>
    /// The values as doubles with NaN for missing: numbers as they are, booleans as 0/1, dates and
    /// timestamps as <see cref="TemporalScale"/> days since 0001-01-01. Throws for string columns.
    /// </summary>
    public virtual double[] ToDoubles() =>
        throw new InvalidOperationException($"Column '{Name}' of type {DataType} has no numeric reading.");

    protected bool[]? TakeNulls(ReadOnlySpan<int> rows)
    {
        if (nulls is null)
        {
            return null;
        }

        var result = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = nulls[rows[i]];
        }

        return result;
    }
}

/// <summary>Conversion between temporal ticks and the numeric scale the engine models them on.</summary>
public static class TemporalScale
{
    /// <summary>Days since 0001-01-01 for the given ticks.</summary>
    public static double ToDays(long ticks) => ticks / (double)TimeSpan.TicksPerDay;

    /// <summary>Ticks for the given days since 0001-01-01, clamped to the representable range.</summary>
    public static long FromDays(double days)
    {
        var ticks = days * TimeSpan.TicksPerDay;
        if (double.IsNaN(ticks))
        {
            return 0;
        }

        return (long)Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
    }
}
