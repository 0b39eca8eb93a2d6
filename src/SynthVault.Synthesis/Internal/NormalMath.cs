namespace SynthVault.Synthesis.Internal;

/// <summary>
/// Fast, accurate standard normal CDF and quantile for the sampling hot loops (millions of calls), so they do
/// not go through MathNet's general-purpose special functions.
/// </summary>
internal static class NormalMath
{
    private const double SqrtTwoPi = 2.5066282746310002;

    // AS 241 coefficients, highest power first.
    private static readonly double[] A = [2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457, 13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608];
    private static readonly double[] B = [5226.495278852545925, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867, 5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1.0];
    private static readonly double[] C = [7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258, 3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734];
    private static readonly double[] D = [1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459, 0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1.0];
    private static readonly double[] E = [2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093, 0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772];
    private static readonly double[] F = [2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4, 0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1.0];

    private static double Horner(double[] coefficients, double x)
    {
        var result = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            result = (result * x) + coefficients[i];
        }

        return result;
    }

    /// <summary>
    /// Φ(x), double precision. Hart (1968) algorithm 5666 as given by G. West, "Better approximations to
    /// cumulative normal functions" (Wilmott, 2005), accurate to about 1e-15 absolute.
    /// </summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var xabs = Math.Abs(x);
        double c;
        if (xabs > 37)
        {
            c = 0;
        }
        else
        {
            var e = Math.Exp(-xabs * xabs / 2);
            if (xabs < 7.07106781186547)
            {
                var b = (3.52624965998911e-02 * xabs) + 0.700383064443688;
                b = (b * xabs) + 6.37396220353165;
                b = (b * xabs) + 33.912866078383;
                b = (b * xabs) + 112.079291497871;
                b = (b * xabs) + 221.213596169931;
                b = (b * xabs) + 220.206867912376;
                c = e * b;
                b = (8.83883476483184e-02 * xabs) + 1.75566716318264;
                b = (b * xabs) + 16.064177579207;
                b = (b * xabs) + 86.7807322029461;
                b = (b * xabs) + 296.564248779674;
                b = (b * xabs) + 637.333633378831;
                b = (b * xabs) + 793.826512519948;
                b = (b * xabs) + 440.413735824752;
                c /= b;
            }
            else
            {
                var b = xabs + 0.65;
                b = xabs + (4 / b);
                b = xabs + (3 / b);
                b = xabs + (2 / b);
                b = xabs + (1 / b);
                c = e / b / SqrtTwoPi;
            }
        }

        return x > 0 ? 1 - c : c;
    }

    /// <summary>
    /// The smallest double z with <see cref="Cdf"/>(z) ≥ <paramref name="p"/> (−∞ when every z qualifies, +∞ when
    /// none does), found by bisection down to adjacent doubles. Because <see cref="Cdf"/> is non-decreasing,
    /// "Cdf(z) ≥ p" and "z ≥ CdfThreshold(p)" agree for every z, so a hot loop can compare normal scores with
    /// precomputed thresholds instead of evaluating Φ, and still make exactly the same decisions.
    /// </summary>
    public static double CdfThreshold(double p)
    {
        if (!(p > 0))
        {
            return double.NegativeInfinity;
        }

        if (p > 1)
        {
            return double.PositiveInfinity;
        }

        // Φ is exactly 0 below −37 and exactly 1 above 37 (see Cdf), so the threshold lies in (−38, 38].
        double lo = -38, hi = 38;
        while (true)
        {
            var mid = lo + (0.5 * (hi - lo));
            if (mid <= lo || mid >= hi)
            {
                return hi;
            }

            if (Cdf(mid) >= p)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
    }

    /// <summary>
    /// Φ⁻¹(p) for p in (0, 1): Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), about 1e-16
    /// relative accuracy. p is clamped into [1e-300, 1 − 2⁻⁵³] so the result is always finite.
    /// </summary>
    public static double Quantile(double p)
    {
        if (double.IsNaN(p))
        {
            return double.NaN;
        }

        p = Math.Clamp(p, 1e-300, 1 - 1.1102230246251565e-16);
        var q = p - 0.5;
        double r;
        if (Math.Abs(q) <= 0.425)
        {
            r = 0.180625 - (q * q);
            return q * Horner(A, r) / Horner(B, r);
        }

        r = q < 0 ? p : 1 - p;
        r = Math.Sqrt(-Math.Log(r));
        double value;
        if (r <= 5)
        {
            r -= 1.6;
            value = Horner(C, r) / Horner(D, r);
        }
        else
        {
            r -= 5;
            value = Horner(E, r) / Horner(F, r);
        }

        return q < 0 ? -value : value;
    }

    /// <summary>
    /// A draw from N(mean, sd²) truncated to [lower, upper] (z-scale bounds of the standardised variable), by
    /// inverting the CDF; the upper tail is mirrored into the lower one so far tails keep their precision.
    /// </summary>
    public static double TruncatedStandard(double lower, double upper, double uniform)
    {
        if (lower > 0)
        {
            // Mirror: draw −z from [−upper, −lower], where Φ is small and exact.
            return -TruncatedStandard(-upper, -lower, 1 - uniform);
        }

        var a = Cdf(lower);
        var b = Cdf(upper);
        var z = Quantile(a + (uniform * (b - a)));
        return Math.Clamp(z, lower, upper);
    }
}
