using System.Text.Json;
using SynthVault.App;
using SynthVault.Testing;
using static SynthVault.Cli.Tests.CliRunner;

namespace SynthVault.Cli.Tests;

public sealed class FoundationCommandTests
{
    [Fact]
    public void Version_prints_the_version_and_exits_0()
    {
        var (code, output, _) = Run("--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public void Help_lists_the_main_commands()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(0, code);
        foreach (var command in new[] { "demo", "profile", "init", "fit", "sample", "synth", "evaluate", "rebalance", "cost" })
        {
            Assert.Contains("  " + command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_option_is_a_user_error_with_exit_code_1()
    {
        var (code, _, err) = Run("profile", RepoPaths.AdultCsv, "--no-such-option");

        Assert.Equal(1, code);
        Assert.Contains("--no-such-option", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_prints_every_column_of_a_bundled_file()
    {
        var (code, output, err) = Run("profile", RepoPaths.AdultCsv);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains("30,162 rows × 15 columns", output, StringComparison.Ordinal);
        Assert.Contains("income", output, StringComparison.Ordinal);
        Assert.Contains("Label", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_json_is_only_json_with_one_entry_per_column()
    {
        var (code, output, _) = Run("profile", RepoPaths.CreditCardCsv, "--json");

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1722, doc.RootElement.GetProperty("rowCount").GetInt32());
        Assert.Equal(32, doc.RootElement.GetProperty("columns").GetArrayLength());
    }

    [Fact]
    public void Profiling_a_missing_file_is_one_line_naming_it()
    {
        var (code, output, err) = Run("profile", "no-such-file.csv");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        AssertOneErrorLine(err, "no-such-file.csv");
    }

    [Fact]
    public void Profiling_a_ragged_csv_is_one_line_naming_the_file_and_row()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ragged.csv");
        File.WriteAllText(path, "a,b,c\n1,2,3\n4,5\n");

        var (code, _, err) = Run("profile", path);

        Assert.Equal(1, code);
        AssertOneErrorLine(err, "ragged.csv");
        Assert.Contains("row", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiling_a_folder_instead_of_a_file_is_a_user_error()
    {
        using var dir = new TempDirectory();

        var (code, _, err) = Run("profile", dir.Path);

        Assert.Equal(1, code);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_internal_error_exits_2_with_the_stack_trace_only_when_verbose(bool verbose)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error) { Verbose = verbose };
        Exception thrown;
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var code = CliApp.Report(context, thrown);

        Assert.Equal(2, code);
        Assert.Contains("internal error: InvalidOperationException: boom", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(verbose, error.ToString().Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public void Init_writes_a_project_that_loads_back_and_refuses_to_overwrite_it()
    {
        using var dir = new TempDirectory();
        var project = dir.File("synthvault.json");

        var first = Run("init", RepoPaths.AdultCsv, "--out", project);
        var second = Run("init", RepoPaths.AdultCsv, "--out", project);
        var forced = Run("init", RepoPaths.AdultCsv, "--out", project, "--force");

        Assert.Equal(0, first.Code);
        var loaded = ProjectFiles.Load(project);
        Assert.Equal("income", loaded.Evaluation.Label);
        Assert.Equal(Path.GetFullPath(RepoPaths.AdultCsv), ProjectFiles.ResolveDataPath(project, loaded));
        Assert.Equal(1, second.Code);
        AssertOneErrorLine(second.Err, "already exists");
        Assert.Equal(0, forced.Code);
    }

    [Fact]
    public void Synth_then_sample_under_a_condition_writes_exactly_the_rows_asked_for()
    {
        using var dir = new TempDirectory();
        var model = dir.File("adult.svm");
        var synthetic = dir.File("synthetic.csv");
        var rich = dir.File("rich.parquet");

        var synth = Run("synth", RepoPaths.AdultCsv, "--method", "copula", "--rows", "500", "--out", synthetic, "--model", model, "--seed", "3");
        var sample = Run("sample", model, "--rows", "200", "--where", "income=>50K", "--out", rich);

        Assert.Equal(0, synth.Code);
        Assert.Equal(501, File.ReadAllLines(synthetic).Length);
        Assert.Equal(0, sample.Code);
        var table = SynthVault.IO.TableFile.Read(rich).Table;
        Assert.Equal(200, table.RowCount);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(">50K", table["income"].GetValue(i)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Synth_with_no_rows_is_a_user_error_and_writes_nothing(string rows)
    {
        using var dir = new TempDirectory();

        var (code, _, err) = Run("synth", RepoPaths.AdultCsv, "--rows", rows, "--out", dir.File("out.csv"));

        Assert.Equal(1, code);
        AssertOneErrorLine(err, "--rows must be at least 1");
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void Sampling_under_an_unknown_column_is_a_user_error_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var model = dir.File("m.svm");
        Assert.Equal(0, Run("fit", RepoPaths.CreditCardCsv, "--method", "copula", "--model", model).Code);

        var (code, _, err) = Run("sample", model, "--rows", "10", "--where", "nosuch=1", "--out", dir.File("x.csv"));

        Assert.Equal(1, code);
        AssertOneErrorLine(err, "nosuch=1");
        Assert.Equal(["m.svm"], dir.FileNames());
    }

    [Fact]
    public void Evaluate_writes_both_report_files_and_prints_a_verdict_per_section()
    {
        using var dir = new TempDirectory();
        var train = dir.File("train.csv");
        var holdout = dir.File("holdout.csv");
        var synthetic = dir.File("synthetic.csv");
        var table = TestData.CreditCard;
        var (trainRows, holdoutRows) = SynthVault.Core.Data.TableSplit.Split(table, "Class", 0.3, 5);
        SynthVault.IO.TableFile.Write(table.Take(trainRows), train);
        SynthVault.IO.TableFile.Write(table.Take(holdoutRows), holdout);
        Assert.Equal(0, Run("synth", train, "--method", "copula", "--out", synthetic).Code);

        var (code, output, err) = Run("evaluate", "--real", train, "--synthetic", synthetic, "--holdout", holdout, "--label", "Class", "--out", dir.File("report"));

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.True(File.Exists(Path.Combine(dir.File("report"), "report.json")));
        Assert.True(File.Exists(Path.Combine(dir.File("report"), "report.html")));
        foreach (var section in new[] { "fidelity", "utility", "discriminator", "privacy" })
        {
            Assert.Contains(section, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_with_a_missing_column_in_the_synthetic_table_is_one_line_naming_it()
    {
        using var dir = new TempDirectory();
        var real = dir.File("real.csv");
        var synthetic = dir.File("synthetic.csv");
        File.WriteAllText(real, "a,b\n1,x\n2,y\n3,x\n");
        File.WriteAllText(synthetic, "a\n1\n2\n");

        var (code, _, err) = Run("evaluate", "--real", real, "--synthetic", synthetic, "--out", dir.File("report"));

        Assert.Equal(1, code);
        AssertOneErrorLine(err, "'b'");
        Assert.False(Directory.Exists(dir.File("report")) && Directory.EnumerateFiles(dir.File("report")).Any());
    }
}
