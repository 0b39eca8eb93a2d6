using System.Globalization;
using SynthVault.Core.Errors;

namespace SynthVault.Llm.TextLoop;

/// <summary>How samples chosen for review are decided.</summary>
public enum ReviewMode
{
    /// <summary>A person decides: the run writes review-round-N.jsonl and stops until the decisions file is complete.</summary>
    File,

    /// <summary>Every sampled item is approved without a person (demos and tests); recorded as not human-reviewed.</summary>
    AutoApprove,
}

/// <summary>What a run generates.</summary>
public enum TextLoopMode
{
    /// <summary>Training data: variations of the seeds, written to samples.jsonl.</summary>
    Grow,

    /// <summary>
    /// Hard and edge cases for evaluation (boundary between two classes, ambiguous phrasing, rare sub-types,
    /// misspellings, code-switching; prompt injection and jailbreaks with <see cref="TextLoopOptions.Adversarial"/>),
    /// tagged eval-only and written to hard-cases.jsonl.
    /// </summary>
    Hard,
}

/// <summary>
/// Settings of the seed → generate → critic → review loop. The defaults follow the issue: 4 rounds, 10 % review,
/// 4 requests per batch of 4 variations each, near duplicates at shingle Jaccard ≥ 0.7, judge score ≥ 3 of 5.
/// </summary>
public sealed record TextLoopOptions
{
    /// <summary>Accepted samples wanted in total (over all rounds).</summary>
    public int Target { get; init; } = 1000;

    /// <summary>Rounds; each gets an equal share of what is still missing.</summary>
    public int Rounds { get; init; } = 4;

    /// <summary>Share of each round's accepted samples sent to review (0 to 1; the issue recommends 0.05 to 0.1).</summary>
    public double ReviewFraction { get; init; } = 0.1;

    /// <summary>Who decides the review sample.</summary>
    public ReviewMode ReviewMode { get; init; } = ReviewMode.File;

    /// <summary>Generation requests decoded together in one batch (one checkpoint per batch).</summary>
    public int RequestsPerBatch { get; init; } = 4;

    /// <summary>Variations each request asks for.</summary>
    public int VariationsPerRequest { get; init; } = 4;

    /// <summary>Seed examples shown in each prompt.</summary>
    public int ExamplesPerPrompt { get; init; } = 3;

    /// <summary>Fields crossed with the label into the attribute grid; every combination gets an equal share of requests.</summary>
    public IReadOnlyList<string> GridAttributes { get; init; } = [];

    /// <summary>What the texts are, for the prompts (e.g. "customer support tickets"); null says "examples".</summary>
    public string? Domain { get; init; }

    /// <summary>Shingle Jaccard at or above which a candidate is a near duplicate of a seed, an accepted sample or a batch mate.</summary>
    public double NearDuplicateThreshold { get; init; } = 0.7;

    /// <summary>Character shingle length for near duplicates.</summary>
    public int ShingleSize { get; init; } = 5;

    /// <summary>Lowest judge score (1–5) accepted.</summary>
    public int MinJudgeScore { get; init; } = 3;

    /// <summary>Reject when the judge says the text does not fit its label (labelled sets only).</summary>
    public bool RequireLabelFit { get; init; } = true;

    /// <summary>Also reject any web address (the recognizers otherwise let invented URLs through; real ones are always rejected).</summary>
    public bool RejectUrls { get; init; }

    /// <summary>Stop when a round's distinct-2 is below the seeds' by more than this share (mode collapse).</summary>
    public double CollapseMargin { get; init; } = 0.3;

    /// <summary>Fewest texts a round needs before its diversity is compared with the seeds'.</summary>
    public int MinTextsForCollapseCheck { get; init; } = 10;

    /// <summary>Lowest sampling temperature; each request draws one in [min, max].</summary>
    public float MinTemperature { get; init; } = 0.7f;

    /// <summary>Highest sampling temperature.</summary>
    public float MaxTemperature { get; init; } = 1.1f;

    /// <summary>Lowest top-p; each request draws one in [min, max].</summary>
    public float MinTopP { get; init; } = 0.85f;

    /// <summary>Highest top-p.</summary>
    public float MaxTopP { get; init; } = 0.98f;

    /// <summary>Token limit of one generation request (all its variations).</summary>
    public int MaxTokens { get; init; } = 1024;

    /// <summary>Token limit of one judgement.</summary>
    public int JudgeMaxTokens { get; init; } = 128;

    /// <summary>Shortest text accepted (characters).</summary>
    public int MinChars { get; init; } = 10;

    /// <summary>Longest text accepted (characters).</summary>
    public int MaxChars { get; init; } = 600;

    /// <summary>A round gives up after this many candidates per sample of its quota (low acceptance must not loop forever).</summary>
    public int MaxCandidatesPerSample { get; init; } = 20;

