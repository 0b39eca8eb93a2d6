using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Evaluation.Text;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Text;

/// <summary>The downstream classifier check: three training sets, one real eval set, paired bootstrap verdicts.</summary>
public sealed class TextClassifierCheckTests
{
    /// <summary>Real SMS: 10 ham + 10 spam seeds, 300 more real texts as a "synthetic" set, 300 eval texts, all disjoint.</summary>
    private static (LabelledTextSet Seeds, LabelledTextSet Synthetic, LabelledTextSet Eval) Sms()
    {
        var sms = TestData.SmsSpam();
        var ham = sms.Where(m => m.Label == "ham").ToList();
        var spam = sms.Where(m => m.Label == "spam").ToList();
        LabelledTextSet Set(string name, IEnumerable<(string Label, string Text)> rows)
        {
            var list = rows.ToList();
            return LabelledTextSet.Create(name, [.. list.Select(r => r.Text)], [.. list.Select(r => r.Label)]);
        }

        return (
            Set("seeds.tsv", ham.Take(10).Concat(spam.Take(10))),
            Set("synthetic.tsv", ham.Skip(10).Take(200).Concat(spam.Skip(10).Take(100))),
            Set("eval.tsv", ham.Skip(1000).Take(200).Concat(spam.Skip(400).Take(100))));
    }

    private static readonly TextClassifierOptions Fast = new(Resamples: 300, Seed: 7);

    [Fact]
    public void Same_inputs_and_seed_give_identical_scores()
    {
        var (seeds, synthetic, eval) = Sms();

        var first = TextClassifierCheck.Run(seeds, synthetic, eval, Fast);
        var second = TextClassifierCheck.Run(seeds, synthetic, eval, Fast);

        Assert.Equal(3, first.Variants.Count);
        for (var v = 0; v < 3; v++)
        {
            Assert.Equal(first.Variants[v].Accuracy, second.Variants[v].Accuracy);
            Assert.Equal(first.Variants[v].MacroF1, second.Variants[v].MacroF1);
            Assert.Equal(first.Variants[v].PerClassF1["spam"], second.Variants[v].PerClassF1["spam"]);
        }

        Assert.Equal(first.Comparisons[0].MacroF1Difference, second.Comparisons[0].MacroF1Difference);
    }

    [Fact]
    public void Scores_lie_inside_their_intervals_and_the_classifier_learns_spam()
    {
        var (seeds, _, eval) = Sms();

        var result = TextClassifierCheck.Run(seeds, null, eval, Fast);

        var a = Assert.Single(result.Variants);
        Assert.Equal(TrainingVariant.SeedsOnly, a.Variant);
        Assert.Equal(20, a.TrainingTexts);
        foreach (var e in new[] { a.Accuracy, a.MacroF1, a.PerClassF1["ham"], a.PerClassF1["spam"] })
        {
            Assert.InRange(e.Value, e.Lower, e.Upper);
        }

        // 20 seeds separate ham from spam above the 67 % majority share.
        Assert.True(a.Accuracy.Value > 0.75, $"accuracy {a.Accuracy.Value}");
        Assert.Empty(result.Comparisons);
        Assert.Contains(result.Notes, n => n.Contains("baseline a generated set must beat", StringComparison.Ordinal));
    }

