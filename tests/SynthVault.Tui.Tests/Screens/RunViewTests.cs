using SynthVault.App;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Project;
using SynthVault.Core.Schema;
using SynthVault.Testing;
using SynthVault.Tui.Screens;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Tests.Screens;

[Collection(TuiCollection.Name)]
public sealed class RunViewTests
{
    private static readonly SynthVaultProject Fraud = new()
    {
        Data = new DataSection("transactions.csv"),
        Columns =
        [
            new ColumnSchema("amount", ColumnKind.Continuous, DataType.Float64),
            new ColumnSchema("merchant", ColumnKind.Categorical, DataType.String),
            new ColumnSchema("is_fraud", ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label),
        ],
        Evaluation = new EvaluationSection(0.3, "is_fraud"),
    };

    [Fact]
    public void Saved_settings_round_trip_through_the_project_file()
    {
        using var dir = new TempDirectory();
        var path = WriteProject(dir);
        using var view = new RunView(Fraud, path, (_, _, _) => Task.FromResult("unused"));
        using var tui = new TuiHarness(view);

        view.FieldFor("rows").SetFocus();
        tui.Press(Key.Tab.WithShift, Key.Space);
        Replace(tui, view.FieldFor("rows"), "5000");
        Replace(tui, view.FieldFor("seed"), "7");
        Replace(tui, view.FieldFor("holdout"), "0.25");
        view.FieldFor("holdout").SetFocus();
        tui.Press(Key.Tab, Key.Space);
        Replace(tui, view.FieldFor("positive"), "1");
        Replace(tui, view.FieldFor("ratio"), "0.2");
        tui.Press(Key.S.WithCtrl);

        var expected = Fraud with
        {
            Synthesis = new SynthesisSection(SynthesisMethod.Copula, 5000, 7),
            Evaluation = new EvaluationSection(0.25, "is_fraud"),
            Rebalance = new RebalanceSection("is_fraud", "1", 0.2, RebalanceMethod.Cart),
        };
        Assert.Equal("Settings saved to synthvault.json.", view.Message);
        Assert.Equal(expected, SynthVaultProject.Parse(File.ReadAllText(path), path));
        Assert.Equal(expected, view.Project);
    }

