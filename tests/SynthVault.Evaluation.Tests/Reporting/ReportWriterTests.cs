using System.Text;
using System.Text.Json;
using SynthVault.Evaluation.Reporting;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Reporting;

public sealed class ReportWriterTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly string GoldenKeys = Path.Combine(RepoPaths.Root, "tests", "SynthVault.Evaluation.Tests", "Golden", "report-keys.txt");

    [Fact]
    public void Report_json_has_exactly_the_documented_keys()
    {
        var keys = KeyPaths(Json(fixture.Report));

        // Set SYNTHVAULT_UPDATE_GOLDEN=1 to rewrite the golden file after an intended change (and update REPORT.md).
        if (Environment.GetEnvironmentVariable("SYNTHVAULT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllLines(GoldenKeys, keys);
        }

        var golden = File.ReadAllLines(GoldenKeys).Where(l => l.Length > 0).ToList();
        Assert.Equal(golden, keys);
    }

    [Fact]
    public void Every_key_of_report_json_is_documented_in_report_md()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "SynthVault.Evaluation", "REPORT.md"));
        // Per-class privacy metrics and the TSTR block repeat the keys documented for the overall metrics and TRTR.
        var missing = KeyPaths(Json(fixture.Report))
            .Select(k => k.Replace("privacy.perClass.*.", "privacy.overall.", StringComparison.Ordinal).Replace("utility.tstr", "utility.trtr", StringComparison.Ordinal))
            .Where(k => !doc.Contains('`' + k + '`', StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "Undocumented keys: " + string.Join(", ", missing));
    }

    [Fact]
    public void Undefined_metrics_are_written_as_null_and_enums_in_camel_case()
    {
        using var doc = JsonDocument.Parse(Json(fixture.Report));
        var coverage = doc.RootElement.GetProperty("fidelity").GetProperty("coverage");
        var age = coverage.EnumerateArray().First(c => c.GetProperty("column").GetString() == "age");
        Assert.Equal(JsonValueKind.Null, age.GetProperty("categoryCoverage").ValueKind);
        Assert.Equal("binaryClassification", doc.RootElement.GetProperty("utility").GetProperty("task").GetString());
        Assert.Equal("pass", doc.RootElement.GetProperty("verdicts")[0].GetProperty("outcome").GetString());
        Assert.False(doc.RootElement.GetProperty("privacy").GetProperty("overall").TryGetProperty("dcrSyntheticToTrain", out _));
    }

    [Fact]
    public void Report_html_is_self_contained_with_the_plots_inline()
    {
        var html = Html(fixture.Report, fixture);

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);

        // 15 marginals + 3 correlation heatmaps + 1 pair-score heatmap + PR curves + DCR histograms.
        Assert.Equal(21, CountOf(html, "src=\"data:image/png;base64,"));
        Assert.Contains("alt=\"Precision-recall curves", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Histograms of distances", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Correlation heatmap of the real data\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"Difference of the correlation heatmaps\"", html, StringComparison.Ordinal);
        foreach (var v in fixture.Report.Verdicts)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(v.Summary), html, StringComparison.Ordinal);
        }

        // Each embedded image is a decodable PNG.
        var start = html.IndexOf("base64,", StringComparison.Ordinal) + 7;
        var png = Convert.FromBase64String(html[start..html.IndexOf('"', start)]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void Personal_data_columns_are_named_but_their_values_never_appear()
    {
        var json = Json(fixture.Report);
        var html = Html(fixture.Report, fixture);
        Assert.DoesNotContain("example.org", json, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", html, StringComparison.Ordinal);
        Assert.DoesNotContain("example.net", html, StringComparison.Ordinal);
        var excluded = Assert.Single(fixture.Report.Fidelity.ExcludedColumns);
        Assert.Equal("email", excluded.Column);
        Assert.Contains("personal data", excluded.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_are_written_whole_into_the_folder()
    {
        using var dir = new TempDirectory();
        var (json, html) = ReportWriter.WriteFiles(fixture.Report, fixture.Train, fixture.Synthetic, fixture.Schema, dir.Path);
        Assert.True(new FileInfo(json).Length > 1000);
        Assert.True(new FileInfo(html).Length > 10_000);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(1, doc.RootElement.GetProperty("metadata").GetProperty("reportVersion").GetInt32());
    }

    internal static string Json(EvaluationReport report)
    {
        using var stream = new MemoryStream();
        ReportWriter.WriteJson(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static string Html(EvaluationReport report, ReportFixture f) => Html(report, f.Train, f.Synthetic, f.Schema);

    internal static string Html(EvaluationReport report, SynthVault.Core.Data.Table real, SynthVault.Core.Data.Table synthetic, SynthVault.Core.Schema.TableSchema schema)
    {
        using var stream = new MemoryStream();
        ReportWriter.WriteHtml(report, real, synthetic, schema, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Every key path of a JSON document: arrays as "[]", the class map of the privacy section as "*".</summary>
    internal static List<string> KeyPaths(string json)
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
                var name = path.EndsWith("perClass", StringComparison.Ordinal) ? "*" : p.Name;
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

    private static int CountOf(string s, string part)
    {
        int count = 0, at = 0;
        while ((at = s.IndexOf(part, at, StringComparison.Ordinal)) >= 0)
        {
            count++;
            at += part.Length;
        }

        return count;
    }
}

public sealed class SmallReportTests
{
    [Fact]
    public void A_table_with_dates_and_excluded_columns_renders_a_report()
    {
        var (real, syn, schema) = Fidelity.FidelityEvaluatorTests.SmallTables();
        var report = Evaluator.Run(new EvaluationInputs(real, syn, schema), new EvaluationOptions(RunDiscriminator: false));

        var html = ReportWriterTests.Html(report, real, syn, schema);

        // amount, kind and day are scored: 3 marginals (one on a date axis) + the pair-score heatmap; a single numeric
        // pair needs two numeric columns, so amount–day gives the three correlation heatmaps too.
        Assert.Equal(7, html.Split("data:image/png;base64,").Length - 1);
        Assert.DoesNotContain("example.org", html, StringComparison.Ordinal);
        Assert.Contains("free text: compared by the text metrics", html, StringComparison.Ordinal);
        Assert.Equal(Verdict.Skipped, report.Verdicts.Single(v => v.Section == "utility").Outcome);
    }
}
