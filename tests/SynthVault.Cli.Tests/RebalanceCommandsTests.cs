using System.Text.Json;
using SynthVault.Testing;

namespace SynthVault.Cli.Tests;

public sealed class RebalanceCommandsTests
{
    private static string RareFraud => Path.Combine(RepoPaths.DataSamples, "creditcard-fraud", "creditcard_rare.csv");

    [Fact]
    public void Rebalance_writes_the_original_rows_then_the_generated_ones_and_a_provenance_sidecar()
    {
        using var dir = new TempDirectory();
        var output = dir.File("balanced.csv");
        var stdout = new StringWriter();

        var code = CliApp.Run(["rebalance", RareFraud, "--label", "Class", "--positive", "1", "--ratio", "0.10", "--method", "smote", "--seed", "3", "--out", output, "--json"], stdout, new StringWriter());

        Assert.Equal(CliApp.Success, code);
        using var summary = JsonDocument.Parse(stdout.ToString());
        var generated = summary.RootElement.GetProperty("generated").GetInt32();
        Assert.Equal(112, generated); // ⌈(0.10 · 1255 − 25) / 0.9⌉ = ⌈111.7⌉
        Assert.True(summary.RootElement.GetProperty("share_after").GetDouble() >= 0.10);
        var original = File.ReadAllLines(RareFraud);
        var written = File.ReadAllLines(output);
        Assert.Equal(1255 + generated + 1, written.Length);
        var provenance = File.ReadAllLines(dir.File("balanced.provenance.csv"));
        Assert.Equal(1255 + generated + 1, provenance.Length);
        Assert.StartsWith("row,is_synthetic,method,parent_a,parent_b,gap", provenance[0]);
        Assert.Contains("smote", provenance[^1]);
        static string Class(string line) => line[(line.LastIndexOf(',') + 1)..];
        Assert.Equal(original.Skip(1).Select(Class), written.Skip(1).Take(1255).Select(Class));
        Assert.All(written.Skip(1256), line => Assert.Equal("1", Class(line)));
    }

    [Fact]
    public void Rebalance_with_a_ratio_below_the_current_share_is_a_one_line_user_error()
    {
        using var dir = new TempDirectory();
        var stderr = new StringWriter();

        var code = CliApp.Run(["rebalance", RareFraud, "--label", "Class", "--ratio", "0.01", "--out", dir.File("x.csv")], new StringWriter(), stderr);

        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("already at 1.99 %", stderr.ToString());
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void An_unknown_method_is_a_user_error_listing_the_methods()
    {
        using var dir = new TempDirectory();
        var stderr = new StringWriter();

        var code = CliApp.Run(["rebalance", RareFraud, "--label", "Class", "--method", "gan", "--out", dir.File("x.csv")], new StringWriter(), stderr);

        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("smote, smotenc, borderline, borderline2, adasyn, random", stderr.ToString());
    }

    [Fact]
    public void Rebalance_bench_prints_json_with_the_baselines_and_writes_the_html_report()
    {
        using var dir = new TempDirectory();
        var stdout = new StringWriter();
        var html = dir.File("bench.html");

        var code = CliApp.Run(["rebalance-bench", RareFraud, "--label", "Class", "--methods", "smote,random", "--bootstrap", "50", "--seed", "1", "--html", html, "--json"], stdout, new StringWriter());

        Assert.Equal(CliApp.Success, code);
        using var result = JsonDocument.Parse(stdout.ToString());
        var names = result.RootElement.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(["none (tuned threshold)", "class-weighted", "smote", "random"], names);
        Assert.Contains("<svg", File.ReadAllText(html));
        Assert.Equal(8, result.RootElement.GetProperty("holdout_positives").GetInt32());
    }

    [Fact]
    public void Rebalance_bench_prints_a_human_table_with_intervals_and_flags()
    {
        var stdout = new StringWriter();

        var code = CliApp.Run(["rebalance-bench", RareFraud, "--label", "Class", "--methods", "random", "--bootstrap", "50"], stdout, new StringWriter());

        Assert.Equal(CliApp.Success, code);
        var text = stdout.ToString();
        // Spectre wraps cells at 80 columns when output is redirected, so names are matched by a piece.
        Assert.Contains("(tuned", text);
        Assert.Contains("class-we", text);
        Assert.Matches(@"\[0\.\d{3},", text); // an interval's lower bound
        Assert.Contains("identical to a real", text);
    }
}
