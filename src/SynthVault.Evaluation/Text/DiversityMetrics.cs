using System.IO.Compression;
using System.Text;
using SynthVault.Core.Randomness;

namespace SynthVault.Evaluation.Text;

/// <summary>How <see cref="DiversityMetrics"/> measures.</summary>
/// <param name="ShingleSize">Character shingle length of the pairwise similarity.</param>
/// <param name="ExactPairsUpTo">Up to this many texts every pair's exact Jaccard is averaged; above it, a seeded sample of pairs is estimated with MinHash.</param>
/// <param name="SampledPairs">Number of pairs sampled above <paramref name="ExactPairsUpTo"/> texts.</param>
/// <param name="Seed">Seed of the pair sample and of the MinHash functions.</param>
public sealed record DiversityOptions(int ShingleSize = Shingling.DefaultSize, int ExactPairsUpTo = 400, int SampledPairs = 50_000, long Seed = 17);

/// <summary>
/// Diversity of a set of texts. Higher distinct-n and compression ratio mean more diverse; higher self-BLEU and mean
/// pairwise similarity mean more repetitive. All of them depend on the number of texts (more texts share more
/// n-grams), so compare sets of the same size (<see cref="DiversityMetrics.Subsample"/>).
/// </summary>
/// <param name="Count">Number of texts measured.</param>
/// <param name="Distinct1">Distinct unigrams ÷ unigrams.</param>
/// <param name="Distinct2">Distinct bigrams ÷ bigrams.</param>
/// <param name="Distinct3">Distinct trigrams ÷ trigrams.</param>
/// <param name="CompressionRatio">Gzip size ÷ raw size of the texts joined by newlines (UTF-8); lower means more repetition.</param>
/// <param name="SelfBleu">Mean BLEU-4 of each text against the others (<see cref="Text.SelfBleu"/>).</param>
/// <param name="MeanPairwiseSimilarity">Mean character-shingle Jaccard similarity over pairs of texts.</param>
/// <param name="PairwiseExact">True when every pair was compared exactly; false when sampled pairs were estimated with MinHash.</param>
public sealed record DiversitySnapshot(
    int Count,
    double Distinct1,
    double Distinct2,
    double Distinct3,
    double CompressionRatio,
    double SelfBleu,
    double MeanPairwiseSimilarity,
    bool PairwiseExact);

/// <summary>
/// The text diversity metrics of DESIGN §7: distinct-n (Li et al. 2016, "A diversity-promoting objective function for
/// neural conversation models": distinct n-grams over all n-grams of the set), compression ratio (Shaib et al. 2024,
/// "Standardizing the measurement of text diversity"; written here as compressed ÷ raw so that, like distinct-n, lower
/// means less diverse), self-BLEU (Zhu et al. 2018) and mean pairwise shingle Jaccard similarity.
/// </summary>
public static class DiversityMetrics
{
    /// <summary>All metrics of <paramref name="texts"/>.</summary>
    public static DiversitySnapshot Measure(IReadOnlyList<string> texts, DiversityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new DiversityOptions();
        var words = new IReadOnlyList<string>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            words[i] = TextTokens.Words(texts[i]);
        }

        var (similarity, exact) = MeanPairwiseSimilarity(texts, options);
        return new DiversitySnapshot(
            texts.Count,
            DistinctN(words, 1),
            DistinctN(words, 2),
            DistinctN(words, 3),
            CompressionRatio(texts),
            SelfBleu.Compute(words),
            similarity,
            exact);
    }

    /// <summary>Distinct n-grams ÷ all n-grams over every text (n-grams never span two texts); NaN when there are none.</summary>
    public static double DistinctN(IReadOnlyList<IReadOnlyList<string>> words, int n)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var distinct = new HashSet<ulong>();
        long total = 0;
        foreach (var text in words)
        {
            for (var i = 0; i + n <= text.Count; i++)
            {
                distinct.Add(TextTokens.Hash(text, i, n));
                total++;
            }
        }

        return total == 0 ? double.NaN : distinct.Count / (double)total;
    }

    /// <summary>Distinct-n of raw texts, split with <see cref="TextTokens.Words"/>.</summary>
    public static double DistinctN(IReadOnlyList<string> texts, int n)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return DistinctN([.. texts.Select(TextTokens.Words)], n);
    }

    /// <summary>
    /// Gzip-compressed size ÷ raw size (UTF-8 bytes) of the texts joined by "\n"; NaN for no text. The exact number depends
    /// on the zlib build, so compare values from the same machine and version rather than across them.
    /// </summary>
    public static double CompressionRatio(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var raw = Encoding.UTF8.GetBytes(string.Join('\n', texts));
        if (raw.Length == 0)
        {
            return double.NaN;
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return buffer.Length / (double)raw.Length;
    }

    /// <summary>
    /// Mean shingle Jaccard similarity over pairs of distinct texts: exact over all pairs up to
    /// <see cref="DiversityOptions.ExactPairsUpTo"/> texts, otherwise the MinHash estimate over a seeded sample of pairs.
    /// NaN for fewer than two texts.
    /// </summary>
    public static (double Mean, bool Exact) MeanPairwiseSimilarity(IReadOnlyList<string> texts, DiversityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new DiversityOptions();
        var n = texts.Count;
        if (n < 2)
        {
            return (double.NaN, true);
        }

        var shingles = new ulong[n][];
        for (var i = 0; i < n; i++)
        {
            shingles[i] = Shingling.Shingles(texts[i], options.ShingleSize);
        }

        if (n <= options.ExactPairsUpTo)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    sum += Shingling.Jaccard(shingles[i], shingles[j]);
                }
            }

            return (sum / (n * (n - 1) / 2.0), true);
        }

        var hasher = new MinHasher(128, options.Seed);
        var signatures = new ulong[n][];
        for (var i = 0; i < n; i++)
        {
            signatures[i] = hasher.Signature(shingles[i]);
        }

        var rng = new SeedStreams(options.Seed).CreateGenerator("pairwise-similarity");
        var estimate = 0.0;
        for (var p = 0; p < options.SampledPairs; p++)
        {
            var a = rng.NextInt(n);
            var b = rng.NextInt(n - 1);
            if (b >= a)
            {
                b++;
            }

            estimate += MinHasher.Estimate(signatures[a], signatures[b]);
        }

        return (estimate / options.SampledPairs, false);
    }

    /// <summary>
    /// A seeded sample of <paramref name="size"/> texts without replacement (all of them, in order, when there are no
    /// more than that), so that sets of different sizes can be compared at the same size.
    /// </summary>
    public static IReadOnlyList<string> Subsample(IReadOnlyList<string> texts, int size, long seed)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count <= size)
        {
            return texts;
        }

        // Partial Fisher–Yates shuffle of the indices, then back into the original order.
        var rng = new SeedStreams(seed).CreateGenerator("subsample");
        var indices = new int[texts.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = i;
        }

        for (var i = 0; i < size; i++)
        {
            var j = i + rng.NextInt(indices.Length - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        var chosen = indices[..size];
        Array.Sort(chosen);
        var result = new string[size];
        for (var i = 0; i < size; i++)
        {
            result[i] = texts[chosen[i]];
        }

        return result;
    }
}
