using SynthVault.Core.Randomness;
using SynthVault.Evaluation.Privacy;

namespace SynthVault.Evaluation.Statistics;

/// <summary>
/// Seeded percentile-bootstrap confidence intervals (Efron and Tibshirani 1993, ch. 13). Resample b draws its
/// rows from its own stream <c>SeedStreams(seed).CreateGenerator("bootstrap", b)</c>, so the interval is the
/// same whatever the thread count.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// The statistic on the original sample with a percentile interval over <paramref name="resamples"/>
    /// resamples (rows drawn with replacement). Resamples where the statistic is NaN (e.g. a class went missing)
    /// are left out of the interval. <paramref name="statistic"/> receives the row positions of one resample
    /// and must be thread-safe.
    /// </summary>
    public static Estimate Interval(int sampleSize, Func<int[], double> statistic, int resamples = 1000, double confidence = 0.95, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must lie strictly between 0 and 1.");
        }

        var identity = new int[sampleSize];
        for (var i = 0; i < sampleSize; i++)
        {
            identity[i] = i;
        }

        var value = statistic(identity);
        var streams = new SeedStreams(seed);
        var draws = new double[resamples];
        Parallel.For(0, resamples, b =>
        {
            var rng = streams.CreateGenerator("bootstrap", b);
            var rows = new int[sampleSize];
            for (var i = 0; i < sampleSize; i++)
            {
                rows[i] = rng.NextInt(sampleSize);
            }

            draws[b] = statistic(rows);
        });

        return Percentile(value, draws, confidence);
    }

    /// <summary>
    /// A percentile interval for a ranking metric of scores against binary labels (e.g.
    /// <see cref="Metrics.AveragePrecision(ReadOnlySpan{double}, ReadOnlySpan{bool})"/> or <see cref="Metrics.RocAuc"/>), resampling rows.
    /// </summary>
    public static Estimate Interval(
        IReadOnlyList<double> scores,
        IReadOnlyList<bool> labels,
        Func<double[], bool[], double> metric,
        int resamples = 1000,
        double confidence = 0.95,
        long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(metric);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"There are {scores.Count} scores for {labels.Count} labels.", nameof(labels));
        }

        return Interval(
            scores.Count,
            rows =>
            {
                var s = new double[rows.Length];
                var l = new bool[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    s[i] = scores[rows[i]];
                    l[i] = labels[rows[i]];
                }

                return metric(s, l);
            },
            resamples,
            confidence,
            seed);
    }

    /// <summary>
    /// Several statistics of one sample with percentile intervals from a stratified bootstrap: each resample draws
    /// as many rows from each stratum as it holds, with replacement, so every resample keeps the strata's sizes
    /// (e.g. the positives and negatives of a holdout at their natural prevalence). All statistics are read from the
    /// same resamples, and two calls with the same strata sizes and seed draw the same row positions (paired
    /// comparisons). <paramref name="statistics"/> receives the row indices of one resample (stratum by stratum)
    /// and must be thread-safe; NaN values are left out of their interval.
    /// </summary>
    /// <param name="strata">Row indices per stratum; each stratum needs at least one row.</param>
    /// <param name="statistics">The statistics of a set of rows, always the same number of them.</param>
    /// <param name="resamples">Bootstrap resamples.</param>
    /// <param name="confidence">Confidence level of the intervals.</param>
    /// <param name="seed">Resample b uses the stream <c>SeedStreams(seed).CreateGenerator("bootstrap", b)</c>.</param>
    public static Estimate[] StratifiedIntervals(
        IReadOnlyList<int[]> strata, Func<int[], double[]> statistics, int resamples = 1000, double confidence = 0.95, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(strata);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must lie strictly between 0 and 1.");
        }

        if (strata.Count == 0 || strata.Any(s => s is null || s.Length == 0))
        {
            throw new ArgumentException("Every stratum needs at least one row.", nameof(strata));
        }

        var all = strata.SelectMany(s => s).ToArray();
        var values = statistics(all);
        var streams = new SeedStreams(seed);
        var draws = new double[resamples][];
        Parallel.For(0, resamples, b =>
        {
            var rng = streams.CreateGenerator("bootstrap", b);
            var rows = new int[all.Length];
            var at = 0;
            foreach (var stratum in strata)
            {
                for (var i = 0; i < stratum.Length; i++)
                {
                    rows[at++] = stratum[rng.NextInt(stratum.Length)];
                }
            }

            draws[b] = statistics(rows);
        });

        var result = new Estimate[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            result[k] = Percentile(values[k], draws.Select(d => d[k]), confidence);
        }

        return result;
    }

    /// <summary>The point value with the percentile interval of the finite bootstrap draws (NaN bounds when none is finite).</summary>
    private static Estimate Percentile(double value, IEnumerable<double> draws, double confidence)
    {
        var finite = draws.Where(d => !double.IsNaN(d)).ToArray();
        if (finite.Length == 0)
        {
            return new Estimate(value, double.NaN, double.NaN);
        }

        Array.Sort(finite);
        var alpha = (1 - confidence) / 2;
        return new Estimate(value, Quantile(finite, alpha), Quantile(finite, 1 - alpha));
    }

    /// <summary>The q-quantile of sorted values with linear interpolation (NumPy's default method).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        var fraction = position - low;
        return sorted[low] + ((sorted[high] - sorted[low]) * fraction);
    }
}
