using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Utility;

/// <summary>What the utility models predict, decided by the label's kind and its number of classes.</summary>
public enum UtilityTask
{
    /// <summary>A categorical or boolean label with two classes.</summary>
    BinaryClassification,

    /// <summary>A categorical label with three or more classes.</summary>
    MulticlassClassification,

    /// <summary>A numeric label.</summary>
    Regression,
}

/// <summary>Settings of the utility and discriminator models (LightGBM through ML.NET).</summary>
/// <param name="Iterations">Boosting rounds.</param>
/// <param name="Leaves">Leaves per tree.</param>
/// <param name="LearningRate">Shrinkage.</param>
/// <param name="MinimumExampleCountPerLeaf">Smallest leaf.</param>
/// <param name="MaxCategoriesPerColumn">One-hot slots per discrete column (the most frequent categories; the rest share all-zeros).</param>
/// <param name="BootstrapResamples">Resamples of the holdout for the interval of the primary metric (0 = no interval).</param>
/// <param name="PrCurvePoints">At most this many points of each precision–recall curve are kept for plots.</param>
/// <param name="Seed">Seed of the models and the bootstrap.</param>
public sealed record UtilityOptions(
    int Iterations = 100,
    int Leaves = 31,
    double LearningRate = 0.1,
    int MinimumExampleCountPerLeaf = 20,
    int MaxCategoriesPerColumn = 50,
    int BootstrapResamples = 200,
    int PrCurvePoints = 200,
    long Seed = 42)
{
    /// <summary>The defaults.</summary>
    public static UtilityOptions Default { get; } = new();

    internal BoostingSettings Boosting(string stream) =>
        new(Iterations, Leaves, LearningRate, MinimumExampleCountPerLeaf, unchecked((int)new Core.Randomness.SeedStreams(Seed).DeriveSeed(stream)) & int.MaxValue);
}

/// <summary>
/// How well one model, trained on real (TRTR) or synthetic (TSTR) rows, predicts the real holdout. Metrics that do
/// not apply to the task are NaN: ROC-AUC, average precision and F1 for classification (macro-averaged one-vs-rest
/// for multiclass), accuracy for multiclass, R² and MAE for regression.
/// </summary>
/// <param name="TrainRows">Rows the model was trained on.</param>
/// <param name="RocAuc">Area under the ROC curve.</param>
/// <param name="AveragePrecision">PR-AUC as average precision (scikit-learn's definition).</param>
/// <param name="F1">F1 of the positive class at probability ≥ 0.5 (binary) or macro F1 of the arg-max class (multiclass).</param>
/// <param name="Accuracy">Share of holdout rows whose arg-max class is right (classification).</param>
/// <param name="R2">Coefficient of determination (regression).</param>
/// <param name="MeanAbsoluteError">Mean absolute error (regression).</param>
/// <param name="PrimaryInterval">The primary metric with a 95 % percentile-bootstrap interval over the holdout rows.</param>
/// <param name="PrCurve">Precision–recall points of the positive class (binary only), thinned for plotting.</param>
public sealed record ModelScores(
    int TrainRows,
    double RocAuc,
    double AveragePrecision,
    double F1,
    double Accuracy,
    double R2,
    double MeanAbsoluteError,
    Estimate PrimaryInterval,
    IReadOnlyList<PrPoint> PrCurve);

/// <summary>
/// Machine-learning utility (DESIGN §7): a LightGBM trained on the real training rows (TRTR) and one trained on the
/// synthetic rows (TSTR), both scored on the same real holdout. <see cref="Ratio"/> = TSTR / TRTR of the primary metric.
/// </summary>
/// <param name="Label">The predicted column.</param>
/// <param name="Status">"ok", or "skipped" with <paramref name="SkipReason"/> (e.g. a label with one class).</param>
/// <param name="SkipReason">Why no model was scored, in plain language; null when Status is "ok".</param>
/// <param name="Task">The task, when known.</param>
/// <param name="PositiveClass">The class scored as positive in binary tasks: the rarer class of the real training rows.</param>
/// <param name="Classes">The classes (classification), in the models' order.</param>
/// <param name="HoldoutRows">Holdout rows scored.</param>
/// <param name="PrimaryMetric">"rocAuc" (classification) or "r2" (regression).</param>
/// <param name="Trtr">Train-real, test-real scores.</param>
/// <param name="Tstr">Train-synthetic, test-real scores.</param>
/// <param name="Ratio">TSTR / TRTR of the primary metric (NaN when undefined).</param>
/// <param name="Warnings">Plain-language notes (dropped rows, small holdout).</param>
public sealed record UtilityResult(
    string Label,
    string Status,
    string? SkipReason,
    UtilityTask? Task,
    string? PositiveClass,
    IReadOnlyList<string> Classes,
    int HoldoutRows,
    string PrimaryMetric,
    ModelScores? Trtr,
    ModelScores? Tstr,
    double Ratio,
    IReadOnlyList<string> Warnings)
{
    internal static UtilityResult Skipped(string label, string reason, UtilityTask? task, int holdoutRows, IReadOnlyList<string> warnings) =>
        new(label, "skipped", reason, task, null, [], holdoutRows, task == UtilityTask.Regression ? "r2" : "rocAuc", null, null, double.NaN, warnings);
}

/// <summary>
/// A real-vs-synthetic classifier's cross-validated ROC-AUC (DESIGN §7): 0.5 means the model cannot tell the
/// tables apart (ideal); 1.0 means every synthetic row is recognisable.
/// </summary>
/// <param name="RocAuc">Mean of the per-fold out-of-fold ROC-AUCs.</param>
/// <param name="FoldRocAucs">ROC-AUC of each fold.</param>
/// <param name="Folds">Number of stratified folds.</param>
/// <param name="RealRows">Real rows used (a seeded sample when the table is larger than the cap).</param>
/// <param name="SyntheticRows">Synthetic rows used.</param>
/// <param name="Features">Columns the classifier saw.</param>
public sealed record DiscriminatorResult(
    double RocAuc,
    IReadOnlyList<double> FoldRocAucs,
    int Folds,
    int RealRows,
    int SyntheticRows,
    IReadOnlyList<string> Features);
