using SynthVault.Core.Data;
using SynthVault.Core.Progress;
using SynthVault.Testing;

namespace SynthVault.IO.Tests;

public sealed class CsvReadTests : IDisposable
{
    private readonly TempDirectory dir = new("io-csv");

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Every_column_gets_the_narrowest_type_that_fits_all_its_values()
    {
        var result = CsvFiles.Read(dir, "types.csv",
            "i,f,b,d,ts,tz,s\n" +
            "1,1.5,true,2020-01-31,2020-01-31T10:11:12,2020-01-31T10:11:12Z,x\n" +
            "-20,2e3,FALSE,1999-12-01,2020-02-01 00:00:00.1234567,2020-01-31T12:00:00+02:00,y\n");
        var t = result.Table;
        Assert.Equal("csv", result.Format);
        Assert.Equal(
            [DataType.Int64, DataType.Float64, DataType.Boolean, DataType.Date, DataType.Timestamp, DataType.TimestampUtc, DataType.String],
            t.Columns.Select(c => c.DataType));
        Assert.Equal(-20L, t["i"].GetValue(1));
        Assert.Equal(2000.0, t["f"].GetValue(1));
        Assert.Equal(false, t["b"].GetValue(1));
        Assert.Equal(new DateTime(1999, 12, 1), t["d"].GetValue(1));
        Assert.Equal(new DateTime(2020, 2, 1).AddTicks(1234567), t["ts"].GetValue(1));
        Assert.Equal(new DateTime(2020, 1, 31, 10, 11, 12, DateTimeKind.Utc), t["tz"].GetValue(0));
        Assert.Equal(new DateTime(2020, 1, 31, 10, 0, 0, DateTimeKind.Utc), t["tz"].GetValue(1));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void An_integer_column_widens_to_float_when_a_later_value_has_a_fraction()
    {
        var t = CsvFiles.Read(dir, "widen.csv", "x\n1\n2\n2.5\n").Table;
        var x = Assert.IsType<Float64Column>(t["x"]);
        Assert.Equal([1.0, 2.0, 2.5], x.Values.ToArray());
    }

    [Fact]
    public void A_date_column_widens_to_timestamp_when_a_later_value_has_a_time()
    {
        var t = CsvFiles.Read(dir, "widen.csv", "x\n2020-01-01\n2020-01-02T03:04:05\n").Table;
        Assert.Equal(DataType.Timestamp, t["x"].DataType);
        Assert.Equal(new DateTime(2020, 1, 1), t["x"].GetValue(0));
    }

    [Fact]
    public void Empty_unquoted_fields_are_missing_and_quoted_empty_strings_are_values()
    {
        var t = CsvFiles.Read(dir, "nulls.csv", "n,s\n1,\"\"\n,\n3,a\n").Table;
        Assert.True(t["n"].IsNull(1));
        Assert.Equal(string.Empty, t["s"].GetValue(0));
        Assert.Null(t["s"].GetValue(1));
        Assert.Equal("a", t["s"].GetValue(2));
    }

    [Fact]
    public void A_text_column_that_starts_with_quoted_empty_strings_keeps_them_as_values()
    {
        var t = CsvFiles.Read(dir, "late.csv", "s,n\n\"\",1\n,2\nabc,3\n").Table;
        Assert.Equal(DataType.String, t["s"].DataType);
        Assert.Equal([string.Empty, null, "abc"], Enumerable.Range(0, 3).Select(i => (string?)t["s"].GetValue(i)));
    }

    [Fact]
    public void Null_tokens_are_missing_in_numeric_columns_and_kept_in_text_columns_with_a_warning()
    {
        var result = CsvFiles.Read(dir, "tokens.csv", "n,country\n1,NA\nNA,FR\nNULL,NA\n4,DE\n");
        var t = result.Table;
        Assert.Equal(DataType.Int64, t["n"].DataType);
        Assert.Equal(2, t["n"].NullCount);
        Assert.Equal("NA", t["country"].GetValue(0));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'country'", warning);
        Assert.Contains("2 values", warning);
    }

    [Fact]
    public void Null_tokens_in_text_are_missing_when_the_option_says_so()
    {
        var result = CsvFiles.Read(dir, "tokens.csv", "country\nNA\nFR\n", new TableReadOptions { NullTokensInTextAreMissing = true });
        Assert.Null(result.Table["country"].GetValue(0));
        Assert.Equal("FR", result.Table["country"].GetValue(1));
    }

    [Fact]
    public void NaN_and_infinity_strings_in_a_numeric_column_are_missing_and_counted_in_a_warning()
    {
        var result = CsvFiles.Read(dir, "nan.csv", "x\n1.5\nNaN\nnan\ninf\n-Infinity\n2\n1e999\n");
        var x = Assert.IsType<Float64Column>(result.Table["x"]);
        Assert.Equal(5, x.NullCount);
        Assert.Equal(1.5, x[0]);
        Assert.Equal(2.0, x[5]);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'x'", warning);
        Assert.Contains("2 NaN and 3 infinite", warning);
    }

    [Fact]
    public void A_column_mixing_numbers_and_text_is_text_with_the_original_spelling_and_a_warning_naming_the_row()
    {
        var result = CsvFiles.Read(dir, "mixed.csv", "x\n1.50\n007x\n2\n\n");
        var x = Assert.IsType<StringColumn>(result.Table["x"]);
        Assert.Equal(["1.50", "007x", "2", null], Enumerable.Range(0, 4).Select(i => x[i]));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'x'", warning);
        Assert.Contains("row 2", warning);
    }

    [Fact]
    public void Integers_with_leading_zeros_stay_text_so_codes_keep_their_digits()
    {
        var t = CsvFiles.Read(dir, "zip.csv", "zip,n\n02134,0\n10001,10\n").Table;
        Assert.Equal(DataType.String, t["zip"].DataType);
        Assert.Equal("02134", t["zip"].GetValue(0));
        Assert.Equal(DataType.Int64, t["n"].DataType);
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData(',')]
    public void The_delimiter_is_detected(char delimiter)
    {
        var d = delimiter.ToString();
        var t = CsvFiles.Read(dir, "delim.txt", $"a{d}b{d}c\n1{d}\"x,{d}y\"{d}2.5\n3{d}z{d}4\n").Table;
        Assert.Equal(["a", "b", "c"], t.ColumnNames);
        Assert.Equal(2, t.RowCount);
    }

    [Fact]
    public void A_file_whose_first_row_is_data_gets_generated_column_names()
    {
        var t = CsvFiles.Read(dir, "noheader.csv", "1,2.5,x\n2,3.5,y\n3,4.5,z\n").Table;
        Assert.Equal(["column_0", "column_1", "column_2"], t.ColumnNames);
        Assert.Equal(3, t.RowCount);
        Assert.Equal(DataType.Int64, t["column_0"].DataType);
    }

    [Fact]
    public void The_header_option_overrides_detection()
    {
        var t = CsvFiles.Read(dir, "forced.csv", "1,2\n3,4\n", new TableReadOptions { HasHeader = true }).Table;
        Assert.Equal(["1", "2"], t.ColumnNames);
        Assert.Equal(1, t.RowCount);
    }

    [Fact]
    public void A_byte_order_mark_and_windows_line_ends_are_handled()
    {
        var path = CsvFiles.WriteBytes(dir, "bom.csv", [0xEF, 0xBB, 0xBF, .. "name,n\r\n\"a\r\nb\",1\r\nc,2\r\n"u8.ToArray()]);
        var t = TableFile.Read(path).Table;
        Assert.Equal(["name", "n"], t.ColumnNames);
        Assert.Equal("a\r\nb", t["name"].GetValue(0));
        Assert.Equal(2L, t["n"].GetValue(1));
    }

    [Fact]
    public void Quotes_delimiters_and_unicode_inside_quoted_values_survive()
    {
        var t = CsvFiles.Read(dir, "quotes.csv", "s\n\"say \"\"hi\"\", ok\"\n\"日本語 ✓ 😀\"\n#not a comment\n").Table;
        Assert.Equal("say \"hi\", ok", t["s"].GetValue(0));
        Assert.Equal("日本語 ✓ 😀", t["s"].GetValue(1));
        Assert.Equal("#not a comment", t["s"].GetValue(2));
    }

    [Fact]
    public void In_a_single_column_file_a_blank_line_is_a_missing_value()
    {
        var t = CsvFiles.Read(dir, "one.csv", "x\n1\n\n3\n").Table;
        Assert.Equal(3, t.RowCount);
        Assert.True(t["x"].IsNull(1));
    }

    [Fact]
    public void Blank_lines_between_records_of_a_wider_file_are_skipped_with_a_warning()
    {
        var result = CsvFiles.Read(dir, "blank.csv", "a,b\n1,2\n\n3,4\n");
        Assert.Equal(2, result.Table.RowCount);
        Assert.Contains(result.Warnings, w => w.Contains("1 blank lines", StringComparison.Ordinal));
    }

    [Fact]
    public void Column_types_given_by_the_caller_replace_inference()
    {
        var options = new TableReadOptions
        {
            ColumnTypes = new Dictionary<string, DataType> { ["code"] = DataType.String, ["amount"] = DataType.Decimal, ["n"] = DataType.Float64 },
        };
        var t = CsvFiles.Read(dir, "typed.csv", "code,amount,n\n123,1.50,1\n007,-20.125,2\n", options).Table;
        Assert.Equal("007", t["code"].GetValue(1));
        var amount = Assert.IsType<DecimalColumn>(t["amount"]);
        Assert.Equal(3, amount.Scale);
        Assert.Equal(-20.125m, amount[1]);
        Assert.Equal(DataType.Float64, t["n"].DataType);
    }

    [Fact]
    public void A_value_that_does_not_fit_a_given_type_is_an_error_naming_row_and_column()
    {
        var options = new TableReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["n"] = DataType.Int64 } };
        var e = Assert.Throws<Core.Errors.SynthVaultException>(() => CsvFiles.Read(dir, "typed.csv", "n\n1\nabc\n", options));
        Assert.Equal(2, e.Row);
        Assert.Equal("n", e.Column);
        Assert.Contains("typed.csv", e.Message);
        Assert.DoesNotContain("abc", e.Message);
    }

    [Fact]
    public void A_tab_separated_file_with_stray_quotes_reads_quotes_literally_with_a_warning()
    {
        var result = CsvFiles.Read(dir, "sms.tsv", "label\ttext\nham\t\"Hi\" she said\nspam\t\"Win\"\nham\tok\n");
        Assert.Equal("\"Hi\" she said", result.Table["text"].GetValue(0));
        Assert.Equal("\"Win\"", result.Table["text"].GetValue(1));
        Assert.Contains(result.Warnings, w => w.Contains("Quotes are read as ordinary characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_reaches_the_file_size()
    {
        var path = CsvFiles.Write(dir, "p.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},{i * 0.5}\n")));
        var updates = new List<ProgressUpdate>();
        TableFile.Read(path, progress: new SyncProgress(updates.Add));
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal("read", u.Stage));
        Assert.Equal(new FileInfo(path).Length, updates[^1].Done);
        Assert.Equal(updates[^1].Total, updates[^1].Done);
    }

    [Fact]
    public void A_cancelled_read_stops_with_OperationCanceledException()
    {
        var path = CsvFiles.Write(dir, "c.csv", "a\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i}\n")));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => TableFile.Read(path, cancellationToken: cts.Token));
    }

    /// <summary>Progress that reports on the calling thread (Progress&lt;T&gt; posts to the pool).</summary>
    private sealed class SyncProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
