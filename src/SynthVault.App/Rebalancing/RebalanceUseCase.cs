using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Project;
using SynthVault.Core.Schema;
using SynthVault.IO;
using SynthVault.Synthesis.Rebalancing;

namespace SynthVault.App.Rebalancing;

/// <summary>
/// What <c>synthvault rebalance</c> was asked. Settings left null come from the project file's <c>rebalance</c>
/// section (when it names the same label), else from the defaults of <see cref="RebalanceUseCase"/>.
/// </summary>
/// <param name="DataPath">The input table (CSV, TSV or Parquet).</param>
/// <param name="OutputPath">Where the rebalanced table goes (CSV or Parquet by extension).</param>
/// <param name="ProvenancePath">The provenance sidecar; null = <see cref="RebalanceUseCase.ProvenancePathFor"/>.</param>
/// <param name="ProjectPath">A synthvault.json whose schema to use; null = the profiler's inference.</param>
/// <param name="Label">The label column.</param>
/// <param name="PositiveValue">The class to enlarge; null = the rarest.</param>
/// <param name="Ratio">The minority share wanted after rebalancing.</param>
/// <param name="Method">The generator (<see cref="MinorityGenerators.Methods"/>).</param>
/// <param name="Seed">Root seed.</param>
/// <param name="GeneratorOptions">Neighbour counts, smoothing, fit scope.</param>
public sealed record RebalanceRequest(
    string DataPath,
    string OutputPath,
    string? ProvenancePath = null,
    string? ProjectPath = null,
    string? Label = null,
    string? PositiveValue = null,
    double? Ratio = null,
    string? Method = null,
    long Seed = 0,
    MinorityGeneratorOptions? GeneratorOptions = null);

/// <summary>What <c>synthvault rebalance</c> did and where it wrote.</summary>
public sealed record RebalanceOutcome(RebalanceResult Result, string DataPath, string OutputPath, string ProvenancePath, string Label, double Ratio, long Seed);

/// <summary>What <c>synthvault rebalance-bench</c> was asked; null settings as in <see cref="RebalanceRequest"/>.</summary>
/// <param name="DataPath">The input table.</param>
/// <param name="ProjectPath">A synthvault.json whose schema to use; null = the profiler's inference.</param>
/// <param name="Label">The label column.</param>
/// <param name="Methods">Generators to compare; null = all of <see cref="MinorityGenerators.Methods"/>.</param>
/// <param name="PositiveValue">The minority class; null = the rarest.</param>
/// <param name="Ratio">Minority share of the training part after resampling.</param>
/// <param name="Seed">Root seed.</param>
/// <param name="HoldoutFraction">Share of each class held out for scoring.</param>
/// <param name="BootstrapReplicates">Bootstrap replicates for the intervals.</param>
/// <param name="DownsamplePositive">First keep only this share of positive rows (<see cref="RareClassSample"/>); null = all.</param>
/// <param name="OutputDirectory">Folder for rebalance-bench.json and rebalance-bench.html; null = write nothing.</param>
/// <param name="GeneratorOptions">Neighbour counts, smoothing, fit scope.</param>
public sealed record RebalanceBenchRequest(
    string DataPath,
    string? ProjectPath = null,
    string? Label = null,
    IReadOnlyList<string>? Methods = null,
    string? PositiveValue = null,
    double? Ratio = null,
    long Seed = 0,
    double HoldoutFraction = 0.3,
    int BootstrapReplicates = 1000,
    double? DownsamplePositive = null,
    string? OutputDirectory = null,
    MinorityGeneratorOptions? GeneratorOptions = null);

/// <summary>The benchmark result and the report files written for it (null when no folder was given).</summary>
public sealed record RebalanceBenchOutcome(RebalanceBenchResult Result, string? JsonPath, string? HtmlPath);

/// <summary>
/// <c>synthvault rebalance</c> and <c>synthvault rebalance-bench</c>: read the table, settle the schema (the project
/// file's, else the profiler's, see <see cref="RebalanceSchema"/>), run, and write the outputs atomically.
/// </summary>
public static class RebalanceUseCase
{
    /// <summary>The generator used when neither the request nor the project names one.</summary>
    public const string DefaultMethod = "cart";

    /// <summary>The target minority share used when neither the request nor the project gives one.</summary>
    public const double DefaultRatio = 0.10;

    /// <summary>The benchmark's report file names inside its output folder.</summary>
    public const string BenchJsonFile = "rebalance-bench.json";

    /// <summary>The benchmark's HTML page inside its output folder.</summary>
    public const string BenchHtmlFile = "rebalance-bench.html";

    /// <summary>The default provenance sidecar of an output file: <c>balanced.csv</c> → <c>balanced.provenance.csv</c>.</summary>
    public static string ProvenancePathFor(string outputPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        return Path.ChangeExtension(outputPath, null) + ".provenance.csv";
    }

