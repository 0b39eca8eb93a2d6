using System.Text.RegularExpressions;
using SynthVault.Evaluation.Text;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Text;

/// <summary>Surface features, weighted log-odds n-grams and model warnings of the generator-bias report.</summary>
public sealed partial class GeneratorBiasReportTests
{
    private static List<string> Ham() => [.. TestData.SmsSpam().Where(m => m.Label == "ham").Select(m => m.Text)];

    [Fact]
    public void A_phrase_planted_at_the_start_of_40_percent_of_synthetic_texts_is_the_top_row()
    {
        var ham = Ham();
        var real = ham.Take(300).ToList();
        var synthetic = ham.Skip(300).Take(300).Select((t, i) => i % 5 < 2 ? "I hope this message finds you well. " + t : t).ToList();

        var result = GeneratorBiasReport.Run(real, synthetic);

        var top = result.OverRepresented[0];
        Assert.Equal("i hope this message finds you well", top.Phrase);
        Assert.Equal(120, top.SyntheticCount);
        Assert.Equal(0, top.RealCount);
        Assert.Equal(0.4, top.SyntheticTexts, 3);
        Assert.True(top.Z > 5, $"z {top.Z}");

        // The phrase's own words and trigrams are not listed again below it.
        Assert.DoesNotContain(result.OverRepresented.Skip(1), r => "i hope this message finds you well".Contains(r.Ngram, StringComparison.Ordinal) && r.Ngram.Contains(' ', StringComparison.Ordinal));
    }

    [Fact]
    public void Text_speak_the_generator_never_writes_is_the_most_under_represented()
    {
        var ham = Ham();
        var real = ham.Take(400).ToList();

        // A generator that always spells out "you"/"your" where people text "u"/"ur".
        var synthetic = ham.Skip(400).Take(400).Select(t => YourPattern().Replace(YouPattern().Replace(t, "you"), "your")).ToList();

        var result = GeneratorBiasReport.Run(real, synthetic);

        Assert.NotEmpty(result.UnderRepresented);
        var tokens = result.UnderRepresented[0].Ngram.Split(' ');
        Assert.True(tokens.Contains("u") || tokens.Contains("ur"), string.Join(" | ", result.UnderRepresented.Select(r => $"{r.Phrase} [{r.Ngram}] {r.Z:F2} {r.SyntheticCount}/{r.RealCount}")));
        Assert.True(result.UnderRepresented[0].Z < -3, string.Join(" | ", result.UnderRepresented.Select(r => $"{r.Phrase} [{r.Ngram}] {r.Z:F2} {r.SyntheticCount}/{r.RealCount}")));
        Assert.Equal(0, result.UnderRepresented[0].SyntheticCount);
    }

    [Fact]
    public void The_z_scores_match_the_formula_computed_independently()
    {
        // Reference: Monroe et al. 2008 eqs. 16–22 evaluated in Python (math.log, math.sqrt) with α₀ = 10 on unigram counts
        // real {a: 2, b: 1, c: 1} (n = 4) and synthetic {a: 1, b: 3, d: 1} (n = 5).
        var options = new GeneratorBiasOptions(MaxNgram: 1, PriorStrength: 10, MinTexts: 1, MinZ: 0, MaxPhraseWords: 1);

        var result = GeneratorBiasReport.Run(["a b", "a c"], ["a b b", "b d"], options: options);

        Assert.Equal(["b", "d"], result.OverRepresented.Select(r => r.Ngram));
        Assert.Equal(0.7752389441162274, result.OverRepresented[0].Z, 12);
        Assert.Equal(0.5476369232623116, result.OverRepresented[1].Z, 12);
        Assert.Equal(["c", "a"], result.UnderRepresented.Select(r => r.Ngram));
        Assert.Equal(-0.6802983835099532, result.UnderRepresented[0].Z, 12);
        Assert.Equal(-0.6421133930563794, result.UnderRepresented[1].Z, 12);
        Assert.Equal((3, 1), (result.OverRepresented[0].SyntheticCount, result.OverRepresented[0].RealCount));
    }

    [Fact]
    public void An_n_gram_in_fewer_than_five_texts_is_never_listed()
    {
        var ham = Ham();
        var real = ham.Take(200).ToList();
        var synthetic = ham.Skip(200).Take(200).Select((t, i) => i < 4 ? "zebra crossing quartet " + t : t).ToList();

        var result = GeneratorBiasReport.Run(real, synthetic);

        Assert.DoesNotContain(result.OverRepresented, r => r.Phrase.Contains("zebra", StringComparison.Ordinal));
    }

