using SynthVault.Core.Data;
using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Fidelity;

/// <summary>The result of CorrelationSimilarity on one pair.</summary>
public readonly record struct CorrelationScore(double Score, double Real, double Synthetic);

/// <summary>
/// Clean-room implementations of SDMetrics' single-column and column-pair metrics (sdv-dev/SDMetrics 0.29:
/// <c>single_column/statistical/kscomplement.py</c>, <c>tv_complement.py</c>, <c>category_coverage.py</c>,
/// <c>range_coverage.py</c>, <c>boundary_adherence.py</c>, <c>column_pairs/statistical/correlation_similarity.py</c>,
/// <c>contingency_similarity.py</c>, <c>utils.py</c>), written from their documented definitions and checked against
/// values computed independently with NumPy/SciPy (see the tests). The details that decide the last digits are
/// kept: KS on values rounded to 14 decimals, the 1e-6 regularisation of TVComplement, NumPy's binning and
/// pairwise summation.
/// </summary>
public static class SdMetrics
{
    /// <summary>SDMetrics rounds to <c>sys.float_info.dig - 1</c> = 14 decimals before the KS test.</summary>
    public const int KsDecimals = 14;

    private const double Regularization = 1e-6;

    /// <summary>
    /// KSComplement = 1 − D of the two-sample KS test, on the non-missing values rounded to 14 decimals as NumPy
    /// rounds (<c>rint(x · 1e14) / 1e14</c>). Pass <paramref name="round"/> = false for integer and datetime data,
    /// which SDMetrics holds as integers and so never rounds. NaN when either side has no value.
    /// </summary>
    public static double KsComplement(ReadOnlySpan<double> real, ReadOnlySpan<double> synthetic, bool round = true)
    {
        var r = Prepare(real, round);
        var s = Prepare(synthetic, round);
        return r.Length == 0 || s.Length == 0 ? double.NaN : 1 - Metrics.KsStatistic(r, s);
    }

    /// <summary>
    /// TVComplement = 1 − ½ Σ |p_syn(v) − p_real(v)| over the non-missing values. A value seen only in the synthetic
    /// data gets a real count of 1e-6 (SDMetrics' <c>get_frequencies</c> regularisation), so it counts almost fully.
    /// NaN when either side has no value.
    /// </summary>
    public static double TvComplement(IReadOnlyList<string?> real, IReadOnlyList<string?> synthetic) =>
        TvComplement(DiscreteCodes.From(StringColumn.FromValues("v", real), StringColumn.FromValues("v", synthetic)));

    /// <summary>CategoryCoverage: the share of distinct real (non-missing) values that the synthetic data contains.</summary>
    public static double CategoryCoverage(IReadOnlyList<string?> real, IReadOnlyList<string?> synthetic) =>
        CategoryCoverage(DiscreteCodes.From(StringColumn.FromValues("v", real), StringColumn.FromValues("v", synthetic))).Score;

    /// <summary>
    /// RangeCoverage = max(0, 1 − (max(0, (min_s − min_r)/(max_r − min_r)) + max(0, (max_r − max_s)/(max_r − min_r)))),
    /// missing values ignored; NaN when the real column is constant or a side has no value.
    /// </summary>
    public static double RangeCoverage(ReadOnlySpan<double> real, ReadOnlySpan<double> synthetic)
    {
        var (minR, maxR) = MinMax(real);
        var (minS, maxS) = MinMax(synthetic);
        if (double.IsNaN(minR) || double.IsNaN(minS) || minR == maxR)
        {
            return double.NaN;
        }

        var low = Math.Max((minS - minR) / (maxR - minR), 0);
        var high = Math.Max((maxR - maxS) / (maxR - minR), 0);
        return Math.Max(1 - (low + high), 0);
    }

