using SynthVault.Testing;
using SynthVault.Tui.Screens;
using SynthVault.Tui.Shell;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using static SynthVault.Tui.Tests.TuiHarness;

namespace SynthVault.Tui.Tests;

/// <summary>The main window: screen keys, the size guard, quitting, and failures that must not end the app.</summary>
public sealed class ShellTests
{
    [Fact]
    public void Function_keys_switch_screens_and_the_strip_marks_the_current_one()
    {
        using var h = new TuiHarness();
        var seen = new List<(Type Screen, string Strip)>();
        h.Run(
            Do("F2", () => h.Key(Key.F2)),
            Do("note", () => seen.Add((h.Shell.CurrentScreen.GetType(), Line(h.Screen, 1)))),
            Do("F1", () => h.Key(Key.F1)),
            Do("note", () => seen.Add((h.Shell.CurrentScreen.GetType(), Line(h.Screen, 1)))));

        Assert.Equal(typeof(EvaluationView), seen[0].Screen);
        Assert.Contains("[F2 Evaluation]", seen[0].Strip, StringComparison.Ordinal);
        Assert.Equal(typeof(DataProfileView), seen[1].Screen);
        Assert.Contains("[F1 Data & profile]", seen[1].Strip, StringComparison.Ordinal);
    }

    [Fact]
    public void A_screen_keeps_its_state_when_the_user_switches_away_and_back()
    {
        using var h = new TuiHarness();
        var data = h.ScreenOf<DataProfileView>();
        h.Run(
            Do("type a path", () =>
            {
                data.PathField.SetFocus();
                h.Type("half-typed.csv");
            }),
            Do("F2", () => h.Key(Key.F2)),
            Do("F1", () => h.Key(Key.F1)));

        Assert.Same(data, h.Shell.CurrentScreen);
        Assert.Equal("half-typed.csv", data.PathField.Text);
    }

    [Fact]
    public void At_exactly_80_by_24_the_menu_screen_strip_and_status_bar_are_all_on_screen()
    {
        using var h = new TuiHarness(80, 24);
        string? screen = null;
        h.Run(Do("look", () => screen = h.Screen));

        var lines = screen!.Split('\n');
        Assert.Contains("File", lines[0], StringComparison.Ordinal);
        Assert.Contains("F1 Data & profile", lines[1], StringComparison.Ordinal);
        Assert.Contains("Data & profile", lines[2], StringComparison.Ordinal); // the frame title
        Assert.Contains("Ctrl+Q", lines[23], StringComparison.Ordinal);
        Assert.Contains("Quit", lines[23], StringComparison.Ordinal);
        Assert.False(h.Shell.IsTooSmall);
    }

    [Fact]
    public void A_terminal_smaller_than_80_by_24_shows_the_enlarge_message_and_the_layout_returns_when_resized()
    {
        using var h = new TuiHarness(79, 23);
        string? small = null;
        string? restored = null;
        h.Run(
            Do("look", () => small = h.Screen),
            Do("resize to 80×24", () => h.App.Driver!.SetScreenSize(80, 24)),
            WaitFor("the layout is back", () => !h.Shell.IsTooSmall),
            Do("look again", () => restored = h.Screen));

        Assert.Contains("enlarge the terminal to at least 80×24", small, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("79×23", small, StringComparison.Ordinal);
        Assert.DoesNotContain("Ctrl+Q", small, StringComparison.Ordinal);
        Assert.Contains("Ctrl+Q", restored, StringComparison.Ordinal);
        Assert.DoesNotContain("Enlarge", restored, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_one_dimension_too_small_is_enough_for_the_message()
    {
        using var h = new TuiHarness(120, 23);
        h.Run(Do("look", () => Assert.Contains("Enlarge the terminal", h.Screen, StringComparison.Ordinal)));
        Assert.True(h.Shell.IsTooSmall);
    }

    [Fact]
    public void Ctrl_Q_quits_at_once_when_nothing_is_unsaved()
    {
        using var h = new TuiHarness();
        h.Run(Do("Ctrl+Q", () => h.Key(Key.Q.WithCtrl)));

        Assert.False(h.ForcedQuit);
    }

    [Fact]
    public void Esc_with_unsaved_column_settings_asks_first_and_staying_keeps_the_app()
    {
        using var temp = new TempDirectory("tui-quit");
        var csv = TuiTestFiles.WriteCustomers(temp.Path);
        using var h = new TuiHarness();
        var data = h.ScreenOf<DataProfileView>();
        string? question = null;
        h.Run(
            Do("open", () => data.Open(csv)),
            WaitFor("profiled", () => !data.IsBusy && data.Rows.Count > 0),
            Do("override a column", () =>
            {
                var age = h.Session.Schema!["age"] with { Kind = Core.Schema.ColumnKind.Continuous };
                h.Session.Override(WorkspaceFiles.ApplyOverride(h.Session, age));
                data.Table.SetFocus();
                h.Key(Key.Esc);
            }),
            When("the question is shown", () => h.DialogOpen, () =>
            {
                question = h.Screen;
                h.Key(Key.Esc); // neither button: stay
            }),
            WaitFor("it closed", () => !h.DialogOpen),
            Do("still running", () => Assert.True(h.Shell.IsRunning)),
            Do("Ctrl+Q", () => h.Key(Key.Q.WithCtrl)),
            When("asked again", () => h.DialogOpen, () => h.Key(Key.Q))); // the Quit button's hot key; Enter would stay

        Assert.Contains("Unsaved changes", question, StringComparison.Ordinal);
        Assert.False(h.ForcedQuit);
    }

    [Fact]
    public void An_unexpected_exception_in_a_screen_is_shown_in_one_line_and_the_app_keeps_running()
    {
        TuiScreenEntry[] screens =
        [
            .. TuiScreens.All,
            new("Broken", Key.F6, _ => throw new InvalidOperationException("the screen could not be built\nsecond line")),
        ];
        using var h = new TuiHarness(screens: screens);
        string? message = null;
        h.Run(
            Do("F6", () => h.Key(Key.F6)),
            When("an error box is shown", () => h.DialogOpen, () =>
            {
                message = h.Screen;
                h.Key(Key.Enter);
            }),
            WaitFor("it closed", () => !h.DialogOpen),
            Do("F2 still works", () => h.Key(Key.F2)),
            WaitFor("switched", () => h.Shell.CurrentScreen is EvaluationView));

        Assert.Contains(TuiErrors.UnexpectedTitle, message, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: the screen could not be built", message, StringComparison.Ordinal);
        Assert.DoesNotContain("second line", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_screen_is_one_registry_entry()
    {
        TuiScreenEntry[] screens = [.. TuiScreens.All, new("Extra", Key.F6, _ => new View { Text = "extra screen body" })];
        using var h = new TuiHarness(screens: screens);
        string? screen = null;
        h.Run(Do("F6", () => h.Key(Key.F6)), Do("look", () => screen = h.Screen));

        Assert.Contains("extra screen body", screen, StringComparison.Ordinal);
        Assert.Contains("[F6 Extra]", screen, StringComparison.Ordinal);
        Assert.Contains("F1-F6", screen, StringComparison.Ordinal);
    }

    private static string Line(string screen, int row) => screen.Split('\n')[row];
}
