using System.Diagnostics;
using System.Globalization;
using SynthVault.App.Text;
using SynthVault.Core.Randomness;
using SynthVault.Evaluation.Text;
using SynthVault.Testing;

namespace SynthVault.Benchmarks;

internal static partial class TargetRegistry
{
    /// <summary>
    /// The downstream check at the size of a real text run: 300 seeds, 2,000 synthetic texts and 400 eval texts in 10
    /// classes, all three classifiers with 1,000 bootstrap resamples, plus the eval-leak check, the bias report and the
    /// diversity/memorization numbers (the whole <c>text eval</c> use case, files aside). Texts are real SMS messages in a
    /// seeded order; the class is the first of nine topic words the text holds ("other" when none), a deterministic rule
    /// the classifier can learn.
    /// </summary>
    private static void RegisterTextCheck()
    {
        TargetHarness.Targets.Add(new("text.downstream-check", 30, () =>
        {
            var (seeds, synthetic, eval) = TopicSets();
            var clock = Stopwatch.StartNew();
            var outcome = TextEvalUseCase.Run(seeds, synthetic, eval, null, new TextEvalSettings(Seed: 1), null, CancellationToken.None);
            var d = outcome.Report.Downstream;
            var f1 = string.Join(", ", d.Variants.Select(v => string.Create(CultureInfo.InvariantCulture, $"{TextClassifierCheck.VariantName(v.Variant)} {v.MacroF1.Value:F3}")));
            return string.Create(CultureInfo.InvariantCulture, $"{d.Classes.Count} classes, {seeds.Count} + {synthetic.Count} → {eval.Count} texts in {clock.Elapsed.TotalSeconds:F1} s; macro-F1 {f1}; {string.Join("; ", d.Comparisons.Select(c => TextClassifierCheck.VerdictName(c.Verdict)))}");
        }, MemoryBudgetMb: 1500));
    }

    private static (LabelledTextSet Seeds, LabelledTextSet Synthetic, LabelledTextSet Eval) TopicSets()
    {
        string[] topics = ["call", "free", "love", "home", "ok", "sorry", "good", "time", "now"];
        var texts = TestData.SmsSpam().Select(m => m.Text).Distinct(StringComparer.Ordinal).ToArray();
        var rng = new SeedStreams(2024).CreateGenerator("text.downstream-check");
        for (var i = texts.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (texts[i], texts[j]) = (texts[j], texts[i]);
        }

        string Topic(string text)
        {
            var words = TextTokens.Words(text);
            return topics.FirstOrDefault(words.Contains) ?? "other";
        }

        LabelledTextSet Set(string name, int skip, int take)
        {
            var slice = texts.Skip(skip).Take(take).ToArray();
            return LabelledTextSet.Create(name, slice, [.. slice.Select(Topic)]);
        }

        return (Set("seeds", 0, 300), Set("synthetic", 300, 2000), Set("eval", 2300, 400));
    }
}
