using System.Runtime.CompilerServices;
using MathNet.Numerics;
using SynthVault.Core.Randomness;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis.Copula;

/// <summary>A fitted marginal: the chosen family, its parameters (for the record) and its quantile knots.</summary>
internal sealed class NumericMarginal
{
    public MarginalFamily Family { get; set; }

    public double[] Parameters { get; set; } = [];

    /// <summary>Kolmogorov–Smirnov distance of the family on the held-out half at selection time.</summary>
    public double SelectionKs { get; set; }

    public double[] Knots { get; set; } = [];
}

/// <summary>
/// Chooses each numeric column's marginal by goodness of fit, the way SDV's <c>copulas</c> library does
/// (<c>select_univariate</c>: smallest Kolmogorov–Smirnov statistic), with one change that keeps the choice
/// honest: candidates are fitted on half of the values and scored on the other half, so the empirical family
/// cannot win simply by reproducing the data it was fitted on. A parametric family is preferred when it is within
/// 5 % of the empirical one (fewer parameters, smoother tails). Parameters are moment or maximum-likelihood
/// estimates; shifted families (gamma, log-normal, beta) are anchored just outside the observed bounds.
/// </summary>
internal static class MarginalFitter
{
    /// <summary>Grid size of the final quantile table (2,049 knots).</summary>
    public const int Resolution = 2048;

    private const int SelectionResolution = 256;
    private const int MaxHoldout = 5000;
    private const double ParametricPreference = 1.05;
    private const int CdfGrid = 4096;

    public static NumericMarginal Fit(double[] values, FeatureSpec spec, IReadOnlyList<MarginalFamily> candidates, ref Xoshiro256 rng)
    {
        // values: the non-missing training values (any order); the caller owns them and they may be reordered.
        var n = values.Length;
        Array.Sort(values);
        if (n < 20 || values[0] == values[n - 1] || candidates.Count == 1)
        {
            var family = candidates.Count == 1 && values[0] != values[n - 1] && n >= 2 ? candidates[0] : MarginalFamily.Empirical;
            return Build(family, values, spec, Resolution) ?? Build(MarginalFamily.Empirical, values, spec, Resolution)!;
        }

        // Random halves: shuffle a copy, even positions fit, odd positions judge.
        var shuffled = (double[])values.Clone();
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        var fitHalf = new double[(n + 1) / 2];
        var holdout = new double[Math.Min(n / 2, MaxHoldout)];
        for (var i = 0; i < fitHalf.Length; i++)
        {
            fitHalf[i] = shuffled[2 * i];
        }

        for (var i = 0; i < holdout.Length; i++)
        {
            holdout[i] = shuffled[(2 * i) + 1];
        }

        Array.Sort(fitHalf);
        Array.Sort(holdout);
        var best = MarginalFamily.Empirical;
        var bestKs = double.PositiveInfinity;
        var empiricalKs = double.PositiveInfinity;
        foreach (var family in candidates)
        {
            var candidate = Build(family, fitHalf, spec, SelectionResolution);
            if (candidate is null)
            {
                continue;
            }

            var ks = KnotTable.KolmogorovSmirnov(candidate.Knots, holdout);
            if (family == MarginalFamily.Empirical)
            {
                empiricalKs = ks;
            }
            else if (ks < bestKs)
            {
                bestKs = ks;
                best = family;
            }
        }

        if (!(bestKs <= empiricalKs * ParametricPreference))
        {
            best = candidates.Contains(MarginalFamily.Empirical) || double.IsPositiveInfinity(bestKs) ? MarginalFamily.Empirical : best;
        }

        var result = Build(best, values, spec, Resolution) ?? Build(MarginalFamily.Empirical, values, spec, Resolution)!;
        result.SelectionKs = best == MarginalFamily.Empirical ? empiricalKs : bestKs;
        return result;
    }

    /// <summary>
    /// The quantile knots of a distribution restricted to [min, max] (mass outside renormalised away, which is
    /// what clamping to the observed bounds would otherwise pile onto them), by tabulating its CDF on a grid of
    /// <see cref="CdfGrid"/> points and inverting it piecewise linearly — far cheaper than an inverse CDF per knot
    /// for the beta and gamma families, which MathNet inverts by root finding.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[]? Tabulate(Func<double, double> cdf, double min, double max, int m)
    {
        var xs = new double[CdfGrid + 1];
        var fs = new double[CdfGrid + 1];
        for (var i = 0; i <= CdfGrid; i++)
        {
            xs[i] = min + ((max - min) * i / CdfGrid);
            var f = cdf(xs[i]);
            fs[i] = double.IsNaN(f) ? 0 : Math.Clamp(f, i > 0 ? fs[i - 1] : 0, 1);
        }

        var f0 = fs[0];
        var mass = fs[CdfGrid] - f0;
        if (!(mass > 1e-12))
        {
            return null;
        }

        var table = new double[m + 1];
        table[0] = min;
        table[m] = max;
        var j = 0;
        for (var k = 1; k < m; k++)
        {
            var target = f0 + (mass * k / m);
            while (j < CdfGrid - 1 && fs[j + 1] < target)
            {
                j++;
            }

            var span = fs[j + 1] - fs[j];
            var frac = span > 0 ? Math.Clamp((target - fs[j]) / span, 0, 1) : 0;
            table[k] = Math.Clamp(xs[j] + (frac * (xs[j + 1] - xs[j])), table[k - 1], max);
        }

        return table;
    }

