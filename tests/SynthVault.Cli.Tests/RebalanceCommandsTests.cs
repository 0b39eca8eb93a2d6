using System.Text.Json;
using SynthVault.Core.Profiling;
using SynthVault.Core.Project;
using SynthVault.IO;
using SynthVault.Testing;

namespace SynthVault.Cli.Tests;

public sealed class RebalanceCommandsTests
{
    private static string RareFraud => Path.Combine(RepoPaths.DataSamples, "creditcard-fraud", "creditcard_rare.csv");

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A small CSV: <paramref name="positives"/> rows of class 1 among 40, two numeric features.</summary>
    private static string SmallCsv(TempDirectory dir, int positives, bool oneClass = false)
    {
        var path = dir.File("small.csv");
        var lines = new List<string> { "x1,x2,y" };
        for (var i = 0; i < 40; i++)
        {
            lines.Add(FormattableString.Invariant($"{i * 0.5},{(i % 7) * 1.25},{(oneClass ? 0 : i < positives ? 1 : 0)}"));
        }

        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Rebalance_writes_the_original_rows_then_the_generated_ones_and_a_provenance_sidecar()
    {
        using var dir = new TempDirectory();
        var output = dir.File("balanced.csv");

        var (code, stdout, _) = Run("rebalance", RareFraud, "--label", "Class", "--positive", "1", "--ratio", "0.10", "--method", "smote", "--seed", "3", "--out", output, "--json");

        Assert.Equal(CliApp.Success, code);
        using var summary = JsonDocument.Parse(stdout);
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
    public void Rebalance_with_cart_by_default_marks_model_rows_without_parents_and_leaves_the_index_key_empty()
    {
        using var dir = new TempDirectory();
        var output = dir.File("balanced.parquet");
        var sidecar = dir.File("where-from.csv");

        var (code, stdout, _) = Run("rebalance", RareFraud, "--label", "Class", "--ratio", "0.05", "--out", output, "--provenance", sidecar);

        Assert.Equal(CliApp.Success, code);
        Assert.Contains("cart rows of Class = '1' added", stdout);
        var table = TableFile.Read(output).Table;
        Assert.Equal(1255 + 40, table.RowCount); // ⌈(0.05 · 1255 − 25) / 0.95⌉ = 40
        var index = table.Columns[0];
        Assert.Equal(40, index.NullCount); // the unnamed row-number column is an identifier: never generated
        var provenance = File.ReadAllLines(sidecar);
        Assert.Equal("1294,true,cart,,,", provenance[^1]);
    }

    [Fact]
    public void Rebalance_takes_label_ratio_and_method_from_the_project_file()
    {
        using var dir = new TempDirectory();
        var projectPath = dir.File("synthvault.json");
        var profile = Profiler.Profile(TableFile.Read(RareFraud).Table);
        var project = SynthVaultProject.FromProfile(RareFraud, profile) with { Rebalance = new RebalanceSection("Class", "1", 0.2, RebalanceMethod.Random) };
        File.WriteAllText(projectPath, project.ToJson());

        var (code, stdout, _) = Run("rebalance", RareFraud, "--project", projectPath, "--out", dir.File("out.csv"), "--json");

        Assert.Equal(CliApp.Success, code);
        using var summary = JsonDocument.Parse(stdout);
        Assert.Equal("random", summary.RootElement.GetProperty("method").GetString());
        Assert.Equal("Class", summary.RootElement.GetProperty("label").GetString());
        Assert.Equal(283, summary.RootElement.GetProperty("generated").GetInt32()); // ⌈(0.2 · 1255 − 25) / 0.8⌉ = ⌈282.5⌉
    }

    public static TheoryData<string[], string> UserErrors => new()
    {
        { ["--label", "is_fraud"], "There is no label column named 'is_fraud'" },
        { ["--label", "Class", "--ratio", "0.01"], "already at 1.99 %" },
        { ["--label", "Class", "--ratio", "1.5"], "between 0 and 1 (exclusive); got 1.5" },
        { ["--label", "Class", "--ratio", "0"], "between 0 and 1 (exclusive); got 0" },
        { ["--label", "Class", "--positive", "7"], "No row has the label value '7'" },
        { ["--label", "Class", "--method", "gan"], "copula, cart, smote, smotenc, borderline, borderline2, adasyn, random" },
        { ["--ratio", "0.2"], "No label column was given" },
    };

    [Theory]
    [MemberData(nameof(UserErrors))]
    public void Rebalance_refuses_bad_requests_with_a_one_line_user_error_and_writes_nothing(string[] options, string message)
    {
        using var dir = new TempDirectory();

        var (code, _, stderr) = Run(["rebalance", RareFraud, "--out", dir.File("x.csv"), .. options]);

        Assert.Equal(CliApp.UserError, code);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Trim().Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Empty(dir.FileNames());
    }

    [Theory]
    [InlineData("smote", "SMOTE needs at least 6 rows of class '1' for 5 neighbours; there are 2")]
    [InlineData("cart", "needs at least 3 rows of class '1' to learn from; there are 2")]
    public void Too_few_minority_rows_for_the_method_is_a_user_error_and_writes_nothing(string method, string message)
    {
        using var dir = new TempDirectory();
        var data = SmallCsv(dir, positives: 2);

        var (code, _, stderr) = Run("rebalance", data, "--label", "y", "--method", method, "--ratio", "0.3", "--out", dir.File("x.csv"));

        Assert.Equal(CliApp.UserError, code);
        Assert.Contains(message, stderr);
        Assert.Equal(["small.csv"], dir.FileNames());
    }

    [Fact]
    public void A_label_with_one_class_is_a_user_error()
    {
        using var dir = new TempDirectory();
        var data = SmallCsv(dir, positives: 0, oneClass: true);

        var (code, _, stderr) = Run("rebalance", data, "--label", "y", "--out", dir.File("x.csv"));

        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("single class", stderr);
        Assert.Equal(["small.csv"], dir.FileNames());
    }

    [Fact]
    public void Rebalance_never_overwrites_its_input()
    {
        using var dir = new TempDirectory();
        var data = SmallCsv(dir, positives: 8);
        var before = File.ReadAllText(data);

        var (code, _, stderr) = Run("rebalance", data, "--label", "y", "--out", data);

        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("is the input file", stderr);
        Assert.Equal(before, File.ReadAllText(data));
    }

    [Fact]
    public void Rebalance_bench_prints_json_with_the_baselines_and_writes_both_reports_into_the_out_folder()
    {
        using var dir = new TempDirectory();
        var reports = Path.Combine(dir.Path, "bench");

        var (code, stdout, _) = Run("rebalance-bench", RareFraud, "--label", "Class", "--methods", "cart,smote,random", "--bootstrap", "50", "--seed", "1", "--out", reports, "--json");

        Assert.Equal(CliApp.Success, code);
        using var result = JsonDocument.Parse(stdout);
        var names = result.RootElement.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Equal(["none (tuned threshold)", "class-weighted", "cart", "smote", "random"], names);
        Assert.Equal(8, result.RootElement.GetProperty("holdout_positives").GetInt32());
        Assert.Equal(stdout.Trim(), File.ReadAllText(Path.Combine(reports, "rebalance-bench.json")).Trim());
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(reports, "rebalance-bench.html")));
        Assert.Equal(["rebalance-bench.html", "rebalance-bench.json"], Directory.GetFiles(reports).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rebalance_bench_prints_a_human_table_with_intervals_and_flags()
    {
        var (code, stdout, _) = Run("rebalance-bench", RareFraud, "--label", "Class", "--methods", "random", "--bootstrap", "50");

        Assert.Equal(CliApp.Success, code);
        Assert.Contains("(tuned", stdout);
        Assert.Contains("class-weighted", stdout);
        Assert.Matches(@"\[0\.\d{3},", stdout); // an interval's lower bound
        Assert.Contains("identical to a real", stdout);
    }

    [Fact]
    public void Rebalance_bench_with_too_few_minority_rows_is_a_user_error_and_writes_no_report()
    {
        using var dir = new TempDirectory();
        var data = SmallCsv(dir, positives: 3);
        var reports = Path.Combine(dir.Path, "bench");

        var (code, _, stderr) = Run("rebalance-bench", data, "--label", "y", "--methods", "smote", "--out", reports);

        Assert.Equal(CliApp.UserError, code);
        Assert.Contains("Too few rows of class '1'", stderr);
        Assert.False(Directory.Exists(reports));
    }
}