    [Fact]
    public void Surface_features_count_what_they_say()
    {
        string[] texts = ["Hello world! Call me at 555-0100.", "HOW ARE you? fine... thanks", "mail bob@example.com or see https://example.org today"];

        var result = GeneratorBiasReport.Run(texts, texts);
        var f = result.Real;

        // Letters 79, uppercase 8 (H, C, H O W A R E); white-space tokens of ≥ 2 letters 16, of which HOW and ARE are all caps.
        Assert.Equal(3, f.Texts);
        Assert.Equal(8 / 79.0, f.UppercaseLetters, 12);
        Assert.Equal(2 / 16.0, f.AllCapsTokens, 12);

        // Sentences starting with a letter: Hello, Call, HOW, fine, thanks, mail → 3 capitalised of 6 (the dots inside
        // the e-mail address and the URL are not followed by white space, so they end no sentence).
        Assert.Equal(3 / 6.0, f.CapitalisedSentences, 12);
        Assert.Equal(1 / 3.0, f.TextsWithDigits, 12);
        var chars = texts.Sum(t => t.Length);
        Assert.Equal(1.0 / chars, f.PunctuationByKind["exclamation"], 12);
        Assert.Equal(1.0 / chars, f.PunctuationByKind["ellipsis"], 12);
        Assert.Equal(1.0 / 3, f.Entities["email"], 12);
        Assert.Equal(1.0 / 3, f.Entities["url"], 12);
        Assert.Equal(0, f.Entities["iban"]);
        Assert.Equal(0, result.Characters.Ks);
        Assert.Equal(f.PunctuationPerChar, result.Synthetic.PunctuationPerChar);
    }

    [Fact]
    public void Lengths_are_summarised_with_deciles_and_compared_with_KS()
    {
        var real = Enumerable.Range(1, 100).Select(n => new string('a', n)).ToList();
        var synthetic = Enumerable.Range(51, 100).Select(n => new string('a', n)).ToList();

        var result = GeneratorBiasReport.Run(real, synthetic);

        // NumPy: np.percentile(range(1, 101), [10, 50, 90]) = 10.9, 50.5, 90.1; KS of two shifted uniforms = 50/100.
        Assert.Equal(new LengthSummary(50.5, 10.9, 50.5, 90.1), result.Characters.Real with { P10 = Math.Round(result.Characters.Real.P10, 9), P90 = Math.Round(result.Characters.Real.P90, 9) });
        Assert.Equal(0.5, result.Characters.Ks, 12);
        Assert.Equal(1, result.Words.Real.Mean);
    }

    [Fact]
    public void The_type_token_ratio_compares_sets_of_different_size_at_equal_size()
    {
        var ham = Ham();
        var real = ham.Take(200).ToList();
        var synthetic = ham.Skip(200).Take(1500).ToList();

        var result = GeneratorBiasReport.Run(real, synthetic);

        // The raw ratio falls with size (Heaps' law); measured at the same token count the two samples of one
        // population agree within 0.05, while the raw ratios differ by more than 0.15.
        var rawReal = result.Real.Vocabulary / (double)result.Real.Tokens;
        var rawSynthetic = result.Synthetic.Vocabulary / (double)result.Synthetic.Tokens;
        Assert.True(rawReal - rawSynthetic > 0.15, $"raw {rawReal} vs {rawSynthetic}");
        Assert.True(Math.Abs(result.Real.TypeTokenRatio - result.Synthetic.TypeTokenRatio) < 0.05, $"equal-size {result.Real.TypeTokenRatio} vs {result.Synthetic.TypeTokenRatio}");
        Assert.Equal(result.Real.Tokens, result.TypeTokenSample);
        Assert.Equal(result.Synthetic.TypeTokenRatio, GeneratorBiasReport.Run(real, synthetic).Synthetic.TypeTokenRatio);
    }

    [Fact]
    public void The_judge_being_the_generator_and_a_target_of_the_same_family_are_warned_about()
    {
        var same = GeneratorBiasReport.ModelWarnings(new ModelProvenance("models/Qwen2.5-1.5B-Instruct-Q4_K_M.gguf", "/other/qwen2.5-1.5b-instruct-q4_k_m.gguf", "Qwen2-7B-Instruct"));
        var different = GeneratorBiasReport.ModelWarnings(new ModelProvenance("Qwen2.5-1.5B-Instruct-Q4_K_M.gguf", "Phi-3.5-mini-instruct.gguf", "Meta-Llama-3.1-8B-Instruct"));

        Assert.Equal(2, same.Count);
        Assert.Contains(same, w => w.Contains("judge model is the generator", StringComparison.Ordinal));
        Assert.Contains(same, w => w.Contains("generator's family (qwen)", StringComparison.Ordinal));
        Assert.Empty(different);
        Assert.Empty(GeneratorBiasReport.ModelWarnings(new ModelProvenance("a.gguf", null, null)));
    }

    [Theory]
    [InlineData("Qwen2.5-1.5B-Instruct-Q4_K_M.gguf", "qwen")]
    [InlineData("models/Meta-Llama-3.1-8B-Instruct.Q4_K_M.gguf", "llama")]
    [InlineData("Phi-3.5-mini-instruct", "phi")]
    [InlineData("gemma-2-2b-it", "gemma")]
    [InlineData("SmolLM2 360M Instruct", "smollm")]
    [InlineData("  ", null)]
    public void A_model_family_is_the_first_non_vendor_word_of_its_name(string name, string? family) =>
        Assert.Equal(family, ModelFamily.FromName(name));

    [GeneratedRegex(@"\bu\b", RegexOptions.IgnoreCase)]
    private static partial Regex YouPattern();

    [GeneratedRegex(@"\bur\b", RegexOptions.IgnoreCase)]
    private static partial Regex YourPattern();
}
