using SynthVault.App.Rebalancing;

namespace SynthVault.App.Tests.Rebalancing;

/// <summary>
/// Reference values from scikit-learn 1.2.1 (Debian python3-sklearn), computed once by
/// tests/SynthVault.Synthesis.Tests/Rebalancing/make_reference.py: average_precision_score, roc_auc_score,
/// brier_score_loss and the largest recall of precision_recall_curve with precision ≥ t. The scores hold ties
/// across classes (0.35, 0.8) so the tie rules are exercised.
/// </summary>
public sealed class BinaryMetricsTests
{
    private static readonly bool[] Labels = [.. new[] { 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0 }.Select(v => v == 1)];

    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8, 0.8, 0.9, 0.2, 0.35, 0.7, 0.05, 0.6, 0.95, 0.3, 0.1, 0.5, 0.45, 0.8, 0.55, 0.25, 0.15];

    [Fact]
    public void Average_precision_matches_scikit_learn()
    {
        Assert.Equal(0.7185897435897435, BinaryMetrics.AveragePrecision(Labels, Scores), 12);
    }

    [Fact]
    public void Roc_auc_matches_scikit_learn_with_ties_counted_half()
    {
        Assert.Equal(0.8296703296703297, BinaryMetrics.RocAuc(Labels, Scores), 12);
    }

    [Fact]
    public void Brier_score_matches_scikit_learn()
    {
        Assert.Equal(0.17400000000000002, BinaryMetrics.Brier(Labels, Scores), 12);
    }

    [Theory]
    [InlineData(0.9, 0.2857142857142857)]
    [InlineData(0.75, 0.2857142857142857)]
    [InlineData(0.6, 0.8571428571428571)]
    public void Recall_at_minimum_precision_matches_the_scikit_learn_curve(double precision, double recall)
    {
        Assert.Equal(recall, BinaryMetrics.RecallAtPrecision(Labels, Scores, precision), 12);
    }

    [Fact]
    public void A_perfect_ranking_scores_one_and_a_reversed_one_zero()
    {
        bool[] labels = [false, false, true, true];
        double[] good = [0.1, 0.2, 0.8, 0.9];
        double[] bad = [0.9, 0.8, 0.2, 0.1];

        Assert.Equal(1.0, BinaryMetrics.AveragePrecision(labels, good));
        Assert.Equal(1.0, BinaryMetrics.RocAuc(labels, good));
        Assert.Equal(0.0, BinaryMetrics.RocAuc(labels, bad));
        Assert.Equal(1.0, BinaryMetrics.RecallAtPrecision(labels, good, 0.9));
        Assert.Equal(0.0, BinaryMetrics.RecallAtPrecision(labels, bad, 0.9));
    }

    [Fact]
    public void The_best_f1_threshold_is_a_score_where_f1_peaks()
    {
        var threshold = BinaryMetrics.BestF1Threshold(Labels, Scores);

        var best = BinaryMetrics.AtThreshold(Labels, Scores, threshold).F1;
        Assert.All(Scores.Distinct(), s => Assert.True(BinaryMetrics.AtThreshold(Labels, Scores, s).F1 <= best + 1e-12));
    }

    [Fact]
    public void Quantiles_interpolate_linearly_like_numpy()
    {
        double[] values = [4, 1, 3, 2];

        Assert.Equal(1.075, BinaryMetrics.Quantile(values, 0.025), 12);
        Assert.Equal(2.5, BinaryMetrics.Quantile(values, 0.5), 12);
        Assert.Equal(3.925, BinaryMetrics.Quantile(values, 0.975), 12);
    }
}