    /// <summary>BoundaryAdherence: the share of non-missing synthetic values inside the real [min, max] (both ends included).</summary>
    public static double BoundaryAdherence(ReadOnlySpan<double> real, ReadOnlySpan<double> synthetic)
    {
        var (minR, maxR) = MinMax(real);
        long inside = 0, count = 0;
        foreach (var x in synthetic)
        {
            if (double.IsNaN(x))
            {
                continue;
            }

            count++;
            inside += x >= minR && x <= maxR ? 1 : 0;
        }

        return count == 0 ? double.NaN : inside / (double)count;
    }

    /// <summary>
    /// CorrelationSimilarity = 1 − |ρ_real − ρ_syn| / 2 on the rows where both values are present. The score is NaN
    /// when a column is constant (SDMetrics raises ConstantInputError) or, with a positive threshold, when
    /// |ρ_real| ≤ <paramref name="realCorrelationThreshold"/>.
    /// </summary>
    public static CorrelationScore CorrelationSimilarity(
        ReadOnlySpan<double> real1,
        ReadOnlySpan<double> real2,
        ReadOnlySpan<double> synthetic1,
        ReadOnlySpan<double> synthetic2,
        CorrelationCoefficient coefficient = CorrelationCoefficient.Pearson,
        double realCorrelationThreshold = 0)
    {
        var rho = Correlation(real1, real2, coefficient);
        var rhoSyn = Correlation(synthetic1, synthetic2, coefficient);
        if (double.IsNaN(rho) || double.IsNaN(rhoSyn) || (realCorrelationThreshold > 0 && Math.Abs(rho) <= realCorrelationThreshold))
        {
            return new CorrelationScore(double.NaN, rho, rhoSyn);
        }

        return new CorrelationScore(1 - (Math.Abs(rho - rhoSyn) / 2), rho, rhoSyn);
    }

    /// <summary>
    /// ContingencySimilarity of two discrete columns = 1 − ½ Σ |p_real(a, b) − p_syn(a, b)| over every combination
    /// seen in either table, a missing value being a category of its own (pandas <c>groupby(dropna=False)</c>).
    /// </summary>
    public static double ContingencySimilarity(
        IReadOnlyList<string?> real1,
        IReadOnlyList<string?> real2,
        IReadOnlyList<string?> synthetic1,
        IReadOnlyList<string?> synthetic2)
    {
        var a = DiscreteCodes.From(StringColumn.FromValues("a", real1), StringColumn.FromValues("a", synthetic1));
        var b = DiscreteCodes.From(StringColumn.FromValues("b", real2), StringColumn.FromValues("b", synthetic2));
        return Contingency(a, b).Score;
    }

    /// <summary>
    /// The quality report's binning of one table's numeric column: <c>np.digitize(x, np.histogram_bin_edges(x.dropna(), bins))</c>.
    /// The edges span this table's own range and are closed, so values land in 1…bins, the maximum in bins + 1,
    /// and a missing value also in bins + 1 (NumPy sorts NaN after every edge).
    /// </summary>
    public static int[] DigitizeOwnRange(ReadOnlySpan<double> values, int bins = 10)
    {
        var edges = HistogramBinEdges(values, bins);
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Digitize(values[i], edges);
        }

