namespace SynthVault.Core.Data;

/// <summary>A column of true/false values.</summary>
public sealed class BooleanColumn : Column
{
    private readonly bool[] values;

    public BooleanColumn(string name, bool[] values, bool[]? nulls = null)
        : base(name, values.Length, nulls) => this.values = values;

    public override DataType DataType => DataType.Boolean;

    public override bool IsNumeric => true;

    public ReadOnlySpan<bool> Values => values;

    public bool this[int row] => values[row];

    public override object? GetValue(int row) => IsNull(row) ? null : values[row];

    public override Column Rename(string name) => new BooleanColumn(name, values, NullArray);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var result = new bool[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = values[rows[i]];
        }

        return new BooleanColumn(Name, result, TakeNulls(rows));
    }

    public override double[] ToDoubles()
    {
        var result = new double[values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = IsNull(i) ? double.NaN : values[i] ? 1.0 : 0.0;
        }

        return result;
    }
}
