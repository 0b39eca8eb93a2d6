using SynthVault.Evaluation.Text;
using SynthVault.Testing;

namespace SynthVault.Evaluation.Tests.Text;

/// <summary>Synthetic texts that copy the eval set are caught, exactly and nearly.</summary>
public sealed class EvalLeakCheckTests
{
    [Fact]
    public void A_synthetic_set_that_copies_eval_rows_is_caught_with_the_rows_named()
    {
        var sms = TestData.SmsSpam().Where(m => m.Label == "ham").Select(m => m.Text).Where(t => t.Length > 80).Distinct().ToList();
        var eval = sms.Take(100).ToList();
        var synthetic = sms.Skip(100).Take(200).ToList();

        // Synthetic rows 201–205 repeat eval rows 1–5 in other case and spacing; rows 206–210 repeat eval rows 11–15
        // with a short tail added (shingle Jaccard well above 0.7 for texts of more than 80 characters).
        for (var i = 0; i < 5; i++)
        {
            synthetic.Add("  " + eval[i].ToUpperInvariant() + " ");
        }

        for (var i = 10; i < 15; i++)
        {
            synthetic.Add(eval[i] + " ok");
        }

        var result = EvalLeakCheck.Run(synthetic, eval);

        Assert.Equal(5, result.Exact);
        Assert.Equal(5, result.Near);
        Assert.Equal(10, result.Flagged);
        Assert.Equal([201L, 202, 203, 204, 205, 206, 207, 208, 209, 210], result.Leaks.Select(l => l.SyntheticRow));
        Assert.Equal([1L, 2, 3, 4, 5, 11, 12, 13, 14, 15], result.Leaks.Select(l => l.EvalRow));
        Assert.All(result.Leaks.Skip(5), l => Assert.InRange(l.Jaccard, 0.7, 0.9999));
        Assert.Contains("10 of 210 synthetic texts copy an eval text (5 exactly, 5 nearly", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unrelated_texts_are_not_flagged()
    {
        // Ham only: many spam messages are one template with another number, which the check rightly flags.
        var sms = TestData.SmsSpam().Where(m => m.Label == "ham").Select(m => m.Text).Distinct().ToList();

        var result = EvalLeakCheck.Run(sms.Skip(500).Take(300).ToList(), sms.Take(300).ToList());

        Assert.Equal(0, result.Flagged);
        Assert.Empty(result.Leaks);
    }

    [Fact]
    public void The_rows_of_labelled_sets_are_reported_as_they_came_from_the_files()
    {
        var eval = LabelledTextSet.Create("eval.csv", ["the parcel arrives on monday morning"], ["a"], [40]);
        var synthetic = LabelledTextSet.Create("syn.jsonl", ["something else entirely different", "The parcel arrives on Monday morning"], ["a", "a"], [7, 9]);

        var leak = Assert.Single(EvalLeakCheck.Run(synthetic, eval).Leaks);

        Assert.Equal((9L, 40L, true), (leak.SyntheticRow, leak.EvalRow, leak.Exact));
    }
}
