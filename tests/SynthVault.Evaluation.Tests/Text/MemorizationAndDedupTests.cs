using SynthVault.Evaluation.Text;

namespace SynthVault.Evaluation.Tests.Text;

/// <summary>Longest common substring, n-gram overlap, near copies, and the LSH index that finds them.</summary>
public sealed class MemorizationAndDedupTests
{
    [Fact]
    public void The_longest_common_substring_matches_a_brute_force_search()
    {
        // Brute force (every substring of the query tested against each reference, Python): " quick brown " = 13.
        var corpus = new ReferenceCorpus(["a quick brown dog", "lazy fox"]);

        Assert.Equal(13, corpus.Check("The quick  brown fox").LongestCommonSubstring);
        Assert.Equal(0, corpus.Check("vvv").LongestCommonSubstring);
    }

    [Fact]
    public void The_suffix_automaton_agrees_with_dynamic_programming_on_random_strings()
    {
        var rng = new Random(3);
        string Random(int n) => new([.. Enumerable.Range(0, n).Select(_ => (char)('a' + rng.Next(4)))]);
        for (var trial = 0; trial < 200; trial++)
        {
            var references = Enumerable.Range(0, 3).Select(_ => Random(rng.Next(1, 30))).ToList();
            var query = Random(rng.Next(1, 30));

            Assert.Equal(references.Max(r => DynamicLcs(query, r)), new ReferenceCorpus(references).Check(query).LongestCommonSubstring);
        }
    }

    [Fact]
    public void N_gram_overlap_near_copies_and_exact_copies_are_shares_of_the_synthetic_texts()
    {
        string[] references = ["zero one two three four", "the branch closes at noon on friday"];
        string[] synthetic = ["one two three four five", "The branch closes at noon on Friday", "the branch closes at noon on saturday", "nothing alike here at all"];

        var result = MemorizationMetrics.Measure(synthetic, references, new MemorizationOptions(NGram: 3, NearCopyThreshold: 0.6, LongMatchChars: 20));

        // 3-grams: text 1 has 3, two shared (one two three, two three four); text 2 has 5, all shared; text 3 has 5,
        // four shared; text 4 has 3, none → 11 / 16.
        Assert.Equal(11 / 16.0, result.NGramOverlapRate, 12);
        Assert.Equal(1 / 4.0, result.ExactCopyRate, 12);
        Assert.Equal(2 / 4.0, result.NearCopyRate, 12);
        Assert.Equal(2 / 4.0, result.LongMatchRate, 12);
        Assert.Equal(35, result.MaxLongestCommonSubstring);
        Assert.Equal(4, result.Count);
        Assert.Equal(2, result.References);
    }

    [Theory]
    [InlineData(0.7, 4, 32)]
    [InlineData(0.5, 3, 42)]
    [InlineData(0.3, 2, 64)]
    public void The_band_width_is_the_widest_that_still_catches_a_pair_at_the_threshold(double threshold, int rows, int bands)
    {
        Assert.Equal((rows, bands), NearDuplicateIndex.ChooseBands(threshold, 128));
        Assert.True(1 - Math.Pow(1 - Math.Pow(threshold, rows), bands) >= NearDuplicateIndex.CandidateRecall);
    }

    [Fact]
    public void The_index_finds_every_near_duplicate_pair_a_brute_force_scan_finds_and_nothing_below_the_threshold()
    {
        // Texts and light edits of them (a word dropped or swapped), so there are pairs on both sides of 0.7.
        var rng = new Random(11);
        var texts = DiversityMetricsTests.Corpus(150, 4);
        foreach (var t in texts.Take(150).ToList())
        {
            var words = t.Split(' ').ToList();
            words.RemoveAt(rng.Next(words.Count));
            texts.Add(string.Join(' ', words));
        }

        var index = new NearDuplicateIndex(0.7);
        var shingles = texts.Select(t => Shingling.Shingles(t)).ToList();
        int expected = 0, found = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var best = Enumerable.Range(0, i).Select(j => Shingling.Jaccard(shingles[i], shingles[j])).DefaultIfEmpty(0).Max();
            var match = index.FindMatch(texts[i]);
            if (best >= 0.7)
            {
                expected++;
                found += match is not null ? 1 : 0;
            }

            if (match is not null)
            {
                Assert.True(match.Jaccard >= 0.7);
                Assert.Equal(match.Jaccard, Shingling.Jaccard(shingles[i], Shingling.Shingles(texts[int.Parse(match.Id)])), 12);
            }

            index.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), texts[i]);
        }

        Assert.True(expected > 50, $"only {expected} near pairs: the test needs both sides of the threshold");
        // At most 0.5 % of pairs at the threshold are missed by design, fewer above it: with ~100 pairs, one miss at most.
        Assert.InRange(found, expected - 1, expected);
    }

    [Fact]
    public void Exact_duplicates_ignore_case_and_spacing_and_an_excluded_id_is_skipped()
    {
        var index = new NearDuplicateIndex(0.9);
        index.Add("a", "Hello   World, this is a test");

        Assert.Equal(new NearMatch("a", 1, true), index.FindMatch("hello world, THIS is a test"));
        Assert.Null(index.FindMatch(index.Prepare("hello world, this is a test"), "a"));
        Assert.Null(index.FindMatch("something else entirely"));
    }

    [Fact]
    public void Minhash_estimates_jaccard_within_its_standard_error()
    {
        var hasher = new MinHasher(256, 9);
        var texts = DiversityMetricsTests.Corpus(40, 6);
        var errors = new List<double>();
        for (var i = 0; i + 1 < texts.Count; i += 2)
        {
            var a = Shingling.Shingles(texts[i]);
            var b = Shingling.Shingles(texts[i] + " " + texts[i + 1]);
            errors.Add(Math.Abs(MinHasher.Estimate(hasher.Signature(a), hasher.Signature(b)) - Shingling.Jaccard(a, b)));
        }

        // Standard error √(J(1−J)/256) ≤ 0.031; the mean absolute error of 20 pairs is about 0.8 of that.
        Assert.True(errors.Average() < 0.04, $"mean error {errors.Average()}");
    }

    private static int DynamicLcs(string a, string b)
    {
        var best = 0;
        var previous = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
                best = Math.Max(best, current[j]);
            }

            previous = current;
        }

        return best;
    }
}