    [Theory]
    [InlineData("rows", "0", "Rows must be a whole number of at least 1")]
    [InlineData("holdout", "0.95", "Holdout fraction must be greater than 0 and at most 0.9; got 0.95.")]
    [InlineData("seed", "x", "Seed must be a whole number; got 'x'.")]
    public void Impossible_values_are_not_saved_and_the_message_names_the_field(string field, string value, string expected)
    {
        using var dir = new TempDirectory();
        var path = WriteProject(dir);
        var before = File.ReadAllText(path);
        using var view = new RunView(Fraud, path, (_, _, _) => Task.FromResult("unused"));
        using var tui = new TuiHarness(view);

        Replace(tui, view.FieldFor(field), value);
        tui.Press(Key.S.WithCtrl);

        Assert.Contains(expected, view.Message, StringComparison.Ordinal);
        Assert.StartsWith("Not saved: ", view.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void A_rebalance_label_that_is_not_a_column_is_refused_with_the_project_files_rule()
    {
        using var dir = new TempDirectory();
        var path = WriteProject(dir);
        var project = Fraud with { Rebalance = new RebalanceSection("is_fraud", "1", 0.1) };
        using var view = new RunView(project, path, (_, _, _) => Task.FromResult("unused"));
        using var tui = new TuiHarness(view);

        Replace(tui, view.FieldFor("label"), "is_frad");
        Replace(tui, view.FieldFor("ratio"), "1.5");
        tui.Press(Key.S.WithCtrl);
        Assert.Contains("Target ratio must be greater than 0 and less than 1; got 1.5.", view.Message, StringComparison.Ordinal);

        Replace(tui, view.FieldFor("ratio"), "0.1");
        tui.Press(Key.F6);
        Assert.Contains("rebalance.label", view.Message, StringComparison.Ordinal);
        Assert.Contains("is_fraud", view.Message, StringComparison.Ordinal);
        Assert.False(view.IsRunning);
    }

    [Fact]
    public void Run_shows_the_jobs_progress_and_then_its_summary()
    {
        using var dir = new TempDirectory();
        var path = WriteProject(dir);
        using var gate = new SemaphoreSlim(0);
        string? ranWith = null;
        RunJob job = async (projectPath, progress, token) =>
        {
            ranWith = projectPath;
            progress.Report(new ProgressUpdate("fit", 1, 4, "fitting CART trees"));
            await gate.WaitAsync(token);
            progress.Report(new ProgressUpdate("sample", 4, 4));
            return "Wrote out/synthetic.csv (5,000 rows).";
        };
        using var view = new RunView(Fraud, path, job);
        using var tui = new TuiHarness(view);

        tui.Press(Key.F6);
        tui.PumpUntil(() => view.StepText.StartsWith("fit", StringComparison.Ordinal));

        Assert.True(view.IsRunning);
        Assert.Equal("fit 1/4 — fitting CART trees", view.StepText);
        Assert.Equal(0.25f, view.ProgressFraction);
        Assert.Contains("fit 1/4 — fitting CART trees", tui.Screen(), StringComparison.Ordinal);

        gate.Release();
        tui.PumpUntil(() => !view.IsRunning);

        Assert.Equal(path, ranWith);
        Assert.Equal("Wrote out/synthetic.csv (5,000 rows).", view.Message);
        Assert.Equal(1f, view.ProgressFraction);
        Assert.Contains("Wrote out/synthetic.csv", tui.Screen(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KeyCode.F7)]
    [InlineData(KeyCode.Esc)]
    public void Cancel_cancels_the_jobs_token_and_says_nothing_was_written(KeyCode cancelKey)
    {
        using var dir = new TempDirectory();
        var path = WriteProject(dir);
        var sawCancellation = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        RunJob job = async (_, progress, token) =>
        {
            progress.Report(new ProgressUpdate("sample", 0, 0, "waiting"));
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                sawCancellation.SetResult(true);
                throw;
            }

            return "never";
        };
        using var view = new RunView(Fraud, path, job);
        using var tui = new TuiHarness(view);

        tui.Press(Key.F6);
        tui.PumpUntil(() => view.StepText.StartsWith("sample", StringComparison.Ordinal));
        tui.Press(new Key(cancelKey));
        tui.PumpUntil(() => !view.IsRunning);

        Assert.True(sawCancellation.Task.IsCompletedSuccessfully);
        Assert.Equal("Run cancelled, nothing written.", view.Message);
        Assert.Contains("Run cancelled, nothing written.", tui.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_error_from_the_job_is_shown_as_a_message()
    {
        using var dir = new TempDirectory();
        var path = WriteProject(dir);
        RunJob job = (_, _, _) => throw new SynthVaultException("the data file does not exist.", file: "transactions.csv", hint: "Check data.path.");
        using var view = new RunView(Fraud, path, job);
        using var tui = new TuiHarness(view);

        tui.Press(Key.F6);
        tui.PumpUntil(() => !view.IsRunning);

        Assert.StartsWith("error: transactions.csv: the data file does not exist.", view.Message, StringComparison.Ordinal);
        Assert.Equal("Stopped by a problem.", view.StepText);
        Assert.False(view.NewKeyDownEvent(Key.Esc), "without a run, Esc is left to the application");
        tui.Press(Key.F7);
        Assert.Equal("No run is going.", view.Message);
    }

    [Fact]
    public void The_settings_screen_fits_80_by_24_with_every_section_visible()
    {
        using var dir = new TempDirectory();
        var path = WriteProject(dir);
        using var view = new RunView(Fraud with { Rebalance = new RebalanceSection("is_fraud", "1", 0.1, RebalanceMethod.Smote) }, path, (_, _, _) => Task.FromResult("unused"));
        using var tui = new TuiHarness(view);

        var screen = tui.Screen();

        Assert.Equal(24, screen.TrimEnd('\n').Split('\n').Length);
        foreach (var text in new[] { "copula", "Holdout fraction", "Rebalance the rare class", "is_fraud", "borderline", "random", "Run (F6)", "Cancel (F7/Esc)" })
        {
            Assert.Contains(text, screen, StringComparison.Ordinal);
        }
    }

    private static string WriteProject(TempDirectory dir)
    {
        var path = dir.File(SynthVaultProject.DefaultFileName);
        ProjectFiles.Save(Fraud, path, overwrite: false);
        return path;
    }

    private static void Replace(TuiHarness tui, TextField field, string text)
    {
        field.SetFocus();
        tui.Press(Key.End);
        for (var i = field.Text.Length; i > 0; i--)
        {
            tui.Press(Key.Backspace);
        }

        tui.Type(text);
    }
}
