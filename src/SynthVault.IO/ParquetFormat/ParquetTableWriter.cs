using Parquet;
using Parquet.Schema;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;

namespace SynthVault.IO.ParquetFormat;

/// <summary>
/// Writes a table as Parquet the way DuckDB, pandas (pyarrow) and Spark read it natively: every column optional;
/// Float64 → DOUBLE, Int64 → INT64, Boolean → BOOLEAN, Date → DATE, Timestamp → TIMESTAMP(MILLIS,
/// isAdjustedToUTC=false), TimestampUtc → TIMESTAMP(MILLIS, isAdjustedToUTC=true), Decimal → DECIMAL(p,s),
/// String → UTF-8 BYTE_ARRAY (dictionary-encoded when values repeat).
/// Timestamps are written as TIMESTAMP(MILLIS), not MICROS: Parquet.Net 6.1 writes the min/max statistics of every
/// timestamp column in milliseconds whatever the unit, so a MICROS column carries statistics 1000× too small, and
/// engines that trust statistics return wrong values (DuckDB's ORDER BY over such a file yields garbage timestamps;
/// row-group pruning in Spark would skip the wrong groups). With MILLIS the statistics are right; the price is that
/// sub-millisecond digits are dropped on write. Our interop test pins this against DuckDB.
/// </summary>
internal static class ParquetTableWriter
{
    /// <summary>Checks the table can be written before any file is created.</summary>
    public static void Validate(Table table, string path)
    {
        foreach (var column in table.Columns)
        {
            if (column is not (Int64Column or Float64Column or BooleanColumn or DateTimeColumn or DecimalColumn or StringColumn))
            {
                throw new SynthVaultException($"Columns of type {column.DataType} cannot be written to Parquet.", file: path, column: column.Name);
            }
        }
    }

    public static async Task WriteAsync(Table table, Stream stream, TableWriteOptions options, CancellationToken ct)
    {
        var fields = new DataField[table.ColumnCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = FieldFor(table[i]);
        }

        var parquetOptions = new ParquetOptions
        {
            CompressionMethod = options.Compression switch
            {
                ParquetCompression.Zstd => CompressionMethod.Zstd,
                ParquetCompression.Gzip => CompressionMethod.Gzip,
                ParquetCompression.None => CompressionMethod.None,
                _ => CompressionMethod.Snappy,
            },
        };
        // Parquet.Net writes strings PLAIN unless told; repeated values (categories) are what dictionary pages are
        // for, and every reader expects them there. Mostly-unique text stays PLAIN, where a dictionary only adds size.
        for (var i = 0; i < fields.Length; i++)
        {
            if (table[i] is StringColumn strings && strings.Dictionary.Count <= Math.Max(1, table.RowCount / 2))
            {
                parquetOptions.ColumnEncodingHints[fields[i].Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        var groupSize = Math.Max(1, options.RowGroupSize);
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, parquetOptions, append: false, ct).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            // A table with no rows still gets one (empty) row group so every reader sees the schema.
            for (var start = 0; start < Math.Max(table.RowCount, 1); start += groupSize)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(groupSize, table.RowCount - start);
                using var group = writer.CreateRowGroup();
                for (var c = 0; c < fields.Length; c++)
                {
                    await WriteColumnAsync(group, fields[c], table[c], start, count, ct).ConfigureAwait(false);
                }
            }
        }
    }

    private static DataField FieldFor(Column column) => column switch
    {
        Int64Column => new DataField<long?>(column.Name),
        Float64Column => new DataField<double?>(column.Name),
        BooleanColumn => new DataField<bool?>(column.Name),
        DateTimeColumn { DataType: DataType.Date } => new DateTimeDataField(column.Name, DateTimeFormat.Date, isNullable: true),
        DateTimeColumn d => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: d.DataType == DataType.TimestampUtc, unit: DateTimeTimeUnit.Millis, isNullable: true),
        DecimalColumn dec => new DecimalDataField(column.Name, dec.Precision, dec.Scale, isNullable: true),
        StringColumn => new DataField<string>(column.Name, nullable: true),
        _ => throw new InvalidOperationException($"Column type {column.GetType().Name} has no Parquet mapping."),
    };

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, Column column, int start, int count, CancellationToken ct)
    {
        switch (column)
        {
            case Int64Column ints:
                return group.WriteAsync<long>(field, Slice(ints.Values, column.NullMask, start, count), null, null, ct);
            case Float64Column doubles:
                return group.WriteAsync<double>(field, Slice(doubles.Values, column.NullMask, start, count), null, null, ct);
            case BooleanColumn bools:
                return group.WriteAsync<bool>(field, Slice(bools.Values, column.NullMask, start, count), null, null, ct);
            case DecimalColumn decimals:
                return group.WriteAsync<decimal>(field, Slice(decimals.Values, column.NullMask, start, count), null, null, ct);
            case DateTimeColumn dates:
                var kind = dates.DataType == DataType.TimestampUtc ? DateTimeKind.Utc : DateTimeKind.Unspecified;
                var values = new DateTime?[count];
                var ticks = dates.Ticks;
                var mask = column.NullMask;
                for (var i = 0; i < count; i++)
                {
                    var row = start + i;
                    values[i] = mask.Length > 0 && mask[row] ? null : new DateTime(ticks[row] - (ticks[row] % TimeSpan.TicksPerMillisecond), kind);
                }

                return group.WriteAsync<DateTime>(field, values, null, null, ct);
            case StringColumn strings:
                var text = new string?[count];
                for (var i = 0; i < count; i++)
                {
                    text[i] = strings[start + i];
                }

                return group.WriteAsync(field, text!, null);
            default:
                throw new InvalidOperationException($"Column type {column.GetType().Name} has no Parquet mapping.");
        }
    }

    private static T?[] Slice<T>(ReadOnlySpan<T> values, ReadOnlySpan<bool> mask, int start, int count)
        where T : struct
    {
        var result = new T?[count];
        for (var i = 0; i < count; i++)
        {
            var row = start + i;
            result[i] = mask.Length > 0 && mask[row] ? null : values[row];
        }

        return result;
    }
}
