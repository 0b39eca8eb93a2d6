using System.Globalization;
using DuckDB.NET.Data;
using SynthVault.Core.Data;
using SynthVault.Testing;

namespace SynthVault.IO.Tests;

/// <summary>
/// Files meet other tools: DuckDB (an independent Parquet and CSV implementation) writes files that we must read,
/// and reads the files we write. Values come from closed-form SQL expressions, so both sides compute them
/// independently.
/// </summary>
public sealed class DuckDbInteropTests : IDisposable
{
    private const int Rows = 5000;
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>The SQL generating every type we care about, with NULLs on different rows per column.</summary>
    private const string Source = """
        SELECT
            i::INTEGER AS i32,
            CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1000000007 END AS i64,
            CASE WHEN i % 11 = 0 THEN NULL ELSE i::DOUBLE / 7.0 END AS f64,
            (i / 3.0)::FLOAT AS f32,
            CASE WHEN i % 13 = 0 THEN NULL ELSE i % 3 = 0 END AS flag,
            CASE WHEN i % 17 = 0 THEN NULL ELSE DATE '2000-01-01' + i::INTEGER END AS day,
            CASE WHEN i % 19 = 0 THEN NULL ELSE TIMESTAMP '2020-02-29 23:59:59.123456' + INTERVAL (i) MINUTE END AS ts,
            CASE WHEN i % 23 = 0 THEN NULL ELSE TIMESTAMPTZ '2020-01-01 10:00:00+02' + INTERVAL (i) SECOND END AS tstz,
            CASE WHEN i % 29 = 0 THEN NULL ELSE (i * 1.2345 - 500)::DECIMAL(18,4) END AS amount,
            CASE WHEN i % 5 = 0 THEN NULL ELSE 'cat' || (i % 3)::VARCHAR END AS category,
            'ü "q", ' || i::VARCHAR AS note
        FROM range(5000) t(i)
        """;

    private readonly TempDirectory dir = new("io-duck");

