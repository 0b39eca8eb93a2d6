namespace SynthVault.Evaluation.Fidelity;

/// <summary>The correlation coefficient that CorrelationSimilarity compares.</summary>
public enum CorrelationCoefficient
{
    /// <summary>Pearson's r (SDMetrics' default).</summary>
    Pearson,

    /// <summary>Spearman's ρ (ranks with ties averaged).</summary>
    Spearman,
}

/// <summary>How a continuous column is binned when it meets a discrete column in ContingencySimilarity.</summary>
public enum PairBinning
{
    /// <summary>
    /// What SDMetrics' quality report does (<c>ColumnPairTrends._discretize_column</c>): each table is binned over its
    /// own range with <c>np.histogram_bin_edges(values, 10)</c> and <c>np.digitize</c>, so the edges are closed,
    /// each table's maximum lands in an 11th bin that it shares with the missing values. The default, because the
    /// quality score is meant to compare with the report's.
    /// </summary>
    EachTableOwnRange,

    /// <summary>
    /// What the stand-alone <c>ContingencySimilarity</c> metric does with <c>continuous_column_names</c>
    /// (<c>sdmetrics.utils.discretize_column</c>): 10 equal-width bins over the real range with open outer edges,
    /// the real edges applied to the synthetic data, missing values in a bin of their own.
    /// </summary>
    RealEdges,
}

/// <summary>Settings of the fidelity evaluation; the defaults reproduce SDMetrics 0.29 with every pair counted.</summary>
/// <param name="Coefficient">The coefficient CorrelationSimilarity compares.</param>
/// <param name="RealCorrelationThreshold">
/// A numeric pair counts only when |ρ_real| exceeds this. 0 (the default) counts every pair with a defined score;
/// SDMetrics' QualityReport has defaulted to 0.5 since 0.27.
/// </param>
/// <param name="RealAssociationThreshold">
/// A pair scored by ContingencySimilarity counts only when the real pair's Cramér's V exceeds this. 0 (the default)
/// counts every pair; SDMetrics' QualityReport has defaulted to 0.3 since 0.27.
/// </param>
/// <param name="Bins">Equal-width bins for continuous columns in ContingencySimilarity (SDMetrics: 10).</param>
/// <param name="Binning">How continuous columns are binned for pair trends.</param>
public sealed record FidelityOptions(
    CorrelationCoefficient Coefficient = CorrelationCoefficient.Pearson,
    double RealCorrelationThreshold = 0,
    double RealAssociationThreshold = 0,
    int Bins = 10,
    PairBinning Binning = PairBinning.EachTableOwnRange)
{
    /// <summary>The defaults.</summary>
    public static FidelityOptions Default { get; } = new();
}
