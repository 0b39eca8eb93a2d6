using System.Runtime.CompilerServices;
namespace SynthVault.Synthesis.Copula;

/// <summary>
/// A marginal as a monotone quantile function on an even grid: knot k is Q(k/M), the first knot the observed
/// minimum and the last the observed maximum, linear in between. Every family (parametric or empirical) is
/// stored this way, so sampling is one multiply and one interpolation per value, and the CDF needed for range
/// conditions is its inverse. For the empirical family the interpolation between sample quantiles is the
/// smoothing: values between two observed quantiles are spread evenly, atoms (repeated values) stay atoms.
/// </summary>
internal static class KnotTable
{
    public static double Quantile(double[] knots, double u)
    {
        var m = knots.Length - 1;
        if (m == 0)
        {
            return knots[0];
        }

        var pos = Math.Clamp(u, 0, 1) * m;
        var k = (int)pos;
        if (k >= m)
        {
            return knots[m];
        }

        var lo = knots[k];
        return lo + ((pos - k) * (knots[k + 1] - lo));
    }

    /// <summary>inf { u : Q(u) ≥ x }: the probability of values below x.</summary>
    public static double LowerU(double[] knots, double x)
    {
        var m = knots.Length - 1;
        if (x <= knots[0])
        {
            return 0;
        }

        if (x > knots[m])
        {
            return 1;
        }

        // First k with knots[k] >= x (k >= 1 here).
        int lo = 1, hi = m;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (knots[mid] >= x)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var a = knots[lo - 1];
        var b = knots[lo];
        var frac = b > a ? (x - a) / (b - a) : 1;
        return (lo - 1 + frac) / m;
    }

    /// <summary>sup { u : Q(u) ≤ x }: the probability of values at or below x.</summary>
    public static double UpperU(double[] knots, double x)
    {
        var m = knots.Length - 1;
        if (x >= knots[m])
        {
            return 1;
        }

        if (x < knots[0])
        {
            return 0;
        }

        // Last k with knots[k] <= x (k <= m - 1 here).
        int lo = 0, hi = m - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (knots[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        var a = knots[lo];
        var b = knots[lo + 1];
        var frac = b > a ? (x - a) / (b - a) : 0;
        return (lo + frac) / m;
    }

    /// <summary>Sample quantiles of sorted values at k/M (linear interpolation between order statistics, R type 7).</summary>
    public static double[] Empirical(ReadOnlySpan<double> sorted, int m)
    {
        var knots = new double[m + 1];
        var n = sorted.Length;
        for (var k = 0; k <= m; k++)
        {
            var pos = (n - 1) * (double)k / m;
            var i = (int)pos;
            knots[k] = i + 1 < n ? sorted[i] + ((pos - i) * (sorted[i + 1] - sorted[i])) : sorted[n - 1];
        }

        return knots;
    }

    /// <summary>
    /// Kolmogorov–Smirnov distance between the table's distribution and sorted data, honouring atoms on both
    /// sides (compares left and right limits at every distinct data value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double KolmogorovSmirnov(double[] knots, ReadOnlySpan<double> sorted)
    {
        var n = sorted.Length;
        var d = 0.0;
        var i = 0;
        while (i < n)
        {
            var j = i;
            while (j < n && sorted[j] == sorted[i])
            {
                j++;
            }

            var below = i / (double)n;
            var atOrBelow = j / (double)n;
            d = Math.Max(d, Math.Max(Math.Abs(below - LowerU(knots, sorted[i])), Math.Abs(atOrBelow - UpperU(knots, sorted[i]))));
            i = j;
        }

        return d;
    }
}
