using SynthVault.Core.Errors;
using SynthVault.Tui.Shell;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Screens;

/// <summary>
/// The evaluation screen: open a report.json (or a run folder holding one), list the verdicts of fidelity,
/// utility, discriminator and privacy with their headline figures, and drill down into the selected section:
/// per-column fidelity worst first, the privacy metrics with their thresholds, the utility and discriminator
/// figures. The line at the bottom explains the selected verdict or metric.
/// </summary>
internal sealed class EvaluationView : View, ITuiFileScreen
{
    /// <summary>The line shown before a report is open.</summary>
    public const string Hint = "Type a report.json or run folder and press Enter (Ctrl+O browses). ↑↓ picks a section, Enter drills down, Tab moves.";

    private readonly TuiSession session;
    private readonly TextField pathField;
    private readonly Label sourceLine;
    private readonly TableView verdicts;
    private readonly FrameView detailFrame;
    private readonly TableView details;
    private readonly Label explanation;
    private ReportSummary? report;
    private ReportDrillDown? drillDown;

    public EvaluationView(TuiSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        this.session = session;
        CanFocus = true;

        var fileLabel = new Label { Text = "_Report:", X = 0, Y = 0 };
        pathField = new TextField { X = Pos.Right(fileLabel) + 1, Y = 0, Width = Dim.Fill(20) };
        var open = new Button { Text = "Open", X = Pos.Right(pathField) + 1, Y = 0, ShadowStyle = ShadowStyles.None };
        var browse = new Button { Text = "_Browse", X = Pos.Right(open), Y = 0, ShadowStyle = ShadowStyles.None };
        sourceLine = new Label { HotKeySpecifier = TuiText.NoHotKey, X = 0, Y = 1, Width = Dim.Fill(), Text = string.Empty };
        var verdictFrame = new FrameView { Title = "_Verdicts", X = 0, Y = 2, Width = Dim.Fill(), Height = 7 };
        verdicts = NewTable();
        verdictFrame.Add(verdicts);
        detailFrame = new FrameView { Title = "_Drill-down", X = 0, Y = Pos.Bottom(verdictFrame), Width = Dim.Fill(), Height = Dim.Fill(3) };
        details = NewTable();
        detailFrame.Add(details);
        explanation = new Label { HotKeySpecifier = TuiText.NoHotKey, X = 0, Y = Pos.AnchorEnd(3), Width = Dim.Fill(), Height = 3, Text = Hint };
        Add(fileLabel, pathField, open, browse, sourceLine, verdictFrame, detailFrame, explanation);

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
        verdicts.ValueChanged += (_, _) => ShowSelectedSection();
        verdicts.Accepting += (_, e) =>
        {
            e.Handled = true;
            details.SetFocus();
        };
        verdicts.HasFocusChanged += (_, _) => Explain();
        details.ValueChanged += (_, _) => Explain();
        details.HasFocusChanged += (_, _) => Explain();
        session.Changed += OnSessionChanged;

        // Built after a run finished (the screen is made on first show): start with that run's report.
        if (session.LastRunFolder is { } last && ReportFile.LooksLikeReport(last))
        {
            try
            {
                Open(last);
            }
            catch (SynthVaultException ex)
            {
                explanation.Text = ex.Message;
            }
        }
    }

    /// <summary>The report on show, or null.</summary>
    public ReportSummary? Report => report;

    /// <summary>The drill-down on show, or null.</summary>
    public ReportDrillDown? DrillDown => drillDown;

    /// <summary>The explanation line at the bottom.</summary>
    public string ExplanationText => explanation.Text;

    /// <summary>The verdict table.</summary>
    internal TableView Verdicts => verdicts;

    /// <summary>The drill-down table.</summary>
    internal TableView Details => details;

