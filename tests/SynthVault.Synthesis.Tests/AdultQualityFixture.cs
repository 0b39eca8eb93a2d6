using System.Collections.Concurrent;
using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Evaluation.Fidelity;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Utility;
using SynthVault.Testing;

namespace SynthVault.Synthesis.Tests;

/// <summary>
/// Fits each method once on <see cref="AdultSplit.Train"/> (fit seed 7), samples as many rows as the holdout has
/// (sample seed 11) and scores them with SynthVault.Evaluation, so the quality tests of a method share one model,
/// one sample and one set of scores. Every evaluator runs with a fixed seed, so the numbers are reproducible.
/// </summary>
public sealed class AdultQualityFixture
{
    /// <summary>Seed of the utility and discriminator models, the discriminator's folds and the privacy subsamples.</summary>
    public const long EvaluationSeed = 3;

    /// <summary>
    /// Rows of each set (train, holdout, synthetic) in the privacy audit: a seeded subsample of equal size on both
    /// real sides, as the audit requires. Its nearest-neighbour searches grow with the square of the rows (some
    /// 30 s for the full halves), and the identical-match shares need no more: both shares are measured on
    /// equally large real samples, so they stay comparable.
    /// </summary>
    public const int PrivacyRows = 4000;

    /// <summary>Point estimates only: the bars are judged on them, and the bootstrap would only add run time.</summary>
    public static readonly UtilityOptions Utility = new(BootstrapResamples: 0, Seed: EvaluationSeed);

    private static readonly PrivacyOptions Privacy = new(
        Seed: EvaluationSeed,
        MaxDistanceRows: PrivacyRows,
        BootstrapResamples: 20,
        AttackTargets: 20,
        MinRowsPerClass: int.MaxValue);

    private readonly ConcurrentDictionary<string, Lazy<AdultScores>> scores = new(StringComparer.Ordinal);

    public AdultScores For(string method) => scores.GetOrAdd(method, m => new Lazy<AdultScores>(() => Score(m))).Value;

    /// <summary>TSTR against TRTR for income, a synthetic table standing in for training rows.</summary>
    public static UtilityResult UtilityOf(Table synthetic) =>
        UtilityEvaluator.Evaluate(AdultSplit.Train, synthetic, AdultSplit.Holdout, TestData.AdultSchema, "income", Utility);

    /// <summary>3-fold cross-validated ROC-AUC of a discriminator between the holdout and a synthetic table.</summary>
    public static DiscriminatorResult DiscriminatorOf(Table synthetic) =>
        DiscriminatorEvaluator.Evaluate(AdultSplit.Holdout, synthetic, TestData.AdultSchema, folds: 3, seed: EvaluationSeed, options: Utility);

    /// <summary>
    /// The privacy audit's overall metrics. Only the identical-match shares are used: the per-class audits are
    /// skipped and the attacks and the bootstrap kept small (they do not enter these shares).
    /// </summary>
    public static PrivacyMetrics PrivacyOf(Table synthetic) =>
        PrivacyEvaluator.Evaluate(AdultSplit.Train, AdultSplit.Holdout, synthetic, TestData.AdultSchema, Privacy).Overall;

    private static AdultScores Score(string method)
    {
        var synthetic = Synthesizers.Create(method, 7).Fit(AdultSplit.Train, TestData.AdultSchema).Sample(AdultSplit.Holdout.RowCount, null, 11);
        return new AdultScores(
            FidelityEvaluator.Evaluate(AdultSplit.Holdout, synthetic, TestData.AdultSchema),
            UtilityOf(synthetic),
            DiscriminatorOf(synthetic),
            PrivacyOf(synthetic));
    }
}

/// <summary>The scores of one synthetic Adult table.</summary>
public sealed record AdultScores(FidelityResult Fidelity, UtilityResult Utility, DiscriminatorResult Discriminator, PrivacyMetrics Privacy)
{
    public double TstrRatio => Utility.Ratio;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"quality {Fidelity.QualityScore:F4} (shapes {Fidelity.ColumnShapesScore:F4}, trends {Fidelity.PairTrendsScore:F4}), TRTR {Utility.Trtr?.RocAuc:F4}, TSTR {Utility.Tstr?.RocAuc:F4} (ratio {TstrRatio:F4}), discriminator {Discriminator.RocAuc:F4}, identical to train {Privacy.IdenticalMatchShareTrain:P3}, to holdout {Privacy.IdenticalMatchShareHoldout:P3} ({Privacy.SyntheticRows} synthetic rows against {Privacy.TrainRows} of each)");
}
