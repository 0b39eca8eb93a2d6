using System.Security.Cryptography;
using System.Text.Json;
using SynthVault.App.Run;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Project;
using SynthVault.IO;
using SynthVault.Testing;

namespace SynthVault.App.Tests.Run;

/// <summary>One run of a 2,000-row Adult project at a fixed time, shared by the tests that only read its folder.</summary>
public sealed class AdultRunFixture : IDisposable
{
    public static readonly DateTimeOffset Time = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private readonly TempDirectory dir = new("synthvault-run");

    public AdultRunFixture()
    {
        ProjectPath = RunProjects.Adult(dir);
        Result = RunUseCase.RunAsync(new RunRequest(ProjectPath) { Clock = new FixedClock(Time) }, null, CancellationToken.None).GetAwaiter().GetResult();
    }

    public string Root => dir.Path;

    public string ProjectPath { get; }

    public RunResult Result { get; }

    public void Dispose() => dir.Dispose();
}

public sealed class RunUseCaseTests(AdultRunFixture fixture) : IClassFixture<AdultRunFixture>
{
    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void A_run_writes_its_folder_under_the_output_directory_named_by_time_and_hash()
    {
        var runs = Path.Combine(fixture.Root, "out", RunUseCase.RunsFolder);

        Assert.Equal(runs, Path.GetDirectoryName(fixture.Result.RunDirectory));
        Assert.Matches(@"^20250314-150926-[0-9a-f]{8}$", Path.GetFileName(fixture.Result.RunDirectory));
        Assert.Equal([Path.GetFileName(fixture.Result.RunDirectory)], Directory.GetFileSystemEntries(runs).Select(Path.GetFileName));
        foreach (var file in new[] { "manifest.json", "project.json", "profile.json", "synthetic.csv", "report.json", "report.html", "cost-plan.json", "cost-plan.html" })
        {
            Assert.True(File.Exists(Path.Combine(fixture.Result.RunDirectory, file)), file);
        }
    }

    [Fact]
    public void Every_step_of_a_project_without_rebalance_or_text_runs_in_order_with_its_seed()
    {
        var steps = fixture.Result.Steps;

        Assert.Equal([RunSteps.Load, RunSteps.Split, RunSteps.Fit, RunSteps.Sample, RunSteps.Evaluate, RunSteps.Cost], steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.Equal(RunStepOutcome.Done, s.Outcome));
        Assert.All(steps.Where(s => s.Name is RunSteps.Split or RunSteps.Fit or RunSteps.Sample or RunSteps.Evaluate), s => Assert.NotNull(s.Seed));
        Assert.Equal(4, steps.Where(s => s.Seed is not null).Select(s => s.Seed).Distinct().Count());
        Assert.Equal(["fidelity", "utility", "discriminator", "privacy"], fixture.Result.Verdicts.Select(v => v.Section));
        var synthetic = TableFile.Read(fixture.Result.SyntheticPath).Table;
        Assert.Equal(1400, synthetic.RowCount);
    }

    [Fact]
    public void The_manifest_records_tool_runtime_project_inputs_steps_and_the_hash_of_every_output()
    {
        var folder = fixture.Result.RunDirectory;
        using var manifest = JsonDocument.Parse(File.ReadAllText(fixture.Result.ManifestPath));
        var root = manifest.RootElement;

        Assert.Equal(
            ["manifestVersion", "tool", "runtime", "run", "project", "inputs", "steps", "outputs", "notes", "reproduces"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("0.", root.GetProperty("tool").GetProperty("version").GetString());
        Assert.StartsWith(".NET", root.GetProperty("runtime").GetProperty("dotnet").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("runtime").GetProperty("osArchitecture").GetString()));
        Assert.Equal("2025-03-14T15:09:26Z", root.GetProperty("run").GetProperty("startedAtUtc").GetString());

        var project = root.GetProperty("project");
        Assert.Equal(Sha(fixture.ProjectPath), project.GetProperty("sha256").GetString());
        Assert.Equal(File.ReadAllBytes(fixture.ProjectPath), File.ReadAllBytes(Path.Combine(folder, "project.json")));

        var input = Assert.Single(root.GetProperty("inputs").EnumerateArray());
        Assert.Equal("data", input.GetProperty("role").GetString());
        Assert.Equal(Sha(Path.Combine(fixture.Root, "data", "adult.csv")), input.GetProperty("sha256").GetString());

        var fit = root.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "fit");
        Assert.Equal(fixture.Result.Steps.Single(s => s.Name == RunSteps.Fit).Seed, fit.GetProperty("seed").GetInt64());
        Assert.Equal("cart", fit.GetProperty("options").GetProperty("method").GetString());

        var outputs = root.GetProperty("outputs").EnumerateArray().ToList();
        var onDisk = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Where(f => f != "manifest.json").Order(StringComparer.Ordinal);
        Assert.Equal(onDisk, outputs.Select(o => o.GetProperty("file").GetString()));
        foreach (var o in outputs)
        {
            Assert.Equal(Sha(Path.Combine(folder, o.GetProperty("file").GetString()!)), o.GetProperty("sha256").GetString());
        }

        string Verify(string file) => outputs.Single(o => o.GetProperty("file").GetString() == file).GetProperty("verify").GetString()!;
        Assert.Equal("exact", Verify("synthetic.csv"));
        Assert.Equal("json-without-time", Verify("report.json"));
        Assert.Equal("excluded", Verify("report.html"));
        Assert.Equal("excluded", Verify("cost-plan.json"));
    }

