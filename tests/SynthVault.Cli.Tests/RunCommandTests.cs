using System.Text.Json;
using SynthVault.App;
using SynthVault.Core.Project;
using SynthVault.Testing;
using static SynthVault.Cli.Tests.CliRunner;

namespace SynthVault.Cli.Tests;

public sealed class RunCommandTests
{
    /// <summary>The first rows of Adult beside a project file made by init, as a user would have them.</summary>
    private static string Project(TempDirectory dir, int rows, Func<string, string>? edit = null)
    {
        var data = dir.File("adult.csv");
        File.WriteAllLines(data, File.ReadLines(RepoPaths.AdultCsv).Take(rows + 1));
        var projectPath = dir.File(SynthVaultProject.DefaultFileName);
        ProfileUseCase.Init(data, projectPath, overwrite: true);
        if (edit is not null)
        {
            File.WriteAllText(projectPath, edit(File.ReadAllText(projectPath)));
        }

        return projectPath;
    }

    [Fact]
    public void Run_prints_the_steps_the_verdicts_and_where_the_report_is()
    {
        using var dir = new TempDirectory();
        var project = Project(dir, 600);

        var (code, output, err) = Run("run", project, "--out", dir.File("out"));

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        foreach (var text in new[] { "load", "split", "fit", "sample", "evaluate", "cost", "fidelity", "privacy", "Report:", "report.html", "Run folder:" })
        {
            Assert.Contains(text, output, StringComparison.Ordinal);
        }

        var run = Assert.Single(Directory.GetDirectories(Path.Combine(dir.Path, "out", "runs")));
        Assert.True(File.Exists(Path.Combine(run, "manifest.json")));
    }

    [Fact]
    public void Run_json_prints_only_the_result_and_reproduce_of_it_succeeds()
    {
        using var dir = new TempDirectory();
        var project = Project(dir, 400);

        var (code, output, _) = Run("run", project, "--out", dir.File("out"), "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(Directory.Exists(root.GetProperty("runDirectory").GetString()));
        Assert.Equal(6, root.GetProperty("steps").GetArrayLength());
        Assert.Equal("done", root.GetProperty("steps")[0].GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("verification").ValueKind);

        var (again, againOut, againErr) = Run("run", "--reproduce", root.GetProperty("manifestPath").GetString()!, "--out", dir.File("again"), "--json");

        Assert.True(again == 0, againErr);
        using var second = JsonDocument.Parse(againOut);
        Assert.True(second.RootElement.GetProperty("verification").GetProperty("allMatch").GetBoolean());
    }

    [Fact]
    public void Reproducing_with_a_changed_input_is_one_error_line_and_exit_1()
    {
        using var dir = new TempDirectory();
        var project = Project(dir, 200);
        var (_, output, _) = Run("run", project, "--out", dir.File("out"), "--json");
        using var json = JsonDocument.Parse(output);
        File.AppendAllText(dir.File("adult.csv"), File.ReadLines(RepoPaths.AdultCsv).ElementAt(900) + "\n");

        var (code, _, err) = Run("run", "--reproduce", json.RootElement.GetProperty("manifestPath").GetString()!);

        Assert.Equal(1, code);
        AssertOneErrorLine(err, "has changed since the recorded run");
    }

    [Theory]
    [InlineData("\"seed\": 42", "\"seeed\": 42", "synthesis.seeed")]
    [InlineData("\"holdoutFraction\": 0.3", "\"holdoutFraction\": \"a third\"", "evaluation.holdoutFraction")]
    public void A_project_with_an_unknown_key_or_a_wrong_type_exits_1_naming_the_json_path(string from, string to, string path)
    {
        using var dir = new TempDirectory();
        var project = Project(dir, 20, text => text.Replace(from, to, StringComparison.Ordinal));

        var (code, output, err) = Run("run", project, "--out", dir.File("out"));

        Assert.Equal(1, code);
        Assert.DoesNotContain("Run folder:", output, StringComparison.Ordinal);
        AssertOneErrorLine(err, path);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void A_project_whose_data_file_is_missing_exits_1_naming_the_file()
    {
        using var dir = new TempDirectory();
        var project = Project(dir, 20, text => text.Replace("\"path\": \"adult.csv\"", "\"path\": \"gone.csv\"", StringComparison.Ordinal));

        var (code, _, err) = Run("run", project);

        Assert.Equal(1, code);
        AssertOneErrorLine(err, "gone.csv");
    }

    [Fact]
    public void Run_without_a_project_or_a_manifest_is_a_user_error()
    {
        var (code, _, err) = Run("run");

        Assert.Equal(1, code);
        AssertOneErrorLine(err, "run needs a project file");
    }

    [Fact]
    public void Help_lists_run_right_after_demo()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(0, code);
        var demo = output.IndexOf("  demo", StringComparison.Ordinal);
        var run = output.IndexOf("  run", StringComparison.Ordinal);
        Assert.True(demo >= 0 && run > demo, output);
        Assert.True(run < output.IndexOf("  profile", StringComparison.Ordinal), output);
    }
}
