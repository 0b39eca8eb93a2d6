using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Tests.Statistics;

public sealed class BootstrapTests
{
    private static (double[] Scores, bool[] Labels) Sample()
    {
        var rng = new SynthVault.Core.Randomness.Xoshiro256(11);
        var scores = new double[400];
        var labels = new bool[400];
        for (var i = 0; i < scores.Length; i++)
        {
            labels[i] = rng.NextDouble() < 0.3;
            scores[i] = rng.NextGaussian() + (labels[i] ? 1.0 : 0.0);
        }

        return (scores, labels);
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval()
    {
        var (s, l) = Sample();
        var a = Bootstrap.Interval(s, l, (x, y) => Metrics.RocAuc(x, y), resamples: 300, seed: 5);
        var b = Bootstrap.Interval(s, l, (x, y) => Metrics.RocAuc(x, y), resamples: 300, seed: 5);
        Assert.Equal(a, b);
    }

    [Fact]
    public void The_interval_brackets_the_point_estimate_and_narrows_with_lower_confidence()
    {
        var (s, l) = Sample();
        var wide = Bootstrap.Interval(s, l, (x, y) => Metrics.AveragePrecision(x, y), resamples: 400, confidence: 0.95, seed: 1);
        var narrow = Bootstrap.Interval(s, l, (x, y) => Metrics.AveragePrecision(x, y), resamples: 400, confidence: 0.5, seed: 1);
        Assert.InRange(wide.Value, wide.Lower, wide.Upper);
        Assert.True(narrow.Upper - narrow.Lower < wide.Upper - wide.Lower);

        // With 400 rows and a separation of one standard deviation the AUC's 95 % interval is roughly ±0.06 wide;
        // a width far outside (0.02, 0.3) would mean the resampling is broken.
        Assert.InRange(wide.Upper - wide.Lower, 0.02, 0.3);
    }

    [Fact]
    public void A_stratified_bootstrap_keeps_every_stratum_at_its_size()
    {
        var (s, l) = Sample();
        var positives = Enumerable.Range(0, l.Length).Where(i => l[i]).ToArray();
        var negatives = Enumerable.Range(0, l.Length).Where(i => !l[i]).ToArray();

        var estimates = Bootstrap.StratifiedIntervals(
            [positives, negatives],
            rows => [rows.Count(r => l[r]), Metrics.RocAuc([.. rows.Select(r => s[r])], [.. rows.Select(r => l[r])])],
            resamples: 200,
            seed: 3);

        // The positive count of every resample is the stratum's size, so its interval collapses onto it.
        Assert.Equal(new SynthVault.Evaluation.Privacy.Estimate(positives.Length, positives.Length, positives.Length), estimates[0]);
        Assert.InRange(estimates[1].Value, estimates[1].Lower, estimates[1].Upper);
        Assert.True(estimates[1].Upper > estimates[1].Lower);
    }

    [Fact]
    public void Stratified_resamples_depend_only_on_the_strata_sizes_and_the_seed()
    {
        int[] a = [0, 1, 2];
        int[] b = [10, 11, 12];
        var firstRows = new System.Collections.Concurrent.ConcurrentBag<string>();
        var secondRows = new System.Collections.Concurrent.ConcurrentBag<string>();

        Bootstrap.StratifiedIntervals([a], rows => { firstRows.Add(string.Join(",", rows)); return [0.0]; }, resamples: 20, seed: 9);
        Bootstrap.StratifiedIntervals([b], rows => { secondRows.Add(string.Join(",", rows.Select(r => r - 10))); return [0.0]; }, resamples: 20, seed: 9);

        // Paired comparisons: two variants scored with the same seed see the same resampled positions.
        Assert.Equal(firstRows.Order(), secondRows.Order());
    }

    [Fact]
    public void Quantile_interpolates_linearly_as_numpy_does()
    {
        // np.quantile([1, 2, 3, 4], 0.25) = 1.75
        Assert.Equal(1.75, Bootstrap.Quantile([1, 2, 3, 4], 0.25), 12);
    }
}
