using System.Globalization;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;
using SynthVault.Tui.Shell;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Screens;

/// <summary>
/// The data and profile screen: open a data file (CSV, TSV, Parquet) or a synthvault.json, profile it off the UI
/// thread with a progress bar, show one row per column (kind, type, role, policy, PII kind, missing share, distinct
/// values, masked samples), let the user override kind, role, policy and PII kind per column (Enter), and save the
/// settings to synthvault.json (Ctrl+S, atomic).
/// </summary>
internal sealed class DataProfileView : View, ITuiFileScreen
{
    /// <summary>The line shown under the table while nothing is selected.</summary>
    public const string Hint = "Enter: change a column's settings · Ctrl+S: save them to synthvault.json · Ctrl+O: browse";

    private readonly TuiSession session;
    private readonly TextField pathField;
    private readonly Label statusLine;
    private readonly ProgressBar progressBar;
    private readonly TableView table;
    private readonly Label detail;
    private readonly CancellationTokenSource cancellation = new();
    private IReadOnlyList<ProfileRow> rows = [];

    public DataProfileView(TuiSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        this.session = session;
        CanFocus = true;

        var fileLabel = new Label { Text = "_File:", X = 0, Y = 0 };
        pathField = new TextField { X = Pos.Right(fileLabel) + 1, Y = 0, Width = Dim.Fill(20) };
        var open = new Button { Text = "Open", X = Pos.Right(pathField) + 1, Y = 0, ShadowStyle = ShadowStyles.None };
        var browse = new Button { Text = "_Browse", X = Pos.Right(open), Y = 0, ShadowStyle = ShadowStyles.None };
        statusLine = new Label { HotKeySpecifier = TuiText.NoHotKey, X = 0, Y = 1, Width = Dim.Fill(), Text = "Type a data file (CSV, TSV, Parquet) or a synthvault.json and press Enter." };
        progressBar = new ProgressBar { X = Pos.AnchorEnd(24), Y = 1, Width = 24, Height = 1, Visible = false, ProgressBarStyle = ProgressBarStyle.Continuous };
        table = new TableView
        {
            X = 0,
            Y = 2,
            Width = Dim.Fill(),
            Height = Dim.Fill(2),
            FullRowSelect = true,
            MaxCellWidth = 24,
        };
        table.Style.ShowHorizontalHeaderOverline = false;
        table.Style.ShowHorizontalBottomLine = false;
        table.Style.ShowVerticalCellLineForFirstColumn = false;
        table.Style.ShowVerticalCellLineForLastColumn = false;
        table.Style.ExpandLastColumn = true;
        detail = new Label { HotKeySpecifier = TuiText.NoHotKey, X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 2, Text = Hint };
        Add(fileLabel, pathField, open, browse, statusLine, progressBar, table, detail);

        pathField.Accepting += (_, e) =>
        {
            e.Handled = true;
            Guard(() => Open(pathField.Text));
        };
        open.Accepting += (_, e) =>
        {
            e.Handled = true;
            Guard(() => Open(pathField.Text));
        };
        browse.Accepting += (_, e) =>
        {
            e.Handled = true;
            Guard(Browse);
        };
        table.Accepting += (_, e) =>
        {
            e.Handled = true;
            Guard(EditSelectedColumn);
        };
        table.ValueChanged += (_, _) => ShowDetail();
        session.Changed += OnSessionChanged;
        Refresh();
    }

    /// <summary>True while a file is being read and profiled.</summary>
    public bool IsBusy { get; private set; }

    /// <summary>Finishes when the last <see cref="Open"/> has shown its outcome (for tests and scripted use).</summary>
    public Task Pending { get; private set; } = Task.CompletedTask;

    /// <summary>The rows on show, in table order.</summary>
    public IReadOnlyList<ProfileRow> Rows => rows;

    /// <summary>The table (for tests: its selection decides which column Enter edits).</summary>
    internal TableView Table => table;

    /// <summary>The path entry field.</summary>
    internal TextField PathField => pathField;

