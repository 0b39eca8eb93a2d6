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
    public void The_bootstrap_interval_is_reproducible_and_close_to_the_normal_interval()
    {
        // 600 ones, 300 halves, 1100 zeros: mean 0.375, sd/sqrt(n) ≈ 0.0099, so the 95 % interval is about ±0.019.
        var scores = Enumerable.Repeat(1.0, 600).Concat(Enumerable.Repeat(0.5, 300)).Concat(Enumerable.Repeat(0.0, 1100)).ToArray();
        var a = PrivacyStatistics.BootstrapMean(scores, 1000, 42);
        var b = PrivacyStatistics.BootstrapMean(scores, 1000, 42);
        var normal = PrivacyStatistics.BootstrapMean(scores, 0, 42);
        Assert.Equal(a, b);
        Assert.Equal(0.375, a.Value, 12);
        // Bootstrap percentiles wander by about 1/sqrt(1000) of the width around the normal bounds: 0.004 is ample.
        Assert.Equal(normal.Lower, a.Lower, 0.004);
        Assert.Equal(normal.Upper, a.Upper, 0.004);
        Assert.Equal(0.375 - (1.959963984540054 * Math.Sqrt(scores.Select(s => (s - 0.375) * (s - 0.375)).Sum() / 1999 / 2000)), normal.Lower, 12);
    }
}
