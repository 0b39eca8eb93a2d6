using SynthVault.IO;
using SynthVault.Testing;
using SynthVault.Tui.Screens;
using Terminal.Gui.Input;
using static SynthVault.Tui.Tests.TuiHarness;

namespace SynthVault.Tui.Tests;

/// <summary>The run, review and cost screens as the shell registers them, driven through the screen keys.</summary>
public sealed class SessionScreensTests
{
    [Fact]
    public void The_run_screen_waits_for_a_project_then_runs_the_whole_flow_and_hands_the_run_to_the_evaluation_screen()
    {
        using var temp = new TempDirectory("tui-run");
        var csv = Path.Combine(temp.Path, "adult-600.csv");
        TableFile.Write(TestData.Adult.Head(600), csv);
        using var h = new TuiHarness();
        var data = h.ScreenOf<DataProfileView>();
        var waitingScreen = string.Empty;
        SessionScreenHost? host = null;

        h.Run(
            Do("F3 before any project", () => h.Key(Key.F3)),
            Do("look", () =>
            {
                host = Assert.IsType<SessionScreenHost>(h.Shell.CurrentScreen);
                waitingScreen = h.Screen;
            }),
            Do("F1 and open the data", () =>
            {
                h.Key(Key.F1);
                data.Open(csv);
            }),
            WaitFor("the profile is shown", () => !data.IsBusy && data.Rows.Count > 0),
            Do("save the project file", () => h.Key(Key.S.WithCtrl)),
            WaitFor("saved", () => h.Session.ProjectPath is not null),
            Do("F3 and run with F6", () =>
            {
                h.Key(Key.F3);
                h.Key(Key.F6);
            }),
            WaitFor("the run ends", () => h.Session.LastRunFolder is not null && host!.Screen is RunView { IsRunning: false }),
            Do("F2", () => h.Key(Key.F2)));

        Assert.Contains("Open a synthvault.json on the Data & profile screen (F1)", waitingScreen, StringComparison.Ordinal);
        var run = Assert.IsType<RunView>(host!.Screen);
        Assert.Contains("Report:", run.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(h.Session.LastRunFolder!, "manifest.json")));
        Assert.True(File.Exists(Path.Combine(h.Session.LastRunFolder!, "report.json")));
        var evaluation = Assert.IsType<EvaluationView>(h.Shell.CurrentScreen);
        Assert.Equal(Path.Combine(h.Session.LastRunFolder!, "report.json"), evaluation.Report!.Path);
        Assert.Contains("fidelity", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_saved_on_the_run_screen_survive_a_later_save_of_column_settings()
    {
        using var temp = new TempDirectory("tui-settings");
        var csv = Path.Combine(temp.Path, "adult-300.csv");
        TableFile.Write(TestData.Adult.Head(300), csv);
        using var h = new TuiHarness();
        var data = h.ScreenOf<DataProfileView>();
        SessionScreenHost? host = null;

        h.Run(
            Do("open the data", () => data.Open(csv)),
            WaitFor("the profile is shown", () => !data.IsBusy && data.Rows.Count > 0),
            Do("save the project file", () => h.Key(Key.S.WithCtrl)),
            WaitFor("saved", () => h.Session.ProjectPath is not null),
            Do("F3, a new seed, Ctrl+S", () =>
            {
                h.Key(Key.F3);
                host = Assert.IsType<SessionScreenHost>(h.Shell.CurrentScreen);
                var run = Assert.IsType<RunView>(host.Screen);
                run.FieldFor("seed").Text = "7";
                run.FieldFor("seed").SetFocus();
                h.Key(Key.S.WithCtrl);
            }),
            Do("F1 and save the column settings again", () =>
            {
                h.Key(Key.F1);
                h.Key(Key.S.WithCtrl);
            }));

        var saved = Core.Project.SynthVaultProject.Parse(File.ReadAllText(h.Session.ProjectPath!), h.Session.ProjectPath!);
        Assert.Equal(7, saved.Synthesis.Seed);
        Assert.Equal(7, h.Session.Project!.Synthesis.Seed);
        Assert.IsType<RunView>(host!.Screen);
    }

    [Fact]
    public void Opening_a_data_file_without_a_project_takes_the_previous_project_off_the_run_screen()
    {
        using var temp = new TempDirectory("tui-switch");
        var first = Path.Combine(temp.Path, "first");
        var second = Path.Combine(temp.Path, "second");
        Directory.CreateDirectory(first);
        Directory.CreateDirectory(second);
        var firstCsv = Path.Combine(first, "adult.csv");
        TableFile.Write(TestData.Adult.Head(200), firstCsv);
        var secondCsv = TuiTestFiles.WriteCustomers(second);
        using var h = new TuiHarness();
        var data = h.ScreenOf<DataProfileView>();
        SessionScreenHost? host = null;
        var hadRunView = false;

        h.Run(
            Do("open and save the first data set", () => data.Open(firstCsv)),
            WaitFor("profiled", () => !data.IsBusy && data.Rows.Count > 0),
            Do("save", () => h.Key(Key.S.WithCtrl)),
            WaitFor("saved", () => h.Session.ProjectPath is not null),
            Do("F3", () =>
            {
                h.Key(Key.F3);
                host = Assert.IsType<SessionScreenHost>(h.Shell.CurrentScreen);
                hadRunView = host.Screen is RunView;
            }),
            Do("F1 and open a data file that has no project", () =>
            {
                h.Key(Key.F1);
                data.Open(secondCsv);
            }),
            WaitFor("profiled", () => !data.IsBusy && data.Rows.Any(r => r.Name == "email")));

        Assert.True(hadRunView);
        Assert.Null(h.Session.ProjectPath);
        Assert.Null(host!.Screen);
    }

    [Fact]
    public void The_review_screen_opens_the_typed_folder_and_says_when_nothing_waits_there()
    {
        using var temp = new TempDirectory("tui-review");
        using var h = new TuiHarness();
        ReviewFolderView? view = null;
        var screen = string.Empty;
        h.Run(
            Do("F4", () => h.Key(Key.F4)),
            Do("type a folder without a run and press Enter", () =>
            {
                view = Assert.IsType<ReviewFolderView>(h.Shell.CurrentScreen);
                h.Type(temp.Path);
                h.Key(Key.Enter);
            }),
            WaitFor("the queue's message is drawn", () => Flatten(h.Screen).Contains("no round of this run is waiting for", StringComparison.Ordinal)),
            Do("look", () => screen = h.Screen));

        Assert.NotNull(view!.Queue);
        Assert.Contains("no round of this run is waiting for", Flatten(screen), StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(temp.Path), view.Queue!.RunDirectory);
    }

    private static string Flatten(string screen) => string.Join(' ', screen.Split('\n', StringSplitOptions.TrimEntries));

    [Fact]
    public void F5_shows_the_cost_planner_with_a_result_computed_from_its_defaults()
    {
        using var h = new TuiHarness();
        var screen = string.Empty;
        h.Run(
            Do("F5", () => h.Key(Key.F5)),
            WaitFor("the planner's result is drawn", () => Flatten(h.Screen).Contains("per 1,000", StringComparison.Ordinal)),
            Do("look", () => screen = h.Screen));

        Assert.IsType<CostPlannerView>(h.Shell.CurrentScreen);
        Assert.Contains("[F5 Cost]", screen, StringComparison.Ordinal);
        Assert.Contains("per 1,000", screen, StringComparison.Ordinal);
    }
}
