namespace SynthVault.Synthesis.Cart;

/// <summary>
/// Kernel smoothing of values drawn from a leaf, as synthpop's <c>syn.smooth</c>: a Gaussian kernel with R's
/// <c>bw.nrd0</c> bandwidth, 0.9 · min(sd, IQR / 1.34) · n^(−1/5) (Silverman, 1986, eq. 3.31), computed on the
/// leaf's values other than its spike — a value holding over 70 % of the leaf, which synthpop leaves unsmoothed
/// so point masses (e.g. zero capital gain) stay point masses.
/// </summary>
internal static class Smoothing
{
    private const double SpikeShare = 0.7;

    public static void Prepare(CartTree tree)
    {
        for (var node = 0; node < tree.NodeCount; node++)
        {
            if (tree.Feature[node] >= 0 || tree.LeafCount[node] < 2)
            {
                continue;
            }

            var values = tree.LeafValues.AsSpan(tree.LeafStart[node], tree.LeafCount[node]).ToArray();
            Array.Sort(values);
            (tree.Bandwidth[node], tree.Spike[node]) = Bandwidth(values);
        }
    }

    /// <summary>(bandwidth, spike) for values in ascending order; missing values (NaN) are ignored.</summary>
    public static (double Bandwidth, double Spike) Bandwidth(double[] sorted)
    {
        var present = sorted.Where(v => !double.IsNaN(v)).ToArray();
        if (present.Length < 2)
        {
            return (0, double.NaN);
        }

        // Spike: the most frequent value, when it holds over 70 % of the present values.
        double mode = present[0];
        int modeCount = 0, run = 0;
        for (var i = 0; i < present.Length; i++)
        {
            run = i > 0 && present[i] == present[i - 1] ? run + 1 : 1;
            if (run > modeCount)
            {
                modeCount = run;
                mode = present[i];
            }
        }

        var spike = modeCount > SpikeShare * present.Length ? mode : double.NaN;
        var rest = double.IsNaN(spike) ? present : present.Where(v => v != spike).ToArray();
        if (rest.Length < 2)
        {
            return (0, spike);
        }

        double mean = 0;
        foreach (var v in rest)
        {
            mean += v;
        }

        mean /= rest.Length;
        double ss = 0;
        foreach (var v in rest)
        {
            ss += (v - mean) * (v - mean);
        }

        var sd = Math.Sqrt(ss / (rest.Length - 1));
        var iqr = Quantile(rest, 0.75) - Quantile(rest, 0.25);
        var lo = Math.Min(sd, iqr / 1.34);
        if (!(lo > 0))
        {
            lo = sd;
        }

        return (lo > 0 ? 0.9 * lo * Math.Pow(rest.Length, -0.2) : 0, spike);
    }

    private static double Quantile(double[] sorted, double p)
    {
        var pos = (sorted.Length - 1) * p;
        var i = (int)pos;
        return i + 1 < sorted.Length ? sorted[i] + ((pos - i) * (sorted[i + 1] - sorted[i])) : sorted[^1];
    }
}
