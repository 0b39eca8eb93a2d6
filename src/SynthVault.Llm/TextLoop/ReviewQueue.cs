using System.Globalization;
using SynthVault.Core.Errors;
using SynthVault.Core.Pii;

namespace SynthVault.Llm.TextLoop;

/// <summary>What a reviewer decided about one sample.</summary>
public enum ReviewDecision
{
    /// <summary>Keep it as it is; it joins the seeds of the next rounds.</summary>
    Approve,

    /// <summary>Drop it from the output; it counts against the round's acceptance rate.</summary>
    Reject,

    /// <summary>Keep the reviewer's corrected text instead (checked by the PII gate and dedup again when the run continues).</summary>
    Edit,
}

/// <summary>One sample to review: a line of review-round-N.jsonl.</summary>
/// <param name="Id">Sample id.</param>
/// <param name="Round">Round.</param>
/// <param name="Text">The accepted text.</param>
/// <param name="Label">Its label.</param>
/// <param name="Fields">Its attribute values.</param>
/// <param name="JudgeScore">The judge's score.</param>
/// <param name="JudgeReason">The judge's reason.</param>
/// <param name="Reasons">The critic's checks as "check: detail" lines.</param>
public sealed record ReviewItem(
    string Id,
    int Round,
    string Text,
    string? Label,
    IReadOnlyDictionary<string, string> Fields,
    int? JudgeScore,
    string? JudgeReason,
    IReadOnlyList<string> Reasons);

/// <summary>One decision: a line of review-round-N.decisions.jsonl.</summary>
/// <param name="Id">Sample id.</param>
/// <param name="Decision">Approve, reject or edit.</param>
/// <param name="EditedText">The corrected text for <see cref="ReviewDecision.Edit"/>.</param>
/// <param name="SecondsSpent">Time the person spent on the item (null for automatic approval); the cost planner uses it.</param>
/// <param name="Auto">True when no person decided (<see cref="ReviewMode.AutoApprove"/>).</param>
public sealed record ReviewRecord(string Id, ReviewDecision Decision, string? EditedText, double? SecondsSpent, bool Auto = false);

/// <summary>
/// The review queue of a run folder: the items of the round that waits for review, and the decisions made so far.
/// Shared by <c>synthvault text review</c> and the TUI review screen: load it, show <see cref="Pending"/> items, call
/// <see cref="Decide"/> for each and <see cref="Save"/> after each (the file is replaced atomically, so quitting at any
/// moment loses at most the item on screen). The next <c>text grow</c> with the same folder applies the decisions.
/// </summary>
public sealed class ReviewQueue
{
    private readonly Dictionary<string, ReviewRecord> decisions = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    private ReviewQueue(string runDirectory, int round, IReadOnlyList<ReviewItem> items)
    {
        RunDirectory = runDirectory;
        Round = round;
        Items = items;
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The round whose sample this is.</summary>
    public int Round { get; }

    /// <summary>Every item of the round's review sample, in file order.</summary>
    public IReadOnlyList<ReviewItem> Items { get; }

    /// <summary>Items without a decision yet, in file order.</summary>
    public IReadOnlyList<ReviewItem> Pending => [.. Items.Where(i => !decisions.ContainsKey(i.Id))];

    /// <summary>True when every item has a decision.</summary>
    public bool IsComplete => Items.All(i => decisions.ContainsKey(i.Id));

    /// <summary>Decisions made so far, in the order they were made.</summary>
    public IReadOnlyList<ReviewRecord> Decisions => [.. order.Select(id => decisions[id])];

    /// <summary>Path of the decisions file.</summary>
    public string DecisionsPath => Path.Combine(RunDirectory, RunFolder.DecisionsFile(Round));

    /// <summary>
    /// Loads the review of the round that waits for one (from state.json), or of <paramref name="round"/> when given,
    /// with the decisions already saved.
    /// </summary>
    /// <exception cref="SynthVaultException">No run folder, or no round waits for review.</exception>
    public static ReviewQueue Load(string runDirectory, int? round = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        if (!Directory.Exists(runDirectory))
        {
            throw new SynthVaultException("the run folder does not exist.", file: runDirectory, hint: "Pass the --out folder of 'synthvault text grow'.");
        }

        var which = round ?? LoopState.Load(runDirectory)?.AwaitingReviewRound
            ?? throw new SynthVaultException("no round of this run is waiting for review.", file: runDirectory, hint: "Run 'synthvault text grow' with this --out folder; it writes a review file when a round ends.");
        var path = Path.Combine(runDirectory, RunFolder.ReviewFile(which));
        if (!File.Exists(path))
        {
            throw new SynthVaultException(string.Create(CultureInfo.InvariantCulture, $"round {which} has no review file."), file: path);
        }

        var queue = new ReviewQueue(runDirectory, which, RunFolder.ReadLines<ReviewItem>(path));
        foreach (var record in RunFolder.ReadLines<ReviewRecord>(queue.DecisionsPath))
        {
            if (queue.Items.Any(i => i.Id == record.Id))
            {
                queue.Record(record);
            }
        }

        return queue;
    }

    /// <summary>The decision on <paramref name="id"/>, or null.</summary>
    public ReviewRecord? DecisionFor(string id) => decisions.GetValueOrDefault(id);

    /// <summary>Records (or replaces) the decision on item <paramref name="id"/>. Call <see cref="Save"/> to keep it.</summary>
    /// <exception cref="SynthVaultException">Unknown id, an edit without text, or a negative time.</exception>
    public void Decide(string id, ReviewDecision decision, string? editedText, double secondsSpent)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Items.All(i => i.Id != id))
        {
            throw new SynthVaultException($"'{id}' is not an item of round {Round.ToString(CultureInfo.InvariantCulture)}'s review.");
        }

        if (decision == ReviewDecision.Edit && string.IsNullOrWhiteSpace(editedText))
        {
            throw new SynthVaultException("an edit needs the corrected text; reject the item instead to drop it.");
        }

        if (!(secondsSpent >= 0) || double.IsInfinity(secondsSpent))
        {
            throw new SynthVaultException("the time spent on an item must be 0 or more seconds.");
        }

        Record(new ReviewRecord(id, decision, decision == ReviewDecision.Edit ? editedText!.Trim() : null, secondsSpent));
    }

    /// <summary>
    /// Takes back the decision on <paramref name="id"/> (an undo), so the item is pending again; returns the withdrawn
    /// decision, or null when there was none. Call <see cref="Save"/> to keep it.
    /// </summary>
    public ReviewRecord? Withdraw(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!decisions.Remove(id, out var withdrawn))
        {
            return null;
        }

        order.Remove(id);
        return withdrawn;
    }

    /// <summary>
    /// Personal data the recognizers see in an edited text (kinds only), so a screen can warn before saving: the run
    /// rejects such an edit when it continues.
    /// </summary>
    public static IReadOnlyList<string> CheckEdit(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. PiiScanner.Find(text).Select(s => PiiKinds.Name(s.Kind)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Writes the decisions file atomically.</summary>
    public void Save() => RunFolder.Rewrite(DecisionsPath, Decisions);

    internal static ReviewQueue Create(string runDirectory, int round, IReadOnlyList<ReviewItem> items) => new(runDirectory, round, items);

    internal void Record(ReviewRecord record)
    {
        if (!decisions.ContainsKey(record.Id))
        {
            order.Add(record.Id);
        }

        decisions[record.Id] = record;
    }
}
