namespace SynthVault.Evaluation.Statistics;

/// <summary>One point of a precision–recall curve, at a score threshold (a row is positive when score ≥ threshold).</summary>
public readonly record struct PrPoint(double Threshold, double Recall, double Precision);

/// <summary>
/// Exact, dependency-free statistics used by the evaluation: ranking metrics with scikit-learn's definitions,
/// the two-sample Kolmogorov–Smirnov statistic with SciPy's definition, Pearson and Spearman correlation.
/// Every method ignores nothing silently: inputs must be the same length, and NaN scores are rejected.
/// </summary>
public static class Metrics
{
    /// <summary>
    /// Area under the ROC curve by the Mann–Whitney U statistic with average ranks for ties, which equals the
    /// trapezoidal area of scikit-learn's <c>roc_auc_score</c> (a tie between a positive and a negative counts ½).
    /// NaN when one class is absent.
    /// </summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        CheckLengths(scores.Length, labels.Length);
        var n = scores.Length;
        long positives = 0;
        foreach (var l in labels)
        {
            positives += l ? 1 : 0;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        foreach (var s in scores)
        {
            if (double.IsNaN(s))
            {
                throw new ArgumentException("Scores must not be NaN.", nameof(scores));
            }
        }

        var ranks = AverageRanks(scores);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (labels[i])
            {
                sum += ranks[i];
            }
        }

