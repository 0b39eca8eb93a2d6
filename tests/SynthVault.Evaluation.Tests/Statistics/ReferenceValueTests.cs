using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Tests.Statistics;

/// <summary>
/// Our metrics against values computed once with SciPy 1.10.1 / scikit-learn 1.2.1 on the same fixed inputs.
/// The script and the exact calls are in Reference/reference_values.py; each expected value below is the printed
/// repr of the call named beside it. Tolerance 1e-9: both sides are exact formulas in double precision, so only
/// summation order differs.
/// </summary>
public sealed class ReferenceValueTests
{
    private const double Tolerance = 1e-9;

    // Ties across classes at 0.8, 0.6 and 0.3 exercise the half-credit rule of the AUC and the per-threshold steps of AP.
    private static readonly double[] Scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.4, 0.3, 0.3, 0.2, 0.1, 0.05, 0.8, 0.35];
    private static readonly bool[] Labels = [.. new[] { 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1 }.Select(v => v == 1)];

    [Fact]
    public void Roc_auc_with_ties_matches_scikit_learn()
    {
        // roc_auc_score(labels, scores)
        Assert.Equal(0.7767857142857143, Metrics.RocAuc(Scores, Labels), Tolerance);
    }

    [Fact]
    public void Average_precision_with_ties_matches_scikit_learn()
    {
        // average_precision_score(labels, scores)
        Assert.Equal(0.7297619047619048, Metrics.AveragePrecision(Scores, Labels), Tolerance);
    }

    [Fact]
    public void F1_at_one_half_matches_scikit_learn()
    {
        // f1_score(labels, [int(s >= 0.5) for s in scores])
        Assert.Equal(0.6666666666666666, Metrics.F1(Scores, Labels, 0.5), Tolerance);
    }

    [Fact]
    public void Two_sample_ks_statistic_with_ties_matches_scipy()
    {
        // ks_2samp(a, b).statistic
        double[] a = [0.1, 0.5, 0.5, 1.2, 3.3, 2.2, 0.9, 1.1, 4.0, 2.2];
        double[] b = [0.3, 0.5, 1.0, 1.2, 1.2, 2.5, 3.0, 5.5];
        Assert.Equal(0.175, Metrics.KsStatistic(a, b), Tolerance);
    }

    private static readonly double[] X = [1.0, 2.0, 2.0, 3.5, 4.0, 5.0, 5.0, 5.0, 7.25, 8.0, 9.0, 10.5];
    private static readonly double[] Y = [2.1, 1.9, 3.0, 3.0, 4.4, 6.0, 5.5, 5.5, 7.0, 6.1, 9.9, 12.0];

    [Fact]
    public void Pearson_matches_scipy()
    {
        // pearsonr(x, y)[0]
        Assert.Equal(0.9531899912961607, Metrics.Pearson(X, Y), Tolerance);
    }

    [Fact]
    public void Spearman_with_tied_ranks_matches_scipy()
    {
        // spearmanr(x, y)[0]
        Assert.Equal(0.9716951136622495, Metrics.Spearman(X, Y), Tolerance);
    }

    [Fact]
    public void R2_and_mae_match_scikit_learn()
    {
        double[] actual = [3.0, -0.5, 2.0, 7.0, 4.2];
        double[] predicted = [2.5, 0.0, 2.0, 8.0, 3.9];

        // r2_score(actual, predicted); mean_absolute_error(actual, predicted)
        Assert.Equal(0.9480256276150627, Metrics.R2(actual, predicted), Tolerance);
        Assert.Equal(0.4600000000000001, Metrics.MeanAbsoluteError(actual, predicted), Tolerance);
    }

    [Fact]
    public void Auc_is_undefined_without_both_classes()
    {
        Assert.True(double.IsNaN(Metrics.RocAuc([0.1, 0.2], [true, true])));
        Assert.True(double.IsNaN(Metrics.AveragePrecision([0.1, 0.2], [false, false])));
    }

    [Fact]
    public void Perfect_ranking_scores_one_and_reversed_ranking_scores_zero()
    {
        double[] s = [0.9, 0.8, 0.2, 0.1];
        bool[] l = [true, true, false, false];
        Assert.Equal(1.0, Metrics.RocAuc(s, l));
        Assert.Equal(1.0, Metrics.AveragePrecision(s, l));
        Assert.Equal(0.0, Metrics.RocAuc(s, [false, false, true, true]));
    }

    [Fact]
    public void Numpy_pairwise_sum_equals_the_exact_sum_of_representable_values()
    {
        // Integers below 2^53 add exactly in any order, so the pairwise path (n > 128, blocks of 8) must give the exact total.
        var values = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();
        Assert.Equal(500500.0, Metrics.NumpySum(values));
    }
}
