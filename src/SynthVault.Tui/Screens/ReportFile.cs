using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SynthVault.Core.Errors;
using SynthVault.Evaluation.Reporting;

namespace SynthVault.Tui.Screens;

/// <summary>One section's verdict as report.json states it.</summary>
internal sealed record ReportVerdict(string Section, string Outcome, string Metric, double? Value, string Threshold, string Summary);

/// <summary>One line of a drill-down table: the cells under <see cref="ReportDrillDown.Headers"/> and what the line means.</summary>
internal sealed record ReportDetailRow(IReadOnlyList<string> Cells, string Explanation);

/// <summary>A section's drill-down: column headers and rows.</summary>
internal sealed record ReportDrillDown(string Title, IReadOnlyList<string> Headers, IReadOnlyList<ReportDetailRow> Rows);

/// <summary>What the evaluation screen shows of a report.json: the verdicts and a drill-down per section.</summary>
internal sealed record ReportSummary(
    string Path,
    string Source,
    IReadOnlyList<ReportVerdict> Verdicts,
    IReadOnlyDictionary<string, ReportDrillDown> DrillDowns,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The drill-down of a section, or an empty one.</summary>
    public ReportDrillDown DrillDown(string section) =>
        DrillDowns.TryGetValue(section, out var d) ? d : new ReportDrillDown(section, ["item", "value"], []);
}

/// <summary>
/// Reads the report.json that <see cref="ReportWriter"/> writes (keys in Evaluation/REPORT.md). It reads the JSON
/// tree rather than deserialising the engine's records, so a report from an older or newer build with extra keys
/// still opens; a file that is not such a report is a <see cref="SynthVaultException"/> naming the missing key.
/// </summary>
internal static partial class ReportFile
{
    /// <summary>The file name <c>synthvault evaluate</c> and runs write.</summary>
    public const string FileName = "report.json";

    /// <summary>True when <paramref name="path"/> looks like a report: a report.json, or a folder holding one.</summary>
    public static bool LooksLikeReport(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Directory.Exists(path) ? File.Exists(System.IO.Path.Combine(path, FileName)) : IsReportJson(path);
    }

