using System.Globalization;
using System.Reflection;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Fidelity;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Utility;

namespace SynthVault.Evaluation.Reporting;

/// <summary>What a privacy audit receives: the training rows, the holdout, the synthetic rows and the schema.</summary>
public sealed record PrivacyAuditRequest(Table Train, Table Holdout, Table Synthetic, TableSchema Schema, string? Label, long Seed);

/// <summary>Fills the report's privacy section (the memorisation and attack metrics of DESIGN §7).</summary>
public interface IPrivacyAuditor
{
    /// <summary>Audits the synthetic rows against training and holdout rows.</summary>
    PrivacySection Audit(PrivacyAuditRequest request, IProgress<ProgressUpdate>? progress, CancellationToken ct);
}

/// <summary>An <see cref="IPrivacyAuditor"/> from a function, for callers that already have one.</summary>
public sealed class DelegatePrivacyAuditor(Func<PrivacyAuditRequest, CancellationToken, PrivacySection> audit) : IPrivacyAuditor
{
    /// <inheritdoc/>
    public PrivacySection Audit(PrivacyAuditRequest request, IProgress<ProgressUpdate>? progress, CancellationToken ct) => audit(request, ct);
}

/// <summary>The tables of one evaluation and the names to show for them (file names, never contents).</summary>
/// <param name="Train">The real rows the synthesizer was fitted on.</param>
/// <param name="Synthetic">The synthetic rows.</param>
/// <param name="Schema">The schema of the real table.</param>
/// <param name="Holdout">Real rows the synthesizer never saw; needed for utility and privacy.</param>
/// <param name="Label">The label for utility; the schema's Label column when null.</param>
/// <param name="TrainName">How the report names the training table.</param>
/// <param name="SyntheticName">How the report names the synthetic table.</param>
/// <param name="HoldoutName">How the report names the holdout.</param>
public sealed record EvaluationInputs(
    Table Train,
    Table Synthetic,
    TableSchema Schema,
    Table? Holdout = null,
    string? Label = null,
    string TrainName = "train",
    string SyntheticName = "synthetic",
    string HoldoutName = "holdout");

/// <summary>Settings of a whole evaluation.</summary>
/// <param name="Seed">Root seed: the models, folds and bootstrap draw from named streams of it.</param>
/// <param name="Fidelity">Fidelity settings (defaults: SDMetrics 0.29, every pair counted).</param>
/// <param name="Utility">Model settings of the utility and discriminator sections.</param>
/// <param name="RunUtility">Run TSTR/TRTR when there is a label and a holdout.</param>
/// <param name="RunDiscriminator">Run the real-vs-synthetic classifier.</param>
/// <param name="DiscriminatorFolds">Cross-validation folds of the discriminator.</param>
/// <param name="DiscriminatorMaxRows">Rows per table the discriminator uses at most (seeded sample).</param>
/// <param name="Thresholds">Verdict thresholds.</param>
/// <param name="PrivacyAuditor">Fills the privacy section when there is a holdout; none when null.</param>
/// <param name="Clock">Source of the report's timestamp (tests pass a fixed one).</param>
public sealed record EvaluationOptions(
    long Seed = 42,
    FidelityOptions? Fidelity = null,
    UtilityOptions? Utility = null,
    bool RunUtility = true,
    bool RunDiscriminator = true,
    int DiscriminatorFolds = 3,
    int DiscriminatorMaxRows = 10_000,
    EvaluationThresholds? Thresholds = null,
    IPrivacyAuditor? PrivacyAuditor = null,
    TimeProvider? Clock = null)
{
    /// <summary>The defaults.</summary>
    public static EvaluationOptions Default { get; } = new();
}

