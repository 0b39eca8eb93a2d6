using System.Globalization;
using Parquet;
using Parquet.Schema;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;

namespace SynthVault.IO.ParquetFormat;

/// <summary>Receives one Parquet column, row group by row group, into one of our column arrays.</summary>
internal abstract class ColumnSink
{
    protected ColumnSink(DataField field, int rows)
    {
        Field = field;
        Rows = rows;
    }

    public string Name => Field.Name;

    protected DataField Field { get; }

    protected int Rows { get; }

    protected bool[]? Nulls { get; set; }

    public abstract Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct);

    public abstract Column Build(List<string> warnings);

    protected void MarkNull(int row)
    {
        Nulls ??= new bool[Rows];
        Nulls[row] = true;
    }

    /// <summary>Picks the sink for a Parquet column from its logical and physical type.</summary>
    public static ColumnSink For(DataField field, int rows, string path)
    {
        var name = field.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new SynthVaultException("A column has no name.", file: path);
        }

        switch (field)
        {
            case DateTimeDataField dt:
                var type = dt.DateTimeFormat switch
                {
                    DateTimeFormat.Date => DataType.Date,
                    DateTimeFormat.Impala => DataType.TimestampUtc,
                    _ => dt.IsAdjustedToUTC ? DataType.TimestampUtc : DataType.Timestamp,
                };
                return new ValueSink<DateTime, long>(field, rows, type, static v => v.Ticks);
            case DecimalDataField dec:
                return new DecimalSink(dec, rows);
            case TimeDataField:
                throw Unsupported(path, name, "TIME (time of day)");
            default:
                break;
        }

        var clr = field.ClrType;
        if (clr == typeof(long))
        {
            return new ValueSink<long, long>(field, rows, DataType.Int64, static v => v);
        }

        if (clr == typeof(int))
        {
            return new ValueSink<int, long>(field, rows, DataType.Int64, static v => v);
        }

        if (clr == typeof(short))
        {
            return new ValueSink<short, long>(field, rows, DataType.Int64, static v => v);
        }

        if (clr == typeof(sbyte))
        {
            return new ValueSink<sbyte, long>(field, rows, DataType.Int64, static v => v);
        }

        if (clr == typeof(byte))
        {
            return new ValueSink<byte, long>(field, rows, DataType.Int64, static v => v);
        }

        if (clr == typeof(ushort))
        {
            return new ValueSink<ushort, long>(field, rows, DataType.Int64, static v => v);
        }

        if (clr == typeof(uint))
        {
            return new ValueSink<uint, long>(field, rows, DataType.Int64, static v => v);
        }

        if (clr == typeof(ulong))
        {
            return new ValueSink<ulong, long>(field, rows, DataType.Int64, v => v <= long.MaxValue
                ? (long)v
                : throw new SynthVaultException("An unsigned 64-bit value is too large for a signed 64-bit integer.", file: path, column: name, hint: "Cast the column to DOUBLE or DECIMAL before exporting."));
        }

        if (clr == typeof(double))
        {
            return new ValueSink<double, double>(field, rows, DataType.Float64, static v => v);
        }

        if (clr == typeof(float))
        {
            return new ValueSink<float, double>(field, rows, DataType.Float64, static v => v);
        }

        if (clr == typeof(bool))
        {
            return new ValueSink<bool, bool>(field, rows, DataType.Boolean, static v => v);
        }

        if (clr == typeof(DateTime))
        {
            return new ValueSink<DateTime, long>(field, rows, DataType.TimestampUtc, static v => v.Ticks);
        }

        if (clr == typeof(DateTimeOffset))
        {
            return new ValueSink<DateTimeOffset, long>(field, rows, DataType.TimestampUtc, static v => v.UtcTicks);
        }

        if (clr == typeof(string) || clr == typeof(ReadOnlyMemory<char>))
        {
            return new StringSink(field, rows);
        }

        if (clr == typeof(byte[]) || clr == typeof(ReadOnlyMemory<byte>))
        {
            throw Unsupported(path, name, "binary (BYTE_ARRAY without a string annotation)");
        }

        throw Unsupported(path, name, clr.Name);
    }

    private static SynthVaultException Unsupported(string path, string column, string type) =>
        new($"Columns of type {type} are not supported.", file: path, column: column, hint: "Cast the column to a number, string or timestamp, or leave it out before exporting.");

    private sealed class ValueSink<TSource, TTarget>(DataField field, int rows, DataType type, Func<TSource, TTarget> convert) : ColumnSink(field, rows)
        where TSource : struct
    {
        private readonly TTarget[] values = new TTarget[rows];

        public override async Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct)
        {
            var buffer = new TSource?[count];
            await group.ReadAsync<TSource>(Field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                if (buffer[i] is { } v)
                {
                    values[offset + i] = convert(v);
                }
                else
                {
                    MarkNull(offset + i);
                }
            }
        }

        public override Column Build(List<string> warnings) => type switch
        {
            DataType.Int64 => new Int64Column(Name, (long[])(object)values, Nulls),
            DataType.Float64 => new Float64Column(Name, (double[])(object)values, Nulls),
            DataType.Boolean => new BooleanColumn(Name, (bool[])(object)values, Nulls),
            DataType.Date => new DateTimeColumn(Name, DataType.Date, DropTimeOfDay((long[])(object)values), Nulls),
            _ => new DateTimeColumn(Name, type, (long[])(object)values, Nulls),
        };

        private static long[] DropTimeOfDay(long[] ticks)
        {
            for (var i = 0; i < ticks.Length; i++)
            {
                ticks[i] -= ticks[i] % TimeSpan.TicksPerDay;
            }

            return ticks;
        }
    }

    private sealed class DecimalSink(DecimalDataField field, int rows) : ColumnSink(field, rows)
    {
        private readonly decimal[] values = new decimal[rows];

        public override async Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct)
        {
            var buffer = new decimal?[count];
            await group.ReadAsync<decimal>(Field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                if (buffer[i] is { } v)
                {
                    values[offset + i] = v;
                }
                else
                {
                    MarkNull(offset + i);
                }
            }
        }

        public override Column Build(List<string> warnings)
        {
            var precision = Math.Clamp(field.Precision, 1, 38);
            var scale = Math.Clamp(field.Scale, 0, Math.Min(28, precision));
            if (scale != field.Scale || precision != field.Precision)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Column '{Name}': decimal({field.Precision},{field.Scale}) is read as decimal({precision},{scale})."));
            }

            return new DecimalColumn(Name, values, precision, scale, Nulls);
        }
    }

    private sealed class StringSink(DataField field, int rows) : ColumnSink(field, rows)
    {
        private readonly StringColumnBuilder builder = new(field.Name, rows);

        public override async Task ReadAsync(ParquetRowGroupReader group, int offset, int count, CancellationToken ct)
        {
            var buffer = new string?[count];
            await group.ReadAsync(Field, buffer.AsMemory()!, null, ct).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                builder.Append(buffer[i]);
            }
        }

        public override Column Build(List<string> warnings) => builder.Build();
    }
}
