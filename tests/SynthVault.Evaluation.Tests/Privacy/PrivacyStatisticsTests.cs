using SynthVault.Evaluation.Privacy;

namespace SynthVault.Evaluation.Tests.Privacy;

/// <summary>
/// Reference values computed once with SciPy 1.10.1 / scikit-learn 1.2.1 (Debian python3-scipy, python3-sklearn):
/// <code>
/// from scipy.stats import binomtest
/// binomtest(k, n).proportion_ci(confidence_level=0.95, method='wilson')
/// from sklearn.metrics import roc_auc_score, roc_curve
/// pos = [0.9, 0.8, 0.8, 0.7, 0.5, 0.5, 0.3, 0.2]; neg = [0.8, 0.6, 0.5, 0.5, 0.4, 0.3, 0.1, 0.1, 0.0, -0.2]
/// roc_auc_score(y, scores)                                  # 0.7562500000000001
/// fpr, tpr, _ = roc_curve(y, scores, drop_intermediate=False); tpr[fpr &lt;= m].max()
/// </code>
/// </summary>
public sealed class PrivacyStatisticsTests
{
    public static TheoryData<int, int, double, double> WilsonReference => new()
    {
        { 0, 10, 0.0, 0.27753279986288926 },
        { 8, 10, 0.4901624715366418, 0.9433178485456248 },
        { 50, 100, 0.4038315303659956, 0.5961684696340044 },
        { 1, 500, 0.00035313639455927456, 0.011240706705146757 },
        { 500, 500, 0.9923756595384479, 1.0 },
    };

    [Theory]
    [MemberData(nameof(WilsonReference))]
    public void The_Wilson_interval_matches_SciPy(int successes, int trials, double lower, double upper)
    {
        var e = PrivacyStatistics.Wilson(successes, trials);
        Assert.Equal((double)successes / trials, e.Value, 15);
        Assert.Equal(lower, e.Lower, 12);
        Assert.Equal(upper, e.Upper, 12);
    }

    [Fact]
    public void A_rate_without_trials_has_the_uninformative_interval()
    {
        Assert.Equal(new Estimate(0, 0, 1), PrivacyStatistics.Wilson(0, 0));
    }

    [Theory]
    [InlineData(0.5, 0.2, 0.375)]
    [InlineData(0.2, 0.2, 0.0)]
    [InlineData(1.0, 0.0, 1.0)]
    [InlineData(0.1, 0.3, -0.2857142857142857)]
    [InlineData(1.0, 1.0, 0.0)]
    public void Risk_is_the_main_rate_beyond_the_control_rate_over_what_the_control_leaves(double main, double control, double risk)
    {
        Assert.Equal(risk, PrivacyStatistics.Risk(main, control), 12);
    }

    [Fact]
    public void The_risk_interval_comes_from_the_corners_of_the_two_rate_intervals()
    {
        var e = PrivacyStatistics.RiskInterval(300, 500, 100, 500);
        var main = PrivacyStatistics.Wilson(300, 500, PrivacyStatistics.Z975);
        var control = PrivacyStatistics.Wilson(100, 500, PrivacyStatistics.Z975);
        Assert.Equal((0.6 - 0.2) / 0.8, e.Value, 12);
        Assert.Equal((main.Lower - control.Upper) / (1 - control.Upper), e.Lower, 12);
        Assert.Equal((main.Upper - control.Lower) / (1 - control.Lower), e.Upper, 12);
        Assert.True(e.Lower < e.Value && e.Value < e.Upper);
    }

    private static readonly double[] Positives = [0.9, 0.8, 0.8, 0.7, 0.5, 0.5, 0.3, 0.2];
    private static readonly double[] Negatives = [0.8, 0.6, 0.5, 0.5, 0.4, 0.3, 0.1, 0.1, 0.0, -0.2];

