using SynthVault.App.Text;
using SynthVault.Core.Errors;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing;
using SynthVault.Testing.Text;

namespace SynthVault.App.Tests.Text;

/// <summary>The evaluation guard through the use case: seed and evaluation files on disk, runs side by side in one folder.</summary>
public sealed class TextEvalGuardAppTests
{
    private static readonly TextLoopOptions Options = new() { Target = 12, Rounds = 1, RequestsPerBatch = 2, VariationsPerRequest = 3, ReviewMode = ReviewMode.AutoApprove, Seed = 5 };

    [Fact]
    public async Task A_second_run_on_the_same_seed_file_with_another_split_is_refused_naming_the_file_and_rows()
    {
        using var dir = new TempDirectory();
        var seedsPath = WriteCsv(dir.File("seeds.csv"), TestData.SmsSpam().Take(60));
        var first = new TextGrowRequest(seedsPath, dir.File("a"), null, null, Options);
        var outcome = await TextUseCases.GrowAsync(TextUseCases.ReadInput(first), first.OutDirectory, ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), Options, new TextLoopModels("g", "j"), null, null, CancellationToken.None);
        var second = first with { OutDirectory = dir.File("b"), Options = Options with { Seed = 6 } };

        var refused = await Assert.ThrowsAsync<SynthVaultException>(() => TextUseCases.GrowAsync(TextUseCases.ReadInput(second), second.OutDirectory, ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), second.Options, new TextLoopModels("g", "j"), null, null, CancellationToken.None));

        Assert.True(outcome.ReadyForDownstreamCheck);
        Assert.StartsWith("seeds.csv: the seed file holds ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("that the run 'a' held out as its real evaluation set (rows ", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(second.OutDirectory));

        // Every row named is a data row of seeds.csv whose text run 'a' held out.
        var start = refused.Message.IndexOf("(rows ", StringComparison.Ordinal) + 6;
        var rows = refused.Message[start..refused.Message.IndexOf(')', start)].Split(", ").Select(int.Parse).ToList();
        var held = RunFolderLines(outcome.Files!.Eval!).Select(l => l.Row).ToHashSet();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(r, held));
    }

    [Fact]
    public async Task An_evaluation_file_is_read_with_the_seed_columns_and_a_class_the_seeds_lack_is_named()
    {
        using var dir = new TempDirectory();
        var seedsPath = WriteCsv(dir.File("seeds.csv"), TestData.SmsSpam().Take(40));
        var good = WriteCsv(dir.File("holdout.csv"), TestData.SmsSpam().Skip(2000).Take(12));
        var bad = WriteCsv(dir.File("odd.csv"), [.. TestData.SmsSpam().Skip(2000).Take(12), ("fraud", "Your card was cloned at the fuel pump last night.")]);
        var request = new TextGrowRequest(seedsPath, dir.File("run"), null, null, Options, EvalPath: good);

        var outcome = await TextUseCases.GrowAsync(TextUseCases.ReadInput(request), request.OutDirectory, ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), Options, new TextLoopModels("g", "j"), null, null, CancellationToken.None);
        var error = Assert.Throws<SynthVaultException>(() => TextLoopEngine.Check(TextUseCases.ReadInput(request with { EvalPath = bad }), Options, dir.File("other")));

        Assert.Equal(12, RunFolderLines(outcome.Files!.Eval!).Count);
        Assert.Equal(40, RunFolderLines(outcome.Files.TrainingSeeds).Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (int?)i), RunFolderLines(outcome.Files.Eval!).Select(l => l.Row));
        Assert.StartsWith("odd.csv: the evaluation file has class(es) 'fraud' that no seed has. Use the same class names in both files; the seed classes are 'ham', 'spam'.", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("other")));
    }

    [Fact]
    public async Task A_finished_run_reports_the_downstream_check_on_its_real_eval_rows_and_the_generator_bias()
    {
        using var dir = new TempDirectory();
        var seedsPath = WriteCsv(dir.File("seeds.csv"), TestData.SmsSpam().Take(60));
        var request = new TextGrowRequest(seedsPath, dir.File("run"), null, null, Options);
        var log = new List<string>();

        var outcome = await TextUseCases.GrowAsync(TextUseCases.ReadInput(request), request.OutDirectory, ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), Options, new TextLoopModels("qwen2.5-0.5b.gguf", "qwen2.5-0.5b.gguf"), log.Add, null, CancellationToken.None);

        Assert.True(outcome.ReadyForDownstreamCheck);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(request.OutDirectory, "report.json")));
        var downstream = report.RootElement.GetProperty("downstream");
        var variants = downstream.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("variant").GetString()).ToList();
        Assert.Equal(3, variants.Count);
        Assert.Equal(RunFolderLines(outcome.Files!.Eval!).Count, downstream.GetProperty("evalTexts").GetInt32());
        Assert.Equal(2, downstream.GetProperty("comparisons").GetArrayLength());
        Assert.True(report.RootElement.GetProperty("bias").GetProperty("real").GetProperty("vocabulary").GetInt32() > 50);
        Assert.True(report.RootElement.GetProperty("bias").GetProperty("characters").GetProperty("ks").GetDouble() is >= 0 and <= 1);
        Assert.Equal(2, log.Count(l => l.StartsWith("Downstream check on the real eval set: ", StringComparison.Ordinal)));
        Assert.Contains(report.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("judge model is the generator", StringComparison.Ordinal));
        Assert.Contains("Downstream", File.ReadAllText(Path.Combine(request.OutDirectory, "report.html")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_downstream_check_that_cannot_run_becomes_a_report_warning_and_leaves_the_report_whole()
    {
        using var dir = new TempDirectory();
        var seedsPath = WriteCsv(dir.File("seeds.csv"), TestData.SmsSpam().Take(60));
        var request = new TextGrowRequest(seedsPath, dir.File("run"), null, null, Options);
        var outcome = await TextUseCases.GrowAsync(TextUseCases.ReadInput(request), request.OutDirectory, ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), Options, new TextLoopModels("g", "j"), null, null, CancellationToken.None);
        var report = System.Text.Json.JsonSerializer.Deserialize<Evaluation.Text.TextRunReport>(File.ReadAllText(Path.Combine(request.OutDirectory, "report.json")), Evaluation.Text.TextReportWriter.JsonOptions)!;
        File.AppendAllText(outcome.Files!.Synthetic!, "{\"id\":\"x\",\"round\":1,\"text\":\"Your card was cloned at the fuel pump.\",\"label\":\"fraud\"}\n");
        var log = new List<string>();

        var completed = TextUseCases.WithDownstreamCheck(report with { Downstream = null, Bias = null }, outcome.Files, new Evaluation.Text.ModelProvenance("g", "j", null), 5, log.Add, CancellationToken.None);

        Assert.Null(completed.Downstream);
        Assert.Equal(report.Output, completed.Output);
        var warning = Assert.Single(completed.Warnings.Except(report.Warnings));
        Assert.StartsWith("The downstream check could not run: ", warning, StringComparison.Ordinal);
        Assert.Contains("fraud", warning, StringComparison.Ordinal);
        Assert.Equal([warning], log);
    }

    private static string WriteCsv(string path, IEnumerable<(string Label, string Text)> rows)
    {
        File.WriteAllLines(path, ["label,text", .. rows.Select(m => $"{m.Label},\"{m.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")]);
        return path;
    }

    private static List<RealRowLine> RunFolderLines(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => System.Text.Json.JsonSerializer.Deserialize<RealRowLine>(l, RunFolder.Json)!)];
}
