using System.Globalization;
using System.Text;
using SynthVault.App.Run;
using SynthVault.Planner.Presets;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Screens;

/// <summary>
/// Builds the screens whose views need something the session may not hold yet (a saved project file for the run
/// screen): until then the host says what to do, and it builds the screen once the session has it.
/// </summary>
internal static class SessionScreens
{
    /// <summary>The run screen over the session's project file, with runs going through <see cref="RunUseCase"/>.</summary>
    public static View Run(TuiSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SessionScreenHost(
            session,
            "Synthesize",
            "The run screen works on a saved project file.\nOpen a synthvault.json on the Data & profile screen (F1), or open a data file there and save its column settings (Ctrl+S) to write one.",
            RunViewFactory,
            current => current is not RunView { IsRunning: true });
    }

    private static Func<View, View>? RunViewFactory(TuiSession session)
    {
        if (session.Project is not { } project || session.ProjectPath is not { } path)
        {
            return null;
        }

        return host => new RunView(project, path, RunJobFor(session, host), session.UpdateSettings);
    }

    /// <summary>The review screen: a text run folder typed or passed on the command line, then its queue.</summary>
    public static View Review(TuiSession session, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new ReviewFolderView(session, clock);
    }

    /// <summary>The cost planner with the built-in presets.</summary>
    public static View Cost(TimeProvider clock) => new CostPlannerView(clock, PresetCatalog.BuiltIn);

    /// <summary>
    /// A run of the whole flow; the finished run's folder becomes the session's last run, so the evaluation screen
    /// opens its report.
    /// </summary>
    internal static RunJob RunJobFor(TuiSession session, View host) => async (projectPath, progress, cancellationToken) =>
    {
        var result = await RunUseCase.RunAsync(new RunRequest(projectPath), progress, cancellationToken).ConfigureAwait(false);
        host.App?.Invoke(() => session.SetLastRunFolder(result.RunDirectory));
        return Summary(result);
    };

    /// <summary>What the run screen shows when a run ends: steps, verdicts, notes and where the outputs are.</summary>
    internal static string Summary(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Run finished in {result.Seconds:0.0} s: ");
        text.AppendJoin(", ", result.Steps.Select(s => s.Outcome == RunStepOutcome.Done ? s.Name : s.Name + " (skipped)"));
        text.Append('\n');
        text.AppendJoin(" · ", result.Verdicts.Select(v => v.Value is { } value
            ? string.Create(CultureInfo.InvariantCulture, $"{v.Section} {v.Outcome} ({value:0.000})")
            : $"{v.Section} {v.Outcome}"));
        text.Append('\n');
        text.Append("Report: ").Append(result.ReportHtmlPath).Append(" (F2 shows the verdicts)\n");
        foreach (var note in result.Notes)
        {
            text.Append(note).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}

/// <summary>
/// Hosts a screen built from the session: shows <c>waiting</c> until <c>create</c> can build it, and rebuilds it
/// when the session's workspace or saved project changes (never while <c>canReplace</c> says no, e.g. mid-run).
/// </summary>
internal sealed class SessionScreenHost : View
{
    private readonly TuiSession session;
    private readonly Func<TuiSession, Func<View, View>?> create;
    private readonly Func<View?, bool> canReplace;
    private readonly Label waiting;
    private View? screen;

    public SessionScreenHost(TuiSession session, string title, string waitingText, Func<TuiSession, Func<View, View>?> create, Func<View?, bool> canReplace)
    {
        this.session = session;
        this.create = create;
        this.canReplace = canReplace;
        Title = title;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;
        waiting = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), Text = waitingText, HotKeySpecifier = TuiText.NoHotKey };
        Add(waiting);
        session.Changed += OnSessionChanged;
        Rebuild();
    }

    /// <summary>The screen built from the session, or null while the waiting text shows.</summary>
    internal View? Screen => screen;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            session.Changed -= OnSessionChanged;
        }

        base.Dispose(disposing);
    }

    private void OnSessionChanged(object? sender, TuiSessionChangedEventArgs e)
    {
        if (e.Change is TuiSessionChange.Workspace or TuiSessionChange.Saved && canReplace(screen))
        {
            Rebuild();
        }
    }

    private void Rebuild()
    {
        var factory = create(session);
        if (screen is not null)
        {
            // The screen belongs to the workspace that was open before: never show it over another one.
            Remove(screen);
            screen.Dispose();
            screen = null;
        }

        waiting.Visible = factory is null;
        if (factory is null)
        {
            return;
        }

        screen = factory(this);
        screen.X = 0;
        screen.Y = 0;
        screen.Width = Dim.Fill();
        screen.Height = Dim.Fill();
        Add(screen);
        if (HasFocus)
        {
            screen.SetFocus();
        }
    }
}

/// <summary>
/// The review screen's first step: the folder of a <c>synthvault text grow</c> run (its <c>--out</c>) whose round
/// waits for review; Enter opens its queue. The session's last run folder is filled in.
/// </summary>
internal sealed class ReviewFolderView : View
{
    private readonly TimeProvider clock;
    private readonly TextField folder;
    private readonly Label note;
    private ReviewQueueView? queue;

    public ReviewFolderView(TuiSession session, TimeProvider clock)
    {
        this.clock = clock;
        Title = "Review queue";
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;
        var caption = new Label { Text = "_Text run folder:", X = 0, Y = 0 };
        folder = new TextField { X = Pos.Right(caption) + 1, Y = 0, Width = Dim.Fill(), Text = session.LastRunFolder ?? string.Empty };
        note = new Label
        {
            X = 0,
            Y = 1,
            Width = Dim.Fill(),
            Height = 2,
            HotKeySpecifier = TuiText.NoHotKey,
            Text = "Type the --out folder of 'synthvault text grow' whose round waits for review and press Enter.",
        };
        Add(caption, folder, note);
        folder.Accepting += (_, e) =>
        {
            e.Handled = true;
            Open(folder.Text);
        };
    }

    /// <summary>The queue on show, or null before a folder is opened.</summary>
    internal ReviewQueueView? Queue => queue;

    /// <summary>Opens the review queue of <paramref name="runDirectory"/> below the folder line.</summary>
    internal void Open(string runDirectory)
    {
        if (string.IsNullOrWhiteSpace(runDirectory))
        {
            note.Text = "Type a folder first.";
            return;
        }

        if (queue is not null)
        {
            Remove(queue);
            queue.Dispose();
        }

        // The queue view reports a missing folder or a run with nothing to review itself, in place of the items.
        queue = new ReviewQueueView(Path.GetFullPath(runDirectory.Trim()), clock) { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill() };
        note.Visible = false;
        Add(queue);
        queue.SetFocus();
    }
}
