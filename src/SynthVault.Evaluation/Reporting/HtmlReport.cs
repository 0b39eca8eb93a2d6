using System.Globalization;
using System.Net;
using System.Text;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Fidelity;
using SynthVault.Evaluation.Utility;

namespace SynthVault.Evaluation.Reporting;

/// <summary>
/// Renders report.html: one file with inline CSS and PNG charts as data URIs, no script and no link to anything
/// outside it, so it opens the same on an air-gapped machine. Every name and category shown is HTML-encoded;
/// personal-data columns are never plotted.
/// </summary>
internal static class HtmlReport
{
    /// <summary>Marginal plots are drawn for at most this many columns, the lowest-scoring first.</summary>
    public const int MaxMarginalPlots = 40;

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1150px;color:#222;line-height:1.45;padding:0 1rem}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
        table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}td,th{border:1px solid #ddd;padding:.25rem .55rem;text-align:left;vertical-align:top}
        th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .badge{display:inline-block;padding:.1rem .55rem;border-radius:.7rem;font-weight:600;font-size:.85rem;color:#fff}
        .pass{background:#2e7d32}.warn{background:#ef6c00}.fail{background:#c62828}.skipped{background:#757575}
        .muted{color:#666;font-size:.88rem}.grid{display:flex;flex-wrap:wrap;gap:.8rem}.grid img{border:1px solid #eee;max-width:100%}
        ul.warnings li{color:#8a4b00}
        """;

    public static string Render(EvaluationReport report, Table real, Table synthetic, TableSchema schema)
    {
        var h = new StringBuilder(256 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SynthVault evaluation report</title><style>")
            .Append(Css).Append("</style></head><body>\n");
        Header(h, report);
        if (!SynthVault.Charts.PlotFonts.Available)
        {
            h.Append("<p class=\"muted\">No font file was found on this machine, so the charts below have no titles or axis labels.</p>\n");
        }

        Verdicts(h, report);
        Fidelity(h, report.Fidelity, real, synthetic, schema);
        Utility(h, report.Utility);
        Discriminator(h, report.Discriminator);
        Privacy(h, report);
        h.Append("<p class=\"muted\">Definitions, thresholds and every key of report.json are documented in REPORT.md of SynthVault.Evaluation.</p>\n</body></html>\n");
        return h.ToString();
    }

    private static void Header(StringBuilder h, EvaluationReport r)
    {
        var m = r.Metadata;
        h.Append("<h1>Synthetic data evaluation</h1><p class=\"muted\">")
            .Append(E($"{m.Tool} {m.ToolVersion} · generated {m.GeneratedAtUtc:yyyy-MM-dd HH:mm} UTC · seed {m.Seed}"));
        if (m.Label is not null)
        {
            h.Append(E($" · label '{m.Label}'"));
        }

        h.Append("</p><table><tr><th>input</th><th>name</th><th>rows</th><th>columns</th></tr>");
        foreach (var i in m.Inputs)
        {
            h.Append("<tr><td>").Append(E(i.Role)).Append("</td><td>").Append(E(i.Name)).Append("</td><td class=\"num\">")
                .Append(N(i.Rows)).Append("</td><td class=\"num\">").Append(N(i.Columns)).Append("</td></tr>");
        }

        h.Append("</table>\n");
    }

    private static void Verdicts(StringBuilder h, EvaluationReport r)
    {
        h.Append("<h2>Verdicts</h2><table><tr><th>section</th><th>verdict</th><th>what it means</th><th>value</th><th>threshold</th></tr>");
        foreach (var v in r.Verdicts)
        {
            var css = v.Outcome.ToString().ToLowerInvariant();
            h.Append("<tr><td>").Append(E(v.Section)).Append("</td><td><span class=\"badge ").Append(css).Append("\">").Append(css.ToUpperInvariant())
                .Append("</span></td><td>").Append(E(v.Summary)).Append("</td><td class=\"num\">").Append(D(v.Value)).Append("</td><td>")
                .Append(E(v.Threshold)).Append("</td></tr>");
        }

        h.Append("</table>\n");
        if (r.Warnings.Count > 0)
        {
            h.Append("<h3>Warnings</h3><ul class=\"warnings\">");
            foreach (var w in r.Warnings)
            {
                h.Append("<li>").Append(E(w)).Append("</li>");
            }

            h.Append("</ul>\n");
        }
    }

    private static void Fidelity(StringBuilder h, FidelityResult f, Table real, Table synthetic, TableSchema schema)
    {
        var s = f.Settings;
        h.Append("<h2>Fidelity</h2><p>Quality score <b>").Append(D(f.QualityScore)).Append("</b> = mean of column shapes (")
            .Append(D(f.ColumnShapesScore)).Append(") and column pair trends (").Append(D(f.PairTrendsScore)).Append(").</p><p class=\"muted\">")
            .Append(E($"Definitions of {s.CompatibleWith}: KSComplement / TVComplement per column, CorrelationSimilarity ({s.Coefficient}) / ContingencySimilarity per pair, "))
            .Append(E($"real correlation threshold {s.RealCorrelationThreshold}, real association threshold {s.RealAssociationThreshold} (0 = every pair counts), "))
            .Append(E($"{s.Bins} bins ({s.PairBinning}).")).Append("</p>\n");

        var shown = f.ColumnShapes.OrderBy(c => double.IsNaN(c.Score) ? -1 : c.Score).Take(MaxMarginalPlots).ToList();
        h.Append("<h3>Real vs synthetic, per column</h3>");
        if (f.ColumnShapes.Count > MaxMarginalPlots)
        {
            h.Append("<p class=\"muted\">").Append(E($"The {MaxMarginalPlots} lowest-scoring of {f.ColumnShapes.Count} columns are plotted.")).Append("</p>");
        }

        h.Append("<div class=\"grid\">");
        foreach (var c in shown)
        {
            var cs = schema[c.Column];
            var shape = cs.Kind is ColumnKind.Categorical or ColumnKind.Boolean ? ColumnShape.Discrete : ColumnShape.Continuous;
            var png = Plots.Marginal(real[c.Column], synthetic[c.Column], shape, cs.Kind == ColumnKind.DateTime);
            Image(h, png, $"Distribution of {c.Column}, real vs synthetic ({c.Metric} {D(c.Score)})");
        }

        h.Append("</div>\n<h3>Column shapes and coverage</h3><table><tr><th>column</th><th>metric</th><th>score</th><th>category coverage</th><th>range coverage</th><th>boundary adherence</th><th>note</th></tr>");
        var coverage = f.Coverage.ToDictionary(c => c.Column, StringComparer.Ordinal);
        foreach (var c in f.ColumnShapes)
        {
            var cov = coverage[c.Column];
            h.Append("<tr><td>").Append(E(c.Column)).Append("</td><td>").Append(E(c.Metric)).Append("</td><td class=\"num\">").Append(D(c.Score))
                .Append("</td><td class=\"num\">").Append(D(cov.CategoryCoverage)).Append("</td><td class=\"num\">").Append(D(cov.RangeCoverage))
                .Append("</td><td class=\"num\">").Append(D(cov.BoundaryAdherence)).Append("</td><td>").Append(E(c.Note ?? string.Empty)).Append("</td></tr>");
        }

        h.Append("</table>\n");
        Heatmaps(h, f);

        h.Append("<h3>Weakest column pairs</h3><table><tr><th>column 1</th><th>column 2</th><th>metric</th><th>score</th><th>real ρ</th><th>synthetic ρ</th><th>note</th></tr>");
        foreach (var p in f.PairTrends.OrderBy(p => double.IsNaN(p.Score) ? 2 : p.Score).Take(20))
        {
            h.Append("<tr><td>").Append(E(p.Column1)).Append("</td><td>").Append(E(p.Column2)).Append("</td><td>").Append(E(p.Metric))
                .Append("</td><td class=\"num\">").Append(D(p.Score)).Append("</td><td class=\"num\">").Append(D(p.RealCorrelation))
                .Append("</td><td class=\"num\">").Append(D(p.SyntheticCorrelation)).Append("</td><td>").Append(E(p.Note ?? string.Empty)).Append("</td></tr>");
        }

        h.Append("</table>\n");
        if (f.ExcludedColumns.Count > 0)
        {
            h.Append("<h3>Columns left out of the scores</h3><ul>");
            foreach (var x in f.ExcludedColumns)
            {
                h.Append("<li><b>").Append(E(x.Column)).Append("</b>: ").Append(E(x.Reason)).Append("</li>");
            }

            h.Append("</ul>\n");
        }
    }

    private static void Heatmaps(StringBuilder h, FidelityResult f)
    {
        var numeric = new List<string>();
        foreach (var p in f.PairTrends.Where(p => p.Metric == "CorrelationSimilarity"))
        {
            if (!numeric.Contains(p.Column1))
            {
                numeric.Add(p.Column1);
            }

            if (!numeric.Contains(p.Column2))
            {
                numeric.Add(p.Column2);
            }
        }

        var scored = f.ColumnShapes.Select(c => c.Column).ToList();
        h.Append("<h3>Relationships between columns</h3><div class=\"grid\">");
        if (numeric.Count >= 2)
        {
            var real = Matrix(numeric, f.PairTrends, p => p.RealCorrelation, 1);
            var syn = Matrix(numeric, f.PairTrends, p => p.SyntheticCorrelation, 1);
            var diff = new double[numeric.Count, numeric.Count];
            for (var i = 0; i < numeric.Count; i++)
            {
                for (var j = 0; j < numeric.Count; j++)
                {
                    diff[i, j] = syn[i, j] - real[i, j];
                }
            }

            var coefficient = f.Settings.Coefficient;
            Image(h, Plots.Heatmap(real, numeric, $"Real correlation ({coefficient})", -1, 1, diverging: true), "Correlation heatmap of the real data");
            Image(h, Plots.Heatmap(syn, numeric, $"Synthetic correlation ({coefficient})", -1, 1, diverging: true), "Correlation heatmap of the synthetic data");
            Image(h, Plots.Heatmap(diff, numeric, "Difference (synthetic − real)", -1, 1, diverging: true), "Difference of the correlation heatmaps");
        }

        if (scored.Count >= 2)
        {
            Image(h, Plots.Heatmap(Matrix(scored, f.PairTrends, p => p.Score, 1), scored, "Pair trend score (1 = same)", 0, 1, diverging: false), "Pair trend scores of every pair of columns");
        }

        h.Append("</div>\n");
    }

    private static double[,] Matrix(List<string> names, IReadOnlyList<PairTrendScore> pairs, Func<PairTrendScore, double> value, double diagonal)
    {
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var m = new double[names.Count, names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = 0; j < names.Count; j++)
            {
                m[i, j] = i == j ? diagonal : double.NaN;
            }
        }

        foreach (var p in pairs)
        {
            if (index.TryGetValue(p.Column1, out var a) && index.TryGetValue(p.Column2, out var b))
            {
                m[a, b] = m[b, a] = value(p);
            }
        }

        return m;
    }

    private static void Utility(StringBuilder h, UtilityResult? u)
    {
        h.Append("<h2>Machine-learning utility</h2>");
        if (u is null)
        {
            h.Append("<p>Not run (see the verdict above).</p>\n");
            return;
        }

        if (u.Status != "ok" || u.Trtr is null || u.Tstr is null)
        {
            h.Append("<p>Skipped: ").Append(E(u.SkipReason ?? "no reason given")).Append("</p>\n");
            return;
        }

        h.Append("<p>").Append(E($"LightGBM predicting '{u.Label}' ({u.Task}) on {u.HoldoutRows:N0} real holdout rows. Ratio TSTR/TRTR of {u.PrimaryMetric}: ")).Append("<b>")
            .Append(D(u.Ratio)).Append("</b>.</p><table><tr><th>model</th><th>train rows</th><th>ROC-AUC</th><th>PR-AUC (AP)</th><th>F1</th><th>accuracy</th><th>R²</th><th>MAE</th><th>primary, 95 % interval</th></tr>");
        foreach (var (name, m) in new[] { ("trained on real (TRTR)", u.Trtr), ("trained on synthetic (TSTR)", u.Tstr) })
        {
            h.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"num\">").Append(N(m.TrainRows)).Append("</td><td class=\"num\">").Append(D(m.RocAuc))
                .Append("</td><td class=\"num\">").Append(D(m.AveragePrecision)).Append("</td><td class=\"num\">").Append(D(m.F1))
                .Append("</td><td class=\"num\">").Append(D(m.Accuracy)).Append("</td><td class=\"num\">").Append(D(m.R2))
                .Append("</td><td class=\"num\">").Append(D(m.MeanAbsoluteError)).Append("</td><td class=\"num\">")
                .Append(D(m.PrimaryInterval.Value)).Append(" [").Append(D(m.PrimaryInterval.Lower)).Append(", ").Append(D(m.PrimaryInterval.Upper)).Append("]</td></tr>");
        }

        h.Append("</table>\n");
        if (u.Task == UtilityTask.BinaryClassification && u.PositiveClass is not null)
        {
            h.Append("<div class=\"grid\">");
            Image(h, Plots.PrCurves(u.Trtr.PrCurve, u.Tstr.PrCurve, u.PositiveClass), "Precision-recall curves of the models trained on real and on synthetic rows");
            h.Append("</div>\n");
        }
    }

    private static void Discriminator(StringBuilder h, DiscriminatorResult? d)
    {
        h.Append("<h2>Real vs synthetic discriminator</h2>");
        if (d is null)
        {
            h.Append("<p>Not run.</p>\n");
            return;
        }

        h.Append("<p>").Append(E($"A LightGBM classifier tried to tell {d.RealRows:N0} real from {d.SyntheticRows:N0} synthetic rows; mean out-of-fold ROC-AUC over {d.Folds} folds: "))
            .Append("<b>").Append(D(d.RocAuc)).Append("</b> (folds: ").Append(string.Join(", ", d.FoldRocAucs.Select(D))).Append("). 0.5 = indistinguishable, 1 = every synthetic row recognisable.</p>\n");
    }

    private static void Privacy(StringBuilder h, EvaluationReport r)
    {
        h.Append("<h2>Privacy and memorisation</h2>");
        if (r.Privacy is not { } p)
        {
            h.Append("<p>Not run (see the verdict above).</p>\n");
            return;
        }

        var m = p.Overall;
        h.Append("<table><tr><th>metric</th><th>value</th></tr>");
        Row(h, "DCR share P(d_train &lt; d_holdout) + ½ P(tie), 95 % interval", $"{D(m.DcrShare.Value)} [{D(m.DcrShare.Lower)}, {D(m.DcrShare.Upper)}]");
        Row(h, "identical match share: training", D(m.IdenticalMatchShareTrain));
        Row(h, "identical match share: holdout", D(m.IdenticalMatchShareHoldout));
        Row(h, "NNDR 10th percentile: training / holdout", $"{D(m.NndrP10Train)} / {D(m.NndrP10Holdout)}");
        Row(h, "membership-inference AUROC", D(m.MiaAuroc));
        Row(h, "membership-inference TPR at FPR 1 %", D(m.MiaTprAtFpr1));
        foreach (var a in m.Attacks)
        {
            Row(h, E($"{a.Attack} risk ({a.Attempts} attempts), 95 % interval"), $"{D(a.Risk.Value)} [{D(a.Risk.Lower)}, {D(a.Risk.Upper)}]");
        }

        h.Append("</table>\n");
        if (p.PerClass.Count > 0)
        {
            h.Append("<h3>Per class of the label</h3><table><tr><th>class</th><th>synthetic rows</th><th>DCR share [95 %]</th><th>MIA AUROC</th></tr>");
            foreach (var (cls, pm) in p.PerClass.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                h.Append("<tr><td>").Append(E(cls)).Append("</td><td class=\"num\">").Append(N(pm.SyntheticRows)).Append("</td><td class=\"num\">")
                    .Append(D(pm.DcrShare.Value)).Append(" [").Append(D(pm.DcrShare.Lower)).Append(", ").Append(D(pm.DcrShare.Upper)).Append("]</td><td class=\"num\">")
                    .Append(D(pm.MiaAuroc)).Append("</td></tr>");
            }

            h.Append("</table>\n");
        }

        if (m.DcrSyntheticToTrain.Count > 0 || m.DcrSyntheticToHoldout.Count > 0)
        {
            h.Append("<div class=\"grid\">");
            Image(h, Plots.DcrHistograms(m.DcrSyntheticToTrain, m.DcrSyntheticToHoldout), "Histograms of distances to the closest training row and to the closest holdout row");
            h.Append("</div><p class=\"muted\">If the generator memorised its training rows, the training histogram sits to the left of the holdout one.</p>\n");
        }
    }

    private static void Row(StringBuilder h, string name, string value) =>
        h.Append("<tr><td>").Append(name).Append("</td><td class=\"num\">").Append(value).Append("</td></tr>");

    private static void Image(StringBuilder h, string base64Png, string alt) =>
        h.Append("<img src=\"data:image/png;base64,").Append(base64Png).Append("\" alt=\"").Append(E(alt)).Append("\">");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string E(FormattableString s) => WebUtility.HtmlEncode(s.ToString(CultureInfo.InvariantCulture));

    private static string D(double v) => double.IsNaN(v) ? "–" : v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