    /// <summary>
    /// Rebalances the table and writes it (original rows unchanged and in order, then the generated rows) and the
    /// provenance sidecar (one line per output row: <c>row, is_synthetic, method, parent_a, parent_b, gap</c>;
    /// parents are 0-based rows of the input). Nothing is written when anything fails before the output.
    /// </summary>
    public static RebalanceOutcome Rebalance(RebalanceRequest request, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = request.ProjectPath is null ? null : ProjectFiles.Load(request.ProjectPath);
        var settings = Settle(project, request.Label, request.PositiveValue, request.Ratio, request.Method);
        var provenancePath = request.ProvenancePath ?? ProvenancePathFor(request.OutputPath);
        CheckOutputs(request.DataPath, request.OutputPath, provenancePath);
        var generator = MinorityGenerators.Create(settings.Method, request.GeneratorOptions);
        var dataset = DatasetFiles.Load(request.DataPath, progress, cancellationToken);
        var schema = Schema(dataset, project, request.ProjectPath, settings.Label, progress, cancellationToken);
        var options = new RebalanceOptions(settings.Label, settings.Ratio, settings.Positive, request.Seed);
        var result = WithFile(request.DataPath, () => Rebalancer.Rebalance(dataset.Table, schema, options, generator, progress, cancellationToken));

        // The sidecar first: if the table cannot be written, the sidecar written for it is removed again.
        TableFile.Write(result.Provenance, provenancePath, cancellationToken: cancellationToken);
        try
        {
            TableFile.Write(result.Combined, request.OutputPath, cancellationToken: cancellationToken);
        }
        catch
        {
            File.Delete(provenancePath);
            throw;
        }

        return new RebalanceOutcome(result, request.DataPath, request.OutputPath, provenancePath, settings.Label, settings.Ratio, request.Seed);
    }

    /// <summary>Runs the benchmark (<see cref="RebalanceBenchmark"/>) and, when a folder is given, writes its JSON and HTML reports there.</summary>
    public static RebalanceBenchOutcome Bench(RebalanceBenchRequest request, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = request.ProjectPath is null ? null : ProjectFiles.Load(request.ProjectPath);
        var settings = Settle(project, request.Label, request.PositiveValue, request.Ratio, method: null);
        var methods = request.Methods is { Count: > 0 } m ? m : MinorityGenerators.Methods;
        var generators = RebalanceBenchmark.Generators(methods, request.GeneratorOptions);
        var dataset = DatasetFiles.Load(request.DataPath, progress, cancellationToken);
        var table = dataset.Table;
        if (request.DownsamplePositive is { } share)
        {
            table = WithFile(request.DataPath, () =>
            {
                var positive = LabelValues.ResolvePositive(LabelValues.LabelColumn(table, settings.Label), settings.Positive, request.DataPath);
                return RareClassSample.Take(table, settings.Label, positive, share, request.Seed);
            });
        }

        var schema = Schema(dataset with { Table = table }, project, request.ProjectPath, settings.Label, progress, cancellationToken);
        var options = new RebalanceBenchOptions(settings.Label, [.. methods], settings.Positive, settings.Ratio, request.Seed, request.HoldoutFraction, request.BootstrapReplicates);
        var result = WithFile(request.DataPath, () => RebalanceBenchmark.Run(table, schema, options, generators, progress, cancellationToken));
        if (request.OutputDirectory is null)
        {
            return new RebalanceBenchOutcome(result, null, null);
        }

        var (json, html) = WriteBenchReports(result, request.OutputDirectory, BenchJsonFile, BenchHtmlFile);
        return new RebalanceBenchOutcome(result, json, html);
    }

    /// <summary>Writes the benchmark's JSON and HTML page into <paramref name="directory"/> (created if missing), each atomically.</summary>
    public static (string JsonPath, string HtmlPath) WriteBenchReports(RebalanceBenchResult result, string directory, string jsonFile, string htmlFile)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SynthVaultException($"The report folder cannot be created: {e.Message}", directory, inner: e);
        }

        var json = Path.Combine(directory, jsonFile);
        var html = Path.Combine(directory, htmlFile);
        AtomicFile.WriteAllText(json, RebalanceBenchReport.ToJson(result));
        AtomicFile.WriteAllText(html, RebalanceBenchReport.ToHtmlPage(result));
        return (json, html);
    }

    private sealed record Settings(string Label, string? Positive, double Ratio, string Method);

    // The request wins; the project's rebalance section fills the gaps when it is about the same label.
    private static Settings Settle(SynthVaultProject? project, string? label, string? positive, double? ratio, string? method)
    {
        var section = project?.Rebalance;
        var resolvedLabel = label ?? section?.Label ?? throw new SynthVaultException(
            "No label column was given.", hint: "Name the class column with --label (e.g. --label is_fraud), or add a rebalance section to the project file.");
        var same = section is not null && section.Label == resolvedLabel;
        return new Settings(
            resolvedLabel,
            positive ?? (same ? section!.Positive : null),
            ratio ?? (same ? section!.Ratio : DefaultRatio),
            method ?? (same ? section!.Method.ToString().ToLowerInvariant() : DefaultMethod));
    }

    private static TableSchema Schema(LoadedDataset dataset, SynthVaultProject? project, string? projectPath, string label, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        if (project is null)
        {
            return WithFile(dataset.Path, () => RebalanceSchema.Infer(dataset.Table, label, progress, cancellationToken));
        }

        var schema = project.ToSchema();
        schema.EnsureMatches(dataset.Table, dataset.Path);
        return WithFile(projectPath!, () => RebalanceSchema.ForLabel(schema, dataset.Table, label));
    }

    private static void CheckOutputs(string dataPath, string outputPath, string provenancePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var data = Path.GetFullPath(dataPath);
        var output = Path.GetFullPath(outputPath);
        var provenance = Path.GetFullPath(provenancePath);
        if (string.Equals(data, output, StringComparison.Ordinal) || string.Equals(data, provenance, StringComparison.Ordinal))
        {
            throw new SynthVaultException("is the input file; rebalancing never overwrites its input.", dataPath, hint: "Give --out (and --provenance) another path.");
        }

        if (string.Equals(output, provenance, StringComparison.Ordinal))
        {
            throw new SynthVaultException("was given as both the output and the provenance sidecar.", outputPath, hint: "Give --provenance another path, or leave it out.");
        }
    }

    private static T WithFile<T>(string path, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SynthVaultException e) when (e.File is null)
        {
            throw e.WithFile(path);
        }
    }
}