    public void Dispose() => dir.Dispose();

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "SET TimeZone = 'UTC'");
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<object?[]> Query(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("snappy")]
    [InlineData("gzip")]
    [InlineData("uncompressed")]
    public void Parquet_written_by_DuckDB_reads_with_every_type_and_null(string compression)
    {
        var path = dir.File($"duck-{compression}.parquet");
        using (var duck = Open())
        {
            Execute(duck, $"COPY ({Source}) TO '{path}' (FORMAT parquet, COMPRESSION {compression}, ROW_GROUP_SIZE 2048)");

            // The test is only meaningful if DuckDB really wrote several row groups and a dictionary page.
            var meta = Query(duck, $"SELECT DISTINCT row_group_id FROM parquet_metadata('{path}')");
            Assert.True(meta.Count > 1);
            var encodings = Query(duck, $"SELECT encodings FROM parquet_metadata('{path}') WHERE path_in_schema = 'category'");
            Assert.Contains(encodings, r => r[0]!.ToString()!.Contains("DICTIONARY", StringComparison.Ordinal));
        }

        var table = TableFile.Read(path).Table;
        AssertSource(table, decimalsAsDecimal: true);
    }

    [Fact]
    public void CSV_written_by_DuckDB_reads_with_inferred_types()
    {
        var path = dir.File("duck.csv");
        using (var duck = Open())
        {
            Execute(duck, $"COPY ({Source}) TO '{path}' (FORMAT csv, HEADER)");
        }

        var result = TableFile.Read(path);
        AssertSource(result.Table, decimalsAsDecimal: false);
    }

    [Theory]
    [InlineData("TIME '10:11:12'", "TIME")]
    [InlineData("INTERVAL 3 DAY", "Interval")]
    [InlineData("[1, 2]", "Nested")]
    [InlineData("{'a': 1}", "Nested")]
    public void A_Parquet_column_of_an_unsupported_type_is_an_error_naming_the_column(string expression, string expected)
    {
        var path = dir.File("unsupported.parquet");
        using (var duck = Open())
        {
            Execute(duck, $"COPY (SELECT 1 AS fine, {expression} AS odd) TO '{path}' (FORMAT parquet)");
        }

        var e = Assert.Throws<Core.Errors.SynthVaultException>(() => TableFile.Read(path));
        Assert.Equal("odd", e.Column);
        Assert.StartsWith("unsupported.parquet", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Problem, StringComparison.Ordinal);
    }

    private static void AssertSource(Table t, bool decimalsAsDecimal)
    {
        Assert.Equal(Rows, t.RowCount);
        Assert.Equal(["i32", "i64", "f64", "f32", "flag", "day", "ts", "tstz", "amount", "category", "note"], t.ColumnNames);
        Assert.Equal(DataType.Int64, t["i32"].DataType);
        Assert.Equal(DataType.Int64, t["i64"].DataType);
        Assert.Equal(DataType.Float64, t["f64"].DataType);
        Assert.Equal(DataType.Float64, t["f32"].DataType);
        Assert.Equal(DataType.Boolean, t["flag"].DataType);
        Assert.Equal(DataType.Date, t["day"].DataType);
        Assert.Equal(DataType.Timestamp, t["ts"].DataType);
        Assert.Equal(DataType.TimestampUtc, t["tstz"].DataType);
        Assert.Equal(decimalsAsDecimal ? DataType.Decimal : DataType.Float64, t["amount"].DataType);
        Assert.Equal(DataType.String, t["category"].DataType);
        var tsBase = new DateTime(2020, 2, 29, 23, 59, 59).AddTicks(1_234_560);
        var tzBase = new DateTime(2020, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Rows; i++)
        {
            Assert.Equal((long)i, t["i32"].GetValue(i));
            Assert.Equal(i % 7 == 0 ? null : i * 1_000_000_007L, t["i64"].GetValue(i));
            Assert.Equal(i % 11 == 0 ? null : i / 7.0, t["f64"].GetValue(i));
            // Parquet carries the float's bits; CSV carries DuckDB's shortest decimal for the float, read as a double.
            var f32 = (float)(i / 3.0);
            Assert.Equal(decimalsAsDecimal ? f32 : double.Parse(f32.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), t["f32"].GetValue(i));
            Assert.Equal(i % 13 == 0 ? null : i % 3 == 0, t["flag"].GetValue(i));
            Assert.Equal(i % 17 == 0 ? null : new DateTime(2000, 1, 1).AddDays(i), t["day"].GetValue(i));
            Assert.Equal(i % 19 == 0 ? null : tsBase.AddMinutes(i), t["ts"].GetValue(i));
            Assert.Equal(i % 23 == 0 ? null : tzBase.AddSeconds(i), t["tstz"].GetValue(i));
            var amount = (i * 1.2345m) - 500m;
            Assert.Equal(i % 29 == 0 ? null : decimalsAsDecimal ? amount : double.Parse(amount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), t["amount"].GetValue(i));
            Assert.Equal(i % 5 == 0 ? null : $"cat{i % 3}", t["category"].GetValue(i));
            Assert.Equal($"ü \"q\", {i}", t["note"].GetValue(i));
        }

        if (decimalsAsDecimal)
        {
            var amount = (DecimalColumn)t["amount"];
            Assert.Equal((18, 4), (amount.Precision, amount.Scale));
        }
    }

    private static Table OurTable()
    {
        var rows = Enumerable.Range(0, Rows).ToArray();
        bool[] NullsEvery(int k) => [.. rows.Select(i => i % k == 0)];
        return new Table(
        [
            new Int64Column("id", [.. rows.Select(i => (long)i)]),
            new Int64Column("big", [.. rows.Select(i => (i * 9_007_199_254_740_993L) - long.MaxValue / 2)], NullsEvery(7)),
            new Float64Column("x", [.. rows.Select(i => Math.Sqrt(i) * Math.PI * (i % 2 == 0 ? 1 : -1e-300))], NullsEvery(11)),
            new BooleanColumn("flag", [.. rows.Select(i => i % 3 == 0)], NullsEvery(13)),
            new DateTimeColumn("day", DataType.Date, [.. rows.Select(i => new DateTime(1900, 3, 1).AddDays(i * 37).Ticks)], NullsEvery(17)),
            new DateTimeColumn("ts", DataType.Timestamp, [.. rows.Select(i => new DateTime(2021, 6, 30, 12, 0, 0).AddTicks(i * 12_345_670_000L).Ticks)], NullsEvery(19)),
            new DateTimeColumn("tstz", DataType.TimestampUtc, [.. rows.Select(i => new DateTime(1999, 12, 31, 23, 0, 0).AddSeconds(i * 3607).AddMilliseconds(i).Ticks)], NullsEvery(23)),
            new DecimalColumn("amount", [.. rows.Select(i => (i * 3.1415m) - 1000m)], 18, 4, NullsEvery(29)),
            StringColumn.FromValues("category", [.. rows.Select(i => i % 5 == 0 ? null : $"cat{i % 3}")]),
            StringColumn.FromValues("note", [.. rows.Select(i => i % 31 == 0 ? string.Empty : $"line {i}\n\"quoted\", ✓")]),
        ]);
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy, "SNAPPY")]
    [InlineData(ParquetCompression.Zstd, "ZSTD")]
    [InlineData(ParquetCompression.Gzip, "GZIP")]
    [InlineData(ParquetCompression.None, "UNCOMPRESSED")]
    public void Parquet_we_write_reads_in_DuckDB_with_the_same_types_and_values(ParquetCompression compression, string codec)
    {
        var table = OurTable();
        var path = dir.File("ours.parquet");
        TableFile.Write(table, path, new TableWriteOptions { Compression = compression, RowGroupSize = 2000 });
        using var duck = Open();
        var types = Query(duck, $"DESCRIBE SELECT * FROM read_parquet('{path}')").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("BIGINT", types["id"]);
        Assert.Equal("BIGINT", types["big"]);
        Assert.Equal("DOUBLE", types["x"]);
        Assert.Equal("BOOLEAN", types["flag"]);
        Assert.Equal("DATE", types["day"]);
        Assert.Equal("TIMESTAMP", types["ts"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["tstz"]);
        Assert.Equal("DECIMAL(18,4)", types["amount"]);
        Assert.Equal("VARCHAR", types["category"]);
        Assert.Equal("VARCHAR", types["note"]);
        Assert.Contains(Query(duck, $"SELECT DISTINCT compression FROM parquet_metadata('{path}')"), r => (string)r[0]! == codec);
        Assert.Equal(3L, Convert.ToInt64(Query(duck, $"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{path}')")[0][0], CultureInfo.InvariantCulture));
        Assert.All(
            Query(duck, $"SELECT encodings FROM parquet_metadata('{path}') WHERE path_in_schema = 'category'"),
            r => Assert.Contains("DICTIONARY", r[0]!.ToString()!, StringComparison.Ordinal));
        AssertDuckSees(duck, $"read_parquet('{path}')", table);
    }

    [Fact]
    public void CSV_we_write_reads_in_DuckDB_with_the_same_types_and_values()
    {
        var table = OurTable();
        var path = dir.File("ours.csv");
        TableFile.Write(table, path);
        using var duck = Open();

        // allow_quoted_nulls=false: DuckDB then keeps "" as an empty string, like we do (its default reads it as NULL).
        var source = $"read_csv('{path}', allow_quoted_nulls = false, types = {{'amount': 'DECIMAL(18,4)'}})";
        var types = Query(duck, $"DESCRIBE SELECT * FROM {source}").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("BIGINT", types["id"]);
        Assert.Equal("DOUBLE", types["x"]);
        Assert.Equal("BOOLEAN", types["flag"]);
        Assert.Equal("DATE", types["day"]);
        Assert.Equal("TIMESTAMP", types["ts"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["tstz"]);
        AssertDuckSees(duck, source, table);
    }

    /// <summary>Compares DuckDB's view of the file with the table, row by row, through values DuckDB computes.</summary>
    private static void AssertDuckSees(DuckDBConnection duck, string source, Table table)
    {
        var rows = Query(duck, $"""
            SELECT id, big, x, flag, (day - DATE '0001-01-01')::BIGINT, epoch_us(ts), epoch_us(tstz), amount::VARCHAR, category, note
            FROM {source} ORDER BY id
            """);
        Assert.Equal(table.RowCount, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            Assert.Equal(table["id"].GetValue(i), Convert.ToInt64(r[0], CultureInfo.InvariantCulture));
            Assert.Equal(table["big"].GetValue(i), r[1] is null ? null : Convert.ToInt64(r[1], CultureInfo.InvariantCulture));
            Assert.Equal(table["x"].GetValue(i), r[2]);
            Assert.Equal(table["flag"].GetValue(i), r[3]);
            Assert.Equal(Days(table["day"], i), r[4] is null ? null : Convert.ToInt64(r[4], CultureInfo.InvariantCulture));
            Assert.Equal(Micros(table["ts"], i), r[5] is null ? null : Convert.ToInt64(r[5], CultureInfo.InvariantCulture));
            Assert.Equal(Micros(table["tstz"], i), r[6] is null ? null : Convert.ToInt64(r[6], CultureInfo.InvariantCulture));
            Assert.Equal(table["amount"].IsNull(i) ? null : ((decimal)table["amount"].GetValue(i)!).ToString("F4", CultureInfo.InvariantCulture), r[7]);
            Assert.Equal(table["category"].GetValue(i), r[8]);
            Assert.Equal(table["note"].GetValue(i), r[9]);
        }
    }

    private static long? Days(Column column, int row) => column.IsNull(row) ? null : ((DateTimeColumn)column).Ticks[row] / TimeSpan.TicksPerDay;

    private static long? Micros(Column column, int row) => column.IsNull(row) ? null : (((DateTimeColumn)column).Ticks[row] - EpochTicks) / 10;
}
