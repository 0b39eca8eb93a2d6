using System.Diagnostics;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Profiling;
using SynthVault.Core.Progress;
using SynthVault.Core.Project;
using SynthVault.Core.Randomness;
using SynthVault.IO;
using SynthVault.Synthesis;

namespace SynthVault.App;

/// <summary>Settings of <c>synthvault demo</c>.</summary>
/// <param name="DataSamplesDirectory">The bundled data-samples folder.</param>
/// <param name="OutputDirectory">Where every output goes (one folder per data set).</param>
/// <param name="Seed">Root seed of the whole demo.</param>
/// <param name="Method">The synthesizer.</param>
/// <param name="HoldoutFraction">Share of real rows kept out of fitting for utility and privacy checks.</param>
public sealed record DemoOptions(string DataSamplesDirectory, string OutputDirectory, long Seed = 42, string Method = "cart", double HoldoutFraction = 0.3);

/// <summary>What the demo did with one data set.</summary>
public sealed record DemoDatasetResult(string Name, int TrainRows, int HoldoutRows, int SyntheticRows, string SyntheticPath, EvaluateOutcome Evaluation, TimeSpan Elapsed);

/// <summary>Everything the demo produced.</summary>
public sealed record DemoResult(string OutputDirectory, IReadOnlyList<DemoDatasetResult> Datasets, Rebalancing.RebalanceDemoResult Rebalance, IReadOnlyList<string> Notes);

/// <summary>
/// The main job on the bundled data: for each sample table, profile it, write its project file, split off a
/// stratified holdout, fit the synthesizer on the rest, sample as many rows, and evaluate them against both parts;
/// then benchmark rare-class rebalancing on the fraud-like sample and on Adult with its rich class at 2 %.
/// </summary>
public static class DemoUseCase
{
    /// <summary>The bundled tables the demo synthesizes: folder, file, label.</summary>
    internal static IReadOnlyList<(string Name, string RelativePath, string Label)> Tables { get; } =
    [
        ("adult", Path.Combine("adult", "adult.csv"), "income"),
        ("creditcard-fraud", Path.Combine("creditcard-fraud", "creditcard_sample.csv"), "Class"),
    ];

    public static DemoResult Run(DemoOptions options, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.DataSamplesDirectory))
        {
            throw new SynthVaultException("The data-samples folder was not found.", options.DataSamplesDirectory, hint: "Run the demo from the repository root, or pass --data <folder>.");
        }

        var streams = new SeedStreams(options.Seed);
        var results = new List<DemoDatasetResult>();
        foreach (var (name, relative, label) in Tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dataPath = Path.Combine(options.DataSamplesDirectory, relative);
            results.Add(RunOne(name, dataPath, label, options, streams.Child(name), progress, cancellationToken));
        }

        // Rare classes: the rebalancing benchmark on the fraud-like sample and on Adult with >50K at 2 %.
        var rebalance = Rebalancing.RebalanceDemo.Run(options.DataSamplesDirectory, options.OutputDirectory, unchecked((long)streams.DeriveSeed("rebalance")), progress, cancellationToken);

        var notes = new List<string>();
        var models = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.DataSamplesDirectory)) ?? ".", "models");
        if (!Directory.Exists(models) || Directory.GetFiles(models, "*.gguf").Length == 0)
        {
            notes.Add($"No GGUF model in {models}: LLM text generation was skipped. Copy a GGUF model there (see models/README.md) to add it.");
        }

        return new DemoResult(options.OutputDirectory, results, rebalance, notes);
    }

    private static DemoDatasetResult RunOne(string name, string dataPath, string label, DemoOptions options, SeedStreams streams, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var outDir = Path.Combine(options.OutputDirectory, name);
        Directory.CreateDirectory(outDir);
        var dataset = DatasetFiles.Load(dataPath, progress, ct);
        var profile = Profiler.Profile(dataset.Table, progress: progress, ct: ct);
        AtomicFile.WriteAllText(Path.Combine(outDir, "profile.json"), profile.ToJson());
        var projectPath = Path.Combine(outDir, SynthVaultProject.DefaultFileName);
        var project = SynthVaultProject.FromProfile(ProjectFiles.RelativeDataPath(projectPath, dataPath), profile);
        ProjectFiles.Save(project, projectPath, overwrite: true);

        var schema = profile.ToSchema();
        var (trainRows, holdoutRows) = TableSplit.Split(dataset.Table, label, options.HoldoutFraction, streams.DeriveSeed("split"));
        var train = dataset.Table.Take(trainRows);
        var holdout = dataset.Table.Take(holdoutRows);

        var synthesizer = Synthesizers.Create(options.Method, unchecked((long)streams.DeriveSeed("fit")));
        var model = synthesizer.Fit(train, schema, progress, ct);
        var synthetic = model.Sample(train.RowCount, conditions: null, unchecked((long)streams.DeriveSeed("sample")), progress, ct);
        var syntheticPath = Path.Combine(outDir, "synthetic.csv");
        TableFile.Write(synthetic, syntheticPath, cancellationToken: ct);

        var evaluation = EvaluateUseCase.Evaluate(train, synthetic, holdout, schema, label, outDir, unchecked((long)streams.DeriveSeed("evaluate")),
            (Path.GetFileName(dataPath) + " (train part)", "synthetic.csv", Path.GetFileName(dataPath) + " (holdout part)"), progress, ct);
        return new DemoDatasetResult(name, train.RowCount, holdout.RowCount, synthetic.RowCount, syntheticPath, evaluation, clock.Elapsed);
    }
}
