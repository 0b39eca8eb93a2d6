using System.Text.Json;
using SynthVault.Evaluation.Text;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Text;

/// <summary>report.json and report.html of <c>text eval</c>, and the downstream and bias sections of the loop's report.</summary>
public sealed class TextEvalReportWriterTests
{
    private static readonly string GoldenKeys = Path.Combine(RepoPaths.Root, "tests", "SynthVault.Evaluation.Tests", "Golden", "text-eval-report-keys.txt");

    private static readonly Lazy<(TextEvalReport Report, IReadOnlyList<string> RealTexts)> Fixture = new(Build);

    /// <summary>20 seeds, 80 synthetic texts (8 of them copies of eval texts), 100 eval texts, all real SMS.</summary>
    private static (TextEvalReport, IReadOnlyList<string>) Build()
    {
        var sms = TestData.SmsSpam();
        var ham = sms.Where(m => m.Label == "ham").ToList();
        var spam = sms.Where(m => m.Label == "spam").ToList();
        LabelledTextSet Set(string name, List<(string Label, string Text)> rows) =>
            LabelledTextSet.Create(name, [.. rows.Select(r => r.Text)], [.. rows.Select(r => r.Label)]);
        var seeds = Set("seeds.tsv", [.. ham.Take(10), .. spam.Take(10)]);
        var eval = Set("eval.tsv", [.. ham.Skip(2000).Take(70), .. spam.Skip(300).Take(30)]);
        var synthetic = Set("synthetic.jsonl", [.. ham.Skip(10).Take(50).Select((m, i) => (m.Label, "I hope this message finds you well. " + m.Text)), .. spam.Skip(10).Take(22), .. ham.Skip(2000).Take(8)]);
        var leak = EvalLeakCheck.Run(synthetic, eval);
        var downstream = TextClassifierCheck.Run(seeds, synthetic, eval, new TextClassifierOptions(Resamples: 200), leak);
        var bias = GeneratorBiasReport.Run(seeds.Texts, synthetic.Texts, new ModelProvenance("qwen2.5-1.5b.gguf", "qwen2.5-1.5b.gguf", "Qwen2-7B"));
        var size = Math.Min(seeds.Count, synthetic.Count);
        var loop = new TextLoopNumbers(
            DiversityMetrics.Measure(DiversityMetrics.Subsample(synthetic.Texts, size, 1)),
            DiversityMetrics.Measure(DiversityMetrics.Subsample(seeds.Texts, size, 1)),
            MemorizationMetrics.Measure(synthetic.Texts, seeds.Texts));
        var metadata = new TextEvalMetadata("SynthVault", "1.0.0", TextEvalReport.CurrentReportVersion, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), 42, "seeds.tsv", "synthetic.jsonl", "eval.tsv");
        var report = new TextEvalReport(metadata, downstream, bias, loop, [leak.Describe(), .. bias.Warnings]);
        return (report, [.. seeds.Texts, .. eval.Texts]);
    }

    [Fact]
    public void Report_json_has_exactly_the_documented_keys()
    {
        var keys = KeyPaths(TextEvalReportWriter.ToJson(Fixture.Value.Report));

        // Set SYNTHVAULT_UPDATE_GOLDEN=1 to rewrite the golden file after an intended change (and update REPORT.md).
        if (Environment.GetEnvironmentVariable("SYNTHVAULT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllLines(GoldenKeys, keys);
        }

        Assert.Equal(File.ReadAllLines(GoldenKeys).Where(l => l.Length > 0), keys);
    }

    [Fact]
    public void Every_key_of_report_json_is_documented_in_report_md()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "SynthVault.Evaluation", "REPORT.md"));
        var section = doc[doc.IndexOf("# Text evaluation report", StringComparison.Ordinal)..];

        // Twin blocks repeat the keys documented once: synthetic features as real ones, words as characters, the
        // under-represented table as the over-represented one, the seeds' diversity as the output's.
        var missing = KeyPaths(TextEvalReportWriter.ToJson(Fixture.Value.Report))
            .Select(k => k.Replace("bias.synthetic.", "bias.real.", StringComparison.Ordinal)
                .Replace("bias.words.", "bias.characters.", StringComparison.Ordinal)
                .Replace("bias.characters.synthetic", "bias.characters.real", StringComparison.Ordinal)
                .Replace("bias.underRepresented", "bias.overRepresented", StringComparison.Ordinal)
                .Replace("loop.seeds", "loop.output", StringComparison.Ordinal)
                .Replace("accuracyDifference", "macroF1Difference", StringComparison.Ordinal)
                .Replace("].accuracy", "].macroF1", StringComparison.Ordinal)
                .Replace("perClassF1.*.", "macroF1.", StringComparison.Ordinal))
            .Distinct()
            .Where(k => !section.Contains('`' + k + '`', StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "Undocumented keys: " + string.Join(", ", missing));
    }

    [Fact]
    public void Verdicts_and_variants_are_camel_case_strings_and_intervals_are_objects()
    {
        using var doc = JsonDocument.Parse(TextEvalReportWriter.ToJson(Fixture.Value.Report));
        var downstream = doc.RootElement.GetProperty("downstream");

        Assert.Equal(["seedsOnly", "seedsPlusSynthetic", "syntheticOnly"], downstream.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("variant").GetString()));
        Assert.Contains(downstream.GetProperty("comparisons")[0].GetProperty("verdict").GetString(), new[] { "helped", "hurt", "noDifference" });
        var f1 = downstream.GetProperty("variants")[0].GetProperty("macroF1");
        Assert.True(f1.GetProperty("lower").GetDouble() <= f1.GetProperty("value").GetDouble());
        // Synthetic rows 73–80 copy eval texts; the SMS corpus itself holds a few more near duplicates ("Ok lar…").
        var leaks = downstream.GetProperty("evalLeak").GetProperty("leaks").EnumerateArray().Select(l => l.GetProperty("syntheticRow").GetInt64()).ToList();
        Assert.Subset(leaks.ToHashSet(), Enumerable.Range(73, 8).Select(r => (long)r).ToHashSet());
        Assert.Equal("i hope this message finds you well", doc.RootElement.GetProperty("bias").GetProperty("overRepresented")[0].GetProperty("phrase").GetString());
    }

    [Fact]
    public void Report_html_shows_the_scores_verdicts_bias_and_warnings_and_is_self_contained()
    {
        var report = Fixture.Value.Report;
        var html = TextEvalReportWriter.ToHtml(report);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Downstream check", html, StringComparison.Ordinal);
        Assert.Contains("seeds + synthetic", html, StringComparison.Ordinal);
        foreach (var c in report.Downstream.Comparisons)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(c.Sentence), html, StringComparison.Ordinal);
        }

        Assert.Contains("<td>i hope this message finds you well</td>", html, StringComparison.Ordinal);
        Assert.Contains("The judge model is the generator model", html, StringComparison.Ordinal);
        Assert.Contains("Synthetic texts that copy eval texts", html, StringComparison.Ordinal);
        Assert.Contains("self-BLEU", html, StringComparison.Ordinal);
    }

    [Fact]
    public void No_whole_real_text_appears_in_either_file()
    {
        var (report, real) = Fixture.Value;
        var json = TextEvalReportWriter.ToJson(report);
        var html = TextEvalReportWriter.ToHtml(report);

        foreach (var text in real.Where(t => t.Length > 25))
        {
            Assert.DoesNotContain(text, json, StringComparison.Ordinal);
            Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(text), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Files_are_written_whole_into_a_new_folder()
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "eval-report");

        var (json, html) = TextEvalReportWriter.WriteFiles(Fixture.Value.Report, target);

        Assert.Equal(["report.html", "report.json"], Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(1, doc.RootElement.GetProperty("metadata").GetProperty("reportVersion").GetInt32());
        Assert.EndsWith("</html>\n", File.ReadAllText(html), StringComparison.Ordinal);
    }

    [Fact]
    public void The_loop_report_gains_downstream_and_bias_sections_only_when_given()
    {
        var (report, _) = Fixture.Value;
        var run = new TextRunReport(
            new TextReportMetadata("SynthVault", "1.0.0", 1, DateTimeOffset.UnixEpoch, 1, "grow", "gen.gguf", null, false),
            new TextSeedSummary(20, new Dictionary<string, int>(), new Dictionary<string, int>(), 0),
            [],
            80,
            null,
            null,
            null,
            new TextPiiSummary(new Dictionary<string, int>(), new Dictionary<string, int>(), 0),
            new TextReviewSummary("none", false, 0, 0, 0, 0, null),
            "done",
            []);

        Assert.DoesNotContain("\"downstream\"", TextReportWriter.ToJson(run), StringComparison.Ordinal);
        Assert.DoesNotContain("Downstream check", TextReportWriter.ToHtml(run), StringComparison.Ordinal);

        var withChecks = run with { Downstream = report.Downstream, Bias = report.Bias };
        using var doc = JsonDocument.Parse(TextReportWriter.ToJson(withChecks));
        Assert.Equal(3, doc.RootElement.GetProperty("downstream").GetProperty("variants").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("bias").GetProperty("overRepresented").GetArrayLength() > 0);
        var html = TextReportWriter.ToHtml(withChecks);
        Assert.Contains("Downstream check", html, StringComparison.Ordinal);
        Assert.Contains("Generator bias", html, StringComparison.Ordinal);
    }

    /// <summary>Every key path: arrays as "[]", the per-class maps (keys are the data's class names) as "*".</summary>
    private static List<string> KeyPaths(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        Walk(doc.RootElement, string.Empty, keys);
        return [.. keys];
    }

    private static void Walk(JsonElement e, string path, SortedSet<string> keys)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                var name = path.EndsWith("perClassF1", StringComparison.Ordinal) || path.EndsWith("evalClasses", StringComparison.Ordinal) ? "*" : p.Name;
                var child = path.Length == 0 ? name : path + "." + name;
                keys.Add(child);
                Walk(p.Value, child, keys);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                Walk(item, path + "[]", keys);
            }
        }
    }
}