    [Fact]
    public void The_cost_plan_holds_the_rows_per_second_measured_in_this_run()
    {
        using var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Result.RunDirectory, "cost-plan.json")));
        var tabular = plan.RootElement.GetProperty("tabular");

        Assert.Equal(1400, tabular.GetProperty("trainRows").GetInt32());
        Assert.True(tabular.GetProperty("fitRowsPerSecond").GetDouble() > 0);
        Assert.True(tabular.GetProperty("costPer1000RowsUsd").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, plan.RootElement.GetProperty("text").ValueKind);
    }

    [Fact]
    public async Task Reproducing_a_manifest_gives_identical_hashes_for_every_deterministic_output()
    {
        using var other = new TempDirectory("synthvault-reproduce");

        var again = await RunUseCase.RunAsync(new RunRequest(null, other.Path, fixture.Result.ManifestPath), null, CancellationToken.None);

        var verification = Assert.IsType<RunVerification>(again.Verification);
        Assert.True(verification.AllMatch, string.Join(", ", verification.Checked.Where(c => !c.Matches).Select(c => c.File)));
        Assert.Superset(new HashSet<string> { "synthetic.csv", "report.json", "profile.json", "project.json" }, verification.Checked.Select(c => c.File).ToHashSet());
        Assert.Contains("report.html", verification.Excluded.Keys);
        Assert.Equal(fixture.Result.Steps.Select(s => s.Seed), again.Steps.Select(s => s.Seed));
        Assert.Equal(File.ReadAllBytes(fixture.Result.SyntheticPath), File.ReadAllBytes(again.SyntheticPath));
        using var manifest = JsonDocument.Parse(File.ReadAllText(again.ManifestPath));
        Assert.True(manifest.RootElement.GetProperty("reproduces").GetProperty("allMatch").GetBoolean());
    }

    [Fact]
    public async Task Reproducing_after_the_data_file_changed_is_refused_and_writes_nothing()
    {
        using var dir = new TempDirectory("synthvault-changed");
        var projectPath = RunProjects.Adult(dir, rows: 300);
        var first = await RunUseCase.RunAsync(new RunRequest(projectPath), null, CancellationToken.None);
        var data = Path.Combine(dir.Path, "data", "adult.csv");
        File.AppendAllText(data, File.ReadLines(RepoPaths.AdultCsv).ElementAt(500) + "\n");

        var error = await Assert.ThrowsAsync<SynthVaultException>(() => RunUseCase.RunAsync(new RunRequest(null, null, first.ManifestPath), null, CancellationToken.None));

        Assert.Contains("has changed since the recorded run", error.Message, StringComparison.Ordinal);
        Assert.Equal(data, error.File);
        Assert.Equal([first.RunDirectory], Directory.GetFileSystemEntries(Path.GetDirectoryName(first.RunDirectory)!));
    }

    [Fact]
    public async Task Cancelling_in_the_middle_of_a_run_leaves_no_run_folder_and_no_temporary_folder()
    {
        using var dir = new TempDirectory("synthvault-cancel");
        var projectPath = RunProjects.Adult(dir, rows: 500);
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();
        var progress = new Inline(u =>
        {
            seen.Add(u.Message ?? string.Empty);
            if (u.Message?.StartsWith("step 5/6 evaluate", StringComparison.Ordinal) == true)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunUseCase.RunAsync(new RunRequest(projectPath), progress, cts.Token));

        Assert.Contains(seen, m => m.StartsWith("step 3/6 fit", StringComparison.Ordinal));
        var runs = Path.Combine(dir.Path, "out", RunUseCase.RunsFolder);
        Assert.Empty(Directory.Exists(runs) ? Directory.GetFileSystemEntries(runs) : []);
    }

    [Fact]
    public async Task Progress_is_one_stream_that_names_each_step_as_k_of_n()
    {
        using var dir = new TempDirectory("synthvault-progress");
        var projectPath = RunProjects.Adult(dir, rows: 300);
        var updates = new List<ProgressUpdate>();

        await RunUseCase.RunAsync(new RunRequest(projectPath), new Inline(updates.Add), CancellationToken.None);

        Assert.All(updates, u => Assert.Equal(RunUseCase.ProgressStage, u.Stage));
        Assert.All(updates, u => Assert.Equal(6000, u.Total));
        foreach (var (step, k) in new[] { ("load", 1), ("split", 2), ("fit", 3), ("sample", 4), ("evaluate", 5), ("cost", 6) })
        {
            Assert.Contains(updates, u => u.Message == $"step {k}/6 {step}");
        }

        Assert.Equal(6000, updates[^1].Done);
    }

    [Fact]
    public async Task A_missing_data_file_is_a_clear_error_naming_the_path_and_the_key()
    {
        using var dir = new TempDirectory("synthvault-missing");
        var projectPath = RunProjects.Adult(dir, rows: 50, edit: p => p with { Data = new DataSection("../data/nowhere.csv") });

        var error = await Assert.ThrowsAsync<SynthVaultException>(() => RunUseCase.RunAsync(new RunRequest(projectPath), null, CancellationToken.None));

        Assert.Equal(Path.Combine(dir.Path, "data", "nowhere.csv"), error.File);
        Assert.Contains("data.path \"../data/nowhere.csv\"", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Theory]
    [InlineData("\"rows\": null", "\"rowz\": null", "synthesis.rowz")]
    [InlineData("\"rows\": null", "\"rows\": \"many\"", "synthesis.rows")]
    public async Task A_project_with_an_unknown_key_or_a_wrong_type_names_the_json_path(string from, string to, string path)
    {
        using var dir = new TempDirectory("synthvault-badproject");
        var projectPath = RunProjects.Adult(dir, rows: 50);
        File.WriteAllText(projectPath, File.ReadAllText(projectPath).Replace(from, to, StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SynthVaultException>(() => RunUseCase.RunAsync(new RunRequest(projectPath), null, CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(projectPath, error.File);
    }

    [Fact]
    public async Task A_rebalance_section_raises_the_rare_class_in_the_synthetic_rows_and_records_provenance()
    {
        using var dir = new TempDirectory("synthvault-rebalance");
        var projectPath = RunProjects.Adult(dir, rows: 1500, edit: p => p with { Rebalance = new RebalanceSection("income", ">50K", 0.4, RebalanceMethod.Cart) });

        var result = await RunUseCase.RunAsync(new RunRequest(projectPath), null, CancellationToken.None);

        var step = result.Steps.Single(s => s.Name == RunSteps.Rebalance);
        Assert.Equal(RunStepOutcome.Done, step.Outcome);
        var income = TableFile.Read(result.SyntheticPath).Table["income"];
        var rich = Enumerable.Range(0, income.Length).Count(r => (string?)income.GetValue(r) == ">50K");

        // RowsNeeded adds the fewest rows that reach the ratio, so the share lands within one row above 0.4.
        Assert.InRange((double)rich / income.Length, 0.4, 0.4 + (1.0 / income.Length) + 1e-9);
        var provenance = TableFile.Read(Path.Combine(result.RunDirectory, "rebalance-provenance.csv")).Table;
        Assert.Equal(income.Length, provenance.RowCount);
    }

    [Fact]
    public async Task A_text_section_whose_model_is_missing_skips_the_text_step_with_a_note_and_runs_the_rest()
    {
        using var dir = new TempDirectory("synthvault-nomodel");
        var projectPath = RunProjects.Sms(dir, rows: 400, edit: p => p with
        {
            Synthesis = p.Synthesis with { Rows = 40 },
            Text = new TextSection("SMS", "../models/absent.gguf", Rounds: 2),
        });

        var result = await RunUseCase.RunAsync(new RunRequest(projectPath), null, CancellationToken.None);

        var text = result.Steps.Single(s => s.Name == RunSteps.Text);
        Assert.Equal(RunStepOutcome.Skipped, text.Outcome);
        Assert.Contains(result.Notes, n => n.Contains("no GGUF model at", StringComparison.Ordinal) && n.Contains("absent.gguf", StringComparison.Ordinal) && n.Contains("every other step ran", StringComparison.Ordinal));
        Assert.All(result.Steps.Where(s => s.Name != RunSteps.Text), s => Assert.Equal(RunStepOutcome.Done, s.Outcome));
        Assert.True(File.Exists(result.ReportJsonPath));
        Assert.False(Directory.Exists(Path.Combine(result.RunDirectory, "text")));

        // Without a model the downstream check still reports the seeds-only baseline on the real holdout texts.
        Assert.Contains("seeds-only macro-F1", result.Steps.Single(s => s.Name == RunSteps.TextCheck).Detail, StringComparison.Ordinal);
        Assert.Contains(result.Notes, n => n.StartsWith("text check: without generated texts the report holds the seeds-only baseline", StringComparison.Ordinal));
        using var check = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.RunDirectory, "text-check", "report.json")));
        var downstream = check.RootElement.GetProperty("downstream");
        Assert.Equal(1, downstream.GetProperty("variants").GetArrayLength());
        Assert.Equal(120, downstream.GetProperty("evalTexts").GetInt32());
    }

    [Fact]
    public async Task A_text_section_with_a_model_fills_the_column_writes_the_text_report_and_plans_its_cost()
    {
        using var dir = new TempDirectory("synthvault-text");
        var projectPath = RunProjects.Sms(dir, rows: 400, edit: p => p with
        {
            Synthesis = p.Synthesis with { Rows = 30 },
            Text = new TextSection("SMS", "../models/tiny.gguf", Rounds: 2, ReviewFraction: 0.2),
        });
        Directory.CreateDirectory(Path.Combine(dir.Path, "models"));
        File.WriteAllText(Path.Combine(dir.Path, "models", "tiny.gguf"), "stands in for a model: the scripted generator answers instead");
        var generator = RunProjects.FillGenerator();
        var request = new RunRequest(projectPath) { TextGeneratorFactory = _ => generator };

        var result = await RunUseCase.RunAsync(request, null, CancellationToken.None);

        Assert.Equal(RunStepOutcome.Done, result.Steps.Single(s => s.Name == RunSteps.Text).Outcome);
        var sms = TableFile.Read(result.SyntheticPath).Table["SMS"];
        var filled = Enumerable.Range(0, sms.Length).Select(r => sms.GetValue(r) as string ?? string.Empty).Where(s => s.Length > 0).ToList();
        Assert.Equal(30, filled.Count);
        var real = File.ReadLines(Path.Combine(dir.Path, "data", "sms.tsv")).Skip(1).Select(l => l.Split('\t', 2)[1]).ToHashSet();
        Assert.DoesNotContain(filled, real.Contains);
        Assert.True(File.Exists(Path.Combine(result.RunDirectory, "text", "report.json")));
        using (var check = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.RunDirectory, "text-check", "report.json"))))
        {
            Assert.Equal(3, check.RootElement.GetProperty("downstream").GetProperty("variants").GetArrayLength());
            Assert.Equal(2, check.RootElement.GetProperty("downstream").GetProperty("comparisons").GetArrayLength());
        }

        using var plan = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.RunDirectory, "cost-plan.json")));
        var inputs = plan.RootElement.GetProperty("text").GetProperty("inputs").EnumerateArray().ToList();
        var acceptance = inputs.Single(i => i.GetProperty("input").GetString() == "acceptanceRate");
        Assert.Equal("measured", acceptance.GetProperty("source").GetString());
        Assert.Equal(1.0, acceptance.GetProperty("value").GetDouble());
        Assert.Equal(0.2, inputs.Single(i => i.GetProperty("input").GetString() == "reviewFraction").GetProperty("value").GetDouble());

        using var manifest = JsonDocument.Parse(File.ReadAllText(result.ManifestPath));
        Assert.Equal(["data", "model"], manifest.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("role").GetString()));
        var synthetic = manifest.RootElement.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("file").GetString() == "synthetic.csv");
        Assert.Equal("excluded", synthetic.GetProperty("verify").GetString());
    }

    [Fact]
    public void The_bundled_demo_projects_are_valid_and_point_at_bundled_data()
    {
        foreach (var (name, file) in DemoUseCase.Projects)
        {
            var path = Path.Combine(RepoPaths.DataSamples, DemoUseCase.ProjectsFolder, file);
            var project = ProjectFiles.Load(path);

            Assert.True(File.Exists(ProjectFiles.ResolveDataPath(path, project)), name);
        }

        Assert.NotNull(ProjectFiles.Load(Path.Combine(RepoPaths.DataSamples, "demo", "creditcard.synthvault.json")).Rebalance);
        Assert.Equal("SMS", ProjectFiles.Load(Path.Combine(RepoPaths.DataSamples, "demo", "sms.synthvault.json")).Text?.Column);
    }

    /// <summary>Reports on the calling thread, so a test sees every update before the run goes on.</summary>
    private sealed class Inline(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
