using System.Globalization;
using System.Text;
using SynthVault.Core.Errors;
using SynthVault.Llm.TextLoop;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Screens;

/// <summary>
/// The human review of a text run (docs/TEXT-LOOP.md, "Review"): one item of the round's review sample at a time with
/// its label, attributes, judge score and critic notes, decided with single keys — A approve, R reject, E edit,
/// S skip, U undo the last decision of this visit. Each decision is saved at once through
/// <see cref="ReviewQueue.Save"/> (the decisions file is replaced atomically), so leaving the screen or a crash loses
/// at most the item on screen. The seconds spent on an item (every time it was on screen, the editor included) are
/// recorded with the decision; the cost planner reads them from the run's stats.
/// </summary>
internal sealed class ReviewQueueView : View
{
    private const string ReviewKeys = "A approve · R reject · E edit · S skip · U undo · PgUp/PgDn scroll";
    private const string EditKeys = "Ctrl+S keep the edit · Esc cancel · arrows, Home/End, Backspace edit";

    private readonly string runDirectory;
    private readonly TimeProvider clock;
    private readonly Label header = ScreenParts.Plain();
    private readonly FrameView textFrame;
    private readonly TextPane body = new(readOnly: true);
    private readonly Label details = ScreenParts.Plain(wrap: true);
    private readonly Label keys = ScreenParts.Plain(ReviewKeys);
    private readonly Label message = ScreenParts.Plain(wrap: true);
    private readonly FrameView editFrame;
    private readonly TextPane editor = new(readOnly: false);
    private readonly Dictionary<string, double> secondsSoFar = new(StringComparer.Ordinal);
    private readonly Stack<string> decidedHere = new();
    private ReviewQueue? queue;
    private ReviewItem? current;
    private long shownAt;

    /// <summary>Opens the review that waits in <paramref name="runDirectory"/>; <paramref name="clock"/> times each item.</summary>
    public ReviewQueueView(string runDirectory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(clock);
        this.runDirectory = runDirectory;
        this.clock = clock;
        Title = "Review";
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        header.X = 0;
        header.Y = 0;
        header.Width = Dim.Fill();
        textFrame = new FrameView { Title = "Text", X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(9), CanFocus = false };
        textFrame.Add(body);
        details.X = 0;
        details.Y = Pos.Bottom(textFrame);
        details.Width = Dim.Fill();
        details.Height = 5;
        keys.X = 0;
        keys.Y = Pos.AnchorEnd(3);
        keys.Width = Dim.Fill();
        message.X = 0;
        message.Y = Pos.AnchorEnd(2);
        message.Width = Dim.Fill();
        message.Height = 2;

        editFrame = new FrameView
        {
            Title = "Edit the text — Ctrl+S keeps the edit, Esc cancels",
            X = 0,
            Y = 1,
            Width = Dim.Fill(),
            Height = Dim.Fill(3),
            Visible = false,
        };
        editFrame.Add(editor);
        editor.EditorKeyDown += OnEditorKeyDown;

        Add(header, textFrame, details, keys, message, editFrame);
        Load();
    }

    /// <summary>The queue as last loaded or saved; null when the run folder has no review waiting.</summary>
    internal ReviewQueue? Queue => queue;

    /// <summary>The item on screen; null when there is none.</summary>
    internal ReviewItem? Current => current;

    /// <summary>The text area: the item's text, or why there is nothing to review.</summary>
    internal string ShownText => body.Content;

    /// <summary>True while the editor is open.</summary>
    internal bool IsEditing => editFrame.Visible;

    /// <summary>The message line (problems, confirmations, the end of the review).</summary>
    internal string Message => message.Text;

    /// <summary>The run folder whose queue this is.</summary>
    internal string RunDirectory => runDirectory;

    /// <summary>Single-key commands while no editor is open; other keys go on to the application.</summary>
    protected override bool OnKeyDown(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IsEditing || key.IsCtrl || key.IsAlt)
        {
            return false;
        }

