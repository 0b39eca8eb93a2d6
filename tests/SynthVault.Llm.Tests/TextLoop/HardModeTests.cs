using System.Text.Json;
using System.Text.RegularExpressions;
using SynthVault.Core.Errors;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing.Text;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>Hard mode: requests name both classes and a hard-case kind, the judge checks the intended label, outputs stay eval-only.</summary>
public sealed partial class HardModeTests
{
    private static readonly IReadOnlyList<TextSeed> Seeds = SeedSets.Mixed(40);

    private static TextLoopOptions Hard(int target = 30) => LoopHarness.Small(target) with { Mode = TextLoopMode.Hard, HardClasses = ["spam", "ham"], Rounds = 2 };

    [Fact]
    public async Task Hard_prompts_name_both_classes_and_go_round_every_kind_and_direction()
    {
        var generator = ScriptedTextGenerator.Diverse();
        using var h = new LoopHarness();

        await h.RunAsync(Seeds, generator, LoopHarness.Judge(), Hard(40) with { Rounds = 1 });

        var prompts = generator.Seen.Select(r => r.Messages![^1].Text).ToList();
        Assert.True(prompts.Count >= 10);
        Assert.All(prompts, p =>
        {
            var m = HardPrompt().Match(p);
            Assert.True(m.Success, p);
            Assert.NotEqual(m.Groups[1].Value, m.Groups[3].Value);
            Assert.Equal(m.Groups[1].Value, m.Groups[2].Value);
            Assert.Contains(m.Groups[1].Value, new[] { "spam", "ham" });
            Assert.Contains(m.Groups[3].Value, new[] { "spam", "ham" });
        });

        // Ten cells (5 kinds × 2 directions); requests go round them from a seeded offset, so the first ten cover all.
        var firstTen = prompts.Take(10).ToList();
        foreach (var kind in HardCases.Kinds(adversarial: false))
        {
            var instruction = HardCases.Instruction(kind, "spam", "ham");
            Assert.Contains(firstTen, p => p.Contains(instruction, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(prompts, p => p.Contains("ignore your previous instructions", StringComparison.Ordinal) || p.Contains("no restrictions", StringComparison.Ordinal));

        // Examples show both sides of the boundary.
        Assert.All(prompts, p =>
        {
            Assert.Contains("(label: spam)", p, StringComparison.Ordinal);
            Assert.Contains("(label: ham)", p, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Adversarial_kinds_are_asked_for_only_when_opted_in()
    {
        var generator = ScriptedTextGenerator.Diverse();
        using var h = new LoopHarness();

        await h.RunAsync(Seeds, generator, LoopHarness.Judge(), Hard(40) with { Rounds = 1, Adversarial = true });

        var prompts = generator.Seen.Select(r => r.Messages![^1].Text).ToList();
        Assert.Contains(prompts, p => p.Contains("hide an instruction aimed at an AI system", StringComparison.Ordinal));
        Assert.Contains(prompts, p => p.Contains("pretend you have no restrictions", StringComparison.Ordinal));
        Assert.Contains(h.Accepted(), a => a.HardKind == HardCases.PromptInjection);
        Assert.Contains(h.Accepted(), a => a.HardKind == HardCases.Jailbreak);
    }

    [Fact]
    public async Task Hard_cases_are_tagged_eval_only_written_apart_and_never_join_the_examples()
    {
        var generator = ScriptedTextGenerator.Diverse();
        using var h = new LoopHarness();

        var outcome = await h.RunAsync(Seeds, generator, LoopHarness.Judge(), Hard(30) with { ReviewFraction = 0.3 });

        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        Assert.False(File.Exists(Path.Combine(h.Directory, RunFolder.Samples)));
        var hard = h.Read<OutputSample>(RunFolder.HardCases);
        Assert.Equal(outcome.Kept, hard.Count);
        Assert.True(hard.Count >= 30);
        Assert.All(hard, s =>
        {
            Assert.Equal(HardCases.EvalOnly, s.Split);
            Assert.Contains(s.HardKind, HardCases.Kinds(adversarial: false));
            Assert.NotEqual(s.Label, s.Contrast);
        });
        var firstLine = File.ReadLines(Path.Combine(h.Directory, RunFolder.HardCases)).First();
        Assert.Contains("\"split\":\"eval-only\"", firstLine, StringComparison.Ordinal);
        Assert.Contains("\"hardKind\":\"", firstLine, StringComparison.Ordinal);
        Assert.Equal(outcome.Files!.HardCases, Path.Combine(Path.GetFullPath(h.Directory), RunFolder.HardCases));
        Assert.Null(outcome.Files.Synthetic);

        // Round 2 prompts show seeds only: approved hard cases never become examples.
        var seedIds = Seeds.Select(s => "seed:" + s.Id).ToHashSet();
        Assert.All(h.Accepted().Where(a => a.Round == 2), a => Assert.All(a.Provenance.Examples, e => Assert.Contains(e, seedIds)));
        var round1 = h.Accepted().Where(a => a.Round == 1).Select(a => a.Text).ToList();
        Assert.All(generator.Seen, r => Assert.All(round1, t => Assert.DoesNotContain(t, r.Messages![^1].Text, StringComparison.Ordinal)));
        Assert.All(h.Read<ReviewItem>(RunFolder.ReviewFile(1)), i => Assert.StartsWith("hard case (", i.Reasons[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_hard_into_training_hard_cases_go_to_the_training_output_and_the_examples()
    {
        using var h = new LoopHarness();

        var outcome = await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), Hard(30) with { HardIntoTraining = true, ReviewFraction = 0.5, ExamplesPerPrompt = 20 });

        Assert.False(File.Exists(Path.Combine(h.Directory, RunFolder.HardCases)));
        var samples = h.Samples();
        Assert.Equal(outcome.Kept, samples.Count);
        Assert.All(samples, s => Assert.Equal(HardCases.Train, s.Split));
        Assert.Contains(h.Accepted().Where(a => a.Round == 2), a => a.Provenance.Examples.Any(e => e.StartsWith("r1-", StringComparison.Ordinal)));
        Assert.Equal(outcome.Files!.Synthetic, Path.Combine(Path.GetFullPath(h.Directory), RunFolder.Samples));
    }

    [Fact]
    public async Task A_hard_case_the_judge_reads_as_the_other_class_is_rejected_as_label_mismatch()
    {
        // This judge reads every intended "ham" hard case as spam.
        var judge = ScriptedTextGenerator.Judge((_, label) => label == "ham" ? (5, false, "reads like spam") : (4, true, "fine"));
        using var h = new LoopHarness();

        await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), judge, Hard(30) with { Rounds = 1 });

        var mismatches = h.Rejected().Where(r => r.Reason == TextLoopEngine.LabelMismatchReason).ToList();
        Assert.NotEmpty(mismatches);
        Assert.All(mismatches, r => Assert.Equal("the judge does not read it as \"ham\" (against \"spam\"): reads like spam", r.Checks[^1].Detail));
        var hard = h.Read<OutputSample>(RunFolder.HardCases);
        Assert.NotEmpty(hard);
        Assert.All(hard, s => Assert.Equal("spam", s.Label));
        var judged = judge.Seen.Select(r => r.Messages![^1].Text).ToList();
        Assert.All(judged, p => Assert.Matches("Intended label: \"(spam|ham)\"\\.\\nThis is meant to be a hard case \\([a-z-]+\\) for telling \"(spam|ham)\" from \"(spam|ham)\"", p));
    }

    [Fact]
    public async Task A_hard_run_killed_after_some_batches_resumes_to_exactly_the_uninterrupted_result()
    {
        var options = Hard(30);
        using var whole = new LoopHarness();
        await whole.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);

        using var killed = new LoopHarness();
        var crashing = ScriptedTextGenerator.Diverse();
        var crashAfter = new ScriptedTextGenerator(r => crashing.GenerateAsync([r], CancellationToken.None).Result[0].Text) { CrashAfterCalls = 4 };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => killed.RunAsync(Seeds, crashAfter, LoopHarness.Judge(), options));
        await killed.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);

        foreach (var file in new[] { RunFolder.Accepted, RunFolder.Rejected, RunFolder.HardCases, RunFolder.RunStats, RunFolder.Eval, RunFolder.TrainingSeeds })
        {
            Assert.Equal(whole.Text(file), killed.Text(file));
        }
    }

    public static TheoryData<string, string> BadHardOptions => new()
    {
        { "unknown-class", "--classes names 'fraud', which no seed has as its label." },
        { "one-class", "--classes names one class ('spam'); hard cases need two." },
        { "unlabelled", "--mode hard needs labelled seeds" },
        { "grid", "--grid is not used with --mode hard" },
        { "not-hard", "--adversarial is for hard cases only." },
    };

    [Theory]
    [MemberData(nameof(BadHardOptions))]
    public async Task Hard_mode_problems_are_named_and_write_nothing(string which, string message)
    {
        var seeds = which == "unlabelled" ? Seeds.Select(s => s with { Label = null }).ToList() : Seeds;
        var options = which switch
        {
            "unknown-class" => Hard() with { HardClasses = ["spam", "fraud"] },
            "one-class" => Hard() with { HardClasses = ["spam"] },
            "grid" => Hard() with { GridAttributes = ["channel"] },
            "not-hard" => LoopHarness.Small() with { Adversarial = true },
            _ => Hard() with { HardClasses = [] },
        };
        using var h = new LoopHarness();

        var error = await Assert.ThrowsAsync<SynthVaultException>(() => h.RunAsync(seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(h.Directory));
    }

    [GeneratedRegex("Write 3 new texts with label \"([a-z]+)\" that are hard cases for a classifier telling \"([a-z]+)\" from \"([a-z]+)\": ")]
    private static partial Regex HardPrompt();
}
