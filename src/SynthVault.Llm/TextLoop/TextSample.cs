using System.Text.Json.Serialization;

namespace SynthVault.Llm.TextLoop;

/// <summary>One check of the critic on one candidate.</summary>
/// <param name="Check">"schema", "pii", "exact-duplicate", "near-duplicate", "judge".</param>
/// <param name="Passed">Whether the candidate passed.</param>
/// <param name="Detail">Why (a duplicate's id and similarity, the judge's score and reason, the PII kinds); never a PII value.</param>
public sealed record CheckOutcome(string Check, bool Passed, string? Detail);

/// <summary>Where a generated sample came from, enough to regenerate it.</summary>
/// <param name="RequestSeed">Sampler seed of the request.</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="TopP">Nucleus top-p.</param>
/// <param name="Examples">Ids of the seeds and approved samples shown in the prompt.</param>
public sealed record SampleProvenance(uint RequestSeed, float Temperature, float TopP, IReadOnlyList<string> Examples);

/// <summary>A candidate the critic accepted: one line of accepted.jsonl.</summary>
/// <param name="Id">"r{round}-b{batch}-q{request}-v{variation}": derived from its position, so a redone batch gives the same ids.</param>
/// <param name="Round">Round, from 1.</param>
/// <param name="Batch">Batch within the round, from 0.</param>
/// <param name="Text">The generated text.</param>
/// <param name="Label">The label it was asked for (null for unlabelled sets).</param>
/// <param name="Fields">The attribute values it was asked for.</param>
/// <param name="JudgeScore">The judge's score (1–5), or null without a judge.</param>
/// <param name="JudgeReason">The judge's reason.</param>
/// <param name="Checks">Every check it passed, in order.</param>
/// <param name="Provenance">How it was generated.</param>
/// <param name="Split">"eval-only" for a hard case kept out of training, "train" for one sent to training; absent for ordinary samples.</param>
/// <param name="HardKind">The hard-case kind asked for (hard mode); absent otherwise.</param>
/// <param name="Contrast">The class a hard case is set against; absent otherwise.</param>
public sealed record AcceptedSample(
    string Id,
    int Round,
    int Batch,
    string Text,
    string? Label,
    IReadOnlyDictionary<string, string> Fields,
    int? JudgeScore,
    string? JudgeReason,
    IReadOnlyList<CheckOutcome> Checks,
    SampleProvenance Provenance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Split = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HardKind = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Contrast = null);

/// <summary>A candidate the critic rejected: one line of rejected.jsonl. Text with personal data is stored redacted.</summary>
/// <param name="Id">As for <see cref="AcceptedSample.Id"/>; "…-v*" when a whole response failed to parse.</param>
/// <param name="Round">Round, from 1.</param>
/// <param name="Batch">Batch within the round.</param>
/// <param name="Text">The text (personal data replaced by placeholders).</param>
/// <param name="Reason">The first failing check.</param>
/// <param name="Checks">Every check run, the failing one last.</param>
public sealed record RejectedSample(string Id, int Round, int Batch, string Text, string Reason, IReadOnlyList<CheckOutcome> Checks);

/// <summary>A kept sample of the final output (samples.jsonl): accepted, not rejected in review, edits applied.</summary>
/// <param name="Id">Sample id.</param>
/// <param name="Round">Round it was generated in.</param>
/// <param name="Text">Text (the reviewer's edit when there was one).</param>
/// <param name="Label">Label.</param>
/// <param name="Fields">Attribute values.</param>
/// <param name="JudgeScore">Judge score.</param>
/// <param name="Review">"approved", "edited", "auto-approved" or null when not sampled for review.</param>
/// <param name="Split">"eval-only" for a hard case (hard-cases.jsonl), "train" for one sent to training; absent for ordinary samples.</param>
/// <param name="HardKind">The hard-case kind; absent for ordinary samples.</param>
/// <param name="Contrast">The class a hard case is set against; absent for ordinary samples.</param>
public sealed record OutputSample(
    string Id,
    int Round,
    string Text,
    string? Label,
    IReadOnlyDictionary<string, string> Fields,
    int? JudgeScore,
    string? Review,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Split = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HardKind = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Contrast = null);

/// <summary>
/// A real row of the seed file as the run folder keeps it (seeds-train.jsonl, eval.jsonl): scrubbed like every seed
/// text that reaches a prompt, so no real personal value is written; the real text stays only in the user's file.
/// </summary>
/// <param name="Id">The row's id.</param>
/// <param name="Row">The data row (or JSON Lines line) in its file; null when unknown.</param>
/// <param name="Split">"train" (a seed) or "eval" (held out).</param>
/// <param name="Text">The text with personal data replaced by placeholders.</param>
/// <param name="Label">Its label.</param>
/// <param name="Fields">Its other fields, scrubbed.</param>
public sealed record RealRowLine(string Id, int? Row, string Split, string Text, string? Label, IReadOnlyDictionary<string, string> Fields);