    /// <summary>
    /// Share of each class held out of a labelled seed set as the real evaluation set (eval.jsonl), never shown to a
    /// model; at least <see cref="EvalGuard.MinEvalPerClass"/> per class. 0 holds nothing out (no downstream check).
    /// Ignored when an evaluation file is given.
    /// </summary>
    public double EvalFraction { get; init; } = 0.3;

    /// <summary>
    /// Shingle Jaccard at or above which a candidate is a near copy of a real evaluation row (reason
    /// <c>near-copy-of-eval</c>). Lower than the duplicate threshold on purpose: 0.5 is the report's near-copy line.
    /// </summary>
    public double EvalCopyThreshold { get; init; } = 0.5;

    /// <summary>Training variations (the default) or hard cases for evaluation.</summary>
    public TextLoopMode Mode { get; init; } = TextLoopMode.Grow;

    /// <summary>The classes whose boundary hard cases probe (at least two labels of the seeds); empty takes every label.</summary>
    public IReadOnlyList<string> HardClasses { get; init; } = [];

    /// <summary>Also ask for prompt-injection and jailbreak-style inputs (hard mode; for teams testing an LLM application).</summary>
    public bool Adversarial { get; init; }

    /// <summary>Hard cases go to the training output (samples.jsonl) and the example pool instead of hard-cases.jsonl.</summary>
    public bool HardIntoTraining { get; init; }

    /// <summary>Root seed: every request, sample and split derives its own seed from it.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Candidates asked for per batch.</summary>
    public int CandidatesPerBatch => RequestsPerBatch * VariationsPerRequest;

    /// <summary>Throws a <see cref="SynthVaultException"/> naming the first option out of range (with its CLI name).</summary>
    public void Validate()
    {
        Check(Target >= 1, "--target", Target, "at least 1");
        Check(Rounds is >= 1 and <= 20, "--rounds", Rounds, "between 1 and 20");
        Check(ReviewFraction is >= 0 and <= 1, "--review", ReviewFraction, "between 0 and 1");
        Check(RequestsPerBatch is >= 1 and <= 64, "--batch", RequestsPerBatch, "between 1 and 64");
        Check(VariationsPerRequest is >= 1 and <= 16, "--variations", VariationsPerRequest, "between 1 and 16");
        Check(ExamplesPerPrompt is >= 0 and <= 20, "--examples", ExamplesPerPrompt, "between 0 and 20");
        Check(NearDuplicateThreshold is > 0 and <= 1, "--near-duplicate", NearDuplicateThreshold, "in (0, 1]");
        Check(ShingleSize is >= 1 and <= 20, "--shingle", ShingleSize, "between 1 and 20");
        Check(MinJudgeScore is >= 1 and <= 5, "--min-score", MinJudgeScore, "between 1 and 5");
        Check(CollapseMargin is >= 0 and < 1, "--collapse-margin", CollapseMargin, "in [0, 1)");
        Check(MinTextsForCollapseCheck >= 2, "--collapse-min-texts", MinTextsForCollapseCheck, "at least 2");
        Check(MinTemperature is >= 0 and <= 5 && MaxTemperature >= MinTemperature && MaxTemperature <= 5, "--temperature", MinTemperature, "a range within [0, 5] with min ≤ max");
        Check(MinTopP is > 0 and <= 1 && MaxTopP >= MinTopP && MaxTopP <= 1, "--top-p", MinTopP, "a range within (0, 1] with min ≤ max");
        Check(MaxTokens >= 16, "--max-tokens", MaxTokens, "at least 16");
        Check(JudgeMaxTokens >= 16, "--judge-max-tokens", JudgeMaxTokens, "at least 16");
        Check(MinChars >= 1, "--min-chars", MinChars, "at least 1");
        Check(MaxChars >= MinChars, "--max-chars", MaxChars, "at least --min-chars");
        Check(MaxCandidatesPerSample >= 1, "--max-candidates-per-sample", MaxCandidatesPerSample, "at least 1");
        Check(EvalFraction is >= 0 and <= 0.9, "--eval-fraction", EvalFraction, "between 0 and 0.9 (0 holds out nothing)");
        Check(EvalCopyThreshold is > 0 and <= 1, "--eval-copy", EvalCopyThreshold, "in (0, 1]");
        if (Mode != TextLoopMode.Hard)
        {
            var hardOnly = HardClasses.Count > 0 ? "--classes" : Adversarial ? "--adversarial" : HardIntoTraining ? "--hard-into-training" : null;
            if (hardOnly is not null)
            {
                throw new SynthVaultException($"{hardOnly} is for hard cases only.", hint: "Add --mode hard.");
            }
        }
        else if (GridAttributes.Count > 0)
        {
            throw new SynthVaultException("--grid is not used with --mode hard: hard cases are asked for per class pair and kind.", hint: "Leave --grid out, or grow training data without --mode hard.");
        }
    }

    private static void Check(bool ok, string option, IFormattable value, string range)
    {
        if (!ok)
        {
            throw new SynthVaultException($"{option} is {value.ToString(null, CultureInfo.InvariantCulture)}; it must be {range}.");
        }
    }
}
