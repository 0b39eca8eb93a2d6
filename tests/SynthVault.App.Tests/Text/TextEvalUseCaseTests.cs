using System.Text.Json;
using SynthVault.App.Text;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Evaluation.Text;
using SynthVault.IO;
using SynthVault.Testing;
using SynthVault.Testing.Gguf;

namespace SynthVault.App.Tests.Text;

/// <summary><c>text eval</c> end to end on the bundled SMS data: files in, report out, bad input stopped with nothing written.</summary>
public sealed class TextEvalUseCaseTests
{
    private static readonly TextEvalSettings Fast = new(Seed: 3, Classifier: new TextClassifierOptions(Resamples: 200));

    /// <summary>Real SMS lines of the bundled TSV: ham and spam in the file's order.</summary>
    private static (List<(string Label, string Text)> Ham, List<(string Label, string Text)> Spam) Sms()
    {
        var sms = TestData.SmsSpam();
        return ([.. sms.Where(m => m.Label == "ham")], [.. sms.Where(m => m.Label == "spam")]);
    }

    private static string Tsv(TempDirectory dir, string name, IEnumerable<(string Label, string Text)> rows)
    {
        var path = dir.File(name);
        File.WriteAllLines(path, ["Label\tSMS", .. rows.Select(r => r.Label + "\t" + r.Text)]);
        return path;
    }

    private static string Jsonl(TempDirectory dir, string name, IEnumerable<(string Label, string Text)> rows)
    {
        var path = dir.File(name);
        File.WriteAllLines(path, rows.Select(r => JsonSerializer.Serialize(new Dictionary<string, string> { ["category"] = r.Label, ["body"] = r.Text })));
        return path;
    }

    /// <summary>20 seeds, 150 eval texts (TSV); a JSON Lines synthetic set of 120 other real texts.</summary>
    private static (string Seeds, string Eval, string Synthetic) Files(TempDirectory dir)
    {
        var (ham, spam) = Sms();
        return (
            Tsv(dir, "seeds.tsv", [.. ham.Take(10), .. spam.Take(10)]),
            Tsv(dir, "eval.tsv", [.. ham.Skip(3000).Take(100), .. spam.Skip(500).Take(50)]),
            Jsonl(dir, "synthetic.jsonl", [.. ham.Skip(10).Take(80), .. spam.Skip(10).Take(40)]));
    }

    [Fact]
    public void Seeds_only_reports_the_baseline_a_generated_set_must_beat()
    {
        using var dir = new TempDirectory();
        var (seeds, eval, _) = Files(dir);

        var outcome = TextEvalUseCase.Run(new TextEvalRequest(seeds, null, eval, dir.File("report"), Settings: Fast), null, CancellationToken.None);

        var d = outcome.Report.Downstream;
        Assert.Equal(TrainingVariant.SeedsOnly, Assert.Single(d.Variants).Variant);
        Assert.Empty(d.Comparisons);
        Assert.Contains("No synthetic set: this is the baseline a generated set must beat.", d.Notes);
        Assert.Null(outcome.Report.Bias);
        Assert.Null(outcome.Report.Loop);
        Assert.True(File.Exists(outcome.JsonPath) && File.Exists(outcome.HtmlPath));
        Assert.Equal(150, d.EvalTexts);
        Assert.Equal(["ham", "spam"], d.Classes);
    }

    [Fact]
    public void A_json_lines_synthetic_set_with_other_column_names_runs_all_three_variants()
    {
        using var dir = new TempDirectory();
        var (seeds, eval, synthetic) = Files(dir);
        var renamed = Jsonl(dir, "seeds.jsonl", File.ReadLines(seeds).Skip(1).Select(l => l.Split('\t', 2)).Select(p => (p[0], p[1])));
        var evalRenamed = Jsonl(dir, "eval.jsonl", File.ReadLines(eval).Skip(1).Select(l => l.Split('\t', 2)).Select(p => (p[0], p[1])));

        var outcome = TextEvalUseCase.Run(new TextEvalRequest(renamed, synthetic, evalRenamed, null, "body", "category", Fast), null, CancellationToken.None);

        Assert.Equal([TrainingVariant.SeedsOnly, TrainingVariant.SeedsPlusSynthetic, TrainingVariant.SyntheticOnly], outcome.Report.Downstream.Variants.Select(v => v.Variant));
        Assert.Equal(2, outcome.Report.Downstream.Comparisons.Count);
        Assert.NotNull(outcome.Report.Bias);
        Assert.NotNull(outcome.Report.Loop);
        Assert.Equal(20, outcome.Report.Loop!.Output!.Count);
        Assert.Null(outcome.JsonPath);
    }

    [Fact]
    public void The_same_files_and_seed_give_identical_reports_apart_from_the_time()
    {
        using var dir = new TempDirectory();
        var (seeds, eval, synthetic) = Files(dir);
        // The synthetic file has other column names than the TSV files, so each file's columns are picked by name.
        var request = new TextEvalRequest(seeds, synthetic, eval, null, Settings: Fast);

        var first = TextEvalUseCase.Run(request, null, CancellationToken.None).Report;
        var second = TextEvalUseCase.Run(request, null, CancellationToken.None).Report;

        Assert.Equal(
            TextEvalReportWriter.ToJson(first with { Metadata = first.Metadata with { GeneratedAtUtc = default } }),
            TextEvalReportWriter.ToJson(second with { Metadata = second.Metadata with { GeneratedAtUtc = default } }));
    }

