using SynthVault.Evaluation.Text;

namespace SynthVault.Evaluation.Tests.Text;

/// <summary>Text diversity metrics against hand-computed values and NLTK's self-BLEU.</summary>
public sealed class DiversityMetricsTests
{
    [Fact]
    public void Distinct_n_counts_unique_n_grams_over_all_n_grams_of_the_set()
    {
        // Unigrams: the cat sat | the cat ran → 4 distinct of 6; bigrams: 3 distinct of 4; trigrams 2 of 2.
        string[] texts = ["The cat sat.", "the CAT ran"];

        Assert.Equal(4 / 6.0, DiversityMetrics.DistinctN(texts, 1), 12);
        Assert.Equal(3 / 4.0, DiversityMetrics.DistinctN(texts, 2), 12);
        Assert.Equal(1.0, DiversityMetrics.DistinctN(texts, 3), 12);
        Assert.True(double.IsNaN(DiversityMetrics.DistinctN(texts, 4)));
    }

    public static TheoryData<string[], double> SelfBleuReferences => new()
    {
        // Reference values: NLTK 3.8 sentence_bleu(refs, hyp, weights=(0.25,)*4, smoothing_function=SmoothingFunction().method1)
        // averaged over each text against the others (Texygen's self-BLEU), on the same word tokens
        // (lower-cased runs of letters and digits); computed with /usr/bin/python3 and recorded here.
        { ["the cat sat on the mat", "the cat sat on a hat", "a dog ran in the park", "the dog sat on the mat today"], 0.48740240162939913 },
        { ["your parcel is waiting call us back soon", "call us back soon your parcel is waiting", "we value your custom reply stop to end", "offer ends on friday we value your custom"], 0.5185811769629115 },
        { ["one", "one two", "one two three four five", "two three four five six seven"], 0.3779701502154215 },
    };

    [Theory]
    [MemberData(nameof(SelfBleuReferences))]
    public void Self_bleu_matches_nltk_sentence_bleu_with_method1_smoothing(string[] texts, double expected)
    {
        Assert.Equal(expected, SelfBleu.Compute(texts), 12);
    }

    [Fact]
    public void Self_bleu_of_identical_texts_is_one_and_of_fewer_than_two_texts_undefined()
    {
        Assert.Equal(1.0, SelfBleu.Compute(["a b c d e", "a b c d e", "a b c d e"]), 12);
        Assert.True(double.IsNaN(SelfBleu.Compute(["only one"])));
    }

    [Fact]
    public void Exact_pairwise_similarity_is_the_mean_jaccard_of_all_pairs()
    {
        // 3-shingles: abcdef → {abc, bcd, cde, def}; abcdeg → {abc, bcd, cde, deg}; xyzxyz → {xyz, yzx, zxy}.
        // Pairs: 3/5, 0, 0 → mean 0.2.
        var (mean, exact) = DiversityMetrics.MeanPairwiseSimilarity(["abcdef", "abcdeg", "xyzxyz"], new DiversityOptions(ShingleSize: 3));

        Assert.True(exact);
        Assert.Equal(0.2, mean, 12);
        Assert.Equal(0.6, Shingling.Jaccard(Shingling.Shingles("abcdef", 3), Shingling.Shingles("ABCDEG", 3)), 12);
    }

    [Fact]
    public void Above_the_exact_limit_the_sampled_minhash_estimate_stays_close_to_the_exact_mean()
    {
        var texts = Corpus(120, 1);
        var (exact, _) = DiversityMetrics.MeanPairwiseSimilarity(texts, new DiversityOptions(ExactPairsUpTo: 1000));
        var (estimate, wasExact) = DiversityMetrics.MeanPairwiseSimilarity(texts, new DiversityOptions(ExactPairsUpTo: 10, SampledPairs: 20_000));

        Assert.False(wasExact);
        // 20,000 sampled pairs of a 128-function MinHash: the standard error of the mean is well under 0.005 here;
        // 0.02 leaves room for the estimator's small bias on low similarities.
        Assert.Equal(exact, estimate, 0.02);
    }

    [Fact]
    public void Repetitive_texts_compress_better_and_score_lower_diversity_than_varied_ones()
    {
        var varied = Corpus(60, 2);
        var repetitive = Enumerable.Range(0, 60).Select(i => $"your parcel is waiting call us back soon number {i % 3}").ToList();

        var v = DiversityMetrics.Measure(varied);
        var r = DiversityMetrics.Measure(repetitive);

        Assert.True(r.CompressionRatio < v.CompressionRatio);
        Assert.True(r.Distinct2 < v.Distinct2);
        Assert.True(r.SelfBleu > v.SelfBleu);
        Assert.True(r.MeanPairwiseSimilarity > v.MeanPairwiseSimilarity);
        Assert.InRange(v.CompressionRatio, 0.05, 1.5);
        Assert.Equal(60, v.Count);
    }

    [Fact]
    public void A_subsample_is_seeded_sized_and_keeps_the_original_order()
    {
        var texts = Enumerable.Range(0, 50).Select(i => "t" + i).ToList();

        var a = DiversityMetrics.Subsample(texts, 10, 5);
        var b = DiversityMetrics.Subsample(texts, 10, 5);
        var c = DiversityMetrics.Subsample(texts, 10, 6);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(10, a.Distinct().Count());
        Assert.Equal(a.OrderBy(t => int.Parse(t[1..])), a);
        Assert.Same(texts, DiversityMetrics.Subsample(texts, 80, 5));
    }

    /// <summary>Seeded random sentences over a 60-word vocabulary.</summary>
    internal static List<string> Corpus(int count, int seed)
    {
        var words = Enumerable.Range(0, 60).Select(i => "w" + (char)('a' + (i % 26)) + (char)('a' + (i / 26)) + "x").ToArray();
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => string.Join(' ', Enumerable.Range(0, rng.Next(8, 15)).Select(_ => words[rng.Next(words.Length)])))];
    }
}
