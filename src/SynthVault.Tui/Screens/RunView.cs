using System.Globalization;
using SynthVault.App;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Project;
using SynthVault.Core.Schema;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Screens;

/// <summary>
/// The work behind <see cref="RunView"/>'s Run key: runs the project saved at <paramref name="projectPath"/>,
/// reporting through <paramref name="progress"/>, and returns a summary for the screen (what was written, where).
/// It runs on a background task; cancelling <paramref name="cancellationToken"/> must leave no output behind.
/// </summary>
/// <param name="projectPath">The project file, just saved with the settings on screen.</param>
/// <param name="progress">Step and fraction done, shown as they come.</param>
/// <param name="cancellationToken">Cancelled by Esc or F7.</param>
/// <returns>The summary to show when the run finishes.</returns>
public delegate Task<string> RunJob(string projectPath, IProgress<ProgressUpdate> progress, CancellationToken cancellationToken);

/// <summary>
/// Synthesis and rebalancing settings of a project, and a run of it. The settings (method, rows, seed, holdout share,
/// and the optional rare-class rebalancing: label, positive class, target ratio, method) are checked with the project
/// file's own rules and saved atomically (Ctrl+S); Run (F6) saves them and starts the <see cref="RunJob"/> on a background
/// task with a live progress bar and step; Esc or F7 cancels it. (F1–F5 belong to the app's screen keys.) Progress and the outcome reach the screen on the UI
/// thread through <see cref="IApplication.Invoke(Action)"/>.
/// </summary>
internal sealed class RunView : View
{
    private const int FieldX = 20;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly SynthesisMethod[] SynthesisMethods = Enum.GetValues<SynthesisMethod>();
    private static readonly RebalanceMethod[] RebalanceMethods = Enum.GetValues<RebalanceMethod>();

    private readonly string projectPath;
    private readonly RunJob job;
    private readonly OptionSelector method;
    private readonly TextField rows;
    private readonly TextField seed;
    private readonly TextField holdout;
    private readonly CheckBox rebalance;
    private readonly TextField label;
    private readonly TextField positive;
    private readonly TextField ratio;
    private readonly OptionSelector rebalanceMethod;
    private readonly Button saveButton;
    private readonly Button runButton;
    private readonly Button cancelButton;
    private readonly ProgressBar bar = new() { X = 0, Y = 13, Width = Dim.Fill(), Height = 1 };
    private readonly Label step = ScreenParts.Plain();
    private readonly Label message = ScreenParts.Plain(wrap: true);
    private SynthVaultProject project;
    private CancellationTokenSource? cancellation;
    private readonly Action<SynthVaultProject>? saved;
    private int runNumber;
    private bool disposed;

    /// <summary>
    /// A screen over <paramref name="project"/>, saved to <paramref name="projectPath"/>; Run starts <paramref name="job"/>;
    /// <paramref name="saved"/> hears of every save (the app's session keeps the saved settings).
    /// </summary>
    public RunView(SynthVaultProject project, string projectPath, RunJob job, Action<SynthVaultProject>? saved = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectPath);
        ArgumentNullException.ThrowIfNull(job);
        this.project = project;
        this.projectPath = projectPath;
        this.job = job;
        this.saved = saved;
        Title = "Synthesize";
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        var synthesis = project.Synthesis;
        var rebalanced = project.Rebalance ?? DefaultRebalance(project);
        Caption("Synthesis", 0, 0);
        Caption("Method", 2, 1);
        method = new OptionSelector
        {
            X = FieldX,
            Y = 1,
            Labels = [.. SynthesisMethods.Select(m => m.ToString().ToLowerInvariant())],
            Orientation = Orientation.Horizontal,
            Value = Array.IndexOf(SynthesisMethods, synthesis.Method),
        };
        Caption("Rows", 2, 2);
        rows = ScreenParts.Field(synthesis.Rows?.ToString(Inv) ?? string.Empty, FieldX, 2, 12);
        Caption("empty: as many as the data has", FieldX + 14, 2);
        Caption("Seed", 2, 3);
        seed = ScreenParts.Field(synthesis.Seed.ToString(Inv), FieldX, 3, 22);
        Caption("Holdout fraction", 2, 4);
        holdout = ScreenParts.Field(project.Evaluation.HoldoutFraction.ToString("R", Inv), FieldX, 4, 12);
        Caption("real rows kept out of fitting, in (0, 0.9]", FieldX + 14, 4);

