using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SynthVault.App.Rebalancing;

/// <summary>The rebalancing benchmark as JSON (stable snake_case keys), a plain-text table and an HTML section with PR curves.</summary>
public static class RebalanceBenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The result as indented JSON.</summary>
    public static string ToJson(RebalanceBenchResult result) => JsonSerializer.Serialize(result, Json);

    /// <summary>A fixed-width text table: one line per variant.</summary>
    public static string ToText(RebalanceBenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"label {result.Label} = '{result.PositiveValue}': {result.Positives} of {result.Rows} rows; holdout {result.HoldoutRows} rows ({result.HoldoutPositives} positive), untouched; training resampled to {result.TargetRatio * 100:0.##} %; {result.BootstrapReplicates} bootstrap replicates\n");
        sb.Append(CultureInfo.InvariantCulture, $"{"variant",-24} {"PR-AUC [95% CI]",-22} {"recall@P" + result.MinimumPrecision.ToString("0.##", CultureInfo.InvariantCulture),-22} {"ROC-AUC",-22} {"Brier",-22} {"F1@thr",7} {"DCR share",10} {"near copy",10}\n");
        foreach (var v in result.Variants)
        {
            if (v.Error is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{v.Name,-24} skipped: {v.Error}\n");
                continue;
            }

            sb.Append(CultureInfo.InvariantCulture,
                $"{v.Name,-24} {Format(v.AveragePrecision),-22} {Format(v.RecallAtPrecision),-22} {Format(v.RocAuc),-22} {Format(v.Brier),-22} {v.F1,7:0.000} {(v.Privacy is { } p ? p.DcrShare.Value.ToString("0.000", CultureInfo.InvariantCulture) : "-"),10} {(v.Privacy is { } q ? (q.NearCopyRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-"),10}{(v.Flags.Count > 0 ? "  FLAG" : string.Empty)}\n");
        }

        return sb.ToString();
    }

    /// <summary>Formats an estimate as "0.812 [0.701, 0.905]".</summary>
    public static string Format(Evaluation.Privacy.Estimate? e) =>
        e is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{e.Value:0.000} [{e.Lower:0.000}, {e.Upper:0.000}]");

    /// <summary>A self-contained HTML section (table, flags, PR curves as inline SVG) for the report.</summary>
    public static string ToHtmlSection(RebalanceBenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        sb.Append("<section id=\"rebalance-bench\">\n<h2>Rare-class rebalancing</h2>\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"<p>Label <code>{E(result.Label)}</code> = <code>{E(result.PositiveValue)}</code>: {result.Positives} of {result.Rows} rows. Stratified split first; the holdout ({result.HoldoutRows} rows, {result.HoldoutPositives} positive) is never resampled. Training part resampled to {result.TargetRatio * 100:0.##} % minority; LightGBM on each variant; 95 % intervals from {result.BootstrapReplicates} stratified bootstrap replicates of the holdout.</p>\n");
        sb.Append("<table>\n<thead><tr><th>variant</th><th>PR-AUC</th><th>recall @ precision ")
            .Append(result.MinimumPrecision.ToString("0.##", CultureInfo.InvariantCulture))
            .Append("</th><th>ROC-AUC</th><th>Brier</th><th>threshold</th><th>F1</th><th>generated</th><th>DCR share</th><th>near copies</th><th>identical</th></tr></thead>\n<tbody>\n");
        foreach (var v in result.Variants)
        {
            if (v.Error is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(v.Name)}</td><td colspan=\"10\">skipped: {E(v.Error)}</td></tr>\n");
                continue;
            }

            var p = v.Privacy;
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr{(v.Flags.Count > 0 ? " class=\"flagged\"" : string.Empty)}><td>{E(v.Name)}</td><td>{Format(v.AveragePrecision)}</td><td>{Format(v.RecallAtPrecision)}</td><td>{Format(v.RocAuc)}</td><td>{Format(v.Brier)}</td><td>{v.Threshold:0.000}</td><td>{v.F1:0.000}</td><td>{v.GeneratedRows}</td><td>{(p is null ? "-" : Format(p.DcrShare))}</td><td>{(p is null ? "-" : $"{p.NearCopyRate * 100:0.0} %")}</td><td>{(p is null ? "-" : $"{p.IdenticalCopyRate * 100:0.0} %")}</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        var flagged = result.Variants.Where(v => v.Flags.Count > 0).ToList();
        if (flagged.Count > 0)
        {
            sb.Append("<ul class=\"flags\">\n");
            foreach (var v in flagged)
            {
                foreach (var f in v.Flags)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<li><b>{E(v.Name)}</b>: {E(f)}</li>\n");
                }
            }

            sb.Append("</ul>\n");
        }

        sb.Append(PrCurvesSvg(result)).Append("</section>\n");
        return sb.ToString();
    }

    /// <summary>A complete HTML page holding only the benchmark section.</summary>
    public static string ToHtmlPage(RebalanceBenchResult result) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>SynthVault rebalancing benchmark</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px}tr.flagged td{background:#fff3f3}code{background:#f4f4f4}</style></head><body>\n"
        + ToHtmlSection(result) + "</body></html>\n";

    private static string PrCurvesSvg(RebalanceBenchResult result)
    {
        const int width = 640, height = 440, left = 60, top = 20, plot = 360;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Precision-recall curves on the holdout\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top}\" width=\"{plot}\" height=\"{plot}\" fill=\"none\" stroke=\"#333\"/>\n");
        for (var t = 0; t <= 10; t += 2)
        {
            var x = left + (plot * t / 10.0);
            var y = top + plot - (plot * t / 10.0);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{top + plot + 16}\" font-size=\"11\" text-anchor=\"middle\">{t / 10.0:0.0}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{t / 10.0:0.0}</text>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (plot / 2)}\" y=\"{top + plot + 34}\" font-size=\"12\" text-anchor=\"middle\">recall</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{top + (plot / 2)}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 {top + (plot / 2)})\">precision</text>\n");
        var index = 0;
        foreach (var v in result.Variants.Where(v => v.Error is null))
        {
            var color = Palette[index % Palette.Length];
            var points = new StringBuilder();
            // A step curve from (0, first precision): the shape average precision integrates.
            var previousRecall = 0.0;
            foreach (var p in v.PrCurve)
            {
                points.Append(CultureInfo.InvariantCulture, $"{left + (plot * previousRecall):0.##},{top + plot - (plot * p.Precision):0.##} ");
                points.Append(CultureInfo.InvariantCulture, $"{left + (plot * p.Recall):0.##},{top + plot - (plot * p.Precision):0.##} ");
                previousRecall = p.Recall;
            }

            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\" points=\"{points.ToString().TrimEnd()}\"/>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + plot + 20}\" y=\"{top + 4 + (index * 18)}\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{left + plot + 38}\" y=\"{top + 14 + (index * 18)}\" font-size=\"12\">{E(v.Name)} (AP {v.AveragePrecision?.Value:0.000})</text>\n");
            index++;
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
