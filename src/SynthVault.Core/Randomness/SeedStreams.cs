namespace SynthVault.Core.Randomness;

/// <summary>
/// One root seed per run fans out into named, independent streams, so adding a random step in one place
/// never shifts the numbers drawn in another, and partitions sampled in parallel get seeds of their own.
/// </summary>
public sealed class SeedStreams
{
    public SeedStreams(long rootSeed) => RootSeed = rootSeed;

    public long RootSeed { get; }

    /// <summary>A 64-bit seed for the stream <paramref name="name"/> (and partition <paramref name="index"/>).</summary>
    public ulong DeriveSeed(string name, long index = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        // FNV-1a over the name, then SplitMix64 finalisers mix in the root and the index: stable across
        // processes and platforms, unlike string.GetHashCode.
        ulong h = 14695981039346656037UL;
        foreach (var ch in name)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }

        return Mix(Mix(h ^ Mix(unchecked((ulong)RootSeed))) ^ unchecked((ulong)index));
    }

    /// <summary>A seeded <see cref="Random"/> for the stream (and partition).</summary>
    public Random CreateRandom(string name, long index = 0) => new(unchecked((int)DeriveSeed(name, index)));

    /// <summary>A fast seeded generator for hot loops.</summary>
    public Xoshiro256 CreateGenerator(string name, long index = 0) => new(DeriveSeed(name, index));

    /// <summary>A child family of streams, e.g. one per pipeline step.</summary>
    public SeedStreams Child(string name) => new(unchecked((long)DeriveSeed(name)));

    internal static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