    [Fact]
    public void Fifteen_times_more_real_training_text_helps_and_the_interval_says_so()
    {
        var (seeds, synthetic, eval) = Sms();

        var result = TextClassifierCheck.Run(seeds, synthetic, eval, Fast);

        var plus = result.Comparisons.Single(c => c.Variant == TrainingVariant.SeedsPlusSynthetic);
        Assert.True(plus.Verdict == DownstreamVerdict.Helped, string.Join(" | ", result.Variants.Select(v => $"{v.Variant} acc {v.Accuracy} f1 {v.MacroF1}")) + plus.Sentence);
        Assert.True(plus.MacroF1Difference.Lower > 0);
        Assert.Contains("helped", plus.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_texts_with_swapped_labels_hurt()
    {
        var (seeds, synthetic, eval) = Sms();
        var swapped = LabelledTextSet.Create("swapped.tsv", [.. synthetic.Texts], [.. synthetic.Labels.Select(l => l == "ham" ? "spam" : "ham")]);

        var result = TextClassifierCheck.Run(seeds, swapped, eval, Fast);

        Assert.Equal(DownstreamVerdict.Hurt, result.Comparisons.Single(c => c.Variant == TrainingVariant.SyntheticOnly).Verdict);
        Assert.Equal(DownstreamVerdict.Hurt, result.Comparisons.Single(c => c.Variant == TrainingVariant.SeedsPlusSynthetic).Verdict);
    }

    [Fact]
    public void A_handful_of_extra_texts_makes_no_difference_the_intervals_can_see()
    {
        var (seeds, synthetic, eval) = Sms();

        // Ten more texts (5 ham, 5 spam) next to twenty seeds move a few eval predictions each way: the paired interval
        // of the macro-F1 difference straddles 0 (measured with seed 7: −0.010, interval −0.039 to +0.017).
        var few = LabelledTextSet.Create("few.tsv", [.. synthetic.Texts.Take(5), .. synthetic.Texts.TakeLast(5)], [.. synthetic.Labels.Take(5), .. synthetic.Labels.TakeLast(5)]);

        var result = TextClassifierCheck.Run(seeds, few, eval, Fast);

        var plus = result.Comparisons.Single(c => c.Variant == TrainingVariant.SeedsPlusSynthetic);
        Assert.Equal(DownstreamVerdict.NoDifference, plus.Verdict);
        Assert.True(plus.MacroF1Difference.Lower < 0 && plus.MacroF1Difference.Upper > 0);
        Assert.Contains("no difference the intervals can see", plus.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_set_with_one_class_is_refused()
    {
        var (_, _, eval) = Sms();
        var seeds = LabelledTextSet.Create("seeds.csv", ["a", "b", "c"], ["ham", "ham", "ham"]);

        var e = Assert.Throws<SynthVaultException>(() => TextClassifierCheck.Run(seeds, null, eval, Fast));

        Assert.Equal("seeds.csv", e.File);
        Assert.Contains("one class ('ham')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_with_one_seed_is_refused_naming_the_class_and_row()
    {
        var (_, _, eval) = Sms();
        var seeds = LabelledTextSet.Create("seeds.csv", ["a", "b", "c"], ["ham", "ham", "spam"]);

        var e = Assert.Throws<SynthVaultException>(() => TextClassifierCheck.Run(seeds, null, eval, Fast));

        Assert.Equal(3, e.Row);
        Assert.Contains("class 'spam' has 1 example", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eval_class_the_seeds_lack_is_refused_naming_the_class_and_row()
    {
        var (seeds, _, _) = Sms();
        var eval = LabelledTextSet.Create("eval.csv", ["win now", "see you", "hello"], ["spam", "ham", "phishing"]);

        var e = Assert.Throws<SynthVaultException>(() => TextClassifierCheck.Run(seeds, null, eval, Fast));

        Assert.Equal("eval.csv", e.File);
        Assert.Equal(3, e.Row);
        Assert.Contains("class 'phishing' of the eval set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_synthetic_label_the_seeds_lack_is_refused_naming_the_class_and_row()
    {
        var (seeds, _, eval) = Sms();
        var synthetic = LabelledTextSet.Create("synthetic.jsonl", ["win now", "see you"], ["spam", "Spam "], [4, 9]);

        var e = Assert.Throws<SynthVaultException>(() => TextClassifierCheck.Run(seeds, synthetic, eval, Fast));

        Assert.Equal("synthetic.jsonl", e.File);
        Assert.Equal(9, e.Row);
        Assert.Contains("class 'Spam' of the synthetic set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_text_is_refused_naming_the_row()
    {
        var e = Assert.Throws<SynthVaultException>(() => LabelledTextSet.Create("seeds.csv", ["fine", "  ", "fine too"], ["a", "b", "c"]));

        Assert.Equal(2, e.Row);
        Assert.Contains("seeds.csv, row 2: the text is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_and_label_pairs_come_out_of_a_table_with_numeric_labels_as_text()
    {
        var table = new Table([
            StringColumn.FromValues("body", ["first text", "second text"]),
            new Int64Column("label", [0, 1]),
            new Int64Column("amount", [5, 7]),
        ]);

        var set = LabelledTextSet.FromTable(table, "body", "label", "tickets.parquet");

        Assert.Equal(["first text", "second text"], set.Texts);
        Assert.Equal(["0", "1"], set.Labels);
        Assert.Equal([1L, 2L], set.Rows);
        var e = Assert.Throws<SynthVaultException>(() => LabelledTextSet.FromTable(table, "text", "label", "tickets.parquet"));
        Assert.Contains("no text column named 'text'", e.Message, StringComparison.Ordinal);
    }
}
