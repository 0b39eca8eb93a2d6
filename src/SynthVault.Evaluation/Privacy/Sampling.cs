using SynthVault.Core.Randomness;

namespace SynthVault.Evaluation.Privacy;

/// <summary>Seeded row samples shared by the privacy metrics.</summary>
internal static class Sampling
{
    /// <summary>
    /// <paramref name="count"/> distinct positions out of <paramref name="n"/>, chosen uniformly with a partial
    /// Fisher–Yates shuffle and returned in increasing order (so neighbour ties still go to the earlier row); all
    /// positions when <paramref name="count"/> ≥ <paramref name="n"/>.
    /// </summary>
    public static int[] Subset(int n, int count, ulong seed)
    {
        var all = new int[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }

        if (count >= n)
        {
            return all;
        }

        var rng = new Xoshiro256(seed);
        for (var i = 0; i < count; i++)
        {
            var j = i + rng.NextInt(n - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var result = all[..count];
        Array.Sort(result);
        return result;
    }

    /// <summary>A seeded random permutation of 0..n−1.</summary>
    public static int[] Permutation(int n, ulong seed)
    {
        var all = new int[n];
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }

        var rng = new Xoshiro256(seed);
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all;
    }
}
