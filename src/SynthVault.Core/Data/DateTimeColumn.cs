namespace SynthVault.Core.Data;

/// <summary>
/// A column of dates, wall-clock timestamps or UTC instants, stored as <see cref="DateTime.Ticks"/>.
/// For <see cref="DataType.TimestampUtc"/> the ticks are UTC; for <see cref="DataType.Date"/> they fall on midnight.
/// </summary>
public sealed class DateTimeColumn : Column
{
    private readonly long[] ticks;

    public DateTimeColumn(string name, DataType dataType, long[] ticks, bool[]? nulls = null)
        : base(name, ticks.Length, nulls)
    {
        if (dataType is not (DataType.Date or DataType.Timestamp or DataType.TimestampUtc))
        {
            throw new ArgumentException($"{dataType} is not a temporal type.", nameof(dataType));
        }

        DataType = dataType;
        this.ticks = ticks;
    }

    public override DataType DataType { get; }

    public override bool IsNumeric => true;

    public ReadOnlySpan<long> Ticks => ticks;

    public DateTime this[int row] => new(ticks[row], DataType == DataType.TimestampUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified);

    public override object? GetValue(int row) => IsNull(row) ? null : this[row];

    public override Column Rename(string name) => new DateTimeColumn(name, DataType, ticks, NullArray);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        var result = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = ticks[rows[i]];
        }

        return new DateTimeColumn(Name, DataType, result, TakeNulls(rows));
    }

    public override double[] ToDoubles()
    {
        var result = new double[ticks.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = IsNull(i) ? double.NaN : TemporalScale.ToDays(ticks[i]);
        }

        return result;
    }
}
