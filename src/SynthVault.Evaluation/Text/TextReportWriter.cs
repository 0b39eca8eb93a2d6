using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using SynthVault.Core.Errors;
using SynthVault.Evaluation.Reporting;

namespace SynthVault.Evaluation.Text;

/// <summary>
/// Writes a <see cref="TextRunReport"/> as report.json (camelCase keys documented in docs/TEXT-LOOP.md; undefined
/// numbers as null) and a self-contained report.html (inline CSS, no script, no link), each through a temporary file
/// renamed into place.
/// </summary>
public static class TextReportWriter
{
    /// <summary>Serializer settings of report.json, for readers that load it back.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    /// <summary>The inline style sheet of the text reports.</summary>
    internal const string Css =
        "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}h2{border-bottom:2px solid #ddd}" +
        "table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}td,th{border:1px solid #ddd;padding:.25rem .55rem;text-align:left}th{background:#f4f4f4}" +
        "td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#666;font-size:.88rem}.warn{color:#8a4b00}.bad{color:#c62828;font-weight:600}.good{color:#2e7d32;font-weight:600}";

    /// <summary>The report as JSON text.</summary>
    public static string ToJson(TextRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, JsonOptions);
    }

    /// <summary>Writes report.json and report.html into <paramref name="directory"/>; returns both paths.</summary>
    public static (string JsonPath, string HtmlPath) WriteFiles(TextRunReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var json = Path.Combine(directory, "report.json");
        var html = Path.Combine(directory, "report.html");
        Atomic(json, ToJson(report) + "\n");
        Atomic(html, ToHtml(report));
        return (json, html);
    }

    /// <summary>The report as one self-contained HTML page.</summary>
    public static string ToHtml(TextRunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder();
        var m = report.Metadata;
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SynthVault text report</title><style>")
            .Append(Css)
            .Append("</style></head><body>\n");
        h.Append("<h1>Synthetic text report</h1><p class=\"muted\">")
            .Append(E(F($"{m.Tool} {m.ToolVersion} · {m.Mode} · generated {m.GeneratedAtUtc:yyyy-MM-dd HH:mm} UTC · seed {m.Seed} · generator {m.Generator} · judge {m.Judge ?? "none"}")))
            .Append("</p>\n<p><b>").Append(E(report.StopReason)).Append("</b></p>\n");
        if (report.Warnings.Count > 0)
        {
            h.Append("<ul>");
            foreach (var w in report.Warnings)
            {
                h.Append("<li class=\"warn\">").Append(E(w)).Append("</li>");
            }

            h.Append("</ul>\n");
        }

        h.Append("<h2>Seeds</h2><p>").Append(E(F($"{report.Seeds.Count} real examples; {report.Seeds.LeakDictionaryEntries} real values held for the PII gate (in memory only)."))).Append("</p>");
        Counts(h, "Personal data scrubbed before prompting", report.Seeds.PiiScrubbed);
        Counts(h, "Labels", report.Seeds.Labels);

        h.Append("<h2>Rounds</h2><table><tr><th>round</th><th>candidates</th><th>accepted</th><th>rejected by reason</th><th>reviewed</th><th>approved</th><th>edited</th><th>review-rejected</th><th>acceptance</th><th>texts compared</th><th>distinct-2 (seeds)</th><th>self-BLEU (seeds)</th><th>collapse</th></tr>");
        foreach (var r in report.Rounds)
        {
            h.Append("<tr><td class=\"num\">").Append(r.Round).Append("</td><td class=\"num\">").Append(r.Candidates).Append("</td><td class=\"num\">").Append(r.Accepted)
                .Append("</td><td>").Append(E(string.Join(", ", r.RejectedByReason.Select(kv => F($"{kv.Key} {kv.Value}"))))).Append("</td><td class=\"num\">").Append(r.Reviewed)
                .Append("</td><td class=\"num\">").Append(r.Approved).Append("</td><td class=\"num\">").Append(r.Edited).Append("</td><td class=\"num\">").Append(r.ReviewRejected)
                .Append("</td><td class=\"num\">").Append(N(r.AcceptanceRate)).Append("</td><td class=\"num\">").Append(r.Diversity?.Count.ToString(CultureInfo.InvariantCulture) ?? "–")
                .Append("</td><td class=\"num\">").Append(N(r.Diversity?.Distinct2)).Append(" (").Append(N(r.Baseline?.Distinct2)).Append(")</td><td class=\"num\">")
                .Append(N(r.Diversity?.SelfBleu)).Append(" (").Append(N(r.Baseline?.SelfBleu)).Append(")</td><td>")
                .Append(r.ModeCollapse ? "<span class=\"bad\">yes</span>" : "no").Append("</td></tr>");
        }

        h.Append("</table>\n<h2>Diversity of the output</h2>");
        if (report.OutputDiversity is { } o && report.SeedDiversity is { } s)
        {
            h.Append("<p class=\"muted\">").Append(E(F($"{report.Output} texts in the output; both sets measured at {o.Count} texts (a seeded sample), since every metric depends on the number of texts. Higher distinct-n and compression ratio, lower self-BLEU and similarity mean more diverse."))).Append("</p>");
            h.Append("<table><tr><th>metric</th><th>output</th><th>seeds</th></tr>");
            Row(h, "distinct-1", o.Distinct1, s.Distinct1);
            Row(h, "distinct-2", o.Distinct2, s.Distinct2);
            Row(h, "distinct-3", o.Distinct3, s.Distinct3);
            Row(h, "compression ratio (gzip ÷ raw)", o.CompressionRatio, s.CompressionRatio);
            Row(h, "self-BLEU", o.SelfBleu, s.SelfBleu);
            Row(h, "mean pairwise similarity", o.MeanPairwiseSimilarity, s.MeanPairwiseSimilarity);
            h.Append("</table>");
        }
        else
        {
            h.Append("<p>Too few texts to measure.</p>");
        }

        h.Append("\n<h2>Memorization</h2>");
        if (report.Memorization is { } mem)
        {
            h.Append("<table><tr><th>measure</th><th>value</th></tr>");
            Row(h, "exact copies of a real text", mem.ExactCopyRate);
            Row(h, F($"near copies (shingle Jaccard ≥ {mem.Options.NearCopyThreshold})"), mem.NearCopyRate);
            Row(h, F($"{mem.Options.NGram}-gram overlap with real texts"), mem.NGramOverlapRate);
            Row(h, "mean longest common substring (characters)", mem.MeanLongestCommonSubstring);
            Row(h, "longest common substring (characters)", mem.MaxLongestCommonSubstring);
            Row(h, F($"texts sharing ≥ {mem.Options.LongMatchChars} characters with a real text"), mem.LongMatchRate);
            h.Append("</table>");
        }
        else
        {
            h.Append("<p>No output to check.</p>");
        }

        if (report.Downstream is { } downstream)
        {
            TextEvalReportWriter.AppendDownstream(h, downstream);
        }

        if (report.Bias is { } bias)
        {
            TextEvalReportWriter.AppendBias(h, bias);
        }

        h.Append("\n<h2>Personal data</h2>");
        h.Append("<p>").Append(E(F($"Output texts repeating a real value from the input: {report.Pii.OutputLeaks}."))).Append("</p>");
        Counts(h, "Found by the recognizers in the output (should be none)", report.Pii.OutputFindings);
        Counts(h, "Candidates rejected by the PII gate, by kind", report.Pii.RejectedCandidates);

        var rv = report.Review;
        h.Append("\n<h2>Review</h2><p>").Append(E(F($"Mode {rv.Mode}; {(rv.HumanReviewed ? "reviewed by a person" : "not reviewed by a person")}; {rv.Items} items: {rv.Approved} approved ({rv.Edited} edited), {rv.Rejected} rejected")))
            .Append(rv.MeanSecondsPerItem is { } sec ? E(F($"; {sec:0.0} s per item.")) : ".").Append("</p>\n");
        h.Append("<p class=\"muted\">Keys of report.json and definitions: docs/TEXT-LOOP.md. No real text or personal value appears in this report.</p>\n</body></html>\n");
        return h.ToString();
    }

    private static void Counts(StringBuilder h, string title, IReadOnlyDictionary<string, int> counts)
    {
        if (counts.Count == 0)
        {
            h.Append("<p>").Append(E(title)).Append(": none.</p>");
            return;
        }

        h.Append("<p>").Append(E(title)).Append(":</p><table><tr><th>kind</th><th>count</th></tr>");
        foreach (var (k, v) in counts)
        {
            h.Append("<tr><td>").Append(E(k)).Append("</td><td class=\"num\">").Append(v).Append("</td></tr>");
        }

        h.Append("</table>");
    }

    private static void Row(StringBuilder h, string name, double value, double? baseline = null)
    {
        h.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"num\">").Append(N(value)).Append("</td>");
        if (baseline is not null)
        {
            h.Append("<td class=\"num\">").Append(N(baseline)).Append("</td>");
        }

        h.Append("</tr>");
    }

    private static string N(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "–";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="text"/> to a temporary file flushed to disk, then renames it over <paramref name="path"/>.</summary>
    internal static void Atomic(string path, string text)
    {
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new SynthVaultException($"Cannot write the report: {e.Message}", file: path, hint: "Check the folder's permissions and free space.", inner: e);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new NaNAsNullConverter());
        options.MakeReadOnly();
        return options;
    }
}
