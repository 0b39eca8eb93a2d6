namespace SynthVault.Evaluation.Fidelity;

/// <summary>The shape score of one column: KSComplement (numeric, datetime) or TVComplement (categorical, boolean).</summary>
/// <param name="Column">Column name.</param>
/// <param name="Metric">"KSComplement" or "TVComplement".</param>
/// <param name="Score">In [0, 1], 1 = same distribution; NaN when it cannot be computed (see <paramref name="Note"/>).</param>
/// <param name="Note">Why the score is missing, or null.</param>
public sealed record ColumnShapeScore(string Column, string Metric, double Score, string? Note = null);

/// <summary>The trend score of one pair of columns.</summary>
/// <param name="Column1">First column (schema order).</param>
/// <param name="Column2">Second column.</param>
/// <param name="Metric">"CorrelationSimilarity" (both numeric/datetime) or "ContingencySimilarity".</param>
/// <param name="Score">In [0, 1]; NaN when it cannot be computed or the pair falls under the threshold.</param>
/// <param name="RealCorrelation">ρ of the real pair (CorrelationSimilarity only, else NaN).</param>
/// <param name="SyntheticCorrelation">ρ of the synthetic pair (CorrelationSimilarity only, else NaN).</param>
/// <param name="RealAssociation">Cramér's V of the real pair (ContingencySimilarity only, else NaN).</param>
/// <param name="Note">Why the score is missing, or null.</param>
public sealed record PairTrendScore(
    string Column1,
    string Column2,
    string Metric,
    double Score,
    double RealCorrelation,
    double SyntheticCorrelation,
    double RealAssociation,
    string? Note = null);

/// <summary>
/// Coverage of one column (SDMetrics' definitions): for discrete columns the share of real categories the
/// synthetic data contains; for numeric/datetime columns how much of the real range the synthetic data spans and
/// the share of synthetic values inside the real [min, max]. Metrics that do not apply are NaN.
/// </summary>
public sealed record CoverageScore(
    string Column,
    double CategoryCoverage,
    double RangeCoverage,
    double BoundaryAdherence,
    int RealCategories,
    int CoveredCategories);

/// <summary>A schema column that no score uses, and why.</summary>
public sealed record ExcludedColumn(string Column, string Reason);

/// <summary>The settings a fidelity result was computed with, so a number can be reproduced elsewhere.</summary>
public sealed record FidelitySettings(
    string CompatibleWith,
    CorrelationCoefficient Coefficient,
    double RealCorrelationThreshold,
    double RealAssociationThreshold,
    int Bins,
    PairBinning PairBinning);

/// <summary>
/// Fidelity of a synthetic table to the real one (DESIGN §7): SDMetrics' column shapes and column pair trends,
/// their mean as the quality score, and coverage.
/// </summary>
/// <param name="QualityScore">Mean of <paramref name="ColumnShapesScore"/> and <paramref name="PairTrendsScore"/> (NaN ones skipped).</param>
/// <param name="ColumnShapesScore">Mean of the column shape scores (NaN skipped).</param>
/// <param name="PairTrendsScore">Mean of the pair trend scores (NaN skipped); NaN when there is no scored pair.</param>
/// <param name="ColumnShapes">One shape score per scored column, in schema order.</param>
/// <param name="PairTrends">One trend score per pair of scored columns, in schema order.</param>
/// <param name="Coverage">Coverage per scored column.</param>
/// <param name="ExcludedColumns">Schema columns left out of every score, with the reason.</param>
/// <param name="Settings">The settings used.</param>
/// <param name="Warnings">Plain-language notes about scores that could not be computed.</param>
public sealed record FidelityResult(
    double QualityScore,
    double ColumnShapesScore,
    double PairTrendsScore,
    IReadOnlyList<ColumnShapeScore> ColumnShapes,
    IReadOnlyList<PairTrendScore> PairTrends,
    IReadOnlyList<CoverageScore> Coverage,
    IReadOnlyList<ExcludedColumn> ExcludedColumns,
    FidelitySettings Settings,
    IReadOnlyList<string> Warnings);
