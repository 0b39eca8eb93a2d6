namespace SynthVault.Synthesis.Internal;

/// <summary>Categories as intervals [cuts[c], cuts[c+1]) of [0, 1], as both synthesizers draw them.</summary>
internal static class CategoryIntervals
{
    /// <summary>
    /// The category whose interval holds a draw, found by binary search of <paramref name="value"/> in
    /// <paramref name="keys"/> (the cuts themselves for a uniform draw, or monotone transforms of them such as the
    /// normal scores of the cuts for a latent normal draw).
    /// </summary>
    public static int Find(double[] cuts, double[] keys, double value)
    {
        int lo = 0, hi = cuts.Length - 2;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (keys[mid] <= value)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // Zero-width intervals cannot be hit except by rounding at a boundary: move to a real category.
        while (lo > 0 && cuts[lo + 1] - cuts[lo] <= 0)
        {
            lo--;
        }

        return lo;
    }
}