        switch (key.NoShift.KeyCode)
        {
            case KeyCode.A:
                Decide(ReviewDecision.Approve, null);
                return true;
            case KeyCode.R:
                Decide(ReviewDecision.Reject, null);
                return true;
            case KeyCode.E:
                OpenEditor();
                return true;
            case KeyCode.S:
                Skip();
                return true;
            case KeyCode.U:
                Undo();
                return true;
            case KeyCode.PageDown:
                body.ScrollBy(Math.Max(1, textFrame.Viewport.Height - 1));
                return true;
            case KeyCode.PageUp:
                body.ScrollBy(-Math.Max(1, textFrame.Viewport.Height - 1));
                return true;
            default:
                return false;
        }
    }

    private void Load()
    {
        try
        {
            queue = ReviewQueue.Load(runDirectory);
        }
        catch (SynthVaultException ex)
        {
            queue = null;
            ShowNothing("Nothing to review here.", ex.Message);
            return;
        }

        if (queue.Items.Count == 0)
        {
            ShowNothing(Inv($"Round {queue.Round} has no items to review."), "Run 'synthvault text grow' with this folder again to continue.");
            return;
        }

        ShowNext(after: -1);
    }

    /// <summary>Shows the first undecided item after position <paramref name="after"/>, wrapping round; or the end.</summary>
    private void ShowNext(int after)
    {
        var q = queue!;
        for (var step = 1; step <= q.Items.Count; step++)
        {
            var candidate = q.Items[(after + step + q.Items.Count) % q.Items.Count];
            if (q.DecisionFor(candidate.Id) is null)
            {
                Show(candidate);
                return;
            }
        }

        current = null;
        ShowNothing(
            Inv($"All {q.Items.Count} items of round {q.Round} are decided and saved."),
            "Run the same 'synthvault text grow' command again to continue (U takes back the last decision).");
    }

    private void Show(ReviewItem item)
    {
        var q = queue!;
        current = item;
        shownAt = clock.GetTimestamp();
        var position = IndexOf(item) + 1;
        header.Text = Inv($"Round {q.Round} · item {position} of {q.Items.Count} · {q.Pending.Count} still to decide · id {item.Id}");
        textFrame.Title = "Text";
        body.Content = item.Text;
        details.Text = Details(item);
    }

    /// <summary>The end of the review, or no review at all: the reason and what to do fill the text area.</summary>
    private void ShowNothing(string title, string detail)
    {
        header.Text = title;
        textFrame.Title = string.Empty;
        body.Content = detail;
        details.Text = string.Empty;
    }

    private static string Details(ReviewItem item)
    {
        var sb = new StringBuilder();
        sb.Append("Label: ").Append(item.Label ?? "(none)");
        if (item.Fields.Count > 0)
        {
            sb.Append("   Attributes: ").AppendJoin("; ", item.Fields.Select(f => f.Key + "=" + f.Value));
        }

        sb.Append('\n').Append("Judge: ").Append(item.JudgeScore is { } score ? score.ToString(CultureInfo.InvariantCulture) : "-");
        if (!string.IsNullOrWhiteSpace(item.JudgeReason))
        {
            sb.Append(" — ").Append(item.JudgeReason);
        }

        sb.Append('\n').Append("Critic: ").Append(item.Reasons.Count == 0 ? "-" : string.Join("; ", item.Reasons));
        return sb.ToString();
    }

    private void Decide(ReviewDecision decision, string? editedText)
    {
        if (current is not { } item)
        {
            message.Text = "There is no item on screen to decide.";
            return;
        }

        var q = queue!;
        var seconds = TakeSeconds(item);
        try
        {
            q.Decide(item.Id, decision, editedText, seconds);
            q.Save();
        }
        catch (SynthVaultException ex)
        {
            // Keep the time for the next attempt; a failed save is retried with the next decision (Save writes them all).
            secondsSoFar[item.Id] = seconds;
            shownAt = clock.GetTimestamp();
            message.Text = "Not saved: " + ex.Message;
            return;
        }

        decidedHere.Push(item.Id);
        message.Text = Inv($"{Verb(decision)} {item.Id} ({seconds:0.#} s); saved.");
        ShowNext(IndexOf(item));
    }

    private void Skip()
    {
        if (current is not { } item)
        {
            message.Text = "There is no item on screen to skip.";
            return;
        }

        secondsSoFar[item.Id] = TakeSeconds(item);
        if (queue!.Pending.Count == 1)
        {
            shownAt = clock.GetTimestamp();
            message.Text = "This is the last item still to decide.";
            return;
        }

        message.Text = Inv($"Skipped {item.Id}; it comes back after the others.");
        ShowNext(IndexOf(item));
    }

    /// <summary>
    /// Takes back the last decision made on this screen and saves the queue without it, so the item is pending again.
    /// The seconds already spent on it stay with the item.
    /// </summary>
    private void Undo()
    {
        if (!decidedHere.TryPeek(out var id))
        {
            message.Text = "Nothing to undo: no decision was made on this screen yet.";
            return;
        }

        var q = queue!;
        var withdrawn = q.Withdraw(id);
        try
        {
            q.Save();
        }
        catch (Exception ex) when (ex is SynthVaultException or IOException or UnauthorizedAccessException)
        {
            if (withdrawn is not null)
            {
                q.Decide(id, withdrawn.Decision, withdrawn.EditedText, withdrawn.SecondsSpent ?? 0);
            }

            message.Text = "Could not undo: " + ScreenParts.Describe(ex);
            return;
        }

        decidedHere.Pop();
        if (current is { } onScreen)
        {
            secondsSoFar[onScreen.Id] = TakeSeconds(onScreen);
        }

        secondsSoFar[id] = secondsSoFar.GetValueOrDefault(id) + (withdrawn?.SecondsSpent ?? 0);
        Show(q.Items.First(i => i.Id == id));
        message.Text = Inv($"Took back the decision on {id}; decide it again.");
    }

    private void OpenEditor()
    {
        if (current is not { } item)
        {
            message.Text = "There is no item on screen to edit.";
            return;
        }

        editor.Content = item.Text;
        editFrame.Visible = true;
        keys.Text = EditKeys;
        editor.Focus();
        message.Text = "Editing: Ctrl+S keeps the corrected text, Esc cancels.";
    }

    private void CloseEditor(string note)
    {
        editFrame.Visible = false;
        keys.Text = ReviewKeys;
        SetFocus();
        message.Text = note;
    }

    private void OnEditorKeyDown(object? sender, Key key)
    {
        if (key == Key.Esc)
        {
            CloseEditor("Edit cancelled; the item is unchanged.");
            key.Handled = true;
        }
        else if (key == Key.S.WithCtrl)
        {
            KeepEdit();
            key.Handled = true;
        }
    }

    /// <summary>Keeps the edit unless it is empty, unchanged or holds personal data; then the editor stays open.</summary>
    private void KeepEdit()
    {
        var text = editor.Content.Trim();
        if (text.Length == 0)
        {
            message.Text = "The edit is empty: type the corrected text, or Esc and R to reject the item.";
            return;
        }

        if (string.Equals(text, current?.Text.Trim(), StringComparison.Ordinal))
        {
            message.Text = "The text is unchanged: correct it, or Esc and A to approve it as it is.";
            return;
        }

        var kinds = ReviewQueue.CheckEdit(text);
        if (kinds.Count > 0)
        {
            message.Text = $"The edit contains personal data ({string.Join(", ", kinds)}): remove it before keeping the edit.";
            return;
        }

        editFrame.Visible = false;
        keys.Text = ReviewKeys;
        SetFocus();
        Decide(ReviewDecision.Edit, text);
    }

    private double TakeSeconds(ReviewItem item)
    {
        var total = secondsSoFar.GetValueOrDefault(item.Id) + clock.GetElapsedTime(shownAt).TotalSeconds;
        secondsSoFar.Remove(item.Id);
        return total;
    }

    private int IndexOf(ReviewItem item)
    {
        var items = queue!.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Id == item.Id)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Verb(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Approve => "Approved",
        ReviewDecision.Reject => "Rejected",
        _ => "Kept the edit of",
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
