using SynthVault.Core.Schema;
using SynthVault.Evaluation.Fidelity;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Utility;

namespace SynthVault.Evaluation.Reporting;

/// <summary>The outcome of one section against its documented thresholds.</summary>
public enum Verdict
{
    /// <summary>Meets the pass threshold.</summary>
    Pass,

    /// <summary>Between the pass and the fail thresholds: usable with care.</summary>
    Warn,

    /// <summary>Beyond the fail threshold.</summary>
    Fail,

    /// <summary>Not evaluated (no label, no holdout, one class…); the sentence says why.</summary>
    Skipped,
}

/// <summary>A section's verdict in plain language, with the number and the threshold it was judged by.</summary>
/// <param name="Section">"fidelity", "utility", "discriminator" or "privacy".</param>
/// <param name="Outcome">Pass, warn, fail or skipped.</param>
/// <param name="Summary">One plain-language sentence for a reader who is not a statistician.</param>
/// <param name="Metric">The number judged (e.g. "qualityScore").</param>
/// <param name="Value">Its value (NaN when skipped).</param>
/// <param name="Threshold">The rule applied, e.g. "pass ≥ 0.90, warn ≥ 0.80".</param>
public sealed record SectionVerdict(string Section, Verdict Outcome, string Summary, string Metric, double Value, string Threshold);

/// <summary>One input table: its role, the name the user gave it, and its size. No values.</summary>
public sealed record InputSummary(string Role, string Name, int Rows, int Columns);

/// <summary>One schema column as the report treats it. Names and kinds only, never values.</summary>
public sealed record ColumnSummary(string Name, ColumnKind Kind, PiiKind Pii, ColumnRole Role, bool Scored, string? ExclusionReason);

/// <summary>Where a report comes from: tool, time, seed, inputs and columns.</summary>
public sealed record ReportMetadata(
    string Tool,
    string ToolVersion,
    int ReportVersion,
    DateTimeOffset GeneratedAtUtc,
    long Seed,
    string? Label,
    IReadOnlyList<InputSummary> Inputs,
    IReadOnlyList<ColumnSummary> Columns);

/// <summary>
/// Everything one evaluation found, as written to report.json (keys documented in REPORT.md) and report.html.
/// Sections that did not run are null and their verdict says why.
/// </summary>
public sealed record EvaluationReport(
    ReportMetadata Metadata,
    FidelityResult Fidelity,
    UtilityResult? Utility,
    DiscriminatorResult? Discriminator,
    PrivacySection? Privacy,
    IReadOnlyList<SectionVerdict> Verdicts,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Bumped when a key of report.json changes meaning or disappears.</summary>
    public const int CurrentReportVersion = 1;
}
