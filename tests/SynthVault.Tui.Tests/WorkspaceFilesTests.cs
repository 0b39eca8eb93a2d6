using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Profiling;
using SynthVault.Core.Schema;
using SynthVault.Testing;
using SynthVault.Tui.Screens;
using SynthVault.Tui.Shell;

namespace SynthVault.Tui.Tests;

/// <summary>The rules behind the data screen, without the UI: overrides, saving, masking.</summary>
public sealed class WorkspaceFilesTests
{
    [Fact]
    public void An_override_that_would_learn_personal_data_is_refused_with_the_project_rule()
    {
        using var temp = new TempDirectory("tui-rules");
        var session = Open(temp);
        var age = session.Schema!["age"] with { Pii = PiiKind.DateOfBirth, Policy = ColumnPolicy.Synthesize };

        var ex = Assert.Throws<SynthVaultException>(() => WorkspaceFiles.ApplyOverride(session, age));

        Assert.Contains("columns[1].policy", ex.Message, StringComparison.Ordinal);
        Assert.Contains("must never be learned", ex.Message, StringComparison.Ordinal);
        Assert.Equal("synthvault.json", ex.File);
    }

    [Fact]
    public void Making_a_column_the_label_demotes_the_previous_label()
    {
        using var temp = new TempDirectory("tui-label");
        var session = Open(temp);
        Assert.Equal("churned", session.Schema!.Label?.Name);

        var zip = session.Schema["zip"] with { Kind = ColumnKind.Categorical, Role = ColumnRole.Label };
        var schema = WorkspaceFiles.ApplyOverride(session, zip);

        Assert.Equal("zip", schema.Label?.Name);
        Assert.Equal(ColumnRole.Feature, schema["churned"].Role);
        Assert.Single(schema.Columns, c => c.Role == ColumnRole.Label);
    }

    [Fact]
    public void Saving_a_data_file_on_its_own_creates_synthvault_json_beside_it_with_the_label_for_evaluation()
    {
        using var temp = new TempDirectory("tui-new");
        var session = Open(temp);
        var target = WorkspaceFiles.TargetProjectPath(session);

        var project = WorkspaceFiles.Save(session, target, overwrite: false);

        Assert.Equal(Path.Combine(temp.Path, "synthvault.json"), target);
        Assert.Equal("customers.csv", project.Data.Path);
        Assert.Equal("churned", project.Evaluation.Label);
        Assert.Equal(project, App.ProjectFiles.Load(target));
    }

    [Fact]
    public void Saving_never_replaces_a_project_it_did_not_open_unless_told_to()
    {
        using var temp = new TempDirectory("tui-exists");
        var session = Open(temp);
        var target = WorkspaceFiles.TargetProjectPath(session);
        File.WriteAllText(target, "{ }");

        Assert.Throws<SynthVaultException>(() => WorkspaceFiles.Save(session, target, overwrite: false));
        Assert.Equal("{ }", File.ReadAllText(target));
    }

    [Fact]
    public void A_project_whose_data_lost_a_column_names_the_column()
    {
        using var temp = new TempDirectory("tui-mismatch");
        var session = Open(temp);
        var target = WorkspaceFiles.TargetProjectPath(session);
        WorkspaceFiles.Save(session, target, overwrite: false);
        var csv = Path.Combine(temp.Path, "customers.csv");
        File.WriteAllLines(csv, [.. File.ReadAllLines(csv).Select(l => string.Join(',', l.Split(',').Take(4)))]); // drop 'churned'

        var ex = Assert.Throws<SynthVaultException>(() => WorkspaceFiles.Load(target, null, CancellationToken.None));

        Assert.Equal("churned", ex.Column);
    }

    [Fact]
    public void Samples_of_a_column_the_user_marks_as_personal_data_are_masked_even_when_the_profiler_missed_it()
    {
        var table = new Table([StringColumn.FromValues("note", ["Alice Martin", "Bob Stone", "Carol King", "Dan Brown"])]);
        var profile = Profiler.Profile(table).Columns[0];
        Assert.Contains("Alice Martin", profile.MaskedSamples); // the profiler saw no PII, so it kept the values
        var settings = profile.ToSchema() with { Pii = PiiKind.PersonName, Policy = ColumnPolicy.Surrogate };

        var shown = ProfileRow.SafeSamples(profile, settings);

        Assert.Equal(profile.MaskedSamples.Count, shown.Count);
        Assert.All(shown, s => Assert.Contains('*', s));
        Assert.DoesNotContain(shown, s => s.Contains("Alice", StringComparison.Ordinal) || s.Contains("Martin", StringComparison.Ordinal));
    }

    [Fact]
    public void A_user_error_is_a_problem_box_and_anything_else_an_unexpected_one_in_one_line()
    {
        var (userTitle, userText) = TuiErrors.Describe(new SynthVaultException("is broken.", "data.csv", "age", 3));
        var (bugTitle, bugText) = TuiErrors.Describe(new AggregateException(new InvalidOperationException("first\nsecond")));
        var (cancelTitle, _) = TuiErrors.Describe(new OperationCanceledException());

        Assert.Equal(TuiErrors.ProblemTitle, userTitle);
        Assert.Equal("data.csv, row 3, column 'age': is broken.", userText);
        Assert.Equal(TuiErrors.UnexpectedTitle, bugTitle);
        Assert.StartsWith("InvalidOperationException: first\n", bugText, StringComparison.Ordinal);
        Assert.DoesNotContain("second", bugText, StringComparison.Ordinal);
        Assert.Null(cancelTitle);
    }

    private static TuiSession Open(TempDirectory temp)
    {
        var csv = TuiTestFiles.WriteCustomers(temp.Path);
        var session = new TuiSession();
        session.Open(WorkspaceFiles.Load(csv, null, CancellationToken.None));
        return session;
    }
}
