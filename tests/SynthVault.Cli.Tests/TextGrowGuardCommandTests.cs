using SynthVault.Testing;

namespace SynthVault.Cli.Tests;

/// <summary>
/// <c>text grow</c>'s evaluation-guard and hard-mode options: bad input is refused before any model is loaded (the
/// "model" here is not a GGUF at all) and before the run folder is created.
/// </summary>
public sealed class TextGrowGuardCommandTests
{
    public static TheoryData<string, string> Refusals => new()
    {
        { "one-class", "error: seeds.csv: the seed set has one class ('ham'); a real evaluation set needs at least two classes." },
        { "small-class", "error: seeds.csv: class 'fraud' has 1 example(s): holding out at least 5 per class for evaluation and keeping at least 2 as seeds needs 7." },
        { "eval-class", "error: holdout.csv: the evaluation file has class(es) 'fraud' that no seed has." },
        { "hard-class", "error: seeds.csv: --classes names 'fraud', which no seed has as its label." },
        { "mode", "error: --mode must be grow or hard, got 'tricky'." },
        { "adversarial", "error: --adversarial is for hard cases only." },
        { "fraction", "error: --eval-fraction is 0.95; it must be between 0 and 0.9 (0 holds out nothing)." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Seed_sets_and_options_the_guard_cannot_accept_exit_1_with_the_file_and_class_and_write_nothing(string which, string expected)
    {
        using var dir = new TempDirectory();
        var model = dir.File("not-a-model.gguf");
        File.WriteAllText(model, "never loaded");
        var sms = TestData.SmsSpam().Take(40).ToList();
        var seeds = which switch
        {
            "one-class" => Csv(dir.File("seeds.csv"), sms.Where(m => m.Label == "ham")),
            "small-class" => Csv(dir.File("seeds.csv"), [.. sms, ("fraud", "Your card was cloned at the fuel pump last night.")]),
            _ => Csv(dir.File("seeds.csv"), sms),
        };
        var run = dir.File("run");
        string[] extra = which switch
        {
            "eval-class" => ["--eval", Csv(dir.File("holdout.csv"), [.. TestData.SmsSpam().Skip(2000).Take(10), ("fraud", "Your card was cloned at the fuel pump last night.")])],
            "hard-class" => ["--mode", "hard", "--classes", "spam,fraud"],
            "mode" => ["--mode", "tricky"],
            "adversarial" => ["--adversarial"],
            "fraction" => ["--eval-fraction", "0.95"],
            _ => [],
        };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CliApp.Run(["text", "grow", seeds, "--model", model, "--out", run, "--review-mode", "auto-approve", .. extra], output, error);

        Assert.Equal(1, code);
        Assert.StartsWith(expected, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
        string[] written = which == "eval-class" ? ["holdout.csv", "not-a-model.gguf", "seeds.csv"] : ["not-a-model.gguf", "seeds.csv"];
        Assert.Equal(written, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static string Csv(string path, IEnumerable<(string Label, string Text)> rows)
    {
        File.WriteAllLines(path, ["label,text", .. rows.Select(m => $"{m.Label},\"{m.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")]);
        return path;
    }
}
