using SynthVault.Core.Randomness;

namespace SynthVault.Evaluation.Text;

/// <summary>How <see cref="ReferenceCorpus"/> and <see cref="MemorizationMetrics"/> look for copied text.</summary>
/// <param name="NGram">Word n-gram length of the overlap rate (8: a shared 8-word run is rarely chance).</param>
/// <param name="NearCopyThreshold">Shingle Jaccard at or above which a text is a near copy of a reference.</param>
/// <param name="LongMatchChars">A common substring of at least this many characters counts as a long match.</param>
/// <param name="ShingleSize">Character shingle length of the near-copy check.</param>
/// <param name="MaxReferenceChars">References are capped at about this many characters (a seeded sample beyond it) to bound memory.</param>
/// <param name="Seed">Seed of that sample and of the MinHash functions.</param>
public sealed record MemorizationOptions(
    int NGram = 8,
    double NearCopyThreshold = 0.5,
    int LongMatchChars = 50,
    int ShingleSize = Shingling.DefaultSize,
    int MaxReferenceChars = 2_000_000,
    long Seed = 23);

/// <summary>How much of the real (reference) text the synthetic texts reproduce. Numbers only: no text is kept.</summary>
/// <param name="Count">Synthetic texts checked.</param>
/// <param name="References">Reference texts compared against (after the character cap).</param>
/// <param name="ExactCopyRate">Share of texts whose normalised form equals a reference's.</param>
/// <param name="NearCopyRate">Share of texts with shingle Jaccard ≥ the threshold to some reference (exact copies included).</param>
/// <param name="NGramOverlapRate">Share of all the texts' word n-grams that occur in a reference.</param>
/// <param name="MeanLongestCommonSubstring">Mean length (characters, normalised text) of each text's longest substring found in a reference.</param>
/// <param name="MaxLongestCommonSubstring">The largest such length.</param>
/// <param name="LongMatchRate">Share of texts whose longest common substring is at least <see cref="MemorizationOptions.LongMatchChars"/>.</param>
/// <param name="Options">The settings used.</param>
public sealed record MemorizationResult(
    int Count,
    int References,
    double ExactCopyRate,
    double NearCopyRate,
    double NGramOverlapRate,
    double MeanLongestCommonSubstring,
    int MaxLongestCommonSubstring,
    double LongMatchRate,
    MemorizationOptions Options);

/// <summary>What one synthetic text shares with the references.</summary>
/// <param name="LongestCommonSubstring">Characters of the longest normalised substring found in a reference.</param>
/// <param name="NearestCopy">The exact or near copy found (id = the reference's position), or null.</param>
/// <param name="NGrams">The text's word n-grams.</param>
/// <param name="SharedNGrams">How many of them occur in a reference.</param>
public sealed record CopyCheck(int LongestCommonSubstring, NearMatch? NearestCopy, int NGrams, int SharedNGrams);

/// <summary>
/// Real texts indexed for memorization checks: a suffix automaton for the longest common substring, a MinHash/LSH
/// index for near copies, and a set of word n-gram hashes for the overlap rate (the extraction measure of Carlini et
/// al. 2021 in n-gram form). All comparisons use normalised text (<see cref="TextTokens.Normalize"/>). Built once,
/// queried for each synthetic text.
/// </summary>
public sealed class ReferenceCorpus
{
    private readonly SuffixAutomaton automaton;
    private readonly NearDuplicateIndex index;
    private readonly HashSet<ulong> ngrams = [];

    /// <summary>Indexes <paramref name="references"/> (a seeded sample of them beyond <see cref="MemorizationOptions.MaxReferenceChars"/>).</summary>
    public ReferenceCorpus(IReadOnlyList<string> references, MemorizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(references);
        Options = options ?? new MemorizationOptions();
        var kept = Cap(references, Options);
        Count = kept.Count;
        var normalized = kept.Select(TextTokens.Normalize).ToList();
        automaton = new SuffixAutomaton(normalized);
        index = new NearDuplicateIndex(Options.NearCopyThreshold, Options.ShingleSize, seed: Options.Seed);
        for (var i = 0; i < kept.Count; i++)
        {
            index.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), kept[i]);
            var words = TextTokens.Words(kept[i]);
            for (var w = 0; w + Options.NGram <= words.Count; w++)
            {
                ngrams.Add(TextTokens.Hash(words, w, Options.NGram));
            }
        }
    }

    /// <summary>The settings used.</summary>
    public MemorizationOptions Options { get; }

    /// <summary>References indexed.</summary>
    public int Count { get; }

    /// <summary>What <paramref name="text"/> shares with the references.</summary>
    public CopyCheck Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lcs = automaton.LongestCommonSubstring(TextTokens.Normalize(text));
        var words = TextTokens.Words(text);
        int total = 0, shared = 0;
        for (var w = 0; w + Options.NGram <= words.Count; w++)
        {
            total++;
            shared += ngrams.Contains(TextTokens.Hash(words, w, Options.NGram)) ? 1 : 0;
        }

        return new CopyCheck(lcs, index.FindMatch(text), total, shared);
    }

    private static List<string> Cap(IReadOnlyList<string> references, MemorizationOptions options)
    {
        long chars = 0;
        foreach (var r in references)
        {
            chars += r.Length + 1;
        }

        if (chars <= options.MaxReferenceChars)
        {
            return [.. references];
        }

        // Keep a seeded random subset whose total length stays under the cap.
        var order = Enumerable.Range(0, references.Count).ToArray();
        var rng = new SeedStreams(options.Seed).CreateGenerator("reference-cap");
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var kept = new List<int>();
        long used = 0;
        foreach (var i in order)
        {
            if (used + references[i].Length + 1 > options.MaxReferenceChars)
            {
                continue;
            }

            used += references[i].Length + 1;
            kept.Add(i);
        }

        kept.Sort();
        return [.. kept.Select(i => references[i])];
    }
}

/// <summary>Memorization of a synthetic text set against real texts (DESIGN §7, text).</summary>
public static class MemorizationMetrics
{
    /// <summary>Checks every synthetic text against <paramref name="corpus"/> and summarises.</summary>
    public static MemorizationResult Measure(IReadOnlyList<string> synthetic, ReferenceCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(corpus);
        var o = corpus.Options;
        if (synthetic.Count == 0)
        {
            return new MemorizationResult(0, corpus.Count, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN, o);
        }

        int exact = 0, near = 0, longMatches = 0, max = 0;
        long ngrams = 0, shared = 0, lcsSum = 0;
        foreach (var text in synthetic)
        {
            var check = corpus.Check(text);
            exact += check.NearestCopy is { Exact: true } ? 1 : 0;
            near += check.NearestCopy is not null ? 1 : 0;
            longMatches += check.LongestCommonSubstring >= o.LongMatchChars ? 1 : 0;
            max = Math.Max(max, check.LongestCommonSubstring);
            lcsSum += check.LongestCommonSubstring;
            ngrams += check.NGrams;
            shared += check.SharedNGrams;
        }

        double n = synthetic.Count;
        return new MemorizationResult(
            synthetic.Count,
            corpus.Count,
            exact / n,
            near / n,
            ngrams == 0 ? double.NaN : shared / (double)ngrams,
            lcsSum / n,
            max,
            longMatches / n,
            o);
    }

    /// <summary>Indexes <paramref name="references"/> and measures <paramref name="synthetic"/> against them.</summary>
    public static MemorizationResult Measure(IReadOnlyList<string> synthetic, IReadOnlyList<string> references, MemorizationOptions? options = null) =>
        Measure(synthetic, new ReferenceCorpus(references, options));
}
