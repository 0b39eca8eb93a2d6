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
    /// The risk with an interval, bounded to [0, 1] as a risk is (a raw value below 0 — the attack did better on the
    /// control rows — reads as no measurable risk and is reported as 0). R rises with r_main and falls with
    /// r_control, so its bounds come from the corners of the two rates' Wilson intervals:
    /// [R(main.lo, control.hi), R(main.hi, control.lo)]. Each rate's interval is taken at 97.5 % so that, by
    /// Bonferroni, the risk interval covers with at least 95 %.
    /// </summary>
    public static Estimate RiskInterval(int mainSuccesses, int mainTrials, int controlSuccesses, int controlTrials)
    {
        var main = Wilson(mainSuccesses, mainTrials, Z975);
        var control = Wilson(controlSuccesses, controlTrials, Z975);
        static double Bound(double r) => Math.Clamp(r, 0, 1);
        return new Estimate(
            Bound(Risk(main.Value, control.Value)),
            Bound(Risk(main.Lower, control.Upper)),
            Bound(Risk(main.Upper, control.Lower)));
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

        var scores = new double[positives.Length + negatives.Length];
        var labels = new bool[scores.Length];
        positives.CopyTo(scores);
        negatives.CopyTo(scores.AsSpan(positives.Length));
        labels.AsSpan(0, positives.Length).Fill(true);
        return Statistics.Metrics.RocAuc(scores, labels);
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
    /// The DCR share with a 95 % interval that accounts for both sources of chance in it: which synthetic rows were
    /// drawn, and which real rows happened to land in the training set rather than the holdout. A plain bootstrap
    /// over synthetic rows sees only the first and is too narrow (on a 500-row class of Adult an independent sample
    /// scored 0.455 with a synthetic-only interval [0.414, 0.495]).
    /// </summary>
    /// <remarks>
    /// A cluster bootstrap (Davison and Hinkley, "Bootstrap Methods and their Application", 1997, §3.8): each synthetic
    /// row is attributed to the real row that wins it — its nearest training row when d_train &lt; d_holdout, its
    /// nearest holdout row when d_holdout &lt; d_train, half to each on a tie. Each resample draws the training rows
    /// and the holdout rows with replacement, each carrying the synthetic rows it won, and takes the share of the
    /// carried weight won by training rows: Σ w* / Σ n*. At the original sample this is exactly the DCR share.
    /// Resamples that carry no synthetic row are skipped.
    /// </remarks>
    /// <param name="trainWinner">Per synthetic row: the index of its nearest training row.</param>
    /// <param name="holdoutWinner">Per synthetic row: the index of its nearest holdout row.</param>
    /// <param name="scores">Per synthetic row: 1 (training closer), 0 (holdout closer) or 0.5 (tie).</param>
    /// <param name="trainRows">The number of training rows searched.</param>
    /// <param name="holdoutRows">The number of holdout rows searched.</param>
    /// <param name="resamples">Bootstrap resamples.</param>
    /// <param name="seed">Seed of the resampling.</param>
    public static Estimate DcrShareInterval(
        ReadOnlySpan<int> trainWinner, ReadOnlySpan<int> holdoutWinner, ReadOnlySpan<double> scores, int trainRows, int holdoutRows, int resamples, ulong seed)
    {
        var n = scores.Length;
        if (n == 0)
        {
            return new Estimate(double.NaN, double.NaN, double.NaN);
        }

        // Weight won (w) and synthetic rows carried (c) per real row.
        var wTrain = new double[trainRows];
        var cTrain = new double[trainRows];
        var cHoldout = new double[holdoutRows];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var s = scores[i];
            total += s;
            if (s == 1.0)
            {
                wTrain[trainWinner[i]] += 1;
                cTrain[trainWinner[i]] += 1;
            }
            else if (s == 0.0)
            {
                cHoldout[holdoutWinner[i]] += 1;
            }
            else
            {
                wTrain[trainWinner[i]] += 0.5;
                cTrain[trainWinner[i]] += 0.5;
                cHoldout[holdoutWinner[i]] += 0.5;
            }
        }

        var share = total / n;
        if (resamples < 2)
        {
            return new Estimate(share, share, share);
        }

        var rng = new Xoshiro256(seed);
        var shares = new List<double>(resamples);
        for (var b = 0; b < resamples; b++)
        {
            double won = 0, carried = 0;
            for (var i = 0; i < trainRows; i++)
            {
                var r = rng.NextInt(trainRows);
                won += wTrain[r];
                carried += cTrain[r];
            }

            for (var i = 0; i < holdoutRows; i++)
            {
                carried += cHoldout[rng.NextInt(holdoutRows)];
            }

            if (carried > 0)
            {
                shares.Add(won / carried);
            }
        }

        var sample = shares.ToArray();
        return new Estimate(share, Quantile(sample, 0.025), Quantile(sample, 0.975));
    }
}