/// <summary>
/// Runs every evaluation section and assembles the report: fidelity always; utility when there is a label and a
/// holdout; the discriminator unless turned off; privacy when an auditor and a holdout are given. Problems with
/// the inputs throw <see cref="SynthVaultException"/> before any model runs; a section that cannot be computed
/// (one class, no holdout) is reported as skipped with the reason.
/// </summary>
public static class Evaluator
{
    /// <summary>Runs the evaluation.</summary>
    public static EvaluationReport Run(EvaluationInputs inputs, EvaluationOptions? options = null, IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= EvaluationOptions.Default;
        var thresholds = options.Thresholds ?? EvaluationThresholds.Default;
        var schema = inputs.Schema;
        EvaluationScope.Validate(inputs.Train, inputs.Synthetic, schema, inputs.TrainName, inputs.SyntheticName);
        if (inputs.Holdout is { } h)
        {
            if (h.RowCount == 0)
            {
                throw new SynthVaultException("The holdout table has no rows.", file: inputs.HoldoutName, hint: "Keep some real rows out of training (e.g. 20 %) for utility and privacy checks, or leave the holdout out.");
            }

            EvaluationScope.Validate(inputs.Train, h, schema, inputs.TrainName, inputs.HoldoutName);
        }

        var label = inputs.Label ?? schema.Label?.Name;
        var utilityOptions = (options.Utility ?? UtilityOptions.Default) with { Seed = options.Seed };
        var warnings = new List<string>();
        const int stages = 4;
        var stage = 0;

        void Report(string name, string message) => progress?.Report(new ProgressUpdate(name, stage++, stages, message));

        Report("fidelity", "Comparing column shapes and pair trends");
        var fidelity = FidelityEvaluator.Evaluate(inputs.Train, inputs.Synthetic, schema, options.Fidelity, ct);
        warnings.AddRange(fidelity.Warnings);

        if (inputs.Holdout is { RowCount: < UtilityEvaluator.SmallHoldoutRows } small)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"The holdout has only {small.RowCount} rows (fewer than {UtilityEvaluator.SmallHoldoutRows}): intervals are wide, read utility and privacy numbers with care."));
        }

        Report("utility", "Training models on real and on synthetic rows");
        UtilityResult? utility = null;
        string? utilitySkip = null;
        if (!options.RunUtility)
        {
            utilitySkip = "Utility was turned off.";
        }
        else if (label is null)
        {
            utilitySkip = "No label column was named, so there is nothing to predict.";
        }
        else if (inputs.Holdout is null)
        {
            utilitySkip = "No holdout was given: models must be scored on real rows that neither model trained on.";
        }
        else
        {
            utility = UtilityEvaluator.Evaluate(inputs.Train, inputs.Synthetic, inputs.Holdout, schema, label, utilityOptions, ct);
            warnings.AddRange(utility.Warnings.Where(w => !w.Contains("intervals are wide", StringComparison.Ordinal)));
        }

        Report("discriminator", "Training a real-vs-synthetic classifier");
        DiscriminatorResult? discriminator = null;
        string? discriminatorSkip = null;
        if (options.RunDiscriminator)
        {
            discriminator = DiscriminatorEvaluator.Evaluate(inputs.Train, inputs.Synthetic, schema, options.DiscriminatorFolds, options.Seed, utilityOptions, options.DiscriminatorMaxRows, ct);
        }
        else
        {
            discriminatorSkip = "The discriminator was turned off.";
        }

        Report("privacy", "Auditing memorisation");
        PrivacySection? privacy = null;
        string? privacySkip = null;
        if (options.PrivacyAuditor is null)
        {
            privacySkip = "No privacy audit was requested.";
        }
        else if (inputs.Holdout is null)
        {
            privacySkip = "No holdout was given: memorisation is measured against real rows the generator never saw.";
        }
        else
        {
            privacy = options.PrivacyAuditor.Audit(new PrivacyAuditRequest(inputs.Train, inputs.Holdout, inputs.Synthetic, schema, label, options.Seed), progress, ct);
        }

        progress?.Report(new ProgressUpdate("report", stages, stages, "Done"));
        var verdicts = new List<SectionVerdict>
        {
            thresholds.Judge(fidelity),
            thresholds.Judge(utility, utilitySkip),
            thresholds.Judge(discriminator, discriminatorSkip),
            thresholds.Judge(privacy, privacySkip),
        };

        var metadata = new ReportMetadata(
            "SynthVault",
            ToolVersion(),
            EvaluationReport.CurrentReportVersion,
            (options.Clock ?? TimeProvider.System).GetUtcNow(),
            options.Seed,
            label,
            Inputs(inputs),
            [.. schema.Columns.Select(Describe)]);
        return new EvaluationReport(metadata, fidelity, utility, discriminator, privacy, verdicts, warnings);
    }

    private static List<InputSummary> Inputs(EvaluationInputs inputs)
    {
        var list = new List<InputSummary>
        {
            new("train", inputs.TrainName, inputs.Train.RowCount, inputs.Train.ColumnCount),
            new("synthetic", inputs.SyntheticName, inputs.Synthetic.RowCount, inputs.Synthetic.ColumnCount),
        };
        if (inputs.Holdout is { } h)
        {
            list.Add(new("holdout", inputs.HoldoutName, h.RowCount, h.ColumnCount));
        }

        return list;
    }

    private static ColumnSummary Describe(ColumnSchema c)
    {
        var reason = EvaluationScope.ExclusionReason(c);
        return new ColumnSummary(c.Name, c.Kind, c.Pii, c.Role, reason is null, reason);
    }

    private static string ToolVersion() =>
        typeof(Evaluator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Evaluator).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