    /// <summary>The line above the table: what is open, or what is happening.</summary>
    public string StatusText => statusLine.Text;

    /// <summary>Opens and profiles <paramref name="path"/> in the background; the table updates when it is done.</summary>
    public void Open(string path)
    {
        var app = RequireApp();
        path = Unquote(path);
        if (path.Length == 0)
        {
            throw new SynthVaultException("No file given.", hint: "Type the path of a CSV, TSV or Parquet file or a synthvault.json, or press Ctrl+O to browse.");
        }

        if (IsBusy)
        {
            throw new SynthVaultException("A file is still being profiled.", hint: "Wait for the progress bar to finish, then open the next one.");
        }

        if (session.HasUnsavedOverrides
            && MessageBox.Query(app, "Unsaved changes", "Column settings were changed and not saved.\nOpen another file and drop them?", "_Open", "_Stay") != 0)
        {
            return;
        }

        pathField.Text = path;
        IsBusy = true;
        progressBar.Fraction = 0;
        progressBar.Visible = true;
        statusLine.Text = $"Opening {Path.GetFileName(path)}…";
        Pending = BackgroundWork.Start(
            app,
            (progress, ct) => WorkspaceFiles.Load(path, progress, ct),
            ShowProgress,
            workspace =>
            {
                EndBusy();
                session.Open(workspace);
            },
            error =>
            {
                EndBusy();
                statusLine.Text = $"Could not open {Path.GetFileName(path)}.";
                TuiErrors.Show(app, error);
            },
            cancellation.Token);
    }

    /// <summary>Shows the file picker (Ctrl+O) and opens the chosen file.</summary>
    public void Browse()
    {
        var app = RequireApp();
        using var dialog = new OpenDialog
        {
            Title = "Open a data file or synthvault.json",
            OpenMode = OpenMode.File,
            AllowedTypes =
            [
                new AllowedType("Data or project", ".csv", ".tsv", ".txt", ".parquet", ".json"),
                new AllowedTypeAny(),
            ],
        };
        if (session.DataPath is { } current && Path.GetDirectoryName(current) is { } folder)
        {
            dialog.Path = folder + Path.DirectorySeparatorChar;
        }

        app.Run(dialog);
        if (!dialog.Canceled && dialog.FilePaths.Count > 0)
        {
            Open(dialog.FilePaths[0]);
        }
    }

    /// <summary>Opens the settings dialog for the selected column and applies what the user chose.</summary>
    public void EditSelectedColumn()
    {
        var app = RequireApp();
        var index = table.Value?.SelectedCell.Y ?? -1;
        if (session.Profile is not { } profile || index < 0 || index >= rows.Count)
        {
            return;
        }

        var row = rows[index];
        var inferred = profile.Columns.FirstOrDefault(c => c.Name == row.Name)?.ToSchema() ?? row.Settings;
        using var dialog = new ColumnSettingsDialog(row.Settings, inferred);
        app.Run(dialog);
        if (dialog.Chosen is { } chosen && chosen != row.Settings)
        {
            session.Override(WorkspaceFiles.ApplyOverride(session, chosen));
        }
    }

    /// <summary>Saves the column settings to the project file (Ctrl+S), asking before replacing a file not opened here.</summary>
    public void Save()
    {
        var app = RequireApp();
        if (session.Schema is null)
        {
            throw new SynthVaultException("Nothing to save yet.", hint: "Open a data file or a synthvault.json first.");
        }

        var target = WorkspaceFiles.TargetProjectPath(session);
        var overwrite = session.ProjectPath == target;
        if (!overwrite && File.Exists(target))
        {
            if (MessageBox.Query(app, "Replace file?", $"{target} already exists.\nReplace it with these column settings?", "_Replace", "_Cancel") != 0)
            {
                return;
            }

            overwrite = true;
        }

        var project = WorkspaceFiles.Save(session, target, overwrite);
        session.MarkSaved(target, project);
        statusLine.Text = $"Saved the column settings to {target}.";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            session.Changed -= OnSessionChanged;
            cancellation.Cancel();
            cancellation.Dispose();
        }

