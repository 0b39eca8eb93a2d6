using System.Text.Json;
using SynthVault.Testing;

namespace SynthVault.Cli.Tests;

/// <summary><c>synthvault text eval</c> on subsets of the bundled SMS spam data.</summary>
public sealed class TextEvalCommandTests
{
    /// <summary>Writes the header and the given data lines (1-based, header excluded) of the bundled TSV.</summary>
    private static string Slice(TempDirectory dir, string name, int from, int count)
    {
        var lines = File.ReadAllLines(RepoPaths.SmsSpamTsv);
        var path = dir.File(name);
        File.WriteAllLines(path, [lines[0], .. lines.Skip(from).Take(count)]);
        return path;
    }

    [Fact]
    public void Seeds_alone_report_the_baseline_and_write_both_files()
    {
        using var dir = new TempDirectory();
        var seeds = Slice(dir, "seeds.tsv", 1, 120);
        var eval = Slice(dir, "eval.tsv", 4001, 200);

        var (code, output, error) = CliRunner.Run("text", "eval", "--seeds", seeds, "--eval", eval, "--out", dir.File("report"));

        Assert.True(code == 0, error);
        Assert.Contains("seeds only", output, StringComparison.Ordinal);
        Assert.Contains("No synthetic set: this is the baseline a generated set must beat.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("seeds + synthetic", output, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("report/report.json")));
        Assert.True(File.Exists(dir.File("report/report.html")));
    }

    [Fact]
    public void Json_mode_prints_only_the_report_with_all_three_variants_and_the_verdicts()
    {
        using var dir = new TempDirectory();
        var seeds = Slice(dir, "seeds.tsv", 1, 40);
        var synthetic = Slice(dir, "synthetic.tsv", 1001, 300);
        var eval = Slice(dir, "eval.tsv", 4001, 200);

        var (code, output, error) = CliRunner.Run("text", "eval", "--seeds", seeds, "--synthetic", synthetic, "--eval", eval, "--json", "--seed", "5");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var downstream = doc.RootElement.GetProperty("downstream");
        Assert.Equal(3, downstream.GetProperty("variants").GetArrayLength());
        Assert.Equal(2, downstream.GetProperty("comparisons").GetArrayLength());
        Assert.Equal(5, doc.RootElement.GetProperty("metadata").GetProperty("seed").GetInt64());
        Assert.Equal("synthetic.tsv", doc.RootElement.GetProperty("metadata").GetProperty("synthetic").GetString());
        Assert.True(doc.RootElement.GetProperty("bias").GetProperty("overRepresented").ValueKind == JsonValueKind.Array);
    }

    [Fact]
    public void Human_output_is_a_table_of_the_variants_with_a_verdict_line_each()
    {
        using var dir = new TempDirectory();
        var seeds = Slice(dir, "seeds.tsv", 1, 40);
        var synthetic = Slice(dir, "synthetic.tsv", 1001, 300);
        var eval = Slice(dir, "eval.tsv", 4001, 200);

        var (code, output, error) = CliRunner.Run("text", "eval", "--seeds", seeds, "--synthetic", synthetic, "--eval", eval);

        Assert.True(code == 0, error);
        Assert.Contains("seeds + synthetic", output, StringComparison.Ordinal);
        Assert.Contains("synthetic only", output, StringComparison.Ordinal);
        Assert.Contains("Seeds + synthetic vs seeds only: macro-F1", output, StringComparison.Ordinal);
        Assert.Contains("Synthetic only vs seeds only: macro-F1", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Fact]
    public void A_synthetic_set_copying_eval_rows_prints_a_warning()
    {
        using var dir = new TempDirectory();
        var seeds = Slice(dir, "seeds.tsv", 1, 40);
        var eval = Slice(dir, "eval.tsv", 4001, 200);
        var synthetic = Slice(dir, "synthetic.tsv", 3991, 60);

        var (code, _, error) = CliRunner.Run("text", "eval", "--seeds", seeds, "--synthetic", synthetic, "--eval", eval, "--json");

        Assert.Equal(0, code);
        Assert.Contains("warning: ", error, StringComparison.Ordinal);
        Assert.Contains("copy an eval text", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_the_seeds_lack_exits_1_naming_the_file_class_and_row_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var seeds = Slice(dir, "seeds.tsv", 1, 40);
        var eval = Slice(dir, "eval.tsv", 4001, 50);
        var synthetic = dir.File("synthetic.jsonl");
        File.WriteAllLines(synthetic, ["""{"text":"See you at 6","label":"ham"}""", """{"text":"Win a prize now","label":"scam"}"""]);

        var (code, output, error) = CliRunner.Run("text", "eval", "--seeds", seeds, "--synthetic", synthetic, "--eval", eval, "--out", dir.File("report"));

        Assert.Equal(1, code);
        Assert.Empty(output);
        CliRunner.AssertOneErrorLine(error, "synthetic.jsonl, row 2: class 'scam' of the synthetic set is not a class of the seeds (ham, spam)");
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Fact]
    public void A_column_option_naming_no_column_is_refused()
    {
        using var dir = new TempDirectory();
        var seeds = Slice(dir, "seeds.tsv", 1, 40);

        var (code, _, error) = CliRunner.Run("text", "eval", "--seeds", seeds, "--eval", seeds, "--text-column", "message");

        Assert.Equal(1, code);
        CliRunner.AssertOneErrorLine(error, "--text-column 'message' is not a column of the seed file");
    }
}
