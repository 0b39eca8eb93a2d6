using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Testing;

namespace SynthVault.IO.Tests;

public sealed class WriteTests : IDisposable
{
    private readonly TempDirectory dir = new("io-write");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void CSV_output_keeps_nulls_empty_strings_quotes_and_types_apart()
    {
        var table = new Table(
        [
            StringColumn.FromValues("s", [null, string.Empty, "a,\"b\"", "line\nbreak"]),
            new Float64Column("f", [1.0, 0.1, double.NaN, -0.0], [false, false, false, true]),
            new Int64Column("i", [1, -2, 3, 4]),
            new BooleanColumn("b", [true, false, true, false]),
            new DateTimeColumn("d", DataType.Date, [.. Enumerable.Repeat(new DateTime(2024, 2, 29).Ticks, 4)]),
            new DateTimeColumn("t", DataType.TimestampUtc, [.. Enumerable.Repeat(new DateTime(2024, 2, 29, 1, 2, 3).AddTicks(5000).Ticks, 4)]),
            new DecimalColumn("m", [1.5m, 2m, -0.25m, 10m], 10, 2),
        ]);
        var path = dir.File("out.csv");
        TableFile.Write(table, path);
        var lines = File.ReadAllText(path).Split('\n');
        Assert.Equal("s,f,i,b,d,t,m", lines[0]);
        Assert.Equal(",1.0,1,true,2024-02-29,2024-02-29T01:02:03.0005Z,1.50", lines[1]);
        Assert.Equal("\"\",0.1,-2,false,2024-02-29,2024-02-29T01:02:03.0005Z,2.00", lines[2]);
        Assert.Equal("\"a,\"\"b\"\"\",NaN,3,true,2024-02-29,2024-02-29T01:02:03.0005Z,-0.25", lines[3]);
        Assert.Equal("\"line", lines[4]);
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void A_tsv_file_is_written_with_tabs()
    {
        var path = dir.File("out.tsv");
        TableFile.Write(new Table([new Int64Column("a", [1]), StringColumn.FromValues("b", ["x,y"])]), path);
        Assert.Equal("a\tb\n1\tx,y\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_old_file_intact_and_no_temp_file()
    {
        var path = dir.File("keep.txt");
        File.WriteAllText(path, "old content");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["keep.txt"], dir.FileNames());
    }

    [Fact]
    public void A_cancelled_table_write_leaves_no_file_behind()
    {
        var table = new Table([new Int64Column("x", new long[100_000])]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TableFile.Write(table, dir.File("x.csv"), cancellationToken: cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => TableFile.Write(table, dir.File("x.parquet"), cancellationToken: cts.Token));
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void A_successful_write_replaces_the_old_file_and_leaves_no_temp_file()
    {
        var path = dir.File("data.parquet");
        TableFile.Write(new Table([new Int64Column("x", [1])]), path);
        TableFile.Write(new Table([new Int64Column("x", [1, 2])]), path);
        Assert.Equal(2, TableFile.Read(path).Table.RowCount);
        Assert.Equal(["data.parquet"], dir.FileNames());
    }

    [Fact]
    public void WriteAllText_writes_UTF8_without_a_byte_order_mark()
    {
        var path = dir.File("r.json");
        AtomicFile.WriteAllText(path, "{\"é\":1}");
        Assert.Equal("{\"é\":1}"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Writing_into_a_missing_folder_is_a_clear_error()
    {
        var e = Assert.Throws<SynthVaultException>(() => TableFile.Write(new Table([new Int64Column("x", [1])]), Path.Combine(dir.Path, "nope", "x.csv")));
        Assert.Contains("folder", e.Problem);
        Assert.StartsWith("x.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_table_without_columns_is_a_clear_error_and_creates_nothing()
    {
        Assert.Throws<SynthVaultException>(() => TableFile.Write(Table.Empty, dir.File("x.parquet")));
        Assert.Empty(dir.FileNames());
    }
}