        rebalance = new CheckBox { X = 0, Y = 6, Text = "Rebalance the rare class", Value = project.Rebalance is null ? CheckState.UnChecked : CheckState.Checked };
        rebalance.HotKeySpecifier = new System.Text.Rune(0xFFFF);
        Caption("Label column", 2, 7);
        label = ScreenParts.Field(rebalanced.Label, FieldX, 7, 24);
        Caption("Positive class", 2, 8);
        positive = ScreenParts.Field(rebalanced.Positive, FieldX, 8, 24);
        Caption("Target ratio", 2, 9);
        ratio = ScreenParts.Field(rebalanced.Ratio.ToString("R", Inv), FieldX, 9, 12);
        Caption("share of the class after, in (0, 1)", FieldX + 14, 9);
        Caption("Method", 2, 10);
        rebalanceMethod = new OptionSelector
        {
            X = 9,
            Y = 10,
            Labels = [.. RebalanceMethods.Select(m => m.ToString().ToLowerInvariant())],
            Orientation = Orientation.Horizontal,
            HorizontalSpace = 1,
            Value = Array.IndexOf(RebalanceMethods, rebalanced.Method),
        };
        rebalance.ValueChanged += (_, _) => ShowRebalanceEnabled();

        saveButton = Button("Save (^S)", 0);
        runButton = Button("Run (F6)", 14);
        cancelButton = Button("Cancel (F7/Esc)", 27);
        saveButton.Accepting += (_, e) => e.Handled = Do(() => Save());
        runButton.Accepting += (_, e) => e.Handled = Do(Start);
        cancelButton.Accepting += (_, e) => e.Handled = Do(Cancel);
        cancelButton.Enabled = false;