    /// <summary>Reads a report.json (or the report.json inside a run folder).</summary>
    public static ReportSummary Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
        {
            throw new SynthVaultException(Directory.Exists(path) ? "has no report.json in it." : "does not exist.", Directory.Exists(path) ? path : file,
                hint: "Open the report.json that 'synthvault evaluate' or a run wrote (for example out/report/report.json).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException ex)
        {
            throw new SynthVaultException($"is not valid JSON (line {(ex.LineNumber ?? 0) + 1}).", file, hint: "Open an unchanged report.json from 'synthvault evaluate'.", inner: ex);
        }
        catch (IOException ex)
        {
            throw new SynthVaultException($"cannot be read: {ex.Message}", file, inner: ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("verdicts", out var verdicts) || verdicts.ValueKind != JsonValueKind.Array)
            {
                throw new SynthVaultException("is not a SynthVault evaluation report: it has no \"verdicts\" list.", file, hint: "Open the report.json that 'synthvault evaluate' or a run wrote.");
            }

            var list = verdicts.EnumerateArray().Select(ReadVerdict).ToList();
            var drill = new Dictionary<string, ReportDrillDown>(StringComparer.Ordinal)
            {
                ["fidelity"] = Fidelity(root),
                ["utility"] = Utility(root),
                ["discriminator"] = Discriminator(root, list.FirstOrDefault(v => v.Section == "discriminator")),
                ["privacy"] = Privacy(root, list.FirstOrDefault(v => v.Section == "privacy")),
            };
            var warnings = Strings(root, "warnings");
            return new ReportSummary(file, Source(root), list, drill, warnings);
        }
    }

    private static bool IsReportJson(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return false;
        }

        if (string.Equals(System.IO.Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("verdicts", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ReportVerdict ReadVerdict(JsonElement v) => new(
        Text(v, "section") ?? "?",
        Text(v, "outcome") ?? "?",
        Text(v, "metric") ?? string.Empty,
        Number(v, "value"),
        Text(v, "threshold") ?? string.Empty,
        Text(v, "summary") ?? string.Empty);

    private static string Source(JsonElement root)
    {
        if (!root.TryGetProperty("metadata", out var meta) || !meta.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var parts = inputs.EnumerateArray()
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{Text(i, "role")} {Text(i, "name")} ({Number(i, "rows") ?? 0:N0} rows)"));
        var seed = meta.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number ? $" · seed {s.GetRawText()}" : string.Empty;
        return string.Join(", ", parts) + seed;
    }

    private static ReportDrillDown Fidelity(JsonElement root)
    {
        var rows = new List<(double Score, ReportDetailRow Row)>();
        if (root.TryGetProperty("fidelity", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            var coverage = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var c in Items(f, "coverage"))
            {
                if (Text(c, "column") is { } name)
                {
                    coverage[name] = c;
                }
            }

            foreach (var shape in Items(f, "columnShapes"))
            {
                var column = Text(shape, "column") ?? "?";
                var metric = Text(shape, "metric") ?? "?";
                var score = Number(shape, "score");
                var cover = coverage.TryGetValue(column, out var cv) ? cv : default;
                var (coverText, coverExplain) = Coverage(cover);
                var explanation = MetricMeaning(metric)
                    + (Text(shape, "note") is { } note ? " Note: " + note : string.Empty)
                    + coverExplain;
                rows.Add((score ?? -1, new ReportDetailRow([column, metric, TuiText.Number(score), coverText], explanation)));
            }

            foreach (var excluded in Items(f, "excludedColumns"))
            {
                rows.Add((double.MaxValue, new ReportDetailRow([Text(excluded, "column") ?? "?", "not scored", "-", "-"], "Left out of every score: " + (Text(excluded, "reason") ?? "no reason given") + ".")));
            }
        }

        // Worst first: the columns to look at are at the top; undefined scores (−1) lead, excluded columns close the list.
        var ordered = rows.OrderBy(r => r.Score).Select(r => r.Row).ToList();
        return new ReportDrillDown("fidelity per column, worst first", ["column", "metric", "score", "coverage"], ordered);
    }

    private static (string Text, string Explanation) Coverage(JsonElement c)
    {
        if (c.ValueKind != JsonValueKind.Object)
        {
            return ("-", string.Empty);
        }

        if (Number(c, "realCategories") is > 0 and var real)
        {
            var covered = Number(c, "coveredCategories") ?? 0;
            var share = Number(c, "categoryCoverage");
            return (string.Create(CultureInfo.InvariantCulture, $"{covered:0}/{real:0} cat."),
                string.Create(CultureInfo.InvariantCulture, $" Category coverage {TuiText.Number(share)}: the synthetic data has {covered:0} of the {real:0} real categories."));
        }

        var range = Number(c, "rangeCoverage");
        var boundary = Number(c, "boundaryAdherence");
        return ($"range {TuiText.Number(range, "0.00")}",
            $" Range coverage {TuiText.Number(range)} (how much of the real min–max the synthetic values span); boundary adherence {TuiText.Number(boundary)} (share of synthetic values inside the real range).");
    }

    private static string MetricMeaning(string metric) => metric switch
    {
        "KSComplement" => "KSComplement = 1 − the Kolmogorov–Smirnov distance between the real and synthetic values (1 = same distribution; SDMetrics' definition).",
        "TVComplement" => "TVComplement = 1 − the total variation distance between the real and synthetic category shares (1 = same shares; SDMetrics' definition).",
        _ => metric + ".",
    };

    private static ReportDrillDown Utility(JsonElement root)
    {
        var rows = new List<ReportDetailRow>();
        if (root.TryGetProperty("utility", out var u) && u.ValueKind == JsonValueKind.Object)
        {
            if (Text(u, "status") != "ok")
            {
                rows.Add(new ReportDetailRow(["skipped", "-", "-", "-"], Text(u, "skipReason") ?? "The utility check did not run."));
            }
            else
            {
                u.TryGetProperty("trtr", out var trtr);
                u.TryGetProperty("tstr", out var tstr);
                var label = Text(u, "label") ?? "?";
                foreach (var (key, name, meaning) in UtilityMetrics)
                {
                    var real = Number(trtr, key);
                    var syn = Number(tstr, key);
                    if (real is null && syn is null)
                    {
                        continue;
                    }

                    var ratio = real is > 0 && syn is { } s ? TuiText.Number(s / real.Value) : "-";
                    rows.Add(new ReportDetailRow([name, TuiText.Number(real), TuiText.Number(syn), ratio],
                        $"{meaning} Predicting '{label}' on unseen real rows: a model trained on real rows (TRTR) against one trained on synthetic rows (TSTR)."));
                }
            }
        }
        else
        {
            rows.Add(new ReportDetailRow(["not run", "-", "-", "-"], "The report has no utility section (no label or no holdout)."));
        }

        return new ReportDrillDown("utility: train on synthetic, test on real", ["metric", "real-trained", "synth-trained", "ratio"], rows);
    }

    private static readonly (string Key, string Name, string Meaning)[] UtilityMetrics =
    [
        ("rocAuc", "ROC-AUC", "Area under the ROC curve (0.5 = chance, 1 = perfect ranking)."),
        ("averagePrecision", "PR-AUC", "Average precision: the area under the precision–recall curve, telling for rare classes."),
        ("f1", "F1", "F1 at probability ≥ 0.5 (macro for several classes)."),
        ("accuracy", "accuracy", "Share of holdout rows predicted right."),
        ("r2", "R²", "Share of the label's variance the model explains (regression)."),
        ("meanAbsoluteError", "MAE", "Mean absolute error of the predictions (regression; lower is better)."),
    ];

    private static ReportDrillDown Discriminator(JsonElement root, ReportVerdict? verdict)
    {
        var rows = new List<ReportDetailRow>();
        if (root.TryGetProperty("discriminator", out var d) && d.ValueKind == JsonValueKind.Object)
        {
            rows.Add(new ReportDetailRow(["ROC-AUC", TuiText.Number(Number(d, "rocAuc")), verdict?.Threshold ?? "-", Text(d, "folds") ?? "-"],
                "Mean out-of-fold ROC-AUC of a classifier trained to tell real rows from synthetic ones: 0.5 means it cannot, 1 means every synthetic row is recognisable."));
            var folds = Items(d, "foldRocAucs").Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN).ToList();
            for (var i = 0; i < folds.Count; i++)
            {
                rows.Add(new ReportDetailRow([string.Create(CultureInfo.InvariantCulture, $"fold {i + 1}"), TuiText.Number(folds[i]), "-", "-"], "ROC-AUC of one cross-validation fold; folds far apart mean the estimate is noisy."));
            }
        }
        else
        {
            rows.Add(new ReportDetailRow(["not run", "-", "-", "-"], "The report has no discriminator section."));
        }

        return new ReportDrillDown("discriminator: can a model tell real from synthetic?", ["metric", "value", "threshold", "folds"], rows);
    }

    private static ReportDrillDown Privacy(JsonElement root, ReportVerdict? verdict)
    {
        var rows = new List<ReportDetailRow>();
        var (dcrLimit, miaLimit) = PrivacyLimits(verdict?.Threshold);
        if (root.TryGetProperty("privacy", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("overall", out var overall))
        {
            AddPrivacyRows(rows, overall, string.Empty, dcrLimit, miaLimit, withAttacks: true);
            if (p.TryGetProperty("perClass", out var perClass) && perClass.ValueKind == JsonValueKind.Object)
            {
                foreach (var cls in perClass.EnumerateObject())
                {
                    AddPrivacyRows(rows, cls.Value, $" [class {cls.Name}]", dcrLimit, miaLimit, withAttacks: false);
                }
            }
        }
        else
        {
            rows.Add(new ReportDetailRow(["not run", "-", "-", "-"], verdict?.Summary ?? "The report has no privacy section (no holdout or no auditor)."));
        }

        rows.Add(PersonalDataRow(root));
        return new ReportDrillDown("privacy metrics", ["metric", "value", "threshold", "ok?"], rows);
    }

    private static void AddPrivacyRows(List<ReportDetailRow> rows, JsonElement m, string suffix, double dcrLimit, double miaLimit, bool withAttacks)
    {
        var dcr = m.TryGetProperty("dcrShare", out var d) ? d : default;
        var lower = Number(dcr, "lower");
        rows.Add(new ReportDetailRow(
            ["DCR share" + suffix, string.Create(CultureInfo.InvariantCulture, $"{TuiText.Number(Number(dcr, "value"))} [{TuiText.Number(lower)}, {TuiText.Number(Number(dcr, "upper"))}]"),
             string.Create(CultureInfo.InvariantCulture, $"lower ≤ {dcrLimit:0.00}"), Ok(lower is { } l ? l <= dcrLimit : null)],
            "Distance to closest record: the share of synthetic rows nearer to a training row than to any unseen holdout row (ties count half). 0.5 is ideal; if even the lower end of the 95 % interval is above the limit, the generator memorised training rows."));

        var train = Number(m, "identicalMatchShareTrain");
        var holdout = Number(m, "identicalMatchShareHoldout");
        rows.Add(new ReportDetailRow(
            ["exact copies" + suffix, TuiText.Number(train, "0.0000"), $"≤ holdout {TuiText.Number(holdout, "0.0000")}", Ok(train is { } t && holdout is { } h ? t <= h + 1e-12 : null)],
            "Share of synthetic rows identical to a training row, beside the same share for unseen holdout rows. More copies of training rows than of rows the generator never saw means it copies."));

        var nTrain = Number(m, "nndrP10Train");
        var nHoldout = Number(m, "nndrP10Holdout");
        rows.Add(new ReportDetailRow(
            ["NNDR p10" + suffix, TuiText.Number(nTrain), $"≈ holdout {TuiText.Number(nHoldout)}", Ok(nTrain is { } a && nHoldout is { } b ? a >= b - 0.05 : null)],
            "10th percentile of the nearest-neighbour distance ratio (closest / second-closest real row). Much lower against training rows than against holdout rows means synthetic rows sit right on top of particular training rows."));

        var mia = Number(m, "miaAuroc");
        rows.Add(new ReportDetailRow(
            ["membership inference" + suffix, TuiText.Number(mia), string.Create(CultureInfo.InvariantCulture, $"AUROC ≤ {miaLimit:0.00}"), Ok(mia is { } x ? x <= miaLimit : null)],
            string.Create(CultureInfo.InvariantCulture, $"How well an attacker who sees the synthetic data can tell training rows from unseen rows by distance (0.5 = no better than a coin). TPR at 1 % false positives: {TuiText.Number(Number(m, "miaTprAtFpr1"))}.")));

        if (!withAttacks)
        {
            return;
        }

        foreach (var attack in Items(m, "attacks"))
        {
            var name = Text(attack, "attack") ?? "attack";
            var risk = attack.TryGetProperty("risk", out var r) ? r : default;
            var riskValue = Number(risk, "value");
            var riskLower = Number(risk, "lower");
            var main = attack.TryGetProperty("mainSuccessRate", out var ms) ? Number(ms, "value") : null;
            var control = attack.TryGetProperty("controlSuccessRate", out var cs) ? Number(cs, "value") : null;
            var detail = Text(attack, "detail") is { } text ? " " + text : string.Empty;
            rows.Add(new ReportDetailRow(
                [name + " risk", string.Create(CultureInfo.InvariantCulture, $"{TuiText.Number(riskValue)} [{TuiText.Number(riskLower)}, {TuiText.Number(Number(risk, "upper"))}]"), "lower ≤ 0", Ok(riskLower is { } rl ? rl <= 0 : null)],
                string.Create(CultureInfo.InvariantCulture, $"Anonymeter-style {name} attack (Giomi et al. 2022): success {TuiText.Number(main)} on training rows vs {TuiText.Number(control)} on control rows; risk = (main − control) / (1 − control). A risk interval above 0 means the synthetic data leaks about the training rows.{detail}")));
        }
    }

    private static ReportDetailRow PersonalDataRow(JsonElement root)
    {
        var pii = new List<string>();
        if (root.TryGetProperty("metadata", out var meta))
        {
            foreach (var c in Items(meta, "columns"))
            {
                if (Text(c, "pii") is { } kind && kind != "none")
                {
                    pii.Add($"{Text(c, "name")} ({kind})");
                }
            }
        }

        return new ReportDetailRow(
            ["personal-data columns", pii.Count.ToString(CultureInfo.InvariantCulture), "never learned", "ok"],
            pii.Count == 0
                ? "No column is marked as personal data. Mark PII columns on the data screen so their values are replaced by surrogates."
                : "Left out of learning and of every score; their values are replaced by format-preserving surrogates or dropped: " + string.Join(", ", pii) + ".");
    }

    /// <summary>The DCR and membership-inference limits from the verdict's rule text, else the documented defaults.</summary>
    private static (double Dcr, double Mia) PrivacyLimits(string? rule)
    {
        var defaults = EvaluationThresholds.Default;
        if (rule is null)
        {
            return (defaults.DcrShareUpperBound, defaults.MiaAurocWarn);
        }

        var numbers = NumberPattern().Matches(rule).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        return numbers.Count >= 2 ? (numbers[^2], numbers[^1]) : (defaults.DcrShareUpperBound, defaults.MiaAurocWarn);
    }

    [GeneratedRegex(@"\d+\.\d+")]
    private static partial Regex NumberPattern();

    private static string Ok(bool? ok) => ok switch
    {
        true => "ok",
        false => "CHECK",
        null => "-",
    };

    private static JsonElement[] Items(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray()] : [];

    private static List<string> Strings(JsonElement e, string key) =>
        [.. Items(e, key).Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString() ?? string.Empty)];

    private static string? Text(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => null,
            }
            : null;

    private static double? Number(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