        base.Dispose(disposing);
    }

    private void OnSessionChanged(object? sender, TuiSessionChangedEventArgs e)
    {
        if (e.Change is TuiSessionChange.Workspace or TuiSessionChange.Overrides or TuiSessionChange.Saved)
        {
            Refresh();
        }
    }

    private void Refresh()
    {
        if (session.Profile is not { } profile || session.Schema is not { } schema)
        {
            return;
        }

        var selected = table.Value?.SelectedCell ?? default;
        rows = ProfileRow.Build(profile, schema, session.SavedSchema);
        table.Table = new ProfileTableSource(rows);
        if (selected.Y < rows.Count)
        {
            table.SetSelection(0, Math.Max(0, selected.Y), false, null);
        }

        if (session.DataPath is { } data && session.Dataset is { } dataset)
        {
            pathField.Text = session.ProjectPath ?? data;
            var source = session.ProjectPath is { } project ? $"{Path.GetFileName(project)} → {Path.GetFileName(data)}" : Path.GetFileName(data);
            var unsaved = session.HasUnsavedOverrides ? " · unsaved changes (*)" : string.Empty;
            statusLine.Text = string.Create(CultureInfo.InvariantCulture, $"{source}: {dataset.Table.RowCount:N0} rows, {dataset.Table.ColumnCount} columns ({dataset.Format}){unsaved}");
        }

        ShowDetail();
        SetNeedsDraw();
    }

    private void ShowDetail()
    {
        var index = table.Value?.SelectedCell.Y ?? -1;
        if (index < 0 || index >= rows.Count)
        {
            detail.Text = Hint;
            return;
        }

        var row = rows[index];
        var samples = row.Samples.Count == 0 ? "no samples" : "samples: " + string.Join(" | ", row.Samples);
        var notes = row.Notes.Count == 0 ? Hint : string.Join(" ", row.Notes);
        detail.Text = $"{row.Name} — {samples}\n{notes}";
    }

    private void ShowProgress(ProgressUpdate update)
    {
        if (!IsBusy)
        {
            return;
        }

        if (update.Total > 0)
        {
            progressBar.Fraction = (float)update.Fraction;
        }
        else
        {
            progressBar.Pulse();
        }

        var inv = CultureInfo.InvariantCulture;
        statusLine.Text = update.Stage switch
        {
            "read" => string.Create(inv, $"Reading {update.Message ?? "the file"}: {update.Fraction:P0}…"),
            "profile" when update.Total > 0 => string.Create(inv, $"Profiling column {Math.Min(update.Done + 1, update.Total)} of {update.Total}…"),
            _ when update.Total > 0 => string.Create(inv, $"{Capitalise(update.Stage)}: {update.Done:N0} of {update.Total:N0}…"),
            _ => string.Create(inv, $"{Capitalise(update.Stage)}: {update.Done:N0}…"),
        };
    }

    private void EndBusy()
    {
        IsBusy = false;
        progressBar.Visible = false;
    }

    private IApplication RequireApp() => App ?? throw new InvalidOperationException("The screen is not shown in a running app.");

    private void Guard(Action action) => TuiErrors.Guard(App, action);

    private static string Unquote(string? path)
    {
        var p = (path ?? string.Empty).Trim();
        return p.Length >= 2 && (p[0] == '"' || p[0] == '\'') && p[^1] == p[0] ? p[1..^1] : p;
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>The profile rows as Terminal.Gui's table source.</summary>
    private sealed class ProfileTableSource(IReadOnlyList<ProfileRow> rows) : ITableSource
    {
        public object this[int row, int col] => rows[row].Cell(col);

        public string[] ColumnNames { get; } = [.. ProfileRow.Headers];

        public int Columns => ProfileRow.Headers.Count;

        public int Rows => rows.Count;
    }
}
