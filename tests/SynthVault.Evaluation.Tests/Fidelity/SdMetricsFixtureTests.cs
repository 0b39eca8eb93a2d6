using SynthVault.Core.Data;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Fidelity;

namespace SynthVault.Evaluation.Tests.Fidelity;

/// <summary>
/// SDMetrics' formulas on small fixed inputs, against values computed independently in Python (NumPy 1.24.2,
/// SciPy 1.10.1) by Reference/reference_values.py, which re-implements SDMetrics 0.29's definitions (SDMetrics itself
/// is not installable offline). Each expected value is the printed repr of the function named beside it.
/// Tolerance 1e-12: the same formulas in double precision, summed in the same order.
/// </summary>
public sealed class SdMetricsFixtureTests
{
    private const double Tolerance = 1e-12;
    private const double NaN = double.NaN;

    internal static readonly double[] NumReal = [0.5, 1.0, 1.7, 2.2, 3.9, 4.0, 5.5, 9.75, NaN, 6.1, 2.2, 0.0];
    internal static readonly double[] NumSyn = [0.2, 1.1, 1.9, 2.0, 4.5, 4.1, 12.0, 8.0, 6.0, NaN, -1.0];
    internal static readonly double[] N2Real = [3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0, 6.0, 5.0, 3.5, NaN, 8.0];
    internal static readonly double[] N2Syn = [2.0, 7.0, 1.0, 8.0, 2.5, 8.0, 1.0, 8.5, 2.0, 4.0, 5.0];
    internal static readonly string?[] CatReal = ["u", "v", "u", "w", "v", "v", "u", "w", "u", null, "w", "u"];
    internal static readonly string?[] CatSyn = ["u", "u", "v", "w", "w", "v", "u", null, "x", "u", "v"];

    [Fact]
    public void Ks_complement_rounds_to_14_decimals_before_testing()
    {
        // ks_complement([0.1 + 0.2, 1.0, 2.0], [0.3, 1.0, 2.0]) = 1.0: 0.30000000000000004 and 0.3 agree after rounding.
        Assert.Equal(1.0, SdMetrics.KsComplement([0.1 + 0.2, 1.0, 2.0], [0.3, 1.0, 2.0]));
        Assert.Equal(1 - (1.0 / 3), SdMetrics.KsComplement([0.1 + 0.2, 1.0, 2.0], [0.3, 1.0, 2.0], round: false), Tolerance);
    }

    [Fact]
    public void Ks_complement_drops_missing_values()
    {
        // ks_complement(ks_real, ks_syn)
        double[] real = [1.5, 2.25, NaN, 3.0, 3.0, 7.5, 10.0, 0.0];
        double[] syn = [1.0, 2.25, 3.0, NaN, NaN, 8.0, 12.5];
        Assert.Equal(0.7428571428571429, SdMetrics.KsComplement(real, syn), Tolerance);
    }

    [Fact]
    public void Tv_complement_regularises_categories_seen_only_in_the_synthetic_data()
    {
        // tv_complement(tv_real, tv_syn): "d" and "e" get a real count of 1e-6 each.
        string?[] real = ["a", "a", "b", "c", null, "a", "c"];
        string?[] syn = ["a", "b", "b", "d", "d", null, "e", "a"];
        Assert.Equal(0.4523812301586376, SdMetrics.TvComplement(real, syn), Tolerance);
    }

    [Fact]
    public void Contingency_counts_missing_values_as_a_category()
    {
        // contingency(ca_real, cb_real, ca_syn, cb_syn)
        string?[] aReal = ["x", "x", "y", null, "y", "z", "x", "y"];
        string?[] bReal = ["p", "q", "p", "p", null, "q", "p", "q"];
        string?[] aSyn = ["x", "y", "y", "z", "w", null, "x"];
        string?[] bSyn = ["p", "p", "q", "q", "p", "p", null];
        Assert.Equal(0.6428571428571429, SdMetrics.ContingencySimilarity(aReal, bReal, aSyn, bSyn), Tolerance);
    }

    [Fact]
    public void Report_binning_uses_each_tables_own_range_and_puts_the_maximum_with_the_missing_values()
    {
        // digitize_own(num_real), digitize_own(num_syn)
        Assert.Equal([1, 2, 2, 3, 5, 5, 6, 11, 11, 7, 3, 1], SdMetrics.DigitizeOwnRange(NumReal));
        Assert.Equal([1, 2, 3, 3, 5, 4, 11, 7, 6, 11, 1], SdMetrics.DigitizeOwnRange(NumSyn));
    }

    [Fact]
    public void Metric_binning_applies_open_real_edges_to_both_tables()
    {
        // digitize_real_edges(num_real, num_syn)
        var (real, syn) = SdMetrics.DigitizeWithRealEdges(NumReal, NumSyn);
        Assert.Equal([1, 2, 2, 3, 5, 5, 6, 10, 11, 7, 3, 1], real);
        Assert.Equal([1, 2, 2, 3, 5, 5, 10, 9, 7, 11, 1], syn);
    }

