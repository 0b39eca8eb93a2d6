using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Tests.Statistics;

/// <summary>
/// The metrics of the rebalancing benchmark against scikit-learn 1.2.1 (Debian python3-sklearn), computed once by
/// tests/SynthVault.Synthesis.Tests/Rebalancing/make_reference.py: average_precision_score, roc_auc_score,
/// brier_score_loss and the largest recall of precision_recall_curve with precision ≥ t. The scores hold ties
/// across classes (0.35, 0.8) so the tie rules are exercised. Tolerance 1e-12: exact formulas in double precision.
/// </summary>
public sealed class BinaryMetricsReferenceTests
{
    private static readonly bool[] Labels = [.. new[] { 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0 }.Select(v => v == 1)];

    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8, 0.8, 0.9, 0.2, 0.35, 0.7, 0.05, 0.6, 0.95, 0.3, 0.1, 0.5, 0.45, 0.8, 0.55, 0.25, 0.15];

    [Fact]
    public void Average_precision_matches_scikit_learn()
    {
        Assert.Equal(0.7185897435897435, Metrics.AveragePrecision(Scores, Labels), 12);
        Assert.Equal(0.7185897435897435, Metrics.AveragePrecision(Metrics.PrecisionRecallCurve(Scores, Labels)), 12);
    }

    [Fact]
    public void Roc_auc_matches_scikit_learn_with_ties_counted_half()
    {
        Assert.Equal(0.8296703296703297, Metrics.RocAuc(Scores, Labels), 12);
    }

    [Fact]
    public void Brier_score_matches_scikit_learn()
    {
        Assert.Equal(0.17400000000000002, Metrics.Brier(Scores, Labels), 12);
    }

    [Theory]
    [InlineData(0.9, 0.2857142857142857)]
    [InlineData(0.75, 0.2857142857142857)]
    [InlineData(0.6, 0.8571428571428571)]
    public void Recall_at_minimum_precision_matches_the_scikit_learn_curve(double precision, double recall)
    {
        Assert.Equal(recall, Metrics.RecallAtPrecision(Scores, Labels, precision), 12);
    }

    [Fact]
    public void A_perfect_ranking_scores_one_and_a_reversed_one_zero()
    {
        bool[] labels = [false, false, true, true];
        double[] good = [0.1, 0.2, 0.8, 0.9];
        double[] bad = [0.9, 0.8, 0.2, 0.1];

        Assert.Equal(1.0, Metrics.AveragePrecision(good, labels));
        Assert.Equal(1.0, Metrics.RecallAtPrecision(good, labels, 0.9));
        Assert.Equal(0.0, Metrics.RecallAtPrecision(bad, labels, 0.9));
    }

    [Fact]
    public void Recall_at_precision_is_undefined_without_positives()
    {
        Assert.True(double.IsNaN(Metrics.RecallAtPrecision([0.2, 0.4], [false, false], 0.9)));
    }

    [Fact]
    public void The_best_f1_threshold_is_a_score_where_f1_peaks()
    {
        var threshold = Metrics.BestF1Threshold(Scores, Labels);

        var best = Metrics.PrecisionRecallF1(Scores, Labels, threshold).F1;
        Assert.All(Scores.Distinct(), s => Assert.True(Metrics.PrecisionRecallF1(Scores, Labels, s).F1 <= best + 1e-12));
    }

    [Fact]
    public void Precision_recall_and_f1_at_a_threshold_count_scores_at_the_threshold_as_positive()
    {
        // At 0.8: predicted positive = {0.8 ×3, 0.9, 0.95}, of which 0.8 (row 4), 0.9 and 0.95 are positive: TP 3, FP 2, FN 4.
        var (precision, recall, f1) = Metrics.PrecisionRecallF1(Scores, Labels, 0.8);

        Assert.Equal(0.6, precision, 12);
        Assert.Equal(3.0 / 7, recall, 12);
        Assert.Equal(2.0 * 3 / ((2 * 3) + 2 + 4), f1, 12);
        Assert.Equal(f1, Metrics.F1(Scores, Labels, 0.8), 12);
    }

    [Fact]
    public void A_thinned_curve_keeps_its_ends_and_at_most_the_points_asked_for()
    {
        var curve = Metrics.PrecisionRecallCurve(Scores, Labels);

        var thin = Metrics.ThinCurve(curve, 5);

        Assert.Equal(5, thin.Count);
        Assert.Equal(curve[0], thin[0]);
        Assert.Equal(curve[^1], thin[^1]);
        Assert.Same(curve, Metrics.ThinCurve(curve, curve.Count));
    }
}
