namespace SynthVault.App.Rebalancing;

/// <summary>A point on a precision–recall curve at one score threshold (predict positive when score ≥ threshold).</summary>
public sealed record PrPoint(double Threshold, double Precision, double Recall);

/// <summary>
/// Ranking and probability metrics of a binary classifier with scikit-learn's definitions, so numbers compare with
/// a Python notebook: average precision (<c>average_precision_score</c>: Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds),
/// ROC-AUC (<c>roc_auc_score</c>, ties counted half), Brier score (<c>brier_score_loss</c>), and recall at a minimum
/// precision read off <c>precision_recall_curve</c>.
/// </summary>
internal static class BinaryMetrics
{
    /// <summary>Average precision; NaN when there is no positive.</summary>
    public static double AveragePrecision(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var curve = Curve(labels, scores);
        if (curve.Count == 0)
        {
            return double.NaN;
        }

        double ap = 0, previousRecall = 0;
        foreach (var p in curve)
        {
            ap += (p.Recall - previousRecall) * p.Precision;
            previousRecall = p.Recall;
        }

        return ap;
    }

    /// <summary>ROC-AUC by the Mann–Whitney statistic with mid-ranks for ties; NaN when a class is absent.</summary>
    public static double RocAuc(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var n = labels.Length;
        var order = Order(scores, descending: false);
        double rankSumPositives = 0;
        long positives = 0;
        var i = 0;
        while (i < n)
        {
            var j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var midRank = ((i + j) / 2.0) + 1.0;
            for (var t = i; t <= j; t++)
            {
                if (labels[order[t]])
                {
                    rankSumPositives += midRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSumPositives - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Mean squared difference between the predicted probability and the 0/1 outcome.</summary>
    public static double Brier(ReadOnlySpan<bool> labels, ReadOnlySpan<double> probabilities)
    {
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var d = probabilities[i] - (labels[i] ? 1.0 : 0.0);
            sum += d * d;
        }

        return labels.Length == 0 ? double.NaN : sum / labels.Length;
    }

    /// <summary>
    /// The largest recall among thresholds whose precision is at least <paramref name="minimumPrecision"/>; 0 when
    /// none reaches it (scikit-learn's curve ends at precision 1, recall 0).
    /// </summary>
    public static double RecallAtPrecision(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double minimumPrecision)
    {
        var best = 0.0;
        foreach (var p in Curve(labels, scores))
        {
            if (p.Precision >= minimumPrecision)
            {
                best = Math.Max(best, p.Recall);
            }
        }

        return best;
    }

    /// <summary>The threshold with the highest F1 (the highest such threshold on ties); 0.5 when there is no positive.</summary>
    public static double BestF1Threshold(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var bestF1 = -1.0;
        var threshold = 0.5;
        foreach (var p in Curve(labels, scores))
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

    /// <summary>Precision, recall and F1 when predicting positive for score ≥ <paramref name="threshold"/>.</summary>
    public static (double Precision, double Recall, double F1) AtThreshold(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, double threshold)
    {
        long tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var predicted = scores[i] >= threshold;
            tp += predicted && labels[i] ? 1 : 0;
            fp += predicted && !labels[i] ? 1 : 0;
            fn += !predicted && labels[i] ? 1 : 0;
        }

        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }

    /// <summary>
    /// The precision–recall curve: one point per distinct score, from the highest threshold down (recall rising).
    /// Empty when there is no positive.
    /// </summary>
    public static List<PrPoint> Curve(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        var positives = 0;
        foreach (var l in labels)
        {
            positives += l ? 1 : 0;
        }

        var curve = new List<PrPoint>();
        if (positives == 0)
        {
            return curve;
        }

        var order = Order(scores, descending: true);
        long tp = 0, fp = 0;
        var i = 0;
        while (i < order.Length)
        {
            var score = scores[order[i]];
            while (i < order.Length && scores[order[i]] == score)
            {
                if (labels[order[i]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                i++;
            }

            curve.Add(new PrPoint(score, (double)tp / (tp + fp), (double)tp / positives));
        }

        return curve;
    }

    /// <summary>The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics (numpy's default).</summary>
    public static double Quantile(double[] values, double q)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((position - lo) * (sorted[hi] - sorted[lo]));
    }

    private static int[] Order(ReadOnlySpan<double> scores, bool descending)
    {
        var order = new int[scores.Length];
        var keys = scores.ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // A stable order of equal scores keeps the result independent of the sort algorithm.
        Array.Sort(order, (a, b) =>
        {
            var c = descending ? keys[b].CompareTo(keys[a]) : keys[a].CompareTo(keys[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }
}