        step.X = 0;
        step.Y = 14;
        step.Width = Dim.Fill();
        message.X = 0;
        message.Y = 15;
        message.Width = Dim.Fill();
        message.Height = Dim.Fill();
        Add(method, rows, seed, holdout, rebalance, label, positive, ratio, rebalanceMethod, saveButton, runButton, cancelButton, bar, step, message);
        ShowRebalanceEnabled();
        step.Text = "Ctrl+S saves the settings · F6 saves and runs · Esc or F7 cancels a run";
    }

    /// <summary>The project as last saved (or as given).</summary>
    internal SynthVaultProject Project => project;

    /// <summary>True while a job runs.</summary>
    internal bool IsRunning => cancellation is not null;

    /// <summary>The current step line.</summary>
    internal string StepText => step.Text;

    /// <summary>The progress bar's fraction.</summary>
    internal float ProgressFraction => bar.Fraction;

    /// <summary>The message area: validation problems, the summary, cancellation, errors.</summary>
    internal string Message => message.Text;

    /// <summary>The field of a setting: rows, seed, holdout, label, positive, ratio.</summary>
    internal TextField FieldFor(string name) => name switch
    {
        "rows" => rows,
        "seed" => seed,
        "holdout" => holdout,
        "label" => label,
        "positive" => positive,
        "ratio" => ratio,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such field"),
    };

    /// <summary>Ctrl+S save, F6 run, F7 cancel; Esc cancels only while a run is going, otherwise it is left to the application.</summary>
    protected override bool OnKeyDown(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == Key.S.WithCtrl)
        {
            return Do(() => Save());
        }

        if (key == Key.F6)
        {
            return Do(Start);
        }

        if (key == Key.F7 || (key == Key.Esc && IsRunning))
        {
            return Do(Cancel);
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;

            // Leaving the screen mid-run stops the run: its results would have nowhere to go.
            cancellation?.Cancel();
        }

        base.Dispose(disposing);
    }

    private static RebalanceSection DefaultRebalance(SynthVaultProject project)
    {
        var labelColumn = project.Columns.FirstOrDefault(c => c.Role == ColumnRole.Label)?.Name ?? project.Evaluation.Label ?? string.Empty;
        return new RebalanceSection(labelColumn, "1", 0.1);
    }

    private void Caption(string text, int x, int y)
    {
        var caption = ScreenParts.Plain(text);
        caption.X = x;
        caption.Y = y;
        Add(caption);
    }

    private static Button Button(string text, int x) => new()
    {
        X = x,
        Y = 12,
        Text = text,
        ShadowStyle = ShadowStyles.None,
        HotKeySpecifier = new System.Text.Rune(0xFFFF),
    };

    private static bool Do(Action action)
    {
        action();
        return true;
    }

    private void ShowRebalanceEnabled()
    {
        var on = rebalance.Value == CheckState.Checked;
        label.Enabled = on;
        positive.Enabled = on;
        ratio.Enabled = on;
        rebalanceMethod.Enabled = on;
    }

    /// <summary>Checks the settings with the project file's rules and writes the file atomically. True when saved.</summary>
    private bool Save()
    {
        if (IsRunning)
        {
            message.Text = "A run is going: cancel it (F7) before changing the settings.";
            return false;
        }

        SynthVaultProject updated;
        try
        {
            updated = ReadSettings();
            updated.Validate(projectPath);
        }
        catch (SynthVaultException ex)
        {
            message.Text = "Not saved: " + ex.Message;
            return false;
        }

        try
        {
            ProjectFiles.Save(updated, projectPath, overwrite: true);
        }
        catch (Exception ex) when (ex is SynthVaultException or IOException or UnauthorizedAccessException)
        {
            message.Text = "Not saved: " + ScreenParts.Describe(ex);
            return false;
        }

        project = updated;
        saved?.Invoke(updated);
        message.Text = "Settings saved to " + Path.GetFileName(projectPath) + ".";
        return true;
    }

    /// <summary>The project with the settings on screen; a value that cannot be read is an error naming its field.</summary>
    private SynthVaultProject ReadSettings()
    {
        var rowsText = rows.Text.Trim();
        int? rowCount = null;
        if (rowsText.Length > 0)
        {
            rowCount = int.TryParse(rowsText, NumberStyles.Integer, Inv, out var n) && n >= 1
                ? n
                : throw new SynthVaultException($"Rows must be a whole number of at least 1, or empty for as many rows as the data has; got '{rowsText}'.");
        }

        var seedText = seed.Text.Trim();
        if (!long.TryParse(seedText, NumberStyles.Integer, Inv, out var seedValue))
        {
            throw new SynthVaultException($"Seed must be a whole number; got '{seedText}'.");
        }

        var holdoutValue = Number(holdout, "Holdout fraction");
        if (!(holdoutValue is > 0 and <= 0.9))
        {
            throw new SynthVaultException(string.Create(Inv, $"Holdout fraction must be greater than 0 and at most 0.9; got {holdoutValue}."), hint: "0.3 keeps 30 % of the real rows out of fitting to score the synthetic data against.");
        }

        RebalanceSection? rebalanceSection = null;
        if (rebalance.Value == CheckState.Checked)
        {
            var labelText = label.Text.Trim();
            var positiveText = positive.Text.Trim();
            if (labelText.Length == 0)
            {
                throw new SynthVaultException("Label column must name the column to rebalance.");
            }

            if (positiveText.Length == 0)
            {
                throw new SynthVaultException("Positive class must give the rare class value, e.g. 1, true or >50K.");
            }

            var ratioValue = Number(ratio, "Target ratio");
            if (!(ratioValue is > 0 and < 1))
            {
                throw new SynthVaultException(string.Create(Inv, $"Target ratio must be greater than 0 and less than 1; got {ratioValue}."), hint: "0.1 makes the rare class 10 % of the rows.");
            }

            rebalanceSection = new RebalanceSection(labelText, positiveText, ratioValue, RebalanceMethods[rebalanceMethod.Value ?? 0]);
        }

        return project with
        {
            Synthesis = new SynthesisSection(method.Value is { } m ? SynthesisMethods[m] : SynthesisMethod.Cart, rowCount, seedValue),
            Evaluation = project.Evaluation with { HoldoutFraction = holdoutValue },
            Rebalance = rebalanceSection,
        };
    }

    private static double Number(TextField field, string name)
    {
        var text = field.Text.Trim();
        return double.TryParse(text, NumberStyles.Float, Inv, out var value) && double.IsFinite(value)
            ? value
            : throw new SynthVaultException($"{name} must be a number (with a dot for decimals); got '{text}'.");
    }

    /// <summary>Saves the settings, then starts the job on a background task.</summary>
    private void Start()
    {
        if (IsRunning)
        {
            message.Text = "A run is already going; F7 or Esc cancels it.";
            return;
        }

        if (App is not { } app)
        {
            message.Text = "The screen is not open in the application, so nothing can run.";
            return;
        }

        if (!Save())
        {
            return;
        }

        var number = ++runNumber;
        var cts = new CancellationTokenSource();
        cancellation = cts;
        ShowRunning(true);
        bar.Fraction = 0;
        step.Text = "Starting…";
        message.Text = "Running " + Path.GetFileName(projectPath) + "; Esc or F7 cancels.";
        var progress = new UiProgress(update => Post(app, () => ShowProgress(number, update)));
        _ = RunAsync(app, number, progress, cts);
    }

    private async Task RunAsync(IApplication app, int number, IProgress<ProgressUpdate> progress, CancellationTokenSource cts)
    {
        string? summary = null;
        string? problem = null;
        var cancelled = false;
        try
        {
            summary = await Task.Run(() => job(projectPath, progress, cts.Token), cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (SynthVaultException ex)
        {
            problem = ex.Message;
        }
        catch (Exception ex)
        {
            // A bug in a job must reach the screen as a message, not end the application from a background task.
            problem = "the run failed unexpectedly (" + ex.GetType().Name + "): " + ex.Message;
        }

        Post(app, () => Finish(number, cts, summary, problem, cancelled));
    }

    private void ShowProgress(int number, ProgressUpdate update)
    {
        if (number != runNumber || !IsRunning)
        {
            // A report that arrives after its run ended must not overwrite the outcome.
            return;
        }

        if (update.Total > 0)
        {
            bar.Fraction = (float)update.Fraction;
        }
        else
        {
            bar.Pulse();
        }

        var counts = update.Total > 0 ? string.Create(Inv, $" {update.Done:N0}/{update.Total:N0}") : string.Empty;
        step.Text = update.Stage + counts + (string.IsNullOrEmpty(update.Message) ? string.Empty : " — " + update.Message);
    }

    private void Finish(int number, CancellationTokenSource cts, string? summary, string? problem, bool cancelled)
    {
        cts.Dispose();
        if (number != runNumber)
        {
            return;
        }

        cancellation = null;
        ShowRunning(false);
        if (cancelled)
        {
            step.Text = "Cancelled.";
            message.Text = "Run cancelled, nothing written.";
        }
        else if (problem is not null)
        {
            step.Text = "Stopped by a problem.";
            message.Text = "error: " + problem;
        }
        else
        {
            bar.Fraction = 1;
            step.Text = "Finished.";
            message.Text = summary ?? string.Empty;
        }
    }

    private void Cancel()
    {
        if (cancellation is not { } cts)
        {
            message.Text = "No run is going.";
            return;
        }

        cts.Cancel();
        step.Text = "Cancelling…";
    }

    private void ShowRunning(bool running)
    {
        foreach (var view in new View[] { method, rows, seed, holdout, rebalance, saveButton, runButton })
        {
            view.Enabled = !running;
        }

        cancelButton.Enabled = running;
        if (running)
        {
            SetFocus();
        }

        foreach (var view in new View[] { label, positive, ratio, rebalanceMethod })
        {
            view.Enabled = !running && rebalance.Value == CheckState.Checked;
        }
    }

    /// <summary>Runs <paramref name="action"/> on the UI thread, unless the screen or the application is gone.</summary>
    private void Post(IApplication app, Action action)
    {
        if (disposed)
        {
            return;
        }

        try
        {
            app.Invoke(() =>
            {
                if (!disposed)
                {
                    action();
                }
            });
        }
        catch (NotInitializedException)
        {
            // The application shut down while the job was finishing: there is no screen left to tell.
        }
        catch (ObjectDisposedException)
        {
            // As above.
        }
    }

    /// <summary>Progress that forwards each report to the UI thread; reports never block the job.</summary>
    private sealed class UiProgress(Action<ProgressUpdate> post) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            ArgumentNullException.ThrowIfNull(value);
            post(value);
        }
    }
}