    [Fact]
    public void Correlation_similarity_uses_complete_rows_with_pearson_or_spearman()
    {
        // corr_similarity(num_real, n2_real, num_syn, n2_syn, pearsonr / spearmanr)
        Assert.Equal(0.8534501551238236, SdMetrics.CorrelationSimilarity(NumReal, N2Real, NumSyn, N2Syn).Score, Tolerance);
        Assert.Equal(0.9181259588806111, SdMetrics.CorrelationSimilarity(NumReal, N2Real, NumSyn, N2Syn, CorrelationCoefficient.Spearman).Score, Tolerance);
    }

    [Fact]
    public void Correlation_similarity_is_undefined_below_a_positive_real_threshold()
    {
        var full = SdMetrics.CorrelationSimilarity(NumReal, N2Real, NumSyn, N2Syn);
        var cut = SdMetrics.CorrelationSimilarity(NumReal, N2Real, NumSyn, N2Syn, realCorrelationThreshold: Math.Abs(full.Real) + 0.01);
        Assert.True(double.IsNaN(cut.Score));
        Assert.Equal(full.Real, cut.Real);
    }

    [Fact]
    public void Range_coverage_and_boundary_adherence_follow_sdmetrics()
    {
        // Real range [0, 9.75]; synthetic [-1, 12] covers it fully; 9 of its 10 values lie inside the real range.
        Assert.Equal(1.0, SdMetrics.RangeCoverage(NumReal, NumSyn));
        Assert.Equal(8.0 / 10, SdMetrics.BoundaryAdherence(NumReal, NumSyn), Tolerance);

        // Synthetic [2, 5] of real [0, 10]: 1 − (0.2 + 0.5) = 0.3.
        Assert.Equal(0.3, SdMetrics.RangeCoverage([0, 10], [2, 5]), Tolerance);
        Assert.Equal(2.0 / 3, SdMetrics.CategoryCoverage(["a", "b", "c", null], ["a", "c", "z"]), Tolerance);
    }

    [Theory]
    [InlineData(PairBinning.EachTableOwnRange, 0.4318181818181819)]
    [InlineData(PairBinning.RealEdges, 0.5227272727272727)]
    public void Quality_score_of_a_small_table_matches_the_independent_computation(PairBinning binning, double numCatContingency)
    {
        var real = new Table([new Float64Column("num", Nullable(NumReal), Mask(NumReal)), new Float64Column("n2", Nullable(N2Real), Mask(N2Real)), StringColumn.FromValues("cat", CatReal)]);
        var syn = new Table([new Float64Column("num", Nullable(NumSyn), Mask(NumSyn)), new Float64Column("n2", Nullable(N2Syn), Mask(N2Syn)), StringColumn.FromValues("cat", CatSyn)]);
        var schema = new TableSchema([
            new ColumnSchema("num", ColumnKind.Continuous, DataType.Float64),
            new ColumnSchema("n2", ColumnKind.Continuous, DataType.Float64),
            new ColumnSchema("cat", ColumnKind.Categorical, DataType.String),
        ]);

        var result = FidelityEvaluator.Evaluate(real, syn, schema, new FidelityOptions(Binning: binning));

        // shapes = [0.7727272727272727, 0.8181818181818181, 0.8727273388429693]
        Assert.Equal([0.7727272727272727, 0.8181818181818181, 0.8727273388429693], result.ColumnShapes.Select(s => s.Score), new ToleranceComparer(Tolerance));
        Assert.Equal(["KSComplement", "KSComplement", "TVComplement"], result.ColumnShapes.Select(s => s.Metric));
        Assert.Equal(0.8212121432506866, result.ColumnShapesScore, Tolerance);
        Assert.Equal(("num", "n2", "CorrelationSimilarity"), (result.PairTrends[0].Column1, result.PairTrends[0].Column2, result.PairTrends[0].Metric));
        Assert.Equal(0.8534501551238236, result.PairTrends[0].Score, Tolerance);
        Assert.Equal(numCatContingency, result.PairTrends[1].Score, Tolerance);
        if (binning == PairBinning.EachTableOwnRange)
        {
            // trends = [0.8534501551238236, 0.4318181818181819, 0.33333333333333337]; quality score = 0.6803730166712331
            Assert.Equal(0.33333333333333337, result.PairTrends[2].Score, Tolerance);
            Assert.Equal(0.5395338900917795, result.PairTrendsScore, Tolerance);
            Assert.Equal(0.6803730166712331, result.QualityScore, Tolerance);
        }
    }

    private static double[] Nullable(double[] values) => [.. values.Select(v => double.IsNaN(v) ? 0 : v)];

    private static bool[] Mask(double[] values) => [.. values.Select(double.IsNaN)];

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
