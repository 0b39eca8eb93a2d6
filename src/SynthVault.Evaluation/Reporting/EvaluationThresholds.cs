using System.Globalization;
using SynthVault.Evaluation.Fidelity;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Utility;

namespace SynthVault.Evaluation.Reporting;

/// <summary>
/// The pass/warn/fail thresholds of the report's verdicts (REPORT.md explains each choice).
/// </summary>
/// <param name="QualityPass">Quality score at or above this passes. 0.90: marginals and pair trends then overlay
/// closely; our choice, not an SDMetrics rule.</param>
/// <param name="QualityWarn">Quality score at or above this (and below the pass mark) warns; below it fails.</param>
/// <param name="UtilityRatioPass">TSTR/TRTR of the primary metric at or above this passes (synthetic-trained models
/// keep 95 % of the real-trained model's ROC-AUC or R²).</param>
/// <param name="UtilityRatioWarn">Ratio at or above this warns; below it fails.</param>
/// <param name="DiscriminatorPass">Discriminator ROC-AUC at or below this passes (0.5 = indistinguishable).</param>
/// <param name="DiscriminatorWarn">AUC at or below this warns; above it fails (most synthetic rows are recognisable).</param>
/// <param name="DcrShareUpperBound">Privacy fails when the lower end of the DCR share's 95 % interval is above this
/// (synthetic rows sit closer to training rows than to unseen rows: memorisation; DESIGN §7).</param>
/// <param name="MiaAurocWarn">Privacy warns when the distance-based membership-inference AUROC exceeds this.</param>
public sealed record EvaluationThresholds(
    double QualityPass = 0.90,
    double QualityWarn = 0.80,
    double UtilityRatioPass = 0.95,
    double UtilityRatioWarn = 0.85,
    double DiscriminatorPass = 0.70,
    double DiscriminatorWarn = 0.85,
    double DcrShareUpperBound = 0.5,
    double MiaAurocWarn = 0.60)
{
    /// <summary>The defaults.</summary>
    public static EvaluationThresholds Default { get; } = new();

    internal SectionVerdict Judge(FidelityResult f)
    {
        var rule = F($"pass ≥ {QualityPass:0.00}, warn ≥ {QualityWarn:0.00}");
        var q = f.QualityScore;
        if (double.IsNaN(q))
        {
            return new("fidelity", Verdict.Skipped, "No column could be scored, so fidelity is unknown.", "qualityScore", q, rule);
        }

        return q >= QualityPass
            ? new("fidelity", Verdict.Pass, F($"The synthetic data follows the real columns and their relationships closely (quality {q:0.000})."), "qualityScore", q, rule)
            : q >= QualityWarn
                ? new("fidelity", Verdict.Warn, F($"The synthetic data follows the real data only roughly (quality {q:0.000}); check the weakest columns and pairs below."), "qualityScore", q, rule)
                : new("fidelity", Verdict.Fail, F($"The synthetic data departs clearly from the real data (quality {q:0.000}); it misrepresents some columns or relationships."), "qualityScore", q, rule);
    }

    internal SectionVerdict Judge(UtilityResult? u, string? skipReason)
    {
        var rule = F($"TSTR/TRTR pass ≥ {UtilityRatioPass:0.00}, warn ≥ {UtilityRatioWarn:0.00}");
        if (u is null || u.Status != "ok" || double.IsNaN(u.Ratio))
        {
            var why = u?.SkipReason ?? skipReason ?? "The ratio is undefined (the real-trained model did no better than chance).";
            return new("utility", Verdict.Skipped, why, "ratio", double.NaN, rule);
        }

        var metric = u.PrimaryMetric == "r2" ? "R²" : "ROC-AUC";
        var r = u.Ratio;
        var what = F($"a model trained on synthetic rows reaches {r:P0} of the {metric} of one trained on real rows when predicting '{u.Label}' on unseen real rows");
        return r >= UtilityRatioPass
            ? new("utility", Verdict.Pass, F($"Useful for modelling: {what}."), "ratio", r, rule)
            : r >= UtilityRatioWarn
                ? new("utility", Verdict.Warn, F($"Somewhat useful for modelling: {what}."), "ratio", r, rule)
                : new("utility", Verdict.Fail, F($"Of limited use for modelling: {what}."), "ratio", r, rule);
    }

    internal SectionVerdict Judge(DiscriminatorResult? d, string? skipReason)
    {
        var rule = F($"AUC pass ≤ {DiscriminatorPass:0.00}, warn ≤ {DiscriminatorWarn:0.00}");
        if (d is null)
        {
            return new("discriminator", Verdict.Skipped, skipReason ?? "The discriminator was not run.", "rocAuc", double.NaN, rule);
        }

        var a = d.RocAuc;
        return a <= DiscriminatorPass
            ? new("discriminator", Verdict.Pass, F($"A classifier can hardly tell synthetic rows from real ones (ROC-AUC {a:0.000}; 0.5 means indistinguishable)."), "rocAuc", a, rule)
            : a <= DiscriminatorWarn
                ? new("discriminator", Verdict.Warn, F($"A classifier tells many synthetic rows from real ones (ROC-AUC {a:0.000}; 0.5 means indistinguishable)."), "rocAuc", a, rule)
                : new("discriminator", Verdict.Fail, F($"A classifier recognises most synthetic rows (ROC-AUC {a:0.000}; 0.5 means indistinguishable)."), "rocAuc", a, rule);
    }

    internal SectionVerdict Judge(PrivacySection? p, string? skipReason)
    {
        var rule = F($"fail if the DCR share's 95 % lower bound > {DcrShareUpperBound:0.00}; warn if membership-inference AUROC > {MiaAurocWarn:0.00}");
        if (p is null)
        {
            return new("privacy", Verdict.Skipped, skipReason ?? "No privacy audit was run.", "dcrShareLower", double.NaN, rule);
        }

        var m = p.Overall;
        var lower = m.DcrShare.Lower;
        if (lower > DcrShareUpperBound)
        {
            return new("privacy", Verdict.Fail, F($"Synthetic rows sit closer to the training rows than to unseen real rows (DCR share {m.DcrShare.Value:0.000}, interval from {lower:0.000}): the generator memorised training data."), "dcrShareLower", lower, rule);
        }

        return m.MiaAuroc > MiaAurocWarn
            ? new("privacy", Verdict.Warn, F($"No memorisation by distance (DCR share {m.DcrShare.Value:0.000}), but a membership-inference attack does better than chance (AUROC {m.MiaAuroc:0.000})."), "dcrShareLower", lower, rule)
            : new("privacy", Verdict.Pass, F($"Synthetic rows are no closer to the training rows than to unseen real rows (DCR share {m.DcrShare.Value:0.000}; 0.5 is ideal)."), "dcrShareLower", lower, rule);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