    [Fact]
    public void AUROC_counts_ties_one_half_as_scikit_learn_does()
    {
        Assert.Equal(0.7562500000000001, PrivacyStatistics.Auroc(Positives, Negatives), 12);
    }

    [Theory]
    [InlineData(0.0, 0.125)]
    [InlineData(0.1, 0.5)]
    [InlineData(0.2, 0.5)]
    [InlineData(0.25, 0.5)]
    public void TPR_at_a_low_FPR_is_read_from_scikit_learns_ROC_points(double maxFpr, double tpr)
    {
        Assert.Equal(tpr, PrivacyStatistics.TprAtFpr(Positives, Negatives, maxFpr), 12);
    }

    [Fact]
    public void Perfectly_separated_scores_have_AUROC_one_and_full_TPR()
    {
        Assert.Equal(1.0, PrivacyStatistics.Auroc([3.0, 4.0], [1.0, 2.0]));
        Assert.Equal(1.0, PrivacyStatistics.TprAtFpr([3.0, 4.0], [1.0, 2.0], 0.01));
    }

    [Fact]
    public void Quantiles_interpolate_linearly_like_NumPy()
    {
        // numpy.quantile([4, 1, 3, 2], [0.1, 0.5, 1.0]) == [1.3, 2.5, 4.0]
        Assert.Equal(1.3, PrivacyStatistics.Quantile([4.0, 1, 3, 2], 0.1), 12);
        Assert.Equal(2.5, PrivacyStatistics.Quantile([4.0, 1, 3, 2], 0.5), 12);
        Assert.Equal(4.0, PrivacyStatistics.Quantile([4.0, 1, 3, 2], 1.0), 12);
    }

    [Fact]
    public void The_DCR_interval_is_centred_on_the_share_and_reproducible()
    {
        // 6 synthetic rows: 3 won by training rows, 2 by holdout rows, 1 tie: share (3 + 0.5) / 6.
        int[] trainWinner = [0, 1, 2, 0, 3, 1];
        int[] holdoutWinner = [4, 0, 1, 2, 3, 2];
        double[] scores = [1, 1, 1, 0, 0, 0.5];
        var a = PrivacyStatistics.DcrShareInterval(trainWinner, holdoutWinner, scores, 5, 5, 500, 9);
        var b = PrivacyStatistics.DcrShareInterval(trainWinner, holdoutWinner, scores, 5, 5, 500, 9);
        Assert.Equal(3.5 / 6, a.Value, 15);
        Assert.Equal(a, b);
        Assert.True(a.Lower < a.Value && a.Value < a.Upper, a.ToString());
    }

    [Fact]
    public void Copies_of_training_rows_give_a_DCR_interval_pinned_at_one()
    {
        var n = 50;
        var e = PrivacyStatistics.DcrShareInterval([.. Enumerable.Range(0, n)], new int[n], [.. Enumerable.Repeat(1.0, n)], n, n, 200, 1);
        Assert.Equal(new Estimate(1, 1, 1), e);
    }

    [Fact]
    public void The_DCR_interval_widens_when_one_real_row_wins_many_synthetic_rows()
    {
        // Half of 100 synthetic rows sit next to ONE training row, the rest spread over 10 holdout rows: the share is
        // 0.5, but whether that one row was held out decides everything. A bootstrap over synthetic rows alone would
        // say 0.5 ± 0.1; resampling the real rows shows the share can be anywhere from 0 to about 0.8.
        var trainWinner = Enumerable.Repeat(0, 100).ToArray();
        var holdoutWinner = Enumerable.Range(0, 100).Select(i => i % 10).ToArray();
        var scores = Enumerable.Range(0, 100).Select(i => i < 50 ? 1.0 : 0.0).ToArray();
        var e = PrivacyStatistics.DcrShareInterval(trainWinner, holdoutWinner, scores, 10, 10, 1000, 4);
        Assert.Equal(0.5, e.Value);
        Assert.True(e.Lower < 0.2 && e.Upper > 0.7, e.ToString());
    }
}
