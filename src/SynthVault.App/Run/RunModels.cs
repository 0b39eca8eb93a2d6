using SynthVault.Llm.Generation;

namespace SynthVault.App.Run;

/// <summary>What <c>synthvault run</c> was asked to do.</summary>
/// <param name="ProjectPath">
/// The project file (<c>synthvault.json</c>). With <paramref name="ReproduceManifestPath"/> it may be null: the
/// project recorded in the manifest is used, and its data path is resolved from the project file's recorded place.
/// </param>
/// <param name="OutputDirectory">
/// Replaces the project's <c>output.directory</c> (relative paths are taken from the current folder); the run folder
/// goes to <c>&lt;this&gt;/runs/&lt;yyyyMMdd-HHmmss&gt;-&lt;hash&gt;</c>. Null uses the project's, relative to the project file.
/// </param>
/// <param name="ReproduceManifestPath">
/// A <c>manifest.json</c> of an earlier run: re-run with exactly its recorded project, options and seeds, refuse when
/// an input file's SHA-256 differs, and compare every deterministic output's hash (<see cref="RunResult.Verification"/>).
/// </param>
public sealed record RunRequest(string? ProjectPath, string? OutputDirectory = null, string? ReproduceManifestPath = null)
{
    /// <summary>The clock that names the run folder and stamps the manifest (tests pass a fixed one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Makes the text step's generator for a model file instead of loading it with llama.cpp (tests pass a scripted
    /// generator). The model file must still exist: it is an input of the run and its hash is recorded.
    /// </summary>
    internal Func<string, ITextGenerator>? TextGeneratorFactory { get; init; }
}

/// <summary>Whether a step ran.</summary>
public enum RunStepOutcome
{
    /// <summary>The step ran to the end.</summary>
    Done,

    /// <summary>The step did not run; <see cref="RunStepResult.Detail"/> says why.</summary>
    Skipped,
}

/// <summary>One step of a run.</summary>
/// <param name="Name">The step's name: load, split, fit, sample, rebalance, text, evaluate, cost.</param>
/// <param name="Outcome">Done or skipped.</param>
/// <param name="Detail">What it did (or why it was skipped), in one line.</param>
/// <param name="Seed">The seed derived for the step (null for steps that draw nothing at random).</param>
/// <param name="Seconds">Wall time of the step.</param>
public sealed record RunStepResult(string Name, RunStepOutcome Outcome, string Detail, long? Seed, double Seconds);

/// <summary>One verdict of the evaluation report (fidelity, utility, discriminator, privacy).</summary>
/// <param name="Section">The report section.</param>
/// <param name="Outcome">pass, warn, fail or skipped.</param>
/// <param name="Metric">The number judged.</param>
/// <param name="Value">Its value (null when skipped).</param>
/// <param name="Threshold">The rule the value was judged by.</param>
/// <param name="Summary">The report's plain-language sentence.</param>
public sealed record RunVerdict(string Section, string Outcome, string Metric, double? Value, string Threshold, string Summary);

/// <summary>The comparison of one output file with the manifest being reproduced.</summary>
/// <param name="File">The file, relative to the run folder (forward slashes).</param>
/// <param name="Expected">The hash the manifest records.</param>
/// <param name="Actual">The hash of this run's file (null when this run did not write it).</param>
public sealed record RunFileCheck(string File, string Expected, string? Actual)
{
    /// <summary>True when both hashes are the same.</summary>
    public bool Matches => string.Equals(Expected, Actual, StringComparison.Ordinal);
}

/// <summary>What <c>synthvault run --reproduce</c> found.</summary>
/// <param name="ManifestPath">The manifest reproduced.</param>
/// <param name="Checked">Every deterministic output the manifest lists, with both hashes.</param>
/// <param name="Excluded">Outputs left out of the comparison, with the reason (timings, LLM text, measured speeds).</param>
public sealed record RunVerification(string ManifestPath, IReadOnlyList<RunFileCheck> Checked, IReadOnlyDictionary<string, string> Excluded)
{
    /// <summary>True when every compared file has the recorded hash.</summary>
    public bool AllMatch => Checked.All(c => c.Matches);
}

/// <summary>What a run did and where everything is.</summary>
/// <param name="RunDirectory">The finished run folder.</param>
/// <param name="ProjectPath">The project file the run used.</param>
/// <param name="Steps">Every step in order, with outcome, detail, seed and time.</param>
/// <param name="Verdicts">The evaluation's verdicts.</param>
/// <param name="Notes">What the user should know (e.g. "no GGUF model: text step skipped").</param>
/// <param name="SyntheticPath">The synthetic table.</param>
/// <param name="ReportHtmlPath">report.html.</param>
/// <param name="ReportJsonPath">report.json.</param>
/// <param name="CostPlanPath">cost-plan.html.</param>
/// <param name="ManifestPath">manifest.json.</param>
/// <param name="Seconds">Wall time of the whole run.</param>
/// <param name="Verification">With <see cref="RunRequest.ReproduceManifestPath"/>: the hash comparison; otherwise null.</param>
public sealed record RunResult(
    string RunDirectory,
    string ProjectPath,
    IReadOnlyList<RunStepResult> Steps,
    IReadOnlyList<RunVerdict> Verdicts,
    IReadOnlyList<string> Notes,
    string SyntheticPath,
    string ReportHtmlPath,
    string ReportJsonPath,
    string CostPlanPath,
    string ManifestPath,
    double Seconds,
    RunVerification? Verification);

/// <summary>The names of a run's steps, in run order (manifest keys, progress messages, <see cref="RunStepResult.Name"/>).</summary>
public static class RunSteps
{
    /// <summary>Read the data file, check it against the project's columns, profile it.</summary>
    public const string Load = "load";

    /// <summary>Split a stratified holdout off the real rows.</summary>
    public const string Split = "split";

    /// <summary>Fit the synthesizer on the rest.</summary>
    public const string Fit = "fit";

    /// <summary>Sample the synthetic rows.</summary>
    public const string Sample = "sample";

    /// <summary>Add rows of the rare class (with a rebalance section).</summary>
    public const string Rebalance = "rebalance";

    /// <summary>Fill the text column with a local model (with a text section).</summary>
    public const string Text = "text";

    /// <summary>
    /// The downstream check of the text column (with a text section and a label): a text classifier trained on the
    /// fitted part's real texts (plus the generated ones when the text step ran), scored on the holdout's real texts.
    /// </summary>
    public const string TextCheck = "text-check";

    /// <summary>Write the synthetic table and the evaluation report.</summary>
    public const string Evaluate = "evaluate";

    /// <summary>Write the cost plan.</summary>
    public const string Cost = "cost";
}
