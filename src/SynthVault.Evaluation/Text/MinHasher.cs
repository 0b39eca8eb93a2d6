using SynthVault.Core.Randomness;

namespace SynthVault.Evaluation.Text;

/// <summary>
/// MinHash signatures (Broder 1997): for each of <see cref="Permutations"/> seeded hash functions the smallest hash of
/// the shingle set. Two signatures agree at a position with probability equal to the sets' Jaccard similarity, so the
/// share of agreeing positions estimates it with standard error √(J(1−J)/k).
/// </summary>
public sealed class MinHasher
{
    private readonly ulong[] salts;

    /// <summary>Creates <paramref name="permutations"/> hash functions from <paramref name="seed"/>.</summary>
    public MinHasher(int permutations = 128, long seed = 0x5EED)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permutations, 1);
        var streams = new SeedStreams(seed);
        salts = new ulong[permutations];
        for (var i = 0; i < permutations; i++)
        {
            salts[i] = streams.DeriveSeed("minhash", i);
        }
    }

    /// <summary>Length of every signature.</summary>
    public int Permutations => salts.Length;

    /// <summary>The signature of a shingle set (all positions <see cref="ulong.MaxValue"/> for an empty set).</summary>
    public ulong[] Signature(ReadOnlySpan<ulong> shingles)
    {
        var signature = new ulong[salts.Length];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var s in shingles)
        {
            for (var p = 0; p < salts.Length; p++)
            {
                // XOR with a per-function salt, then a bijective mix: a cheap family that behaves as independent
                // random permutations for MinHash purposes (the mix is SplitMix64's finaliser).
                var h = TextTokens.Mix(s ^ salts[p]);
                if (h < signature[p])
                {
                    signature[p] = h;
                }
            }
        }

        return signature;
    }

    /// <summary>Estimated Jaccard similarity: the share of positions where the two signatures agree.</summary>
    public static double Estimate(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            throw new ArgumentException("signatures must have the same, non-zero length");
        }

        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            same += a[i] == b[i] ? 1 : 0;
        }

        return same / (double)a.Length;
    }
}