        var u = sum - (positives * (positives + 1) / 2.0);
        return u / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision as scikit-learn's <c>average_precision_score</c> defines it: Σₙ (Rₙ − Rₙ₋₁) Pₙ over the
    /// distinct score thresholds from high to low, without interpolation. NaN when there is no positive.
    /// </summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        return AveragePrecision(PrecisionRecallCurve(scores, labels));
    }

    /// <summary>
    /// The precision–recall points at each distinct score, from the highest threshold to the lowest (as
    /// scikit-learn's <c>precision_recall_curve</c>, read in reverse). Empty when there is no positive.
    /// </summary>
    public static IReadOnlyList<PrPoint> PrecisionRecallCurve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        CheckLengths(scores.Length, labels.Length);
        var order = SortedOrderDescending(scores);
        long totalPositives = 0;
        foreach (var l in labels)
        {
            totalPositives += l ? 1 : 0;
        }

        var points = new List<PrPoint>();
        if (totalPositives == 0)
        {
            return points;
        }

        long tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            if (labels[i])
            {
                tp++;
            }
            else
            {
                fp++;
            }

            // A threshold takes effect only after the last row that shares its score.
            if (k == order.Length - 1 || scores[order[k + 1]] != scores[i])
            {
                points.Add(new PrPoint(scores[i], tp / (double)totalPositives, tp / (double)(tp + fp)));
            }
        }

        return points;
    }

    /// <summary>
    /// At most <paramref name="maxPoints"/> points of a curve, evenly spread over it and always keeping the first
    /// and the last: enough for a plot. A curve that is short enough (or a limit below 2) is returned as it is.
    /// </summary>
    public static IReadOnlyList<PrPoint> ThinCurve(IReadOnlyList<PrPoint> curve, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count <= maxPoints || maxPoints < 2)
        {
            return curve;
        }

        var result = new List<PrPoint>(maxPoints);
        for (var i = 0; i < maxPoints; i++)
        {
            result.Add(curve[(int)Math.Round(i * (curve.Count - 1) / (double)(maxPoints - 1))]);
        }

        return result;
    }

    /// <summary>
    /// The F1 score of the positive class when rows with score ≥ <paramref name="threshold"/> are called positive;
    /// 0 when nothing is predicted positive and nothing is positive (scikit-learn's zero_division=0).
    /// </summary>
    public static double F1(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double threshold = 0.5) =>
        PrecisionRecallF1(scores, labels, threshold).F1;

    /// <summary>
    /// Precision, recall and F1 of the positive class when rows with score ≥ <paramref name="threshold"/> are called
    /// positive (scikit-learn's <c>precision_recall_fscore_support</c> for the positive class, zero_division=0).
    /// </summary>
    public static (double Precision, double Recall, double F1) PrecisionRecallF1(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double threshold)
    {
        CheckLengths(scores.Length, labels.Length);
        long tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var predicted = scores[i] >= threshold;
            tp += predicted && labels[i] ? 1 : 0;
            fp += predicted && !labels[i] ? 1 : 0;
            fn += !predicted && labels[i] ? 1 : 0;
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var denominator = (2 * tp) + fp + fn;
        return (precision, recall, denominator == 0 ? 0 : 2.0 * tp / denominator);
    }

    /// <summary>
    /// The largest recall among the thresholds of <see cref="PrecisionRecallCurve"/> whose precision is at least
    /// <paramref name="minimumPrecision"/>; 0 when none reaches it (scikit-learn's curve ends at precision 1,
    /// recall 0). NaN when there is no positive.
    /// </summary>
    public static double RecallAtPrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double minimumPrecision)
    {
        var curve = PrecisionRecallCurve(scores, labels);
        return curve.Count == 0 ? double.NaN : RecallAtPrecision(curve, minimumPrecision);
    }

    /// <summary>The largest recall on <paramref name="curve"/> with precision ≥ <paramref name="minimumPrecision"/>; 0 when none.</summary>
    public static double RecallAtPrecision(IReadOnlyList<PrPoint> curve, double minimumPrecision)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var best = 0.0;
        foreach (var p in curve)
        {
            if (p.Precision >= minimumPrecision)
            {
                best = Math.Max(best, p.Recall);
            }
        }

        return best;
    }

    /// <summary>Average precision of a curve from <see cref="PrecisionRecallCurve"/>: Σₙ (Rₙ − Rₙ₋₁) Pₙ; NaN when empty.</summary>
    public static double AveragePrecision(IReadOnlyList<PrPoint> curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count == 0)
        {
            return double.NaN;
        }

        var ap = 0.0;
        var previousRecall = 0.0;
        foreach (var p in curve)
        {
            ap += (p.Recall - previousRecall) * p.Precision;
            previousRecall = p.Recall;
        }

        return ap;
    }

    /// <summary>
    /// The threshold of <see cref="PrecisionRecallCurve"/> with the highest F1 (the highest such threshold on ties);
    /// 0.5 when there is no positive. Tune it on validation rows, never on the rows it is scored on.
    /// </summary>
    public static double BestF1Threshold(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var bestF1 = -1.0;
        var threshold = 0.5;
        foreach (var p in PrecisionRecallCurve(scores, labels))
        {
            var f1 = p.Precision + p.Recall > 0 ? 2 * p.Precision * p.Recall / (p.Precision + p.Recall) : 0;
            if (f1 > bestF1)
            {
                bestF1 = f1;
                threshold = p.Threshold;
            }
        }

        return threshold;
    }

    /// <summary>
    /// The Brier score, mean (p − y)² of predicted probabilities against 0/1 outcomes (scikit-learn's
    /// <c>brier_score_loss</c>). NaN for no rows.
    /// </summary>
    public static double Brier(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> labels)
    {
        CheckLengths(probabilities.Length, labels.Length);
        var sum = 0.0;
        for (var i = 0; i < labels.Length; i++)
        {
            var d = probabilities[i] - (labels[i] ? 1.0 : 0.0);
            sum += d * d;
        }

        return labels.Length == 0 ? double.NaN : sum / labels.Length;
    }

    /// <summary>
    /// The two-sample Kolmogorov–Smirnov statistic D = sup |F₁(x) − F₂(x)| of the empirical CDFs, as SciPy's
    /// <c>ks_2samp</c> computes it. NaN values are not allowed (drop them first); NaN when a sample is empty.
    /// </summary>
    public static double KsStatistic(ReadOnlySpan<double> sample1, ReadOnlySpan<double> sample2)
    {
        if (sample1.Length == 0 || sample2.Length == 0)
        {
            return double.NaN;
        }

        var a = sample1.ToArray();
        var b = sample2.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        if (double.IsNaN(a[^1]) || double.IsNaN(b[^1]) || double.IsNaN(a[0]) || double.IsNaN(b[0]))
        {
            throw new ArgumentException("The KS statistic takes no NaN values; drop missing values first.");
        }

        double n1 = a.Length, n2 = b.Length;
        int i = 0, j = 0;
        var d = 0.0;
        while (i < a.Length && j < b.Length)
        {
            // Step past every copy of the smallest remaining value in both samples: the CDFs are right-continuous.
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] == x)
            {
                i++;
            }

            while (j < b.Length && b[j] == x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs((i / n1) - (j / n2)));
        }

        return d;
    }

    /// <summary>Pearson's correlation coefficient (NaN when either input is constant or fewer than 2 values).</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        CheckLengths(x.Length, y.Length);
        var n = x.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx == 0 || syy == 0)
        {
            return double.NaN;
        }

        // Clipped to [-1, 1] as SciPy does: rounding can push |r| a hair past 1.
        return Math.Clamp(sxy / (Math.Sqrt(sxx) * Math.Sqrt(syy)), -1.0, 1.0);
    }

    /// <summary>Spearman's rank correlation: Pearson's coefficient of the average ranks (SciPy's <c>spearmanr</c>).</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        CheckLengths(x.Length, y.Length);
        return Pearson(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>The coefficient of determination R² = 1 − SS_res / SS_tot (scikit-learn's <c>r2_score</c>).</summary>
    public static double R2(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckLengths(actual.Length, predicted.Length);
        if (actual.Length == 0)
        {
            return double.NaN;
        }

        var mean = 0.0;
        foreach (var a in actual)
        {
            mean += a;
        }

        mean /= actual.Length;
        double ssRes = 0, ssTot = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            ssRes += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            ssTot += (actual[i] - mean) * (actual[i] - mean);
        }

        return ssTot == 0 ? double.NaN : 1 - (ssRes / ssTot);
    }

    /// <summary>The mean absolute error.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckLengths(actual.Length, predicted.Length);
        if (actual.Length == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs(actual[i] - predicted[i]);
        }

        return sum / actual.Length;
    }

    /// <summary>1-based ranks with ties given the average of the ranks they span (SciPy's <c>rankdata</c>, method 'average').</summary>
    public static double[] AverageRanks(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var order = new int[n];
        var keys = values.ToArray();
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var ranks = new double[n];
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            // Ranks start+1 … end share their mean.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>
    /// NumPy's pairwise summation of a float64 array (<c>np.sum</c>): blocks of up to 128 values summed with eight
    /// accumulators, larger arrays split in halves. Using it where SDMetrics sums with pandas/NumPy reproduces
    /// their last digits, not just the value to rounding.
    /// </summary>
    public static double NumpySum(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 8)
        {
            var s = 0.0;
            foreach (var v in values)
            {
                s += v;
            }

            return s;
        }

        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += values[i + j];
                }
            }

            var result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                result += values[i];
            }

            return result;
        }

        var half = n / 2;
        half -= half % 8;
        return NumpySum(values[..half]) + NumpySum(values[half..]);
    }

    private static int[] SortedOrderDescending(ReadOnlySpan<double> scores)
    {
        var keys = new double[scores.Length];
        var order = new int[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException("Scores must not be NaN.", nameof(scores));
            }

            keys[i] = -scores[i];
            order[i] = i;
        }

        Array.Sort(keys, order);
        return order;
    }

    private static void CheckLengths(int a, int b)
    {
        if (a != b)
        {
            throw new ArgumentException($"The inputs have different lengths ({a} and {b}).");
        }
    }
}
