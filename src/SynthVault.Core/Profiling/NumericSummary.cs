using System.Numerics;
using System.Runtime.CompilerServices;

namespace SynthVault.Core.Profiling;

/// <summary>
/// Statistics of the non-null values of a numeric or temporal column, computed in one or two passes over its
/// span. Up to <see cref="ProfilerOptions.ExactStatisticsLimit"/> values everything is exact (from a sorted
/// copy); above it distinct counts are exact by hashing while they stay small, otherwise a HyperLogLog
/// estimate, and quantiles come from an evenly spaced sample.
/// </summary>
internal sealed class NumericSummary<T>
    where T : unmanaged, INumber<T>
{
    /// <summary>Non-null values (NaN counts as null).</summary>
    public int Count { get; private set; }

    /// <summary>NaN values that were not marked null.</summary>
    public int NaNCount { get; private set; }

    /// <summary>±Infinity values: part of min/max, left out of mean, std and quantiles.</summary>
    public int NonFiniteCount { get; private set; }

    public long Distinct { get; private set; }

    public bool DistinctIsExact { get; private set; } = true;

    public T Min { get; private set; }

    public T Max { get; private set; }

    public double Mean { get; private set; } = double.NaN;

    public double Std { get; private set; } = double.NaN;

    public double[]? Quantiles { get; private set; }

    public bool QuantilesAreExact { get; private set; } = true;

    /// <summary>Every value is a whole number.</summary>
    public bool AllIntegral { get; private set; } = true;

    /// <summary>Every value is larger than the one in the row before it (nulls skipped).</summary>
    public bool StrictlyIncreasing { get; private set; } = true;

    private T[]? sorted;
    private Dictionary<T, long>? counts;

    public static NumericSummary<T> Compute(ReadOnlySpan<T> values, ReadOnlySpan<bool> nulls, ProfilerOptions options, CancellationToken ct)
    {
        var s = new NumericSummary<T>();
        s.Run(values, nulls, options, ct);
        return s;
    }

    /// <summary>The most frequent values with their counts, most frequent first, ties by smaller value; empty when unknown.</summary>
    public List<(T Value, long Count)> Top(int k)
    {
        var top = new List<(T Value, long Count)>(k + 1);
        if (k == 0)
        {
            return top;
        }

        if (sorted is not null)
        {
            var i = 0;
            while (i < sorted.Length)
            {
                var j = i + 1;
                while (j < sorted.Length && sorted[j] == sorted[i])
                {
                    j++;
                }

                Offer(top, k, sorted[i], j - i);
                i = j;
            }
        }
        else if (counts is not null)
        {
            foreach (var (value, count) in counts)
            {
                Offer(top, k, value, count);
            }

            // Dictionary order is arbitrary: settle ties by value so the result does not depend on it.
            top.Sort((a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Value.CompareTo(b.Value));
        }

        return top;

        static void Offer(List<(T Value, long Count)> top, int k, T value, long count)
        {
            if (top.Count == k && count <= top[^1].Count)
            {
                return;
            }

            var at = top.Count;
            while (at > 0 && (top[at - 1].Count < count || (top[at - 1].Count == count && top[at - 1].Value.CompareTo(value) > 0)))
            {
                at--;
            }

            top.Insert(at, (value, count));
            if (top.Count > k)
            {
                top.RemoveAt(k);
            }
        }
    }

    /// <summary>Non-null values in row order, evenly spaced, up to <paramref name="max"/> distinct ones.</summary>
    public static List<T> DistinctSamples(ReadOnlySpan<T> values, ReadOnlySpan<bool> nulls, int max)
    {
        var result = new List<T>(max);
        var stride = Math.Max(1, values.Length / 1000);
        for (var i = 0; i < values.Length && result.Count < max; i += stride)
        {
            if ((nulls.IsEmpty || !nulls[i]) && !T.IsNaN(values[i]) && !result.Contains(values[i]))
            {
                result.Add(values[i]);
            }
        }

        return result;
    }

    private void Run(ReadOnlySpan<T> values, ReadOnlySpan<bool> nulls, ProfilerOptions options, CancellationToken ct)
    {
        // Pass 1: count, extremes, sum, shape flags.
        var hasNulls = !nulls.IsEmpty;
        var min = T.Zero;
        var max = T.Zero;
        var prev = T.Zero;
        var n = 0;
        var nans = 0;
        var nonFinite = 0;
        double sum = 0;
        var integral = true;
        var increasing = true;
        for (var i = 0; i < values.Length; i++)
        {
            if (hasNulls && nulls[i])
            {
                continue;
            }

            var v = values[i];
            if (T.IsNaN(v))
            {
                nans++;
                continue;
            }

            if (n == 0)
            {
                min = max = v;
            }
            else
            {
                if (v < min)
                {
                    min = v;
                }

                if (v > max)
                {
                    max = v;
                }

                if (v <= prev)
                {
                    increasing = false;
                }
            }

            prev = v;
            n++;
            if (!T.IsFinite(v))
            {
                nonFinite++;
                continue;
            }

            sum += double.CreateTruncating(v);
            if (integral && !T.IsInteger(v))
            {
                integral = false;
            }
        }

        ct.ThrowIfCancellationRequested();
        Count = n;
        NaNCount = nans;
        NonFiniteCount = nonFinite;
        AllIntegral = integral;
        StrictlyIncreasing = increasing && n > 1;
        if (n == 0)
        {
            Distinct = 0;
            return;
        }

        Min = min;
        Max = max;
        var finite = n - nonFinite;
        if (finite > 0)
        {
            var mean = sum / finite;
            double squares = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (hasNulls && nulls[i])
                {
                    continue;
                }

                var v = values[i];
                if (T.IsFinite(v))
                {
                    var d = double.CreateTruncating(v) - mean;
                    squares += d * d;
                }
            }

            Mean = mean;
            Std = finite > 1 ? Math.Sqrt(squares / (finite - 1)) : 0;
        }

        ct.ThrowIfCancellationRequested();
        if (n <= options.ExactStatisticsLimit)
        {
            ExactFromSortedCopy(values, nulls, n);
        }
        else
        {
            Estimate(values, nulls, n, options);
        }
    }

    private void ExactFromSortedCopy(ReadOnlySpan<T> values, ReadOnlySpan<bool> nulls, int n)
    {
        var buffer = new T[n];
        var hasNulls = !nulls.IsEmpty;
        var k = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if ((!hasNulls || !nulls[i]) && !T.IsNaN(values[i]))
            {
                buffer[k++] = values[i];
            }
        }

        Array.Sort(buffer);
        long distinct = 1;
        for (var i = 1; i < buffer.Length; i++)
        {
            if (buffer[i] != buffer[i - 1])
            {
                distinct++;
            }
        }

        Distinct = distinct;
        sorted = buffer;
        Quantiles = QuantilesOf(buffer);
    }

    private void Estimate(ReadOnlySpan<T> values, ReadOnlySpan<bool> nulls, int n, ProfilerOptions options)
    {
        var hasNulls = !nulls.IsEmpty;
        var hll = new HyperLogLog();
        var stride = (int)Math.Ceiling(n / (double)options.QuantileSampleSize);
        var sample = new T[(n + stride - 1) / stride];
        var taken = 0;
        var seen = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if ((hasNulls && nulls[i]) || T.IsNaN(v))
            {
                continue;
            }

            hll.Add(Bits(v));
            if (seen++ % stride == 0 && taken < sample.Length)
            {
                sample[taken++] = v;
            }
        }

        Array.Sort(sample, 0, taken);
        Quantiles = QuantilesOf(sample.AsSpan(0, taken));
        QuantilesAreExact = false;
        var estimate = hll.Estimate();
        if (estimate <= options.ExactDistinctFallbackLimit)
        {
            // Few distinct values: count them exactly (and keep the counts for the top categories).
            var map = new Dictionary<T, long>();
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if ((!hasNulls || !nulls[i]) && !T.IsNaN(v))
                {
                    map[v] = map.GetValueOrDefault(v) + 1;
                }
            }

            counts = map;
            Distinct = map.Count;
        }
        else
        {
            Distinct = Math.Min(estimate, n);
            DistinctIsExact = false;
        }
    }

    /// <summary>Type-7 quantiles (numpy's default): h = (n − 1)p, linear between the order statistics around h. Infinities are left out.</summary>
    private static double[] QuantilesOf(ReadOnlySpan<T> ascending)
    {
        var lo = 0;
        var hi = ascending.Length;
        while (lo < hi && !T.IsFinite(ascending[lo]))
        {
            lo++;
        }

        while (hi > lo && !T.IsFinite(ascending[hi - 1]))
        {
            hi--;
        }

        var finite = ascending[lo..hi];
        var levels = QuantileSet.Levels;
        var result = new double[levels.Count];
        if (finite.IsEmpty)
        {
            Array.Fill(result, double.NaN);
            return result;
        }

        for (var q = 0; q < levels.Count; q++)
        {
            var h = (finite.Length - 1) * levels[q];
            var below = (int)Math.Floor(h);
            var above = Math.Min(below + 1, finite.Length - 1);
            var a = double.CreateTruncating(finite[below]);
            var b = double.CreateTruncating(finite[above]);
            result[q] = a + ((h - below) * (b - a));
        }

        return result;
    }

    /// <summary>The value's 64-bit pattern for hashing; +0.0 and −0.0 hash alike as they compare equal.</summary>
    private static ulong Bits(T value)
    {
        if (typeof(T) == typeof(double))
        {
            var d = Unsafe.As<T, double>(ref value);
            return BitConverter.DoubleToUInt64Bits(d == 0 ? 0.0 : d);
        }

        return (ulong)long.CreateTruncating(value);
    }
}
