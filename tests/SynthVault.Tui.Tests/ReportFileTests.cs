using SynthVault.Core.Errors;
using SynthVault.Testing;
using SynthVault.Tui.Screens;

namespace SynthVault.Tui.Tests;

/// <summary>Reading report.json for the evaluation screen.</summary>
public sealed class ReportFileTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void A_report_and_its_run_folder_are_recognised_and_a_project_file_is_not()
    {
        using var temp = new TempDirectory("tui-kinds");
        var project = Path.Combine(temp.Path, "synthvault.json");
        File.WriteAllText(project, """{ "version": 1 }""");
        var renamed = Path.Combine(temp.Path, "evaluation-of-run-3.json");
        File.Copy(fixture.Path, renamed);

        Assert.True(ReportFile.LooksLikeReport(fixture.Path));
        Assert.True(ReportFile.LooksLikeReport(fixture.Folder));
        Assert.True(ReportFile.LooksLikeReport(renamed)); // any name, when it has verdicts
        Assert.False(ReportFile.LooksLikeReport(project));
        Assert.False(ReportFile.LooksLikeReport(temp.Path));
    }

    [Fact]
    public void The_verdict_figures_are_the_ones_in_the_file()
    {
        var summary = ReportFile.Read(fixture.Path);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(fixture.Path));
        var verdicts = json.RootElement.GetProperty("verdicts").EnumerateArray().ToList();

        Assert.Equal(verdicts.Count, summary.Verdicts.Count);
        for (var i = 0; i < verdicts.Count; i++)
        {
            Assert.Equal(verdicts[i].GetProperty("outcome").GetString(), summary.Verdicts[i].Outcome);
            Assert.Equal(verdicts[i].GetProperty("summary").GetString(), summary.Verdicts[i].Summary);
            var value = verdicts[i].GetProperty("value");
            Assert.Equal(value.ValueKind == System.Text.Json.JsonValueKind.Number ? value.GetDouble() : null, summary.Verdicts[i].Value);
        }
    }

    [Fact]
    public void Invalid_json_names_the_file_and_line()
    {
        using var temp = new TempDirectory("tui-badjson");
        var path = Path.Combine(temp.Path, "report.json");
        File.WriteAllText(path, "{\n  \"verdicts\": [\n}");

        var ex = Assert.Throws<SynthVaultException>(() => ReportFile.Read(path));

        Assert.Equal(path, ex.File);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_report_says_what_to_open()
    {
        using var temp = new TempDirectory("tui-empty");

        var ex = Assert.Throws<SynthVaultException>(() => ReportFile.Read(temp.Path));

        Assert.Contains("no report.json", ex.Message, StringComparison.Ordinal);
    }
}
