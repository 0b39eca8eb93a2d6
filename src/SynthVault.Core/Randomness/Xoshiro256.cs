namespace SynthVault.Core.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018): a small, fast generator with a fixed, documented output
/// sequence, so results do not depend on the runtime's <see cref="Random"/> implementation.
/// It is a mutable struct: pass it by <c>ref</c>.
/// </summary>
public struct Xoshiro256
{
    private ulong s0, s1, s2, s3;

    public Xoshiro256(ulong seed)
    {
        // SplitMix64 expands one seed into the four words of state, as the authors recommend.
        s0 = SeedStreams.Mix(seed);
        s1 = SeedStreams.Mix(s0 ^ 0x6A09E667F3BCC909UL);
        s2 = SeedStreams.Mix(s1 ^ 0xBB67AE8584CAA73BUL);
        s3 = SeedStreams.Mix(s2 ^ 0x3C6EF372FE94F82BUL);
        if ((s0 | s1 | s2 | s3) == 0)
        {
            s0 = 1;
        }
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1): safe to pass to an inverse CDF.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 12) + 0.5) * (1.0 / (1UL << 52));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);

        var range = (ulong)maxExclusive;
        var m = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold)
            {
                m = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)m;
    }

    /// <summary>A standard normal draw (Marsaglia's polar method).</summary>
    public double NextGaussian()
    {
        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        return u * Math.Sqrt(-2.0 * Math.Log(s) / s);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
