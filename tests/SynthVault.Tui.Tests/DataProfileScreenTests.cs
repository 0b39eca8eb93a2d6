using System.Text.Json;
using SynthVault.App;
using SynthVault.Testing;
using SynthVault.Tui.Screens;
using Terminal.Gui.Input;
using static SynthVault.Tui.Tests.TuiHarness;

namespace SynthVault.Tui.Tests;

/// <summary>The data and profile screen, driven through the real shell with keys.</summary>
public sealed class DataProfileScreenTests
{
    [Fact]
    public void Opening_a_data_file_fills_the_profile_table_with_one_row_per_column_and_masks_personal_values()
    {
        using var temp = new TempDirectory("tui-data");
        var csv = TuiTestFiles.WriteCustomers(temp.Path);
        using var h = new TuiHarness();
        var view = h.ScreenOf<DataProfileView>();
        var screens = new List<string>();

        h.Run(
            Do("type the path and press Enter", () =>
            {
                view.PathField.SetFocus();
                h.Type(csv);
                h.Key(Key.Enter);
            }),
            WaitFor("the profile is shown", () => !view.IsBusy && view.Rows.Count > 0),
            Do("look at the first row's details", () => screens.Add(h.Screen)),
            Do("go to the e-mail row", () =>
            {
                view.Table.SetFocus();
                h.Key(Key.CursorDown);
                h.Key(Key.CursorDown);
            }),
            Do("look at the screen", () => screens.Add(h.Screen)));

        Assert.Equal(TuiTestFiles.CustomerColumns, view.Rows.Select(r => r.Name));
        var email = view.Rows.Single(r => r.Name == "email");
        Assert.Equal(Core.Schema.PiiKind.Email, email.Settings.Pii);
        Assert.Equal(Core.Schema.ColumnPolicy.Surrogate, email.Settings.Policy);
        Assert.Equal(Core.Schema.ColumnKind.Integer, view.Rows.Single(r => r.Name == "age").Settings.Kind);
        Assert.Contains("customers.csv: 60 rows, 5 columns", view.StatusText, StringComparison.Ordinal);

        // The detail line names the selected column as it is spelled: an underscore is not a hot-key marker here.
        Assert.Contains("customer_id — samples:", screens[0], StringComparison.Ordinal);
        var screen = screens[1];
        Assert.Contains("email — samples:", screen, StringComparison.Ordinal);
        Assert.Contains("customer_id", screen, StringComparison.Ordinal);
        Assert.Contains("churned", screen, StringComparison.Ordinal);
        Assert.Contains("@e***.com", screen, StringComparison.Ordinal); // the masked form is shown…
        for (var i = 0; i < 60; i++)
        {
            Assert.DoesNotContain(TuiTestFiles.Email(i), screen, StringComparison.Ordinal); // …and never a real address
        }

        Assert.DoesNotContain("private@", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_column_kind_and_saving_writes_the_override_to_synthvault_json_and_reloading_shows_it()
    {
        using var temp = new TempDirectory("tui-save");
        var csv = TuiTestFiles.WriteCustomers(temp.Path);
        var projectPath = Path.Combine(temp.Path, "synthvault.json");
        using (var h = new TuiHarness())
        {
            var view = h.ScreenOf<DataProfileView>();
            ColumnSettingsDialog? dialog = null;
            h.Run(
                Do("open the file", () => view.Open(csv)),
                WaitFor("the profile is shown", () => !view.IsBusy && view.Rows.Count > 0),
                Do("select 'zip' and press Enter", () =>
                {
                    view.Table.SetFocus();
                    for (var i = 0; i < 3; i++)
                    {
                        h.Key(Key.CursorDown);
                    }

                    h.Key(Key.Enter);
                }),
                When("the column dialog is open", () => (dialog = h.DialogAs<ColumnSettingsDialog>()) is not null, () =>
                {
                    Assert.Equal("Column 'zip'", dialog!.Title);
                    Assert.True(dialog.Kind.HasFocus);
                    h.Key(Key.CursorDown); // integer → categorical
                    h.Key(Key.Enter);
                }),
                WaitFor("the dialog closed", () => !h.DialogOpen),
                Do("the row shows the unsaved change; save with Ctrl+S", () =>
                {
                    var zip = view.Rows.Single(r => r.Name == "zip");
                    Assert.Equal(Core.Schema.ColumnKind.Categorical, zip.Settings.Kind);
                    Assert.True(zip.Edited);
                    Assert.True(h.Session.HasUnsavedOverrides);
                    Assert.Contains("*zip", h.Screen, StringComparison.Ordinal);
                    h.Key(Key.S.WithCtrl);
                }),
                WaitFor("the file is written", () => File.Exists(projectPath)));

            Assert.False(h.Session.HasUnsavedOverrides);
            Assert.Equal(projectPath, h.Session.ProjectPath);
        }

        using (var json = JsonDocument.Parse(File.ReadAllText(projectPath)))
        {
            var zip = json.RootElement.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "zip");
            Assert.Equal("categorical", zip.GetProperty("kind").GetString());
            Assert.Equal("customers.csv", json.RootElement.GetProperty("data").GetProperty("path").GetString());
        }

        var saved = ProjectFiles.Load(projectPath); // the strict loader accepts what the app wrote
        Assert.Equal(Core.Schema.ColumnKind.Categorical, saved.ToSchema()["zip"].Kind);

        using (var h = new TuiHarness())
        {
            var view = h.ScreenOf<DataProfileView>();
            h.Run(
                Do("open the project file", () =>
                {
                    view.PathField.SetFocus();
                    h.Type(projectPath);
                    h.Key(Key.Enter);
                }),
                WaitFor("the profile is shown", () => !view.IsBusy && view.Rows.Count > 0));

            var zip = view.Rows.Single(r => r.Name == "zip");
            Assert.Equal(Core.Schema.ColumnKind.Categorical, zip.Settings.Kind);
            Assert.False(zip.Edited);
            Assert.Contains("synthvault.json → customers.csv", view.StatusText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Marking_a_column_as_personal_data_makes_its_policy_follow_to_surrogate()
    {
        using var temp = new TempDirectory("tui-pii");
        var csv = TuiTestFiles.WriteCustomers(temp.Path);
        using var h = new TuiHarness();
        var view = h.ScreenOf<DataProfileView>();
        ColumnSettingsDialog? dialog = null;
        h.Run(
            Do("open the file", () => view.Open(csv)),
            WaitFor("the profile is shown", () => !view.IsBusy && view.Rows.Count > 0),
            Do("edit 'age'", () =>
            {
                view.Table.SetFocus();
                h.Key(Key.CursorDown);
                h.Key(Key.Enter);
            }),
            When("the column dialog is open", () => (dialog = h.DialogAs<ColumnSettingsDialog>()) is not null, () =>
            {
                dialog!.Pii.SetFocus();
                for (var i = 0; i < 9; i++)
                {
                    h.Key(Key.CursorDown); // none → … → dateOfBirth
                }

                Assert.Equal(Core.Schema.ColumnPolicy.Surrogate, dialog.Selection.Policy);
                h.Key(Key.Enter);
            }),
            WaitFor("the dialog closed", () => !h.DialogOpen));

        var age = view.Rows.Single(r => r.Name == "age");
        Assert.Equal(Core.Schema.PiiKind.DateOfBirth, age.Settings.Pii);
        Assert.Equal(Core.Schema.ColumnPolicy.Surrogate, age.Settings.Policy);
    }

    [Fact]
    public void Opening_a_malformed_project_shows_the_problem_with_the_file_and_key_and_the_app_keeps_running()
    {
        using var temp = new TempDirectory("tui-bad");
        TuiTestFiles.WriteCustomers(temp.Path);
        var projectPath = Path.Combine(temp.Path, "synthvault.json");
        File.WriteAllText(projectPath, """
            {
              "version": 1,
              "data": { "path": "customers.csv" },
              "columns": [ { "name": "age", "kind": "integr", "dataType": "int64" } ],
              "synthesis": { "rows": "many" },
              "colour": "blue"
            }
            """);
        using var h = new TuiHarness();
        var view = h.ScreenOf<DataProfileView>();
        string? message = null;
        h.Run(
            Do("open the project", () =>
            {
                view.PathField.SetFocus();
                h.Type(projectPath);
                h.Key(Key.Enter);
            }),
            When("an error box is shown", () => h.DialogOpen, () =>
            {
                message = h.Screen;
                h.Key(Key.Enter);
            }),
            WaitFor("the box closed", () => !h.DialogOpen),
            Do("switch screens: the app is alive", () => h.Key(Key.F2)),
            WaitFor("the evaluation screen is shown", () => h.Shell.CurrentScreen is EvaluationView));

        Assert.NotNull(message);
        Assert.Contains("Problem", message, StringComparison.Ordinal);
        Assert.Contains("synthvault.json", message, StringComparison.Ordinal);
        Assert.Contains("columns[0].kind", message, StringComparison.Ordinal);
        Assert.Contains("colour", message, StringComparison.Ordinal);
        Assert.Contains("Could not open synthvault.json", view.StatusText, StringComparison.Ordinal);
        Assert.Empty(view.Rows);
        Assert.True(h.ForcedQuit);
    }

    [Fact]
    public void Opening_a_file_that_does_not_exist_names_it_in_the_message()
    {
        using var temp = new TempDirectory("tui-missing");
        var missing = Path.Combine(temp.Path, "nowhere.csv");
        using var h = new TuiHarness();
        var view = h.ScreenOf<DataProfileView>();
        string? message = null;
        h.Run(
            Do("open a missing file", () => view.Open(missing)),
            When("an error box is shown", () => h.DialogOpen, () =>
            {
                message = h.Screen;
                h.Key(Key.Enter);
            }),
            WaitFor("the box closed", () => !h.DialogOpen));

        Assert.Contains("nowhere.csv", message, StringComparison.Ordinal);
        Assert.False(view.IsBusy);
    }

    [Fact]
    public void Profiling_runs_off_the_ui_thread_with_progress_while_keys_still_work()
    {
        // Adult (30,162 rows, 15 columns) takes long enough to profile that the main loop must keep turning meanwhile.
        using var h = new TuiHarness();
        var view = h.ScreenOf<DataProfileView>();
        var busyIterations = 0;
        var statuses = new HashSet<string>();
        var switchedWhileBusy = false;
        h.Run(
            Do("open Adult", () => view.Open(RepoPaths.AdultCsv)),
            When("the work is done", () =>
            {
                if (view.IsBusy)
                {
                    busyIterations++;
                    statuses.Add(view.StatusText);
                    if (busyIterations == 2)
                    {
                        h.Key(Key.F2); // the UI answers keys while the profiler runs
                        switchedWhileBusy = h.Shell.CurrentScreen is EvaluationView;
                        h.Key(Key.F1);
                    }
                }

                return !view.IsBusy;
            }, () => { }));

        Assert.True(busyIterations >= 2, $"the main loop turned {busyIterations} times while profiling");
        Assert.True(switchedWhileBusy);
        Assert.Contains(statuses, s => s.StartsWith("Reading adult.csv", StringComparison.Ordinal) || s.StartsWith("Profiling column", StringComparison.Ordinal) || s.StartsWith("Opening adult.csv", StringComparison.Ordinal));
        Assert.Equal(15, view.Rows.Count);
        Assert.Contains("30,162 rows", view.StatusText, StringComparison.Ordinal);
    }
}
