using System.Text.Json;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing;
using SynthVault.Testing.Gguf;

namespace SynthVault.Cli.Tests;

public sealed class TextCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Grow_without_a_model_says_where_to_put_one()
    {
        using var dir = new TempDirectory();

        var (none, _, noneError) = Run("text", "grow", RepoPaths.SmsSpamTsv, "--out", dir.File("run"));
        var (absent, _, absentError) = Run("text", "grow", RepoPaths.SmsSpamTsv, "--out", dir.File("run"), "--model", "models/none.gguf");
        var (fill, _, fillError) = Run("text", "fill", RepoPaths.SmsSpamTsv, "--column", "SMS", "--out", dir.File("o.csv"));

        Assert.Equal(1, none);
        Assert.StartsWith("error: no GGUF model given; copy a GGUF into models/ (see models/README.md)", noneError, StringComparison.Ordinal);
        Assert.Equal(1, absent);
        Assert.StartsWith("error: no GGUF model at models/none.gguf; copy a GGUF into models/ (see models/README.md)", absentError, StringComparison.Ordinal);
        Assert.Equal(1, fill);
        Assert.Contains("no GGUF model given", fillError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public void Bad_options_are_named()
    {
        using var dir = new TempDirectory();
        var model = TinyLlamaGguf.Write(dir.File("tiny.gguf"), TinyLlamaSpec.Test);

        var (rounds, _, roundsError) = Run("text", "grow", RepoPaths.SmsSpamTsv, "--out", dir.File("run"), "--model", model, "--rounds", "0");
        var (mode, _, modeError) = Run("text", "grow", RepoPaths.SmsSpamTsv, "--out", dir.File("run"), "--model", model, "--review-mode", "later");

        Assert.Equal(1, rounds);
        Assert.StartsWith("error: --rounds is 0; it must be between 1 and 20.", roundsError, StringComparison.Ordinal);
        Assert.Equal(1, mode);
        Assert.StartsWith("error: --review-mode must be interactive, file or auto-approve, got 'later'.", modeError, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_of_a_folder_without_a_pending_round_is_a_clear_error()
    {
        using var dir = new TempDirectory();

        var (code, _, error) = Run("text", "review", dir.Path);

        Assert.Equal(1, code);
        Assert.Contains("no round of this run is waiting for review", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Grow_with_the_tiny_model_writes_the_run_folder_and_a_json_summary()
    {
        using var dir = new TempDirectory();
        var model = TinyLlamaGguf.Write(dir.File("tiny.gguf"), TinyLlamaSpec.Test);
        var seeds = dir.File("seeds.csv");
        File.WriteAllLines(seeds, ["label,text", .. TestData.SmsSpam().Take(30).Select(m => $"{m.Label},\"{m.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")]);
        var run = dir.File("run");

        var (code, output, error) = Run(
            "text", "grow", seeds, "--model", model, "--out", run, "--target", "2", "--rounds", "1", "--review-mode", "auto-approve",
            "--batch", "1", "--variations", "1", "--examples", "1", "--max-tokens", "300", "--min-score", "1", "--context", "4096", "--json");

        Assert.True(code == 0, error);
        using var summary = JsonDocument.Parse(output);
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(run, summary.RootElement.GetProperty("runFolder").GetString());
        foreach (var file in new[] { RunFolder.State, RunFolder.Accepted, RunFolder.Rejected, RunFolder.Samples, "report.json", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }

        // Nothing from the seed set's phone numbers or short codes reaches the run folder's prompts or outputs.
        Assert.DoesNotContain("87121", File.ReadAllText(Path.Combine(run, RunFolder.Accepted)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_too_long_for_the_model_context_is_refused_naming_the_row_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        var model = TinyLlamaGguf.Write(dir.File("tiny.gguf"), TinyLlamaSpec.Test);
        var seeds = dir.File("seeds.csv");
        var rows = TestData.SmsSpam().Take(30).Select(m => $"{m.Label},\"{m.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"").ToList();
        rows[11] = "ham,\"" + string.Concat(Enumerable.Repeat("See you at the station after work, bring the umbrella. ", 40)) + "\"";
        File.WriteAllLines(seeds, ["label,text", .. rows]);
        var run = dir.File("run");

        var (code, output, error) = Run("text", "grow", seeds, "--model", model, "--out", run, "--examples", "1", "--max-tokens", "300", "--context", "1024");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: seeds.csv", error, StringComparison.Ordinal);
        Assert.Contains("row 12 (class 'ham')", error, StringComparison.Ordinal);
        Assert.Contains("so a seed may be at most 340 tokens", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Review_outside_a_terminal_points_to_the_decisions_file()
    {
        using var dir = new TempDirectory();
        var run = dir.File("run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, RunFolder.ReviewFile(1)), JsonSerializer.Serialize(new ReviewItem("r1-a", 1, "a sample text", null, new Dictionary<string, string>(), 4, "ok", []), RunFolder.Json) + "\n");
        File.WriteAllText(Path.Combine(run, RunFolder.State), """{"version":1,"round":1,"phase":"awaiting-review","rounds":[],"settings":{},"seedFingerprint":"x","nextBatch":0,"warnings":[]}""");

        var (code, _, error) = Run("text", "review", run);

        Assert.Equal(1, code);
        Assert.Contains("needs an interactive terminal; 1 items wait in review-round-1.jsonl", error, StringComparison.Ordinal);
    }
}
