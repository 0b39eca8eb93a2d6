using System.Globalization;
using SynthVault.Llm.TextLoop;

namespace SynthVault.App.Text;

/// <summary>A reviewer's key press.</summary>
public enum ReviewKey
{
    /// <summary>a: keep the sample.</summary>
    Approve,

    /// <summary>r: drop it.</summary>
    Reject,

    /// <summary>e: correct its text.</summary>
    Edit,

    /// <summary>s: decide later.</summary>
    Skip,

    /// <summary>q: stop reviewing (decisions so far are saved).</summary>
    Quit,
}

/// <summary>The screen a review session talks to: the terminal (Spectre prompts), the TUI, or a test script.</summary>
public interface IReviewConsole
{
    /// <summary>Shows an item (text, label, fields, judge score and reasons) as number <paramref name="position"/> of <paramref name="total"/>.</summary>
    void Show(ReviewItem item, int position, int total);

    /// <summary>Waits for the reviewer's decision.</summary>
    ReviewKey ReadKey();

    /// <summary>Asks for the corrected text, starting from <paramref name="current"/>; null cancels the edit.</summary>
    string? ReadEdit(string current);

    /// <summary>Shows a one-line message (a warning about an edit, the summary).</summary>
    void Message(string text);
}

/// <summary>How a review session ended.</summary>
/// <param name="Decided">Items decided in this session.</param>
/// <param name="Skipped">Items skipped.</param>
/// <param name="Quit">True when the reviewer quit before the end.</param>
/// <param name="Pending">Items of the round still without a decision.</param>
public sealed record ReviewSessionResult(int Decided, int Skipped, bool Quit, int Pending);

/// <summary>
/// Walks a reviewer through the pending items of a <see cref="ReviewQueue"/>, timing each item from the moment it is
/// shown to the decision (the cost planner's review seconds per item), and saving after every decision so that
/// quitting, a closed terminal or a crash loses nothing already decided.
/// </summary>
public sealed class ReviewSession
{
    private readonly IReviewConsole console;
    private readonly TimeProvider clock;

    /// <summary>A session on <paramref name="console"/>; <paramref name="clock"/> times the items (the system clock by default).</summary>
    public ReviewSession(IReviewConsole console, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        this.console = console;
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>Reviews the pending items of <paramref name="queue"/> until they are done or the reviewer quits.</summary>
    public ReviewSessionResult Run(ReviewQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var pending = queue.Pending;
        int decided = 0, skipped = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            var item = pending[i];
            var started = clock.GetTimestamp();
            console.Show(item, i + 1, pending.Count);
            var key = console.ReadKey();
            string? edited = null;
            if (key == ReviewKey.Edit)
            {
                edited = console.ReadEdit(item.Text);
                if (string.IsNullOrWhiteSpace(edited))
                {
                    console.Message("Edit cancelled; the item is skipped.");
                    key = ReviewKey.Skip;
                }
                else if (ReviewQueue.CheckEdit(edited) is { Count: > 0 } kinds)
                {
                    console.Message($"warning: the edit contains personal data ({string.Join(", ", kinds)}); the run will drop this sample when it continues.");
                }
            }

            if (key == ReviewKey.Quit)
            {
                console.Message(string.Create(CultureInfo.InvariantCulture, $"Stopped; {decided} decisions saved, {queue.Pending.Count} items still to review."));
                return new ReviewSessionResult(decided, skipped, true, queue.Pending.Count);
            }

            if (key == ReviewKey.Skip)
            {
                skipped++;
                continue;
            }

            var decision = key switch
            {
                ReviewKey.Approve => ReviewDecision.Approve,
                ReviewKey.Reject => ReviewDecision.Reject,
                _ => ReviewDecision.Edit,
            };
            queue.Decide(item.Id, decision, edited, clock.GetElapsedTime(started).TotalSeconds);
            queue.Save();
            decided++;
        }

        var left = queue.Pending.Count;
        console.Message(left == 0
            ? string.Create(CultureInfo.InvariantCulture, $"All {queue.Items.Count} items of round {queue.Round} decided. Run the same 'synthvault text grow' command again to continue.")
            : string.Create(CultureInfo.InvariantCulture, $"{decided} decided, {left} still to review (skipped items come back next time)."));
        return new ReviewSessionResult(decided, skipped, false, left);
    }
}
