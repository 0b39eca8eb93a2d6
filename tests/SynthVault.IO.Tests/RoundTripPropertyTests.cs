using CsCheck;
using SynthVault.Core.Data;
using SynthVault.Testing;

namespace SynthVault.IO.Tests;

/// <summary>
/// Write → read round trips over random tables of every data type (CsCheck; the seed is fixed so CI runs the same
/// cases, and a failure prints a shrunk example).
/// </summary>
public sealed class RoundTripPropertyTests : IDisposable
{
    private const string Seed = "0N0XIzNsQ0O2";
    private static int fileCounter;
    private readonly TempDirectory dir = new("io-prop");

    public void Dispose() => dir.Dispose();

    /// <summary>Text pieces that stress CSV: delimiters, quotes, line breaks, unicode (whole surrogate pairs), tokens.</summary>
    private static readonly Gen<string> Text = Gen.OneOf("a", "Z", " ", ",", ";", "|", "\t", "\"", "\"\"", "\n", "\r\n", "\r", "é", "日本", "😀", "NA", "null", "#", "0", "1.5", "-", "'")
        .Array[0, 6].Select(string.Concat);

    private static readonly Gen<string> Word = Gen.OneOf("alpha", "beta", "Gamma", "delta x", "ÉPSILON", "zeta-eta", "θ")
        .Array[1, 3].Select(parts => string.Join(' ', parts));

    private static readonly Gen<bool> IsNull = Gen.Int[0, 4].Select(i => i == 0);

