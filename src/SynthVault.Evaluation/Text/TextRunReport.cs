using System.Text.Json.Serialization;

namespace SynthVault.Evaluation.Text;

/// <summary>Where a text report comes from.</summary>
/// <param name="Tool">Always "SynthVault".</param>
/// <param name="ToolVersion">Version of SynthVault.Evaluation.</param>
/// <param name="ReportVersion">Version of the key layout (<see cref="TextRunReport.CurrentReportVersion"/>).</param>
/// <param name="GeneratedAtUtc">When the report was written.</param>
/// <param name="Seed">Root seed of the run.</param>
/// <param name="Mode">"grow" (a seed set grown in rounds) or "fill" (a table's text column).</param>
/// <param name="Generator">Name of the generating model or client.</param>
/// <param name="Judge">Name of the judge model or client; null when no judge ran.</param>
/// <param name="JudgeIsGenerator">True when the same model generated and judged (its judgement is weaker evidence).</param>
public sealed record TextReportMetadata(
    string Tool,
    string ToolVersion,
    int ReportVersion,
    DateTimeOffset GeneratedAtUtc,
    long Seed,
    string Mode,
    string Generator,
    string? Judge,
    bool JudgeIsGenerator);

/// <summary>The real examples the run started from. Counts only, never values.</summary>
/// <param name="Count">Real examples (seeds, or the table's non-empty texts).</param>
/// <param name="Labels">Examples per label (empty without labels).</param>
/// <param name="PiiScrubbed">Personal data replaced by placeholders before any prompt, by kind.</param>
/// <param name="LeakDictionaryEntries">Distinct real values the PII gate refuses to see again.</param>
public sealed record TextSeedSummary(int Count, IReadOnlyDictionary<string, int> Labels, IReadOnlyDictionary<string, int> PiiScrubbed, int LeakDictionaryEntries);

/// <summary>One round of the loop: the dashboard line.</summary>
/// <param name="Round">Round number, from 1.</param>
/// <param name="Candidates">Candidate texts the generator returned.</param>
/// <param name="Accepted">Candidates the critic accepted.</param>
/// <param name="RejectedByReason">Rejected candidates per first failing check (schema, exact-duplicate, near-duplicate, pii, pii-leak, judge).</param>
/// <param name="Reviewed">Accepted samples sent to review.</param>
/// <param name="Approved">Of those, approved (edited ones included).</param>
/// <param name="Edited">Of the approved, edited by the reviewer.</param>
/// <param name="ReviewRejected">Of those, rejected by the reviewer (removed from the output).</param>
/// <param name="AcceptanceRate">(Accepted − ReviewRejected) ÷ Candidates.</param>
/// <param name="Diversity">The round's kept texts, measured at <see cref="DiversitySnapshot.Count"/> texts.</param>
/// <param name="Baseline">The seeds measured at the same number of texts.</param>
/// <param name="ModeCollapse">True when distinct-2 fell below the baseline by more than the margin.</param>
public sealed record TextRoundSummary(
    int Round,
    int Candidates,
    int Accepted,
    IReadOnlyDictionary<string, int> RejectedByReason,
    int Reviewed,
    int Approved,
    int Edited,
    int ReviewRejected,
    double AcceptanceRate,
    DiversitySnapshot? Diversity,
    DiversitySnapshot? Baseline,
    bool ModeCollapse);

/// <summary>Personal data seen by the run. Counts only.</summary>
/// <param name="RejectedCandidates">Candidates the PII gate rejected, by kind ("leak:phone" for a real seed value).</param>
/// <param name="OutputFindings">Personal data the recognizers find in the final output, by kind (should be empty).</param>
/// <param name="OutputLeaks">Final output texts holding a real value from the input (should be 0).</param>
public sealed record TextPiiSummary(IReadOnlyDictionary<string, int> RejectedCandidates, IReadOnlyDictionary<string, int> OutputFindings, int OutputLeaks);

/// <summary>What people reviewed.</summary>
/// <param name="Mode">"file" (a person decides in a review file or screen), "auto-approve" (nobody looked) or "none".</param>
/// <param name="HumanReviewed">False when samples were approved without a person (auto-approve).</param>
/// <param name="Items">Items sent to review.</param>
/// <param name="Approved">Approved (edited ones included).</param>
/// <param name="Rejected">Rejected.</param>
/// <param name="Edited">Edited before approval.</param>
/// <param name="MeanSecondsPerItem">Mean time a person spent per decided item; null when nobody reviewed.</param>
public sealed record TextReviewSummary(string Mode, bool HumanReviewed, int Items, int Approved, int Rejected, int Edited, double? MeanSecondsPerItem);

/// <summary>
/// Everything a text run found, written as report.json (keys documented in docs/TEXT-LOOP.md) and report.html:
/// per-round dashboard, diversity of the output against the seeds, memorization against the real texts, personal data
/// found, and review. Never holds a real text or a personal-data value.
/// </summary>
/// <param name="Metadata">Where it comes from.</param>
/// <param name="Seeds">The real examples.</param>
/// <param name="Rounds">One line per finished round.</param>
/// <param name="Output">Number of texts in the output.</param>
/// <param name="OutputDiversity">The output measured at the seeds' size (a seeded sample), for comparison with <paramref name="SeedDiversity"/>.</param>
/// <param name="SeedDiversity">The seeds' own diversity.</param>
/// <param name="Memorization">Copies of real text in the output.</param>
/// <param name="Pii">Personal data seen.</param>
/// <param name="Review">What people reviewed.</param>
/// <param name="StopReason">Why the run stopped, in one sentence.</param>
/// <param name="Warnings">Things a reader should know (judge = generator, auto-approved review, rounds that missed their quota…).</param>
/// <param name="Downstream">The downstream classifier check on a real eval set (<see cref="TextClassifierCheck"/>); omitted from report.json when not run.</param>
/// <param name="Bias">The generator-bias report (<see cref="GeneratorBiasReport"/>); omitted from report.json when not run.</param>
public sealed record TextRunReport(
    TextReportMetadata Metadata,
    TextSeedSummary Seeds,
    IReadOnlyList<TextRoundSummary> Rounds,
    int Output,
    DiversitySnapshot? OutputDiversity,
    DiversitySnapshot? SeedDiversity,
    MemorizationResult? Memorization,
    TextPiiSummary Pii,
    TextReviewSummary Review,
    string StopReason,
    IReadOnlyList<string> Warnings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TextDownstreamResult? Downstream = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GeneratorBiasResult? Bias = null)
{
    /// <summary>Bumped when a key of report.json changes meaning or disappears.</summary>
    public const int CurrentReportVersion = 1;
}
