using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using SynthVault.Evaluation.Privacy;

namespace SynthVault.Evaluation.Text;

/// <summary>
/// Writes a <see cref="TextEvalReport"/> as report.json (the serializer settings of <see cref="TextReportWriter"/>:
/// camelCase keys, enums as camelCase strings, undefined numbers as null) and a self-contained report.html, each through
/// a temporary file renamed into place. Its HTML sections are also the downstream and bias sections of the text loop's
/// report (<see cref="TextReportWriter"/>).
/// </summary>
public static class TextEvalReportWriter
{
    /// <summary>The report as JSON text.</summary>
    public static string ToJson(TextEvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, TextReportWriter.JsonOptions);
    }

    /// <summary>Writes report.json and report.html into <paramref name="directory"/> (created when missing); returns both paths.</summary>
    public static (string JsonPath, string HtmlPath) WriteFiles(TextEvalReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var json = ToJson(report) + "\n";
        var html = ToHtml(report);
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, "report.json");
        var htmlPath = Path.Combine(directory, "report.html");
        TextReportWriter.Atomic(jsonPath, json);
        TextReportWriter.Atomic(htmlPath, html);
        return (jsonPath, htmlPath);
    }

    /// <summary>The report as one self-contained HTML page (inline CSS, no script, no link).</summary>
    public static string ToHtml(TextEvalReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var h = new StringBuilder();
        var m = report.Metadata;
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SynthVault text evaluation</title><style>")
            .Append(TextReportWriter.Css)
            .Append("</style></head><body>\n<h1>Synthetic text evaluation</h1><p class=\"muted\">")
            .Append(E(F($"{m.Tool} {m.ToolVersion} · generated {m.GeneratedAtUtc:yyyy-MM-dd HH:mm} UTC · seed {m.Seed} · seeds {m.Seeds} · synthetic {m.Synthetic ?? "none"} · eval {m.Eval}")))
            .Append("</p>\n");
        if (report.Warnings.Count > 0)
        {
            h.Append("<ul>");
            foreach (var w in report.Warnings)
            {
                h.Append("<li class=\"warn\">").Append(E(w)).Append("</li>");
            }

            h.Append("</ul>\n");
        }

        AppendDownstream(h, report.Downstream);
        if (report.Bias is { } bias)
        {
            AppendBias(h, bias);
        }

        if (report.Loop is { } loop)
        {
            AppendLoop(h, loop);
        }

        h.Append("<p class=\"muted\">Keys of report.json and definitions: REPORT.md, \"Text evaluation report\". No whole text appears in this report; a phrase is listed only when at least ")
            .Append(report.Bias?.Options.MinTexts ?? new GeneratorBiasOptions().MinTexts)
            .Append(" texts hold it.</p>\n</body></html>\n");
        return h.ToString();
    }

    /// <summary>The downstream section: the classifiers' scores with intervals, the verdicts, notes and eval leaks.</summary>
    internal static void AppendDownstream(StringBuilder h, TextDownstreamResult d)
    {
        h.Append("<h2>Downstream check: does the synthetic text help a real classifier?</h2><p class=\"muted\">")
            .Append(E(F($"One classifier, trained three ways, scored on {d.EvalTexts} real eval texts none of them saw ({string.Join(", ", d.EvalClasses.Select(kv => F($"{kv.Key} {kv.Value}")))}). Features: {d.Settings.Featurizer}. Model: {d.Settings.Trainer}. Intervals: {d.Settings.Bootstrap}.")))
            .Append("</p>\n<table><tr><th>trained on</th><th>texts</th><th>accuracy</th><th>macro-F1</th>");
        var classes = d.EvalClasses.Keys.ToList();
        foreach (var c in classes)
        {
            h.Append("<th>F1 ").Append(E(c)).Append("</th>");
        }

        h.Append("</tr>");
        foreach (var v in d.Variants)
        {
            h.Append("<tr><td>").Append(E(TextClassifierCheck.VariantName(v.Variant))).Append("</td><td class=\"num\">").Append(v.TrainingTexts)
                .Append("</td><td class=\"num\">").Append(Interval(v.Accuracy)).Append("</td><td class=\"num\"><b>").Append(Interval(v.MacroF1)).Append("</b></td>");
            foreach (var c in classes)
            {
                h.Append("<td class=\"num\">").Append(v.PerClassF1.TryGetValue(c, out var e) ? Interval(e) : "–").Append("</td>");
            }

            h.Append("</tr>");
        }

        h.Append("</table>\n");
        if (d.Comparisons.Count > 0)
        {
            h.Append("<p>Verdicts (a variant helped or hurt only when the interval of its macro-F1 difference from seeds only, read from the same resampled eval rows, excludes 0):</p><ul>");
            foreach (var c in d.Comparisons)
            {
                var css = c.Verdict switch { DownstreamVerdict.Helped => "good", DownstreamVerdict.Hurt => "bad", _ => "muted" };
                h.Append("<li class=\"").Append(css).Append("\">").Append(E(c.Sentence)).Append("</li>");
            }

            h.Append("</ul>\n");
        }

        foreach (var note in d.Notes)
        {
            h.Append("<p class=\"warn\">").Append(E(note)).Append("</p>");
        }

        if (d.EvalLeak is { } leak)
        {
            h.Append("<h3>Synthetic texts that copy eval texts</h3>");
            if (leak.Flagged == 0)
            {
                h.Append("<p>").Append(E(F($"None of the {leak.SyntheticTexts} synthetic texts copies one of the {leak.EvalTexts} eval texts (exactly, or at shingle Jaccard ≥ {leak.Threshold})."))).Append("</p>\n");
            }
            else
            {
                h.Append("<p class=\"bad\">").Append(E(leak.Describe())).Append("</p><table><tr><th>synthetic row</th><th>eval row</th><th>Jaccard</th><th>exact</th></tr>");
                foreach (var l in leak.Leaks.Take(50))
                {
                    h.Append("<tr><td class=\"num\">").Append(l.SyntheticRow).Append("</td><td class=\"num\">").Append(l.EvalRow).Append("</td><td class=\"num\">")
                        .Append(N(l.Jaccard)).Append("</td><td>").Append(l.Exact ? "yes" : "no").Append("</td></tr>");
                }

                h.Append("</table>\n");
            }
        }
    }

    /// <summary>The bias section: warnings, lengths, surface features, and the two n-gram tables.</summary>
    internal static void AppendBias(StringBuilder h, GeneratorBiasResult b)
    {
        h.Append("<h2>Generator bias: where the synthetic text differs from the real</h2>");
        foreach (var w in b.Warnings)
        {
            h.Append("<p class=\"warn\">").Append(E(w)).Append("</p>");
        }

        h.Append("<table><tr><th>length</th><th>real mean</th><th>p10</th><th>p50</th><th>p90</th><th>synthetic mean</th><th>p10</th><th>p50</th><th>p90</th><th>KS</th></tr>");
        LengthRow(h, "characters", b.Characters);
        LengthRow(h, "words", b.Words);
        h.Append("</table>\n<table><tr><th>feature</th><th>real</th><th>synthetic</th></tr>");
        Pair(h, "texts", b.Real.Texts, b.Synthetic.Texts, "0");
        Pair(h, "word tokens", b.Real.Tokens, b.Synthetic.Tokens, "0");
        Pair(h, "vocabulary (distinct words)", b.Real.Vocabulary, b.Synthetic.Vocabulary, "0");
        Pair(h, F($"type-token ratio at {b.TypeTokenSample:N0} tokens each"), b.Real.TypeTokenRatio, b.Synthetic.TypeTokenRatio);
        Pair(h, "punctuation per 1,000 characters", b.Real.PunctuationPerChar * 1000, b.Synthetic.PunctuationPerChar * 1000, "0.0");
        for (var k = 0; k < GeneratorBiasReport.PunctuationKinds.Count; k++)
        {
            var kind = GeneratorBiasReport.PunctuationKinds[k];
            Pair(h, F($"  {kind} ({GeneratorBiasReport.PunctuationSymbols[k]}) per 1,000 characters"), b.Real.PunctuationByKind[kind] * 1000, b.Synthetic.PunctuationByKind[kind] * 1000, "0.00");
        }

        Pair(h, "uppercase share of letters", b.Real.UppercaseLetters, b.Synthetic.UppercaseLetters);
        Pair(h, "ALL-CAPS share of words", b.Real.AllCapsTokens, b.Synthetic.AllCapsTokens);
        Pair(h, "sentences starting with a capital", b.Real.CapitalisedSentences, b.Synthetic.CapitalisedSentences);
        Pair(h, "texts holding a digit", b.Real.TextsWithDigits, b.Synthetic.TextsWithDigits);
        Pair(h, "words holding a digit", b.Real.NumberTokens, b.Synthetic.NumberTokens);
        foreach (var kind in GeneratorBiasReport.EntityKinds)
        {
            Pair(h, "texts holding " + kind, b.Real.Entities[kind], b.Synthetic.Entities[kind]);
        }

        h.Append("</table>\n<p class=\"muted\">")
            .Append(E(F($"Phrases by weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008; word 1–{b.Options.MaxNgram}-grams, α₀ = {b.Options.PriorStrength}); z beyond ±{b.Options.MinZ}; each n-gram grown into the phrase around it; counts and shares are of the phrase.")))
            .Append("</p>");
        NgramTable(h, "Over-represented in the synthetic text", b.OverRepresented);
        NgramTable(h, "Under-represented in the synthetic text (the real texts say it, the generator does not)", b.UnderRepresented);
    }

    /// <summary>The loop's diversity and memorization numbers next to the seeds'.</summary>
    internal static void AppendLoop(StringBuilder h, TextLoopNumbers loop)
    {
        h.Append("<h2>Diversity and memorization next to the seeds</h2>");
        if (loop.Output is { } o && loop.Seeds is { } s)
        {
            h.Append("<p class=\"muted\">").Append(E(F($"Both measured at {o.Count} texts (a seeded sample of the larger set). Higher distinct-n and compression ratio, lower self-BLEU and similarity mean more diverse."))).Append("</p>")
                .Append("<table><tr><th>metric</th><th>synthetic</th><th>seeds</th></tr>");
            Pair(h, "distinct-1", o.Distinct1, s.Distinct1);
            Pair(h, "distinct-2", o.Distinct2, s.Distinct2);
            Pair(h, "distinct-3", o.Distinct3, s.Distinct3);
            Pair(h, "compression ratio (gzip ÷ raw)", o.CompressionRatio, s.CompressionRatio);
            Pair(h, "self-BLEU", o.SelfBleu, s.SelfBleu);
            Pair(h, "mean pairwise similarity", o.MeanPairwiseSimilarity, s.MeanPairwiseSimilarity);
            h.Append("</table>");
        }

        if (loop.Memorization is { } mem)
        {
            h.Append("<table><tr><th>copies of a seed text</th><th>share of synthetic texts</th></tr>");
            Pair(h, "exact copies", mem.ExactCopyRate, null);
            Pair(h, F($"near copies (shingle Jaccard ≥ {mem.Options.NearCopyThreshold})"), mem.NearCopyRate, null);
            Pair(h, F($"{mem.Options.NGram}-gram overlap"), mem.NGramOverlapRate, null);
            Pair(h, F($"sharing ≥ {mem.Options.LongMatchChars} characters"), mem.LongMatchRate, null);
            h.Append("</table>\n");
        }
    }

    private static void NgramTable(StringBuilder h, string title, IReadOnlyList<NgramBias> rows)
    {
        h.Append("<h3>").Append(E(title)).Append("</h3>");
        if (rows.Count == 0)
        {
            h.Append("<p>None beyond the threshold.</p>");
            return;
        }

        h.Append("<table><tr><th>phrase</th><th>synthetic count</th><th>real count</th><th>z</th><th>synthetic texts</th><th>real texts</th></tr>");
        foreach (var r in rows)
        {
            h.Append("<tr><td>").Append(E(r.Phrase)).Append("</td><td class=\"num\">").Append(r.SyntheticCount).Append("</td><td class=\"num\">").Append(r.RealCount)
                .Append("</td><td class=\"num\">").Append(r.Z.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td><td class=\"num\">").Append(Percent(r.SyntheticTexts))
                .Append("</td><td class=\"num\">").Append(Percent(r.RealTexts)).Append("</td></tr>");
        }

        h.Append("</table>\n");
    }

    private static void LengthRow(StringBuilder h, string name, LengthComparison c)
    {
        h.Append("<tr><td>").Append(name).Append("</td>");
        foreach (var s in new[] { c.Real, c.Synthetic })
        {
            foreach (var v in new[] { s.Mean, s.P10, s.P50, s.P90 })
            {
                h.Append("<td class=\"num\">").Append(N(v, "0.0")).Append("</td>");
            }
        }

        h.Append("<td class=\"num\">").Append(N(c.Ks)).Append("</td></tr>");
    }

    private static void Pair(StringBuilder h, string name, double real, double? synthetic, string format = "0.000")
    {
        h.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"num\">").Append(N(real, format)).Append("</td>");
        if (synthetic is { } s)
        {
            h.Append("<td class=\"num\">").Append(N(s, format)).Append("</td>");
        }

        h.Append("</tr>");
    }

    private static string Interval(Estimate e) => N(e.Value) + " <span class=\"muted\">[" + N(e.Lower) + ", " + N(e.Upper) + "]</span>";

    private static string Percent(double share) => double.IsFinite(share) ? share.ToString("0.0 %", CultureInfo.InvariantCulture) : "–";

    private static string N(double value, string format = "0.000") => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
