using System.Text.Json;
using SynthVault.Core.Pii;
using SynthVault.Llm.Generation;
using SynthVault.Llm.TextLoop;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>
/// The loop end to end through the real llama.cpp runtime on the tiny random-weight model. Its text is noise, but the
/// grammar makes every answer the JSON the loop asks for, and a permissive judge (the same model, any score accepted)
/// lets the noise through, so every stage runs for real: prompts, batched decoding, parsing, PII gate, dedup, judge,
/// review, checkpoint, output files.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class TinyModelLoopTests(TinyModelFixture fixture)
{
    [Fact]
    public async Task The_tiny_model_runs_the_whole_loop_and_writes_consistent_pii_free_files()
    {
        // A context longer than the model's 1,024 tokens: the byte-level test vocabulary spends one token per character.
        using var model = LocalModel.Load(fixture.Path, new LocalModelOptions { ContextSize = 4096 });
        var generator = new LocalTextGenerator(model);
        var seeds = SeedSets.Mixed(30);
        var options = new TextLoopOptions
        {
            // One request of one variation per batch: LocalTextGenerator cannot yet decode a batch whose prompts
            // together exceed its 512-token llama.cpp batch (each prompt here is ~900 byte tokens).
            Target = 6,
            Rounds = 2,
            RequestsPerBatch = 1,
            VariationsPerRequest = 1,
            ExamplesPerPrompt = 1,
            MaxTokens = 400,
            JudgeMaxTokens = 600,
            MinChars = 10,
            MaxChars = 60,
            MinJudgeScore = 1,
            RequireLabelFit = false,
            ReviewMode = ReviewMode.AutoApprove,
            ReviewFraction = 0.5,
            MaxCandidatesPerSample = 6,
            Seed = 11,
        };
        using var h = new LoopHarness();

        var outcome = await new TextLoopEngine(generator, generator, options, new TextLoopModels("tiny.gguf", "tiny.gguf"), h.Log.Add).RunAsync(seeds, h.Directory, null, CancellationToken.None);

        Assert.NotEqual(TextLoopStatus.AwaitingReview, outcome.Status);
        var accepted = h.Accepted();
        var rejected = h.Rejected();
        var samples = h.Samples();
        using var report = JsonDocument.Parse(h.Text("report.json"));
        var rounds = report.RootElement.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(rounds.Sum(r => r.GetProperty("candidates").GetInt32()), accepted.Count + rejected.Count);
        Assert.Equal(accepted.Count, samples.Count);
        Assert.True(accepted.Count > 0, string.Join("\n", rejected.Select(r => r.Reason + ": " + r.Checks[^1].Detail)));
        Assert.All(accepted, a => Assert.InRange(a.JudgeScore!.Value, 1, 5));
        Assert.All(accepted, a => Assert.InRange(a.Text.Length, 10, 60));
        Assert.Contains(h.Log, l => l.Contains("The judge is the generating model", StringComparison.Ordinal));

        var leaks = SeedScrubber.Scrub(seeds).Leaks;
        Assert.All(samples, s =>
        {
            Assert.Empty(leaks.Find(s.Text));
            Assert.Empty(PiiScanner.Find(s.Text));
        });
        using var stats = JsonDocument.Parse(h.Text(RunFolder.RunStats));
        Assert.True(stats.RootElement.GetProperty("promptTokensPerCall").GetDouble() > 100);
        Assert.True(stats.RootElement.GetProperty("outputTokensPerSample").GetDouble() > 0);
        Assert.Equal(1.0, stats.RootElement.GetProperty("samplesPerCall").GetDouble());
        Assert.True(File.Exists(Path.Combine(h.Directory, "report.html")));
    }
}
