namespace SynthVault.Core.Data;

/// <summary>A column of 64-bit floating point numbers. A missing value is null in the mask, not NaN.</summary>
public sealed class Float64Column : Column
{
    private readonly double[] values;

    public Float64Column(string name, double[] values, bool[]? nulls = null)
        : base(name, values.Length, nulls) => this.values = values;

    public override DataType DataType => DataType.Float64;

    public override bool IsNumeric => true;

    /// <summary>The raw values; entries under the null mask are unspecified.</summary>
    public ReadOnlySpan<double> Values => values;

    public double this[int row] => values[row];

    public override object? GetValue(int row) => IsNull(row) ? null : values[row];

    public override Column Rename(string name) => new Float64Column(name, values, NullArray);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }

        return new Float64Column(Name, result, TakeNulls(rows));
    }

    public override double[] ToDoubles()
    {
        var result = values.ToArray();
        var mask = NullMask;
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                result[i] = double.NaN;
            }
        }

        return result;
    }
}