    [Fact]
    public void A_synthetic_set_that_copies_eval_rows_is_flagged_and_warned_about()
    {
        using var dir = new TempDirectory();
        var (seeds, eval, _) = Files(dir);
        var (ham, spam) = Sms();
        var copying = Jsonl(dir, "copying.jsonl", [.. ham.Skip(10).Take(40), .. ham.Skip(3000).Take(12), .. spam.Skip(500).Take(8)]);

        var outcome = TextEvalUseCase.Run(new TextEvalRequest(seeds, copying, eval, dir.File("report"), Settings: Fast), null, CancellationToken.None);

        var leak = outcome.Report.Downstream.EvalLeak!;
        Assert.True(leak.Flagged >= 20, leak.Describe());
        Assert.Contains(outcome.Warnings, w => w.Contains("copy an eval text", StringComparison.Ordinal) && w.Contains("seen the exam", StringComparison.Ordinal));
        Assert.Contains(outcome.Report.Downstream.Notes, n => n.Contains("inflated", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(File.ReadAllText(outcome.JsonPath!));
        Assert.True(doc.RootElement.GetProperty("downstream").GetProperty("evalLeak").GetProperty("flagged").GetInt32() >= 20);
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "one-class", "seeds.tsv", "the seed set has one class ('ham')" },
        { "one-example", "seeds.tsv", "row 11: class 'spam' has 1 example in the seed set; every class needs at least 2" },
        { "unknown-eval-class", "eval.tsv", "row 3: class 'phishing' of the eval set is not a class of the seeds (ham, spam)" },
        { "empty-text", "eval.tsv", "row 2: the text is empty" },
        { "unknown-synthetic-label", "synthetic.jsonl", "row 4: class 'promo' of the synthetic set is not a class of the seeds (ham, spam)" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_names_the_file_and_the_class_or_row_and_writes_nothing(string problem, string file, string message)
    {
        using var dir = new TempDirectory();
        var (ham, spam) = Sms();
        List<(string, string)> seedRows = problem switch
        {
            "one-class" => [.. ham.Take(10)],
            "one-example" => [.. ham.Take(10), .. spam.Take(1)],
            _ => [.. ham.Take(10), .. spam.Take(10)],
        };
        List<(string, string)> evalRows = problem switch
        {
            "unknown-eval-class" => [ham[500], spam[300], ("phishing", "Verify your account now at our site")],
            "empty-text" => [ham[500], ("spam", "   "), spam[300]],
            _ => [ham[500], spam[300]],
        };
        List<(string, string)> synRows = problem == "unknown-synthetic-label"
            ? [ham[600], ham[601], spam[400], ("promo", "50% off all week")]
            : [ham[600], spam[400]];
        var seeds = Tsv(dir, "seeds.tsv", seedRows);
        var eval = Tsv(dir, "eval.tsv", evalRows);
        var synthetic = Jsonl(dir, "synthetic.jsonl", synRows);
        var outDir = dir.File("report");

        var e = Assert.Throws<SynthVaultException>(() => TextEvalUseCase.Run(new TextEvalRequest(seeds, synthetic, eval, outDir, Settings: Fast), null, CancellationToken.None));

        Assert.StartsWith(file, e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_parquet_table_is_read_with_the_named_text_and_label_columns()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tickets.parquet");
        TableFile.Write(
            new Table([
                StringColumn.FromValues("body", ["Card charged twice", "App logs me out", "Refund please"]),
                new Int64Column("outcome", [1, 2, 1]),
                StringColumn.FromValues("note", ["a much longer free text column than the body", "x", "y"]),
            ]),
            path);

        var set = LabelledTextFile.Read(path, "body", "outcome", "eval");
        var missing = Assert.Throws<SynthVaultException>(() => LabelledTextFile.Read(path, null, null, "eval"));

        Assert.Equal(["Card charged twice", "App logs me out", "Refund please"], set.Texts);
        Assert.Equal(["1", "2", "1"], set.Labels);
        Assert.Contains("the eval file has no label column", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<SynthVaultException>(() => LabelledTextFile.Read("/no/such/eval.csv", null, null, "eval"));

        Assert.Equal("eval.csv: the eval file does not exist. Give a CSV, TSV, Parquet or JSON Lines file with a text and a label column.", e.Message);
    }

    [Fact]
    public void A_gguf_model_is_named_by_its_header_and_anything_else_by_its_text()
    {
        using var dir = new TempDirectory();
        var model = TinyLlamaGguf.Write(dir.File("tiny.gguf"), TinyLlamaSpec.Test);

        Assert.Equal("synthvault-tiny-test (llama)", ModelIdentity.Describe(model));
        Assert.Equal("Qwen2.5-1.5B-Instruct-Q4_K_M.gguf", ModelIdentity.Describe(" Qwen2.5-1.5B-Instruct-Q4_K_M.gguf "));
        Assert.Null(ModelIdentity.Describe(null));
    }
}
