using System.Globalization;

namespace SynthVault.Evaluation.Text;

/// <summary>A text prepared for <see cref="NearDuplicateIndex"/>: its normalised form, shingles and MinHash signature.</summary>
public sealed class ShingledText
{
    internal ShingledText(string normalized, ulong[] shingles, ulong[] signature)
    {
        Normalized = normalized;
        Shingles = shingles;
        Signature = signature;
    }

    /// <summary>The text after <see cref="TextTokens.Normalize"/>.</summary>
    public string Normalized { get; }

    /// <summary>Sorted, distinct character-shingle hashes.</summary>
    public ulong[] Shingles { get; }

    /// <summary>MinHash signature of <see cref="Shingles"/>.</summary>
    public ulong[] Signature { get; }
}

/// <summary>The closest indexed text to a query: its id, exact Jaccard similarity, and whether it is the same text.</summary>
/// <param name="Id">Id the matching text was added with.</param>
/// <param name="Jaccard">Exact shingle Jaccard similarity (1 for an exact duplicate).</param>
/// <param name="Exact">True when the normalised texts are identical.</param>
public sealed record NearMatch(string Id, double Jaccard, bool Exact);

/// <summary>
/// Finds exact and near duplicates among many texts without comparing every pair. Exact duplicates are found by
/// the normalised text. Near duplicates use MinHash with locality-sensitive hashing (Leskovec, Rajaraman and
/// Ullman, <i>Mining of Massive Datasets</i>, ch. 3.4): the signature is cut into b bands of r rows, and texts sharing
/// any band are candidates, whose exact shingle Jaccard is then computed. r is the largest band width for which a
/// pair exactly at the threshold becomes a candidate with probability 1 − (1 − t^r)^b ≥ 0.995, so a reported match is
/// always at or above the threshold and a pair at or above it is missed with probability at most 0.5 %.
/// </summary>
public sealed class NearDuplicateIndex
{
    /// <summary>Probability that a pair exactly at the threshold becomes a candidate.</summary>
    public const double CandidateRecall = 0.995;

    private readonly MinHasher hasher;
    private readonly int shingleSize;
    private readonly int rows;
    private readonly int bands;
    private readonly Dictionary<ulong, List<int>>[] buckets;
    private readonly Dictionary<string, int> exact = new(StringComparer.Ordinal);
    private readonly List<(string Id, ulong[] Shingles)> entries = [];

    /// <summary>Creates an empty index reporting matches with Jaccard ≥ <paramref name="threshold"/>.</summary>
    public NearDuplicateIndex(double threshold, int shingleSize = Shingling.DefaultSize, int permutations = 128, long seed = 0x5EED)
    {
        if (!(threshold is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the near-duplicate threshold must be in (0, 1]");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(shingleSize, 1);
        Threshold = threshold;
        this.shingleSize = shingleSize;
        hasher = new MinHasher(permutations, seed);
        (rows, bands) = ChooseBands(threshold, permutations);
        buckets = new Dictionary<ulong, List<int>>[bands];
        for (var b = 0; b < bands; b++)
        {
            buckets[b] = [];
        }
    }

    /// <summary>The Jaccard similarity at or above which a text counts as a near duplicate.</summary>
    public double Threshold { get; }

    /// <summary>Number of texts added.</summary>
    public int Count => entries.Count;

    /// <summary>Rows per LSH band (r) and number of bands (b) chosen for the threshold.</summary>
    public (int Rows, int Bands) Banding => (rows, bands);

    /// <summary>Normalises, shingles and signs <paramref name="text"/> once, for a query and a later add.</summary>
    public ShingledText Prepare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shingles = Shingling.Shingles(text, shingleSize);
        return new ShingledText(TextTokens.Normalize(text), shingles, hasher.Signature(shingles));
    }

    /// <summary>Adds a text under <paramref name="id"/>.</summary>
    public void Add(string id, string text) => Add(id, Prepare(text));

    /// <summary>Adds a prepared text under <paramref name="id"/>.</summary>
    public void Add(string id, ShingledText text)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        var index = entries.Count;
        entries.Add((id, text.Shingles));
        exact.TryAdd(text.Normalized, index);
        for (var b = 0; b < bands; b++)
        {
            var key = BandKey(text.Signature, b);
            if (!buckets[b].TryGetValue(key, out var list))
            {
                list = [];
                buckets[b][key] = list;
            }

            list.Add(index);
        }
    }

    /// <summary>The exact duplicate of <paramref name="text"/> if one was added, otherwise the most similar text at or above the threshold, otherwise null.</summary>
    public NearMatch? FindMatch(string text) => FindMatch(Prepare(text));

    /// <summary>As <see cref="FindMatch(string)"/> for a prepared text.</summary>
    public NearMatch? FindMatch(ShingledText text) => FindMatch(text, excludeId: null);

    /// <summary>As <see cref="FindMatch(string)"/>, ignoring texts added under <paramref name="excludeId"/> (a text's own earlier version).</summary>
    public NearMatch? FindMatch(ShingledText text, string? excludeId)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (exact.TryGetValue(text.Normalized, out var same) && entries[same].Id != excludeId)
        {
            return new NearMatch(entries[same].Id, 1, Exact: true);
        }

        var bestIndex = -1;
        var best = 0.0;
        var seen = new HashSet<int>();
        for (var b = 0; b < bands; b++)
        {
            if (!buckets[b].TryGetValue(BandKey(text.Signature, b), out var list))
            {
                continue;
            }

            foreach (var candidate in list)
            {
                if (!seen.Add(candidate) || (excludeId is not null && entries[candidate].Id == excludeId))
                {
                    continue;
                }

                var j = Shingling.Jaccard(text.Shingles, entries[candidate].Shingles);
                if (j >= Threshold && (j > best || (j == best && candidate < bestIndex)))
                {
                    best = j;
                    bestIndex = candidate;
                }
            }
        }

        return bestIndex < 0 ? null : new NearMatch(entries[bestIndex].Id, best, Exact: false);
    }

    /// <summary>
    /// The band width r (and count b = ⌊k / r⌋) for threshold t: the largest r with 1 − (1 − t^r)^b ≥
    /// <see cref="CandidateRecall"/>; r = 1 (every shared minimum is a candidate) when none reaches it.
    /// </summary>
    internal static (int Rows, int Bands) ChooseBands(double threshold, int permutations)
    {
        for (var r = permutations; r >= 1; r--)
        {
            var b = permutations / r;
            var recall = 1 - Math.Pow(1 - Math.Pow(threshold, r), b);
            if (recall >= CandidateRecall)
            {
                return (r, b);
            }
        }

        return (1, permutations);
    }

    private ulong BandKey(ulong[] signature, int band)
    {
        var h = (ulong)band * 0x9E3779B97F4A7C15UL;
        for (var i = band * rows; i < (band + 1) * rows; i++)
        {
            h = TextTokens.Mix(h ^ signature[i]);
        }

        return h;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"NearDuplicateIndex(threshold {Threshold}, {Count} texts, {bands}×{rows} bands)");
}