    /// <summary>Fits one family to sorted values and tabulates its quantile function; null when it cannot fit.</summary>
    private static NumericMarginal? Build(MarginalFamily family, double[] sorted, FeatureSpec spec, int m)
    {
        var n = sorted.Length;
        var min = spec.Min;
        var max = spec.Max;
        if (family == MarginalFamily.Empirical || n < 2 || min == max)
        {
            var knots = KnotTable.Empirical(sorted, m);
            knots[0] = Math.Min(knots[0], min);
            knots[m] = Math.Max(knots[m], max);
            return new NumericMarginal { Family = MarginalFamily.Empirical, Knots = knots };
        }

        double mean = 0;
        foreach (var v in sorted)
        {
            mean += v;
        }

        mean /= n;
        double variance = 0;
        foreach (var v in sorted)
        {
            variance += (v - mean) * (v - mean);
        }

        variance /= n - 1;
        var sd = Math.Sqrt(variance);
        if (!(sd > 0))
        {
            return null;
        }

        var range = max - min;
        var pad = range * 1e-3;
        double[] parameters;
        Func<double, double> cdf;
        switch (family)
        {
            case MarginalFamily.Normal:
                parameters = [mean, sd];
                cdf = x => NormalMath.Cdf((x - mean) / sd);
                break;
            case MarginalFamily.TruncatedNormal:
                // Parent normal from the sample moments, truncated to the observed bounds (the tabulation below
                // renormalises to [min, max]).
                parameters = [mean, sd, min, max];
                cdf = x => NormalMath.Cdf((x - mean) / sd);
                break;
            case MarginalFamily.Uniform:
                parameters = [min, max];
                cdf = x => (x - min) / range;
                break;
            case MarginalFamily.Beta:
            {
                // Method of moments on values scaled into (lo, hi), the observed range widened by 0.1 %.
                var lo = min - pad;
                var width = range + (2 * pad);
                var mu = (mean - lo) / width;
                var v = variance / (width * width);
                var common = (mu * (1 - mu) / v) - 1;
                var alpha = mu * common;
                var beta = (1 - mu) * common;
                if (!(alpha > 0 && beta > 0) || alpha > 1e4 || beta > 1e4)
                {
                    return null;
                }

                parameters = [alpha, beta, lo, width];
                cdf = x => SpecialFunctions.BetaRegularized(alpha, beta, Math.Clamp((x - lo) / width, 0, 1));
                break;
            }

            case MarginalFamily.Gamma:
            {
                // Method of moments on values shifted to start just below the minimum.
                var loc = min - pad;
                var mu = mean - loc;
                var shape = mu * mu / variance;
                var rate = mu / variance;
                if (!(shape > 0 && rate > 0) || shape > 1e4)
                {
                    return null;
                }

                parameters = [shape, rate, loc];
                cdf = x => SpecialFunctions.GammaLowerRegularized(shape, Math.Max(0, (x - loc) * rate));
                break;
            }

            case MarginalFamily.LogNormal:
            {
                // Maximum likelihood on the logs of the values shifted to start just below the minimum.
                var loc = min - pad;
                double lm = 0, lv = 0;
                foreach (var v in sorted)
                {
                    lm += Math.Log(v - loc);
                }

                lm /= n;
                foreach (var v in sorted)
                {
                    var d = Math.Log(v - loc) - lm;
                    lv += d * d;
                }

                var ls = Math.Sqrt(lv / (n - 1));
                if (!(ls > 0))
                {
                    return null;
                }

                parameters = [lm, ls, loc];
                cdf = x => x <= loc ? 0 : NormalMath.Cdf((Math.Log(x - loc) - lm) / ls);
                break;
            }

            default:
                return null;
        }

        var table = Tabulate(cdf, min, max, m);
        if (table is null)
        {
            return null;
        }

        return new NumericMarginal { Family = family, Parameters = parameters, Knots = table };
    }
}
