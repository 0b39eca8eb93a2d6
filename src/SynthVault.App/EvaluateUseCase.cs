using SynthVault.Core.Data;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Reporting;
using SynthVault.IO;

namespace SynthVault.App;

/// <summary>What <c>synthvault evaluate</c> compares and where it writes the report.</summary>
/// <param name="RealPath">The real rows the synthesizer was fitted on.</param>
/// <param name="SyntheticPath">The synthetic rows.</param>
/// <param name="HoldoutPath">Real rows the synthesizer never saw (for utility and privacy), or null.</param>
/// <param name="Label">The label column for utility, or null for the schema's label.</param>
/// <param name="ProjectPath">A project file whose schema to use, or null to infer one from the real rows.</param>
/// <param name="OutputDirectory">Where report.json and report.html go.</param>
/// <param name="Seed">Root seed of the models, folds and bootstrap.</param>
public sealed record EvaluateRequest(
    string RealPath,
    string SyntheticPath,
    string? HoldoutPath,
    string? Label,
    string? ProjectPath,
    string OutputDirectory,
    long Seed = 42);

/// <summary>The report and where its files are.</summary>
public sealed record EvaluateOutcome(EvaluationReport Report, string JsonPath, string HtmlPath);

/// <summary>Fidelity, utility, discriminator and privacy of a synthetic table, written as report.json and report.html.</summary>
public static class EvaluateUseCase
{
    public static EvaluateOutcome Run(EvaluateRequest request, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var real = DatasetFiles.Load(request.RealPath, progress, cancellationToken);
        var schema = SchemaResolver.Resolve(real, request.ProjectPath, progress, cancellationToken);

        // The other tables are read with the real table's storage types: a synthetic column can look different on
        // its own (a text column the LLM step left empty reads as nothing but nulls) and must not change kind.
        var types = schema.Columns.ToDictionary(c => c.Name, c => c.DataType, StringComparer.Ordinal);
        var synthetic = ReadLike(request.SyntheticPath, types, progress, cancellationToken);
        var holdout = request.HoldoutPath is null ? null : ReadLike(request.HoldoutPath, types, progress, cancellationToken);
        return Evaluate(real.Table, synthetic, holdout, schema, request.Label, request.OutputDirectory, request.Seed,
            (Path.GetFileName(request.RealPath), Path.GetFileName(request.SyntheticPath), request.HoldoutPath is null ? "holdout" : Path.GetFileName(request.HoldoutPath)),
            progress, cancellationToken);
    }

    /// <summary>Evaluates tables already in memory (the demo and <c>synthvault run</c>).</summary>
    public static EvaluateOutcome Evaluate(
        Table train,
        Table synthetic,
        Table? holdout,
        TableSchema schema,
        string? label,
        string outputDirectory,
        long seed,
        (string Train, string Synthetic, string Holdout) names,
        IProgress<ProgressUpdate>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var inputs = new EvaluationInputs(train, synthetic, schema, holdout, label, names.Train, names.Synthetic, names.Holdout);
        var options = new EvaluationOptions(Seed: seed, PrivacyAuditor: new StandardPrivacyAuditor());
        var report = Evaluator.Run(inputs, options, progress, cancellationToken);
        var (json, html) = ReportWriter.WriteFiles(report, train, synthetic, schema, outputDirectory);
        return new EvaluateOutcome(report, json, html);
    }

    private static Table ReadLike(string path, IReadOnlyDictionary<string, DataType> types, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken) =>
        TableFile.Read(path, new TableReadOptions { ColumnTypes = types }, progress, cancellationToken).Table;
}