        return result;
    }

    /// <summary>
    /// The stand-alone metric's binning (<c>sdmetrics.utils.discretize_column</c>): equal-width edges over the real
    /// range, the outer edges replaced by ±∞, applied to both tables; values land in 1…bins, missing values in bins + 1.
    /// </summary>
    public static (int[] Real, int[] Synthetic) DigitizeWithRealEdges(ReadOnlySpan<double> real, ReadOnlySpan<double> synthetic, int bins = 10)
    {
        var edges = HistogramBinEdges(real, bins);
        edges[0] = double.NegativeInfinity;
        edges[^1] = double.PositiveInfinity;
        var r = new int[real.Length];
        var s = new int[synthetic.Length];
        for (var i = 0; i < real.Length; i++)
        {
            r[i] = Digitize(real[i], edges);
        }

        for (var i = 0; i < synthetic.Length; i++)
        {
            s[i] = Digitize(synthetic[i], edges);
        }

        return (r, s);
    }

    /// <summary>
    /// <c>np.histogram_bin_edges(values.dropna(), bins)</c>: <c>np.linspace(min, max, bins + 1)</c>, i.e. edge i =
    /// i · ((max − min) / bins) + min with the last edge exactly max; a constant column is widened by ±0.5 and an
    /// empty one spans [0, 1].
    /// </summary>
    public static double[] HistogramBinEdges(ReadOnlySpan<double> values, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        var (min, max) = MinMax(values);
        if (double.IsNaN(min))
        {
            (min, max) = (0, 1);
        }

        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        var step = (max - min) / bins;
        var edges = new double[bins + 1];
        for (var i = 0; i < bins; i++)
        {
            edges[i] = (i * step) + min;
        }

        edges[bins] = max;
        return edges;
    }

    internal static double TvComplement(DiscreteCodes codes)
    {
        var realCounts = new double[codes.Count];
        var synCounts = new long[codes.Count];
        long realN = 0, synN = 0;
        foreach (var c in codes.Real)
        {
            if (c >= 0)
            {
                realCounts[c]++;
                realN++;
            }
        }

        foreach (var c in codes.Synthetic)
        {
            if (c >= 0)
            {
                synCounts[c]++;
                synN++;
            }
        }

        if (realN == 0 || synN == 0)
        {
            return double.NaN;
        }

        // Codes are in Counter insertion order: real values first, then synthetic-only ones; Python's sum adds
        // the integer counts exactly and then each 1e-6 in turn.
        double realTotal = realN;
        for (var c = 0; c < codes.Count; c++)
        {
            if (realCounts[c] == 0 && synCounts[c] > 0)
            {
                realCounts[c] = Regularization;
                realTotal += Regularization;
            }
        }

        var variation = 0.0;
        for (var c = 0; c < codes.Count; c++)
        {
            if (realCounts[c] == 0)
            {
                continue;
            }

            variation += Math.Abs((synCounts[c] / (double)synN) - (realCounts[c] / realTotal));
        }

        return 1 - (0.5 * variation);
    }

    internal static (double Score, int RealCategories, int Covered) CategoryCoverage(DiscreteCodes codes)
    {
        var inReal = new bool[codes.Count];
        var inSyn = new bool[codes.Count];
        foreach (var c in codes.Real)
        {
            if (c >= 0)
            {
                inReal[c] = true;
            }
        }

        foreach (var c in codes.Synthetic)
        {
            if (c >= 0)
            {
                inSyn[c] = true;
            }
        }

        int real = 0, covered = 0;
        for (var c = 0; c < codes.Count; c++)
        {
            real += inReal[c] ? 1 : 0;
            covered += inReal[c] && inSyn[c] ? 1 : 0;
        }

        return (real == 0 ? double.NaN : covered / (double)real, real, covered);
    }

    /// <summary>
    /// ContingencySimilarity on coded columns, summed in pandas' order (the real table's sorted (a, b) groups,
    /// then the synthetic-only groups in sorted order) with NumPy's pairwise summation; also Cramér's V of the real
    /// table (no bias correction, missing values left out) for the association threshold.
    /// </summary>
    internal static (double Score, double RealAssociation) Contingency(DiscreteCodes a, DiscreteCodes b)
    {
        // Key = sort rank of a, then of b; a missing value sorts last (rank = Count) as pandas puts NaN groups last.
        long width = b.Count + 1;
        var real = CountJoint(a.Real, b.Real, a, b, width);
        var syn = CountJoint(a.Synthetic, b.Synthetic, a, b, width);
        var realKeys = real.Keys.ToArray();
        Array.Sort(realKeys);
        var synOnly = syn.Keys.Where(k => !real.ContainsKey(k)).ToArray();
        Array.Sort(synOnly);
        double nr = a.Real.Length, ns = a.Synthetic.Length;
        var terms = new double[realKeys.Length + synOnly.Length];
        var t = 0;
        foreach (var k in realKeys)
        {
            syn.TryGetValue(k, out var s);
            terms[t++] = Math.Abs((real[k] / nr) - (s / ns)) / 2;
        }

        foreach (var k in synOnly)
        {
            terms[t++] = Math.Abs(0 - (syn[k] / ns)) / 2;
        }

        return (1 - Metrics.NumpySum(terms), CramersV(real, a.Count, b.Count, width));
    }

    private static Dictionary<long, long> CountJoint(int[] x, int[] y, DiscreteCodes a, DiscreteCodes b, long width)
    {
        var counts = new Dictionary<long, long>();
        for (var i = 0; i < x.Length; i++)
        {
            long ra = x[i] < 0 ? a.Count : a.SortRank[x[i]];
            long rb = y[i] < 0 ? b.Count : b.SortRank[y[i]];
            var key = (ra * width) + rb;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    private static double CramersV(Dictionary<long, long> joint, int countA, int countB, long width)
    {
        var rowTotals = new double[countA];
        var colTotals = new double[countB];
        var n = 0.0;
        foreach (var (key, count) in joint)
        {
            var ra = (int)(key / width);
            var rb = (int)(key % width);
            if (ra == countA || rb == countB)
            {
                continue;
            }

            rowTotals[ra] += count;
            colTotals[rb] += count;
            n += count;
        }

        var rows = rowTotals.Count(v => v > 0);
        var cols = colTotals.Count(v => v > 0);
        if (n == 0 || Math.Min(rows, cols) < 2)
        {
            return double.NaN;
        }

        // χ² = n (Σ n_ij² / (n_i· n_·j) − 1).
        var sum = 0.0;
        foreach (var (key, count) in joint)
        {
            var ra = (int)(key / width);
            var rb = (int)(key % width);
            if (ra == countA || rb == countB)
            {
                continue;
            }

            sum += (double)count * count / (rowTotals[ra] * colTotals[rb]);
        }

        var chi2 = n * (sum - 1);
        return Math.Sqrt(Math.Max(chi2, 0) / (n * (Math.Min(rows, cols) - 1)));
    }

    private static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y, CorrelationCoefficient coefficient)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("The two columns of a pair must have the same length.", nameof(y));
        }

        // SDMetrics checks for constant columns before dropping incomplete rows, then correlates the complete rows.
        if (IsConstant(x) || IsConstant(y))
        {
            return double.NaN;
        }

        var keepX = new List<double>(x.Length);
        var keepY = new List<double>(y.Length);
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                keepX.Add(x[i]);
                keepY.Add(y[i]);
            }
        }

        var xs = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keepX);
        var ys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keepY);
        return coefficient == CorrelationCoefficient.Spearman ? Metrics.Spearman(xs, ys) : Metrics.Pearson(xs, ys);
    }

    private static bool IsConstant(ReadOnlySpan<double> values)
    {
        var first = double.NaN;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            if (double.IsNaN(first))
            {
                first = v;
            }
            else if (v != first)
            {
                return false;
            }
        }

        return true;
    }

    private static int Digitize(double x, double[] edges)
    {
        if (double.IsNaN(x))
        {
            return edges.Length;
        }

        // np.digitize(right=False) on increasing edges = searchsorted(edges, x, 'right') = edges ≤ x.
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (edges[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static double[] Prepare(ReadOnlySpan<double> values, bool round)
    {
        var result = new List<double>(values.Length);
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            result.Add(round ? RoundLikeNumpy(v) : v);
        }

        return [.. result];
    }

    /// <summary><c>np.round(x, 14)</c>: multiply by 1e14, round half to even, divide by 1e14.</summary>
    internal static double RoundLikeNumpy(double x)
    {
        const double scale = 1e14;
        var scaled = x * scale;
        return double.IsFinite(scaled) ? Math.Round(scaled, MidpointRounding.ToEven) / scale : x;
    }

    internal static (double Min, double Max) MinMax(ReadOnlySpan<double> values)
    {
        double min = double.NaN, max = double.NaN;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            if (double.IsNaN(min) || v < min)
            {
                min = v;
            }

            if (double.IsNaN(max) || v > max)
            {
                max = v;
            }
        }

        return (min, max);
    }
}
