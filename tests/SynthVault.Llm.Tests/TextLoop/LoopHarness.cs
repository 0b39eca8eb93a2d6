using SynthVault.Core.Progress;
using SynthVault.Llm.Generation;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing;
using SynthVault.Testing.Text;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>Runs the loop on a folder with scripted models and reads back what it wrote.</summary>
internal sealed class LoopHarness : IDisposable
{
    private readonly TempDirectory temp = new("synthvault-textloop");

    public LoopHarness(string name = "run") => Directory = temp.File(name);

    public string Directory { get; }

    public List<string> Log { get; } = [];

    /// <summary>Small, fast defaults: 3 rounds of 2 requests × 3 variations, auto-approved review.</summary>
    public static TextLoopOptions Small(int target = 60) => new()
    {
        Target = target,
        Rounds = 3,
        RequestsPerBatch = 2,
        VariationsPerRequest = 3,
        ExamplesPerPrompt = 2,
        ReviewMode = ReviewMode.AutoApprove,
        ReviewFraction = 0.1,
        Seed = 7,
    };

    public Task<TextLoopOutcome> RunAsync(IReadOnlyList<TextSeed> seeds, ITextGenerator generator, ITextGenerator? judge, TextLoopOptions options, IProgress<ProgressUpdate>? progress = null) =>
        new TextLoopEngine(generator, judge, options, new TextLoopModels("scripted-generator", judge is null ? null : "scripted-judge"), Log.Add).RunAsync(seeds, Directory, progress, CancellationToken.None);

    public List<AcceptedSample> Accepted() => Read<AcceptedSample>(RunFolder.Accepted);

    public List<RejectedSample> Rejected() => Read<RejectedSample>(RunFolder.Rejected);

    public List<OutputSample> Samples() => Read<OutputSample>(RunFolder.Samples);

    public List<T> Read<T>(string file) =>
        [.. File.ReadAllLines(Path.Combine(Directory, file)).Where(l => l.Length > 0).Select(l => System.Text.Json.JsonSerializer.Deserialize<T>(l, RunFolder.Json)!)];

    public string Text(string file) => File.ReadAllText(Path.Combine(Directory, file));

    public static ScriptedTextGenerator Judge() => ScriptedTextGenerator.Permissive();

    public void Dispose() => temp.Dispose();
}

/// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool), so a test can act at an exact batch.</summary>
internal sealed class InlineProgress(Action<ProgressUpdate> onReport) : IProgress<ProgressUpdate>
{
    public void Report(ProgressUpdate value) => onReport(value);
}
