using SynthVault.Evaluation.Text;

namespace SynthVault.Llm.TextLoop;

/// <summary>The phase of the round in <see cref="LoopState.Round"/>.</summary>
internal enum LoopPhase
{
    /// <summary>Generating batches (<see cref="LoopState.NextBatch"/> is the next one).</summary>
    Generating,

    /// <summary>The review file is written; the round ends when its decisions are applied.</summary>
    AwaitingReview,

    /// <summary>The run stopped (target reached, rounds done, or mode collapse).</summary>
    Finished,
}

/// <summary>What one round has counted so far; checkpointed with the batch that produced it.</summary>
internal sealed class RoundCounters
{
    public int Round { get; set; }

    public int Quota { get; set; }

    public int Batches { get; set; }

    public int Candidates { get; set; }

    public int Accepted { get; set; }

    public SortedDictionary<string, int> RejectedByReason { get; set; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> RejectedPii { get; set; } = new(StringComparer.Ordinal);

    public int GenerationCalls { get; set; }

    public long PromptTokens { get; set; }

    public long OutputTokens { get; set; }

    public int JudgeCalls { get; set; }

    public long JudgePromptTokens { get; set; }

    public long JudgeOutputTokens { get; set; }

    public int ReviewItems { get; set; }

    public bool ReviewApplied { get; set; }

    public int Approved { get; set; }

    public int Edited { get; set; }

    public int ReviewRejected { get; set; }

    public int HumanDecisions { get; set; }

    public double ReviewSeconds { get; set; }

    public int AutoApproved { get; set; }

    public TextRoundSummary? Summary { get; set; }

    public void Reject(string reason) => RejectedByReason[reason] = RejectedByReason.GetValueOrDefault(reason) + 1;
}

/// <summary>
/// state.json: where the loop is. Written atomically after every batch together with the counters that batch
/// changed, so that the counters always describe exactly the lines of accepted.jsonl and rejected.jsonl whose
/// (round, batch) lies before (<see cref="Round"/>, <see cref="NextBatch"/>); lines past it are from a batch that
/// was cut short and are dropped on resume, and that batch is generated again with the same seeds.
/// </summary>
internal sealed class LoopState
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    /// <summary>SHA-256 of the seeds as read (ids, texts, labels, fields): a resumed run must start from the same seeds.</summary>
    public string SeedFingerprint { get; set; } = "";

    /// <summary>The options that decide what is generated; a resumed run must use the same.</summary>
    public SortedDictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The run's real evaluation set: its source, size and the hashes later runs check their seeds against.</summary>
    public EvalGuardState? EvalGuard { get; set; }

    public int Round { get; set; } = 1;

    public int NextBatch { get; set; }

    public LoopPhase Phase { get; set; } = LoopPhase.Generating;

    public List<RoundCounters> Rounds { get; set; } = [];

    public string? StopReason { get; set; }

    public List<string> Warnings { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public int? AwaitingReviewRound => Phase == LoopPhase.AwaitingReview ? Round : null;

    [System.Text.Json.Serialization.JsonIgnore]
    public RoundCounters Current => Rounds[^1];

    public static LoopState? Load(string runDirectory) => RunFolder.ReadJson<LoopState>(Path.Combine(runDirectory, RunFolder.State));

    public void Save(string runDirectory) => RunFolder.WriteJson(Path.Combine(runDirectory, RunFolder.State), this);

    /// <summary>True when a line written in (<paramref name="round"/>, <paramref name="batch"/>) is covered by this checkpoint.</summary>
    public bool Covers(int round, int batch) =>
        round < Round || (round == Round && (Phase != LoopPhase.Generating || batch < NextBatch));
}
