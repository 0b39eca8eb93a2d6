namespace SynthVault.Core.Data;

/// <summary>A column of exact decimal numbers that share one scale (digits after the point).</summary>
public sealed class DecimalColumn : Column
{
    private readonly decimal[] values;

    public DecimalColumn(string name, decimal[] values, int precision, int scale, bool[]? nulls = null)
        : base(name, values.Length, nulls)
    {
        if (scale < 0 || scale > 28 || precision < 1 || precision > 38 || scale > precision)
        {
            throw new ArgumentException($"Column '{name}': decimal({precision},{scale}) is not a valid precision and scale.");
        }

        this.values = values;
        Precision = precision;
        Scale = scale;
    }

    public override DataType DataType => DataType.Decimal;

    public override bool IsNumeric => true;

    public int Precision { get; }

    public int Scale { get; }

    public ReadOnlySpan<decimal> Values => values;

    public decimal this[int row] => values[row];

    public override object? GetValue(int row) => IsNull(row) ? null : values[row];

    public override Column Rename(string name) => new DecimalColumn(name, values, Precision, Scale, NullArray);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var result = new decimal[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }

        return new DecimalColumn(Name, result, Precision, Scale, TakeNulls(rows));
    }

    public override double[] ToDoubles()
    {
        var result = new double[values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = IsNull(i) ? double.NaN : (double)values[i];
        }

        return result;
    }
}
