using System.Globalization;
using SynthVault.Testing;
using SynthVault.Tui.Screens;
using Terminal.Gui.Input;
using static SynthVault.Tui.Tests.TuiHarness;

namespace SynthVault.Tui.Tests;

/// <summary>A report.json written by the real evaluator on a small Adult sample, shared by the evaluation screen tests.</summary>
public sealed class ReportFixture : IDisposable
{
    private readonly TempDirectory folder = new("tui-report");

    public ReportFixture() => Path = TuiTestFiles.WriteReport(folder.Path);

    public string Path { get; }

    public string Folder => folder.Path;

    public void Dispose() => folder.Dispose();
}

/// <summary>The evaluation screen: verdicts of a real report and the drill-downs behind them.</summary>
public sealed class EvaluationScreenTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void Opening_a_report_lists_every_verdict_and_drills_down_to_the_worst_column_first()
    {
        using var h = new TuiHarness();
        var view = h.ScreenOf<EvaluationView>();
        var screens = new List<string>();
        h.Run(
            Do("show the evaluation screen with F2", () => h.Key(Key.F2)),
            When("it is shown", () => h.Shell.CurrentScreen == view, () =>
            {
                h.Type(fixture.Path); // the path field has the focus
                h.Key(Key.Enter);
            }),
            WaitFor("the report is shown", () => view.Report is not null),
            Do("drill into fidelity", () =>
            {
                screens.Add(h.Screen);
                h.Key(Key.Enter);
            }),
            Do("look at the drill-down", () => screens.Add(h.Screen)));

        var report = view.Report!;
        Assert.Equal(["fidelity", "utility", "discriminator", "privacy"], report.Verdicts.Select(v => v.Section));
        Assert.All(report.Verdicts, v => Assert.Contains(v.Outcome, new[] { "pass", "warn", "fail", "skipped" }));
        Assert.Contains("adult-train.csv (600 rows)", report.Source, StringComparison.Ordinal);

        var verdictScreen = screens[0];
        foreach (var v in report.Verdicts)
        {
            Assert.Contains(v.Section, verdictScreen, StringComparison.Ordinal);
        }

        var fidelity = report.Verdicts[0];
        Assert.Contains(fidelity.Outcome.ToUpperInvariant(), verdictScreen, StringComparison.Ordinal);
        Assert.Contains(fidelity.Value!.Value.ToString("0.000", CultureInfo.InvariantCulture), verdictScreen, StringComparison.Ordinal);

        // Fidelity drill-down: one row per scored column, worst score first, the excluded ones last.
        var drill = view.DrillDown!;
        Assert.Equal(["column", "metric", "score", "coverage"], drill.Headers);
        var scores = drill.Rows.Where(r => r.Cells[2] != "-").Select(r => double.Parse(r.Cells[2], CultureInfo.InvariantCulture)).ToList();
        Assert.True(scores.Count >= 10, $"only {scores.Count} scored columns");
        Assert.Equal(scores.Order(), scores);
        var worst = drill.Rows[0];
        Assert.Contains(worst.Cells[0], screens[1], StringComparison.Ordinal);
        Assert.True(view.Details.HasFocus);
        Assert.Equal(worst.Explanation, view.ExplanationText);
        Assert.Contains(worst.Cells[1] == "KSComplement" ? "Kolmogorov" : "total variation", view.ExplanationText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_privacy_drill_down_lists_each_metric_with_its_threshold_and_explanation()
    {
        using var h = new TuiHarness();
        var view = h.ScreenOf<EvaluationView>();
        string? screen = null;
        h.Run(
            Do("open the report from its folder", () =>
            {
                h.Shell.ShowScreen<EvaluationView>();
                view.Open(fixture.Folder);
            }),
            Do("move to the privacy verdict", () =>
            {
                view.Verdicts.SetFocus();
                for (var i = 0; i < 3; i++)
                {
                    h.Key(Key.CursorDown);
                }
            }),
            Do("drill down", () =>
            {
                h.Key(Key.Enter);
                screen = h.Screen;
            }));

        var drill = view.DrillDown!;
        Assert.Equal("privacy metrics", drill.Title);
        var names = drill.Rows.Select(r => r.Cells[0]).ToList();
        Assert.Contains("DCR share", names);
        Assert.Contains("exact copies", names);
        Assert.Contains("NNDR p10", names);
        Assert.Contains("membership inference", names);
        Assert.Contains("personal-data columns", names);
        Assert.Contains(names, n => n.EndsWith(" risk", StringComparison.Ordinal)); // the Anonymeter-style attacks
        Assert.Contains(names, n => n.StartsWith("DCR share [class ", StringComparison.Ordinal)); // per class of the label

        var dcr = drill.Rows.First(r => r.Cells[0] == "DCR share");
        Assert.Equal("lower ≤ 0.50", dcr.Cells[2]);
        Assert.Contains("Distance to closest record", dcr.Explanation, StringComparison.Ordinal);
        Assert.Equal("AUROC ≤ 0.60", drill.Rows.First(r => r.Cells[0] == "membership inference").Cells[2]);
        Assert.Contains("DCR share", screen, StringComparison.Ordinal);
        Assert.Contains("Distance to closest record", view.ExplanationText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finished_run_brings_its_report_to_the_evaluation_screen()
    {
        using var h = new TuiHarness();
        var view = h.ScreenOf<EvaluationView>();
        h.Run(Do("a run ends", () => h.Session.SetLastRunFolder(fixture.Folder)));

        Assert.NotNull(view.Report);
        Assert.Equal(fixture.Path, h.Session.ReportPath);
    }

    [Fact]
    public void Opening_a_json_file_that_is_not_a_report_says_so_and_keeps_the_screen()
    {
        using var temp = new TempDirectory("tui-notreport");
        var path = Path.Combine(temp.Path, "other.json");
        File.WriteAllText(path, """{ "hello": "world" }""");
        using var h = new TuiHarness();
        var view = h.ScreenOf<EvaluationView>();
        string? message = null;
        h.Run(
            Do("show the screen", () => h.Key(Key.F2)),
            Do("open the file", () =>
            {
                h.Type(path);
                h.Key(Key.Enter);
            }),
            When("an error box is shown", () => h.DialogOpen, () =>
            {
                message = h.Screen;
                h.Key(Key.Enter);
            }),
            WaitFor("it closed", () => !h.DialogOpen));

        Assert.Contains("other.json", message, StringComparison.Ordinal);
        Assert.Contains("verdicts", message, StringComparison.Ordinal);
        Assert.Null(view.Report);
    }
}
