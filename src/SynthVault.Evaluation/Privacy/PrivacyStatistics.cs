using SynthVault.Core.Randomness;

namespace SynthVault.Evaluation.Privacy;

/// <summary>The small statistics the privacy metrics are built from, each with its source.</summary>
public static class PrivacyStatistics
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>z for a two-sided 97.5 % interval (used per rate so that the risk interval, built from two, keeps 95 %).</summary>
    public const double Z975 = 2.241402727604947;

    /// <summary>
    /// The Wilson score interval of a binomial proportion (E. B. Wilson, "Probable Inference, the Law of Succession,
    /// and Statistical Inference", JASA 22, 1927): centre (p̂ + z²/2n) / (1 + z²/n), half-width
    /// z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²). Unlike the normal interval it stays inside [0, 1] and behaves at 0 and n
    /// successes. With no trials the interval is the uninformative [0, 1] around 0.
    /// </summary>
    public static Estimate Wilson(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0)
        {
            return new Estimate(0, 0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return new Estimate(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// The privacy risk of Giomi et al. 2022 (§3, "A Unified Framework for Quantifying Privacy Risk in Synthetic
    /// Data", PoPETs 2023): R = (r_main − r_control) / (1 − r_control), the part of the attack's success on the
    /// training rows that the control rows (never seen by the generator) do not explain. 0 when r_control = 1 (the
    /// attack succeeds on everyone, so nothing is specific to the training rows).
    /// </summary>
    public static double Risk(double mainRate, double controlRate) =>
        controlRate >= 1 ? 0 : (mainRate - controlRate) / (1 - controlRate);

    /// <summary>
    /// The risk with an interval. R rises with r_main and falls with r_control, so its bounds come from the corners of
    /// the two rates' Wilson intervals: [R(main.lo, control.hi), R(main.hi, control.lo)]. Each rate's interval is
    /// taken at 97.5 % so that, by Bonferroni, the risk interval covers with at least 95 %. The value may be negative
    /// (the attack did better on the control rows): read it as no measurable risk.
    /// </summary>
    public static Estimate RiskInterval(int mainSuccesses, int mainTrials, int controlSuccesses, int controlTrials)
    {
        var main = Wilson(mainSuccesses, mainTrials, Z975);
        var control = Wilson(controlSuccesses, controlTrials, Z975);
        var value = Risk(main.Value, control.Value);
        return new Estimate(value, Risk(main.Lower, control.Upper), Risk(main.Upper, control.Lower));
    }

    /// <summary>
    /// The area under the ROC curve for scores where higher means "member", with ties counted one half: the
    /// Mann–Whitney U statistic divided by n_pos · n_neg (Hanley and McNeil, Radiology 143, 1982), computed from
    /// mid-ranks. Equal to scikit-learn's <c>roc_auc_score</c>.
    /// </summary>
    public static double Auroc(ReadOnlySpan<double> positives, ReadOnlySpan<double> negatives)
    {
        if (positives.IsEmpty || negatives.IsEmpty)
        {
            return double.NaN;
        }

        var all = new (double Score, bool Positive)[positives.Length + negatives.Length];
        for (var i = 0; i < positives.Length; i++)
        {
            all[i] = (positives[i], true);
        }

        for (var i = 0; i < negatives.Length; i++)
        {
            all[positives.Length + i] = (negatives[i], false);
        }

        Array.Sort(all, (a, b) => a.Score.CompareTo(b.Score));
        var rankSum = 0.0;
        var start = 0;
        while (start < all.Length)
        {
            var end = start;
            while (end + 1 < all.Length && all[end + 1].Score == all[start].Score)
            {
                end++;
            }

            // Ranks are 1-based; a run of ties shares the mean of its ranks.
            var midRank = ((start + 1) + (end + 1)) / 2.0;
            for (var i = start; i <= end; i++)
            {
                if (all[i].Positive)
                {
                    rankSum += midRank;
                }
            }

            start = end + 1;
        }

        double np = positives.Length, nn = negatives.Length;
        var u = rankSum - (np * (np + 1) / 2);
        return u / (np * nn);
    }

    /// <summary>
    /// The largest true-positive rate at a false-positive rate of at most <paramref name="maxFpr"/>, over the
    /// thresholds "score ≥ t" at each distinct score (the points of scikit-learn's <c>roc_curve</c>, no
    /// interpolation; tied scores move together, so a tie cannot be split to reach the FPR).
    /// </summary>
    public static double TprAtFpr(ReadOnlySpan<double> positives, ReadOnlySpan<double> negatives, double maxFpr = 0.01)
    {
        if (positives.IsEmpty || negatives.IsEmpty)
        {
            return double.NaN;
        }

        var pos = positives.ToArray();
        var neg = negatives.ToArray();
        Array.Sort(pos);
        Array.Sort(neg);
        Array.Reverse(pos);
        Array.Reverse(neg);
        int i = 0, j = 0;
        var best = 0.0;
        while (i < pos.Length || j < neg.Length)
        {
            var t = Math.Max(i < pos.Length ? pos[i] : double.NegativeInfinity, j < neg.Length ? neg[j] : double.NegativeInfinity);
            while (i < pos.Length && pos[i] >= t)
            {
                i++;
            }

            while (j < neg.Length && neg[j] >= t)
            {
                j++;
            }

            var fpr = (double)j / neg.Length;
            if (fpr > maxFpr)
            {
                break;
            }

            best = Math.Max(best, (double)i / pos.Length);
        }

        return best;
    }

    /// <summary>
    /// The q-quantile (q in [0, 1]) with linear interpolation between order statistics — NumPy's default
    /// ("linear", Hyndman and Fan type 7). NaN for an empty input.
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var h = (sorted.Length - 1) * Math.Clamp(q, 0, 1);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>
    /// The mean of per-row scores with a 95 % percentile-bootstrap interval (Efron and Tibshirani, "An Introduction to
    /// the Bootstrap", 1993, §13): <paramref name="resamples"/> resamples of the rows with replacement, seeded, so the
    /// interval is reproducible. With fewer than 2 resamples the normal interval mean ± 1.96 · sd/√n is used.
    /// </summary>
    public static Estimate BootstrapMean(ReadOnlySpan<double> scores, int resamples, ulong seed)
    {
        var n = scores.Length;
        if (n == 0)
        {
            return new Estimate(double.NaN, double.NaN, double.NaN);
        }

        var sum = 0.0;
        foreach (var s in scores)
        {
            sum += s;
        }

        var mean = sum / n;
        if (resamples < 2 || n < 2)
        {
            var ss = 0.0;
            foreach (var s in scores)
            {
                ss += (s - mean) * (s - mean);
            }

            var se = n < 2 ? 0 : Math.Sqrt(ss / (n - 1) / n);
            return new Estimate(mean, mean - (Z95 * se), mean + (Z95 * se));
        }

        var rng = new Xoshiro256(seed);
        var means = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                total += scores[rng.NextInt(n)];
            }

            means[b] = total / n;
        }

        return new Estimate(mean, Quantile(means, 0.025), Quantile(means, 0.975));
    }
}
