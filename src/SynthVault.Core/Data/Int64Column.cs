namespace SynthVault.Core.Data;

/// <summary>A column of 64-bit signed integers.</summary>
public sealed class Int64Column : Column
{
    private readonly long[] values;

    public Int64Column(string name, long[] values, bool[]? nulls = null)
        : base(name, values.Length, nulls) => this.values = values;

    public override DataType DataType => DataType.Int64;

    public override bool IsNumeric => true;

    public ReadOnlySpan<long> Values => values;

    public long this[int row] => values[row];

    public override object? GetValue(int row) => IsNull(row) ? null : values[row];

    public override Column Rename(string name) => new Int64Column(name, values, NullArray);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var result = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }

        return new Int64Column(Name, result, TakeNulls(rows));
    }

    public override double[] ToDoubles()
    {
        var result = new double[values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = IsNull(i) ? double.NaN : values[i];
        }

        return result;
    }
}