    /// <summary>Reads and shows a report.json, or the report.json in a run folder.</summary>
    public void Open(string path)
    {
        path = (path ?? string.Empty).Trim().Trim('"');
        if (path.Length == 0)
        {
            throw new SynthVaultException("No report given.", hint: "Type the path of a report.json or a run folder, or press Ctrl+O to browse.");
        }

        var summary = ReportFile.Read(path);
        report = summary;
        pathField.Text = summary.Path;
        sourceLine.Text = summary.Source;
        verdicts.Table = new RowsSource(["section", "verdict", "metric", "value", "threshold"],
            [.. summary.Verdicts.Select(v => (IReadOnlyList<string>)[v.Section, v.Outcome.ToUpperInvariant(), v.Metric, TuiText.Number(v.Value), v.Threshold])]);
        verdicts.SetSelection(0, 0, false, null);
        ShowSelectedSection();
        verdicts.SetFocus();
        session.SetReportPath(summary.Path);
    }

    /// <summary>Shows the file picker (Ctrl+O) and opens the chosen report.</summary>
    public void Browse()
    {
        var app = App ?? throw new InvalidOperationException("The screen is not shown in a running app.");
        using var dialog = new OpenDialog
        {
            Title = "Open a report.json",
            OpenMode = OpenMode.File,
            AllowedTypes = [new AllowedType("Evaluation report", ".json"), new AllowedTypeAny()],
        };
        if (session.LastRunFolder is { } folder)
        {
            dialog.Path = folder + Path.DirectorySeparatorChar;
        }

        app.Run(dialog);
        if (!dialog.Canceled && dialog.FilePaths.Count > 0)
        {
            Open(dialog.FilePaths[0]);
        }
    }

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
        // A finished run brings its report here: a new run is what the user wants to read next.
        if (e.Change == TuiSessionChange.RunFolder && session.LastRunFolder is { } folder && ReportFile.LooksLikeReport(folder))
        {
            Guard(() => Open(folder));
        }
    }

    private void ShowSelectedSection()
    {
        if (report is null)
        {
            return;
        }

        var index = verdicts.Value?.SelectedCell.Y ?? 0;
        if (index < 0 || index >= report.Verdicts.Count)
        {
            return;
        }

        drillDown = report.DrillDown(report.Verdicts[index].Section);
        detailFrame.Title = "_Drill-down: " + drillDown.Title;
        details.Table = new RowsSource(drillDown.Headers, [.. drillDown.Rows.Select(r => r.Cells)]);
        if (drillDown.Rows.Count > 0)
        {
            details.SetSelection(0, 0, false, null);
        }

        Explain();
    }

    private void Explain()
    {
        if (report is null)
        {
            explanation.Text = Hint;
            return;
        }

        if (details.HasFocus && drillDown is { Rows.Count: > 0 } d)
        {
            var row = Math.Clamp(details.Value?.SelectedCell.Y ?? 0, 0, d.Rows.Count - 1);
            explanation.Text = d.Rows[row].Explanation;
            return;
        }

        var index = Math.Clamp(verdicts.Value?.SelectedCell.Y ?? 0, 0, Math.Max(0, report.Verdicts.Count - 1));
        explanation.Text = report.Verdicts.Count == 0 ? "The report has no verdicts." : $"{report.Verdicts[index].Summary} Rule: {report.Verdicts[index].Threshold}.";
    }

    private void Guard(Action action) => TuiErrors.Guard(App, action);

    private static TableView NewTable()
    {
        var table = new TableView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), FullRowSelect = true, MaxCellWidth = 40 };
        table.Style.ShowHorizontalHeaderOverline = false;
        table.Style.ShowHorizontalHeaderUnderline = false; // at 80×24 every row counts; the header is styled apart
        table.Style.ShowHorizontalBottomLine = false;
        table.Style.ShowVerticalCellLineForFirstColumn = false;
        table.Style.ShowVerticalCellLineForLastColumn = false;
        table.Style.ExpandLastColumn = true;
        return table;
    }

    /// <summary>Rows of text cells as Terminal.Gui's table source.</summary>
    private sealed class RowsSource(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows) : ITableSource
    {
        public object this[int row, int col] => col < rows[row].Count ? rows[row][col] : string.Empty;

        public string[] ColumnNames { get; } = [.. headers];

        public int Columns => headers.Count;

        public int Rows => rows.Count;
    }
}
