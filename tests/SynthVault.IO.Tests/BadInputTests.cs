using System.Text;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Testing;

namespace SynthVault.IO.Tests;

/// <summary>
/// Every kind of bad input gives one SynthVaultException whose message names the file (and row or column where
/// known), never a raw parser exception, and a failed read leaves nothing behind.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDirectory dir = new("io-bad");

    public void Dispose() => dir.Dispose();

    private SynthVaultException ReadFails(string name, byte[] content)
    {
        var path = CsvFiles.WriteBytes(dir, name, content);
        var e = Assert.Throws<SynthVaultException>(() => TableFile.Read(path));
        Assert.StartsWith(name, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal([name], dir.FileNames());
        return e;
    }

    private SynthVaultException ReadFails(string name, string content) => ReadFails(name, Encoding.UTF8.GetBytes(content));

    [Fact]
    public void A_row_with_too_few_fields_names_the_row_and_both_counts()
    {
        var e = ReadFails("ragged.csv", "a,b,c\n1,2,3\n4,5\n");
        Assert.Equal(2, e.Row);
        Assert.Contains("2 fields but the header has 3", e.Message);
    }

    [Fact]
    public void A_row_with_too_many_fields_names_the_row()
    {
        var e = ReadFails("ragged.csv", "a,b\n1,2\n3,4\n5,6,7\n");
        Assert.Equal(3, e.Row);
        Assert.Contains("3 fields but the header has 2", e.Message);
    }

    [Fact]
    public void An_unterminated_quote_names_the_row_where_it_opens()
    {
        var e = ReadFails("quote.csv", "a,b\n1,2\n3,\"never closed\n4,5\n");
        Assert.Equal(2, e.Row);
        Assert.Contains("never closed", e.Problem);
    }

    [Fact]
    public void Text_after_a_closing_quote_in_a_comma_file_is_an_error_naming_the_row()
    {
        var e = ReadFails("quote.csv", "a,b\n1,2\n3,\"x\" y\n4,\"x\" z\n5,\"q\"\"\n");
        Assert.NotNull(e.Row);
    }

    [Fact]
    public void Binary_garbage_with_NUL_bytes_is_rejected_as_not_text()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[100] = 0;
        var e = ReadFails("garbage.csv", bytes);
        Assert.Contains("not", e.Problem);
    }

    [Fact]
    public void A_NUL_byte_far_into_the_file_is_rejected_with_its_row_and_column()
    {
        var text = "a,b\n" + string.Concat(Enumerable.Range(0, 120_000).Select(i => $"{i},x{i}\n")) + "1,bad\0value\n";
        var e = ReadFails("late-nul.csv", text);
        Assert.Contains("NUL", e.Problem);
    }

    [Fact]
    public void Latin1_text_is_rejected_as_not_UTF8_naming_the_line()
    {
        var bytes = Encoding.Latin1.GetBytes("name,city\nJosé,Zürich\n");
        var e = ReadFails("latin1.csv", bytes);
        Assert.Contains("Line 2", e.Problem);
        Assert.Contains("UTF-8", e.Message);
    }

    [Fact]
    public void Invalid_UTF8_beyond_the_sniffed_sample_is_found_with_its_line()
    {
        var head = Encoding.UTF8.GetBytes("a,b\n" + string.Concat(Enumerable.Range(0, 150_000).Select(i => $"{i},x\n")));
        byte[] bytes = [.. head, .. Encoding.Latin1.GetBytes("7,Zürich\n")];
        var e = ReadFails("late-latin1.csv", bytes);
        Assert.Contains("Line 150002", e.Problem);
    }

    [Fact]
    public void An_empty_file_says_the_file_is_empty()
    {
        var e = ReadFails("empty.csv", []);
        Assert.Contains("empty", e.Problem);
    }

    [Fact]
    public void A_file_of_blank_lines_says_the_file_is_empty()
    {
        var e = ReadFails("blank.csv", "\n\r\n  \n");
        Assert.Contains("empty", e.Problem);
    }

    [Fact]
    public void A_header_without_rows_says_so()
    {
        var e = ReadFails("header.csv", "a,b,c\n");
        Assert.Contains("header but no data rows", e.Problem);
    }

    [Fact]
    public void A_duplicate_column_name_is_an_error_naming_the_column()
    {
        var e = ReadFails("dup.csv", "id,name,id\n1,a,2\n");
        Assert.Equal("id", e.Column);
        Assert.Contains("positions 1 and 3", e.Problem);
    }

    [Fact]
    public void Empty_column_names_get_generated_names_and_a_warning()
    {
        var path = CsvFiles.Write(dir, "unnamed.csv", ",x,\n1,2,3\n");
        var result = TableFile.Read(path);
        Assert.Equal(["column_0", "x", "column_2"], result.Table.ColumnNames);
        Assert.Equal(2, result.Warnings.Count(w => w.Contains("has no name", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_column_that_is_all_missing_is_read_as_empty_text_with_a_warning()
    {
        var path = CsvFiles.Write(dir, "nulls.csv", "a,b\n1,\n2,NA\n3,\n");
        var result = TableFile.Read(path);
        Assert.Equal(DataType.String, result.Table["b"].DataType);
        Assert.Equal(3, result.Table["b"].NullCount);
        Assert.Contains(result.Warnings, w => w.Contains("'b' has no values", StringComparison.Ordinal));
    }

    [Fact]
    public void A_column_of_mixed_types_is_text_and_the_warning_names_the_first_offending_row()
    {
        var path = CsvFiles.Write(dir, "mixed.csv", "v\n2020-01-01\n2021-05-06\nsoon\n");
        var result = TableFile.Read(path);
        Assert.Equal(DataType.String, result.Table["v"].DataType);
        var w = Assert.Single(result.Warnings);
        Assert.Contains("row 3", w);
        Assert.DoesNotContain("soon", w);
    }

    [Fact]
    public void NaN_and_Inf_strings_do_not_poison_a_numeric_column()
    {
        var path = CsvFiles.Write(dir, "nan.csv", "v\n1\nNaN\n-inf\n2\n");
        var result = TableFile.Read(path);
        var v = Assert.IsType<Int64Column>(result.Table["v"]);
        Assert.Equal(2, v.NullCount);
        Assert.Contains(result.Warnings, w => w.Contains("1 NaN and 1 infinite", StringComparison.Ordinal));
    }

    [Fact]
    public void A_million_distinct_categories_read_as_one_dictionary_encoded_column()
    {
        var sb = new StringBuilder("id,category\n", 20_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            sb.Append(i).Append(",c").Append(i).Append('\n');
        }

        var path = CsvFiles.Write(dir, "many.csv", sb.ToString());
        var category = Assert.IsType<StringColumn>(TableFile.Read(path).Table["category"]);
        Assert.Equal(1_000_000, category.Length);
        Assert.Equal(1_000_000, category.Dictionary.Count);
        Assert.Equal("c999999", category[999_999]);
    }

    [Fact]
    public void A_quote_never_closed_in_a_huge_file_fails_fast_instead_of_buffering_everything()
    {
        var text = "a,b\n1,\"open\n" + string.Concat(Enumerable.Repeat("filler line without quotes\n", 800_000));
        var e = ReadFails("runaway.csv", text);
        Assert.Equal(1, e.Row);
        Assert.Contains("quote", e.Problem);
    }

    [Fact]
    public void A_text_file_named_parquet_is_not_a_Parquet_file()
    {
        var e = ReadFails("data.parquet", "a,b\n1,2\n");
        Assert.Contains("not a Parquet file", e.Problem);
    }

    [Fact]
    public void A_truncated_Parquet_file_is_reported_as_truncated()
    {
        var full = dir.File("full.parquet");
        TableFile.Write(new Table([new Int64Column("x", [.. Enumerable.Range(0, 1000).Select(i => (long)i)])]), full);
        var bytes = File.ReadAllBytes(full);
        File.Delete(full);
        var e = ReadFails("cut.parquet", bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", e.Problem);
    }

    [Fact]
    public void A_Parquet_file_with_a_damaged_footer_is_reported_as_damaged()
    {
        var full = dir.File("full.parquet");
        TableFile.Write(new Table([new Int64Column("x", [1, 2, 3])]), full);
        var bytes = File.ReadAllBytes(full);
        File.Delete(full);
        for (var i = bytes.Length - 40; i < bytes.Length - 8; i++)
        {
            bytes[i] = 0xFF;
        }

        var e = ReadFails("damaged.parquet", bytes);
        Assert.Contains("damaged", e.Problem);
    }

    [Fact]
    public void A_Parquet_file_named_csv_is_recognised()
    {
        var full = dir.File("real.parquet");
        TableFile.Write(new Table([new Int64Column("x", [1, 2, 3])]), full);
        var bytes = File.ReadAllBytes(full);
        File.Delete(full);
        var e = ReadFails("data.csv", bytes);
        Assert.Contains("Parquet", e.Problem);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var e = Assert.Throws<SynthVaultException>(() => TableFile.Read(dir.File("nowhere.csv")));
        Assert.StartsWith("nowhere.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Problem);
    }

    [Fact]
    public void An_unknown_extension_is_a_clear_error()
    {
        var path = CsvFiles.Write(dir, "data.xlsx", "a\n1\n");
        var e = Assert.Throws<SynthVaultException>(() => TableFile.Read(path));
        Assert.Contains(".xlsx", e.Problem);
    }
}
