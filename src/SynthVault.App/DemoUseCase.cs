using System.Diagnostics;
using SynthVault.App.Rebalancing;
using SynthVault.App.Run;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;

namespace SynthVault.App;

/// <summary>Settings of <c>synthvault demo</c>.</summary>
/// <param name="DataSamplesDirectory">The bundled data-samples folder (its <c>demo/</c> folder holds the demo's project files).</param>
/// <param name="OutputDirectory">Where every output goes: one folder per project (each with its <c>runs/</c>) and <c>rebalance/</c>.</param>
/// <param name="Seed">Root seed of the rebalancing benchmark; the bundled projects carry their own seeds.</param>
public sealed record DemoOptions(string DataSamplesDirectory, string OutputDirectory, long Seed = 42);

/// <summary>One bundled project the demo ran through <see cref="RunUseCase"/>.</summary>
/// <param name="Name">The project's short name (adult, creditcard, sms).</param>
/// <param name="ProjectPath">The bundled project file.</param>
/// <param name="Result">What the run did and where its folder is.</param>
public sealed record DemoRun(string Name, string ProjectPath, RunResult Result);

/// <summary>Everything the demo produced.</summary>
/// <param name="OutputDirectory">The demo's output folder.</param>
/// <param name="Runs">The bundled projects' runs, in order.</param>
/// <param name="Rebalance">The rebalancing benchmark (every method side by side on the two rare-class cases).</param>
/// <param name="Notes">What the user should know, each prefixed with its project's name.</param>
/// <param name="Seconds">Wall time of the whole demo.</param>
public sealed record DemoResult(string OutputDirectory, IReadOnlyList<DemoRun> Runs, RebalanceDemoResult Rebalance, IReadOnlyList<string> Notes, double Seconds);

/// <summary>
/// The main job on the bundled data: each project file in <c>data-samples/demo/</c> goes through
/// <see cref="RunUseCase"/> exactly as <c>synthvault run</c> would run it — Adult census (synthesize and evaluate),
/// the card-fraud sample with its rare class rebalanced to 10 %, and the SMS texts whose text column a local GGUF
/// model fills when one is in <c>models/</c> (without one that step is skipped and said so, and the rest runs). Then
/// the rebalancing benchmark compares every method on the fraud sample and on Adult with "&gt;50K" at 2 %
/// (<see cref="RebalanceDemo"/>), which a single run does not.
/// </summary>
public static class DemoUseCase
{
    /// <summary>The folder of <see cref="DemoOptions.DataSamplesDirectory"/> that holds the demo's project files.</summary>
    public const string ProjectsFolder = "demo";

    /// <summary>The bundled projects, in the order the demo runs them: name and file.</summary>
    public static IReadOnlyList<(string Name, string File)> Projects { get; } =
    [
        ("adult", "adult.synthvault.json"),
        ("creditcard", "creditcard.synthvault.json"),
        ("sms", "sms.synthvault.json"),
    ];

    /// <summary>Runs every bundled project, then the rebalancing benchmark.</summary>
    /// <exception cref="SynthVaultException">The data-samples folder or a bundled project is missing or invalid.</exception>
    public static async Task<DemoResult> RunAsync(DemoOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.DataSamplesDirectory))
        {
            throw new SynthVaultException("The data-samples folder was not found.", options.DataSamplesDirectory, hint: "Run the demo from the repository root, or pass --data <folder>.");
        }

        var clock = Stopwatch.StartNew();
        var runs = new List<DemoRun>();
        var notes = new List<string>();
        foreach (var (name, file) in Projects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var projectPath = Path.Combine(options.DataSamplesDirectory, ProjectsFolder, file);
            var request = new RunRequest(projectPath, Path.Combine(options.OutputDirectory, name));
            var result = await RunUseCase.RunAsync(request, Prefixed(progress, name), cancellationToken).ConfigureAwait(false);
            runs.Add(new DemoRun(name, projectPath, result));
            notes.AddRange(result.Notes.Select(n => $"{name}: {n}"));
        }

        var seed = unchecked((long)new SeedStreams(options.Seed).DeriveSeed("rebalance"));
        var rebalance = await Task.Run(
            () => RebalanceDemo.Run(options.DataSamplesDirectory, options.OutputDirectory, seed, Prefixed(progress, "rebalancing benchmark"), cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return new DemoResult(options.OutputDirectory, runs, rebalance, notes, clock.Elapsed.TotalSeconds);
    }

    private static Prefix? Prefixed(IProgress<ProgressUpdate>? progress, string name) => progress is null ? null : new Prefix(progress, name);

    /// <summary>Names the part of the demo in every update's message, so one progress line says where the demo is.</summary>
    private sealed class Prefix(IProgress<ProgressUpdate> inner, string name) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            ArgumentNullException.ThrowIfNull(value);
            inner.Report(value with { Message = $"{name}: {value.Message ?? value.Stage}" });
        }
    }
}