    private static Gen<Column> ColumnGen(string name, DataType type, int rows, bool milliseconds, bool finiteOnly, bool wordsOnly) => type switch
    {
        DataType.Int64 => Gen.Select(Gen.Long.Array[rows], IsNull.Array[rows], (v, n) => (Column)new Int64Column(name, v, n)),
        DataType.Float64 => Gen.Select((finiteOnly ? Gen.Double.Where(double.IsFinite) : Gen.Double).Array[rows], IsNull.Array[rows], (v, n) => (Column)new Float64Column(name, v, n)),
        DataType.Boolean => Gen.Select(Gen.Bool.Array[rows], IsNull.Array[rows], (v, n) => (Column)new BooleanColumn(name, v, n)),
        DataType.Date => Gen.Select(Gen.Int[0, 3_652_058].Array[rows], IsNull.Array[rows], (d, n) => (Column)new DateTimeColumn(name, DataType.Date, [.. d.Select(x => x * TimeSpan.TicksPerDay)], n)),
        DataType.Timestamp or DataType.TimestampUtc => Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks / 10].Array[rows], IsNull.Array[rows], (t, n) =>
            (Column)new DateTimeColumn(name, type, [.. t.Select(x => milliseconds ? x * 10 / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond : (x * 10) + (x % 10))], n)),
        DataType.Decimal => Gen.Select(Gen.Long[-999_999_999_999_999, 999_999_999_999_999].Array[rows], IsNull.Array[rows], Gen.Int[0, 6], (v, n, scale) =>
            (Column)new DecimalColumn(name, [.. v.Select(x => new decimal(x) / Pow10(scale))], 18, scale, n)),
        _ => Gen.Select((wordsOnly ? Word : Text).Array[rows], IsNull.Array[rows], (v, n) =>
            (Column)StringColumn.FromValues(name, [.. v.Select((s, i) => n[i] ? null : s)])),
    };

    private static decimal Pow10(int scale)
    {
        var p = 1m;
        for (var i = 0; i < scale; i++)
        {
            p *= 10;
        }

        return p;
    }

    private static Gen<Table> TableGen(DataType[] allowed, int minRows, bool milliseconds, bool finiteOnly, bool wordsOnly) =>
        Gen.Select(Gen.Int[minRows, 25], Gen.Int[0, allowed.Length - 1].Array[1, 7])
            .SelectMany((rows, kinds) =>
                kinds.Select((k, i) => ColumnGen($"c{i}", allowed[k], rows, milliseconds, finiteOnly, wordsOnly))
                    .Aggregate(Gen.Const(Array.Empty<Column>()), (acc, column) => acc.SelectMany(list => column.Select(c => (Column[])[.. list, c])))
                    .Select(columns => new Table(columns)));

    private string NextPath(string extension) => dir.File($"t{Interlocked.Increment(ref fileCounter)}{extension}");

    /// <summary>Timestamps are millisecond-aligned here: Parquet output keeps milliseconds (see ParquetTableWriter).</summary>
    [Fact]
    public void Parquet_round_trips_every_type_with_nulls_exactly()
    {
        DataType[] all = [DataType.Int64, DataType.Float64, DataType.Boolean, DataType.Date, DataType.Timestamp, DataType.TimestampUtc, DataType.Decimal, DataType.String];
        Gen.Select(TableGen(all, 0, milliseconds: true, finiteOnly: false, wordsOnly: false), Gen.Enum<ParquetCompression>(), Gen.Int[1, 10]).Sample((table, compression, groupSize) =>
        {
            var path = NextPath(".parquet");
            TableFile.Write(table, path, new TableWriteOptions { Compression = compression, RowGroupSize = groupSize });
            var back = TableFile.Read(path);
            Assert.Equal("parquet", back.Format);
            AssertSameTable(table, back.Table, exactDecimalPrecision: true);
        }, seed: Seed, iter: 150, threads: 1);
    }

    [Fact]
    public void CSV_round_trips_every_type_with_nulls_empty_strings_and_special_characters_when_types_are_given()
    {
        DataType[] all = [DataType.Int64, DataType.Float64, DataType.Boolean, DataType.Date, DataType.Timestamp, DataType.TimestampUtc, DataType.Decimal, DataType.String];
        TableGen(all, 1, milliseconds: false, finiteOnly: true, wordsOnly: false).Sample(table =>
        {
            var path = NextPath(".csv");
            TableFile.Write(table, path);
            var options = new TableReadOptions
            {
                HasHeader = true,
                Delimiter = ',',
                ColumnTypes = table.Columns.ToDictionary(c => c.Name, c => c.DataType),
            };
            AssertSameTable(table, TableFile.Read(path, options).Table, exactDecimalPrecision: false);
        }, seed: Seed, iter: 150, threads: 1);
    }

    [Fact]
    public void CSV_round_trips_with_types_inferred_when_every_column_has_a_value()
    {
        DataType[] inferable = [DataType.Int64, DataType.Float64, DataType.Boolean, DataType.Date, DataType.Timestamp, DataType.TimestampUtc, DataType.String];
        TableGen(inferable, 1, milliseconds: false, finiteOnly: true, wordsOnly: true)
            .Where(t => t.Columns.All(c => c.NullCount < c.Length))
            .Sample(table =>
            {
                var path = NextPath(".csv");
                TableFile.Write(table, path);
                var result = TableFile.Read(path);
                AssertSameTable(table, result.Table, exactDecimalPrecision: false);
                Assert.Empty(result.Warnings);
            }, seed: Seed, iter: 150, threads: 1);
    }

    private static void AssertSameTable(Table expected, Table actual, bool exactDecimalPrecision)
    {
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (var e in expected.Columns)
        {
            var a = actual[e.Name];
            Assert.Equal(e.DataType, a.DataType);
            if (e is DecimalColumn ed)
            {
                var ad = (DecimalColumn)a;
                if (exactDecimalPrecision || ed.NullCount < ed.Length)
                {
                    // CSV has no column scale: it is the largest scale among the values, so an all-missing column has 0.
                    Assert.Equal(ed.Scale, ad.Scale);
                }

                if (exactDecimalPrecision)
                {
                    Assert.Equal(ed.Precision, ad.Precision);
                }
            }

            for (var i = 0; i < e.Length; i++)
            {
                Assert.Equal(e.IsNull(i), a.IsNull(i));
                if (e.IsNull(i))
                {
                    continue;
                }

                if (e is Float64Column ef)
                {
                    var x = ef[i];
                    var y = ((Float64Column)a)[i];
                    Assert.True(double.IsNaN(x) ? double.IsNaN(y) : BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y), $"{e.Name}[{i}]: {x:R} became {y:R}");
                }
                else
                {
                    Assert.Equal(e.GetValue(i), a.GetValue(i));
                }
            }
        }
    }
}
