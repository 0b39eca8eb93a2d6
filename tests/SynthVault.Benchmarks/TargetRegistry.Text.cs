using System.Diagnostics;
using System.Globalization;
using SynthVault.Evaluation.Text;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing;
using SynthVault.Testing.Text;

namespace SynthVault.Benchmarks;

internal static partial class TargetRegistry
{
    /// <summary>
    /// The loop's own overhead must be small next to the model's: growing 100 real SMS seeds to 2,000 samples with a
    /// scripted generator (no model) runs the scrubbing, critic (PII gate, dedup against every accepted sample), review
    /// sampling, checkpoints after every batch and the round metrics. The text metrics must handle 10,000 outputs.
    /// </summary>
    private static void RegisterText()
    {
        TargetHarness.Targets.Add(new("text.grow-2000-scripted", 20, () =>
        {
            using var dir = new TempDirectory("synthvault-bench-text");
            var sms = TestData.SmsSpam();
            var seeds = sms.Where(m => m.Label == "spam").Take(50).Concat(sms.Where(m => m.Label == "ham").Take(50))
                .Select((m, i) => new TextSeed("s" + i, m.Text, m.Label)).ToList();
            var options = new TextLoopOptions { Target = 2000, Rounds = 4, ReviewMode = ReviewMode.AutoApprove, Seed = 1 };
            var clock = Stopwatch.StartNew();
            var outcome = new TextLoopEngine(ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), options)
                .RunAsync(seeds, dir.File("run"), null, CancellationToken.None).GetAwaiter().GetResult();
            var batches = File.ReadAllLines(dir.File("run/accepted.jsonl")).Length / (double)options.CandidatesPerBatch;
            return string.Create(CultureInfo.InvariantCulture, $"{outcome.Kept} kept in {outcome.Round} rounds, {clock.Elapsed.TotalSeconds:F1} s ({clock.Elapsed.TotalMilliseconds / batches:F1} ms per batch of {options.CandidatesPerBatch})");
        }, MemoryBudgetMb: 600));

        TargetHarness.Targets.Add(new("text.metrics-10k", 10, () =>
        {
            var sms = TestData.SmsSpam().Select(m => m.Text).ToList();
            var synthetic = Enumerable.Range(0, 10_000).Select(i => ScriptedTextGenerator.WordSalad((uint)i, 0)).ToList();
            var clock = Stopwatch.StartNew();
            var diversity = DiversityMetrics.Measure(synthetic);
            var diversitySeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var memorization = MemorizationMetrics.Measure(synthetic, sms);
            return string.Create(CultureInfo.InvariantCulture, $"diversity of 10,000 texts {diversitySeconds:F2} s (self-BLEU {diversity.SelfBleu:F3}); memorization against {sms.Count:N0} real SMS {clock.Elapsed.TotalSeconds:F2} s (8-gram overlap {memorization.NGramOverlapRate:F4})");
        }, MemoryBudgetMb: 800));
    }
}
