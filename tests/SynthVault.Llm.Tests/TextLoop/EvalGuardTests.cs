using System.Text.Json;
using SynthVault.Core.Errors;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing;
using SynthVault.Testing.Text;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>The real-data evaluation guard: the split, what never sees an evaluation row, the critic, the registry of earlier runs.</summary>
public sealed class EvalGuardTests
{
    private static readonly IReadOnlyList<TextSeed> Seeds = SeedSets.Mixed(40);

    [Fact]
    public void The_split_is_stratified_over_distinct_texts_and_deterministic_for_a_seed()
    {
        // 150 SMS (about 130 ham, 20 spam) plus three copies of texts already there: copies must follow their text.
        var sms = SeedSets.AllSms().Take(150).Select((s, i) => s with { Row = i + 1 }).ToList();
        var rows = sms.Concat([sms[3] with { Id = "copy1", Row = 151 }, sms[9] with { Id = "copy2", Row = 152 }, sms[40] with { Id = "copy3", Row = 153 }]).ToList();
        using var dir = new TempDirectory();
        var options = new TextLoopOptions { Seed = 7 };

        var plan = EvalGuard.Plan(new TextLoopInput(rows), options, dir.File("run"));
        var again = EvalGuard.Plan(new TextLoopInput(rows), options, dir.File("run"));
        var other = EvalGuard.Plan(new TextLoopInput(rows), options with { Seed = 8 }, dir.File("run"));

        Assert.Equal(EvalSetSource.Split, plan.Source);
        Assert.Equal(rows.Count, plan.Seeds.Count + plan.Eval.Count);
        foreach (var label in new[] { "ham", "spam" })
        {
            // Per class: max(5, round(0.3 × distinct texts)) distinct texts held out.
            var distinct = rows.Where(r => r.Label == label).Select(r => EvalGuard.Hash(r.Text)).Distinct().Count();
            var expected = Math.Max(EvalGuard.MinEvalPerClass, (int)Math.Round(0.3 * distinct, MidpointRounding.AwayFromZero));
            Assert.Equal(expected, plan.Eval.Where(e => e.Label == label).Select(e => EvalGuard.Hash(e.Text)).Distinct().Count());
        }

        var evalHashes = plan.Eval.Select(e => EvalGuard.Hash(e.Text)).ToHashSet();
        Assert.DoesNotContain(plan.Seeds, s => evalHashes.Contains(EvalGuard.Hash(s.Text)));
        Assert.Equal(evalHashes.Order(StringComparer.Ordinal), plan.EvalHashes);
        Assert.Equal(plan.Eval.Select(e => e.Id), again.Eval.Select(e => e.Id));
        Assert.NotEqual(plan.Eval.Select(e => e.Id), other.Eval.Select(e => e.Id));
        Assert.Equal(plan.Eval.Select(e => e.Row), plan.Eval.Select(e => e.Row).Order());
    }

    [Fact]
    public async Task Evaluation_rows_never_reach_a_prompt_of_the_generator_or_the_judge_and_are_written_scrubbed()
    {
        using var h = new LoopHarness();
        var options = LoopHarness.Small(60);
        using var temp = new TempDirectory();
        var plan = EvalGuard.Plan(new TextLoopInput(Seeds), options, temp.File("probe"));
        var generator = ScriptedTextGenerator.Diverse();
        var judge = LoopHarness.Judge();

        var outcome = await h.RunAsync(Seeds, generator, judge, options);

        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        Assert.Equal(12, plan.Eval.Count);
        var scrubbed = SeedScrubber.Scrub([.. plan.Seeds, .. plan.Eval]).Seeds.Skip(plan.Seeds.Count).ToList();
        var prompts = generator.Seen.Concat(judge.Seen).Select(r => string.Concat(r.Messages!.Select(m => m.Text))).ToList();
        Assert.True(prompts.Count > 10);
        foreach (var (real, clean) in plan.Eval.Zip(scrubbed))
        {
            Assert.All(prompts, p =>
            {
                Assert.DoesNotContain(Prompts.OneLine(real.Text), p, StringComparison.Ordinal);
                Assert.DoesNotContain(Prompts.OneLine(clean.Text), p, StringComparison.Ordinal);
            });
        }

        var evalIds = plan.Eval.Select(e => "seed:" + e.Id).ToHashSet();
        Assert.All(h.Accepted(), a => Assert.DoesNotContain(a.Provenance.Examples, evalIds.Contains));

        // eval.jsonl holds the held-out rows with placeholders (as prompts would show them), state.json their hashes.
        var lines = h.Read<RealRowLine>(RunFolder.Eval);
        Assert.Equal(plan.Eval.Select(e => e.Id), lines.Select(l => l.Id));
        Assert.Equal(scrubbed.Select(e => e.Text), lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal("eval", l.Split));
        Assert.Contains(lines, l => l.Text.Contains('[', StringComparison.Ordinal));
        Assert.DoesNotContain("87121", h.Text(RunFolder.Eval), StringComparison.Ordinal);
        Assert.Equal(plan.Seeds.Select(s => s.Id), h.Read<RealRowLine>(RunFolder.TrainingSeeds).Select(l => l.Id));
        using var state = JsonDocument.Parse(h.Text(RunFolder.State));
        var guard = state.RootElement.GetProperty("evalGuard");
        Assert.Equal("split", guard.GetProperty("source").GetString());
        Assert.Equal(plan.EvalHashes, guard.GetProperty("hashes").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(6, guard.GetProperty("byClass").GetProperty("spam").GetInt32());
        Assert.Contains(h.Log, l => l.StartsWith("Real evaluation set: 12 rows held out of the seeds (30% per class) (ham 6, spam 6)", StringComparison.Ordinal));

        Assert.True(outcome.ReadyForDownstreamCheck);
        Assert.Equal(Path.Combine(Path.GetFullPath(h.Directory), RunFolder.Eval), outcome.Files!.Eval);
        Assert.Equal(Path.Combine(Path.GetFullPath(h.Directory), RunFolder.Samples), outcome.Files.Synthetic);
        Assert.True(File.Exists(outcome.Files.TrainingSeeds));
        Assert.Null(outcome.Files.HardCases);
    }

    [Fact]
    public async Task A_verbatim_or_one_word_changed_copy_of_an_evaluation_row_is_rejected_as_near_copy_of_eval()
    {
        var options = LoopHarness.Small(20) with { Rounds = 1, VariationsPerRequest = 4 };
        using var temp = new TempDirectory();
        var plan = EvalGuard.Plan(new TextLoopInput(Seeds), options, temp.File("probe"));
        var all = SeedScrubber.Scrub([.. plan.Seeds, .. plan.Eval]);
        var clean = plan.Eval.Where((e, i) => all.Seeds[plan.Seeds.Count + i].Text == e.Text && all.Leaks.Find(e.Text).Count == 0 && e.Text.Length >= 40).ToList();
        Assert.NotEmpty(clean);
        var target = clean[0].Text;
        var changed = OneWordChanged(target);
        var generator = ScriptedTextGenerator.Variations((seed, v, _) => v switch
        {
            0 => target,
            1 => changed,
            2 => target.ToUpperInvariant(),
            _ => ScriptedTextGenerator.WordSalad(seed, v),
        });
        var judge = LoopHarness.Judge();
        using var h = new LoopHarness();

        await h.RunAsync(Seeds, generator, judge, options);

        var rejected = h.Rejected();
        foreach (var v in new[] { "-v0", "-v1", "-v2" })
        {
            var copies = rejected.Where(r => r.Id.EndsWith(v, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(copies);
            Assert.All(copies, r => Assert.Equal(TextLoopEngine.EvalCopyReason, r.Reason));
        }

        var row = clean[0].Id;
        Assert.Contains(rejected, r => r.Checks[^1].Detail == $"same text as eval id {row}");
        Assert.Contains(rejected, r => r.Id.EndsWith("-v1", StringComparison.Ordinal) && r.Checks[^1].Detail!.StartsWith("Jaccard 0.", StringComparison.Ordinal) && r.Checks[^1].Detail!.EndsWith($"with eval id {row}", StringComparison.Ordinal));
        Assert.All(h.Accepted(), a => Assert.EndsWith("-v3", a.Id, StringComparison.Ordinal));
        Assert.All(judge.Seen, r => Assert.DoesNotContain(target, r.Messages![^1].Text, StringComparison.OrdinalIgnoreCase));
        Assert.All(judge.Seen, r => Assert.DoesNotContain(changed, r.Messages![^1].Text, StringComparison.Ordinal));
        using var report = JsonDocument.Parse(h.Text("report.json"));
        Assert.True(report.RootElement.GetProperty("rounds")[0].GetProperty("rejectedByReason").GetProperty(TextLoopEngine.EvalCopyReason).GetInt32() >= 3);
    }

    [Fact]
    public async Task A_run_whose_seeds_hold_an_earlier_runs_evaluation_rows_is_refused_naming_the_rows()
    {
        var rows = Seeds.Select((s, i) => s with { Row = i + 2 }).ToList();
        using var first = new LoopHarness("first");
        var options = LoopHarness.Small(20) with { Rounds = 1 };
        await first.RunAsync(rows, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);
        var held = first.Read<RealRowLine>(RunFolder.Eval);
        var second = Path.Combine(Path.GetDirectoryName(first.Directory)!, "second");

        // Another split of the same rows puts some of the first run's evaluation rows among its seeds.
        var refused = await Assert.ThrowsAsync<SynthVaultException>(() =>
            new TextLoopEngine(ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options with { Seed = 8 }).RunAsync(new TextLoopInput(rows, "tickets.csv"), second, null, CancellationToken.None));
        var sameSplit = await new TextLoopEngine(ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options).RunAsync(new TextLoopInput(rows, "tickets.csv"), second, null, CancellationToken.None);

        Assert.StartsWith("tickets.csv: the seed file holds ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("row(s) that the run 'first' held out as its real evaluation set (rows ", refused.Message, StringComparison.Ordinal);
        var start = refused.Message.IndexOf("(rows ", StringComparison.Ordinal) + 6;
        var listed = refused.Message[start..refused.Message.IndexOf(')', start)].Split(", ").Select(int.Parse).ToList();
        Assert.NotEmpty(listed);
        Assert.All(listed, r => Assert.Contains(held, l => l.Row == r));
        Assert.Contains("--seed 7 --eval-fraction 0.3", refused.Hint, StringComparison.Ordinal);
        Assert.Equal(TextLoopStatus.Completed, sameSplit.Status);

        // A resumed run checks again: the first run's folder now has a sibling, whose evaluation rows are its own.
        var resumed = await first.RunAsync(rows, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);
        Assert.Equal(TextLoopStatus.Completed, resumed.Status);
    }

    [Fact]
    public async Task Seeds_repeating_a_row_of_the_named_evaluation_file_are_refused_and_nothing_is_written()
    {
        var eval = SeedSets.AllSms().Skip(1000).Where(s => s.Label == "spam").Take(6).Concat(SeedSets.AllSms().Skip(1000).Where(s => s.Label == "ham").Take(6)).Select((s, i) => s with { Row = i + 1 }).ToList();
        var rows = Seeds.Select((s, i) => s with { Row = i + 1 }).Append(eval[2] with { Id = "x1", Row = 41 }).ToList();
        using var h = new LoopHarness();

        var error = await Assert.ThrowsAsync<SynthVaultException>(() =>
            new TextLoopEngine(ScriptedTextGenerator.Diverse(), null, LoopHarness.Small()).RunAsync(new TextLoopInput(rows, "seeds.csv", eval, "holdout.csv"), h.Directory, null, CancellationToken.None));

        Assert.StartsWith("seeds.csv: 1 row(s) of the seed file are also in the evaluation file 'holdout.csv' (rows 41); evaluation rows must never be seeds.", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(h.Directory));
    }

    [Fact]
    public async Task A_named_evaluation_file_replaces_the_split_and_its_rows_reject_copies()
    {
        var eval = SeedSets.AllSms().Skip(1000).Where(s => s.Label == "ham" && s.Text.Length > 50 && !s.Text.Any(char.IsDigit)).Take(6)
            .Concat(SeedSets.AllSms().Skip(1000).Where(s => s.Label == "spam").Take(6)).Select((s, i) => s with { Id = "e" + i, Row = i + 1 }).ToList();
        var copy = eval[0].Text;
        var generator = ScriptedTextGenerator.Variations((seed, v, _) => v == 0 ? copy : ScriptedTextGenerator.WordSalad(seed, v));
        using var h = new LoopHarness();

        var outcome = await new TextLoopEngine(generator, LoopHarness.Judge(), LoopHarness.Small(20) with { Rounds = 1 }, log: h.Log.Add)
            .RunAsync(new TextLoopInput(Seeds, "seeds.csv", eval, "holdout.csv"), h.Directory, null, CancellationToken.None);

        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        Assert.Equal(40, h.Read<RealRowLine>(RunFolder.TrainingSeeds).Count);
        Assert.Equal(eval.Select(e => e.Id), h.Read<RealRowLine>(RunFolder.Eval).Select(e => e.Id));
        Assert.All(h.Rejected().Where(r => r.Id.EndsWith("-v0", StringComparison.Ordinal)), r => Assert.Equal("same text as eval row 1", r.Checks[^1].Detail));
        Assert.All(generator.Seen, r => Assert.DoesNotContain(Prompts.OneLine(copy), r.Messages![^1].Text, StringComparison.Ordinal));
        using var state = JsonDocument.Parse(h.Text(RunFolder.State));
        Assert.Equal("file", state.RootElement.GetProperty("evalGuard").GetProperty("source").GetString());
        Assert.Equal("holdout.csv", state.RootElement.GetProperty("evalGuard").GetProperty("file").GetString());
        Assert.StartsWith("file sha256:", state.RootElement.GetProperty("settings").GetProperty("eval").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadSets => new()
    {
        { "one-class", "seeds.csv: the seed set has one class ('spam'); a real evaluation set needs at least two classes." },
        { "small-class", "seeds.csv: class 'fraud' has 1 example(s): holding out at least 5 per class for evaluation and keeping at least 2 as seeds needs 7." },
        { "eval-unknown-class", "holdout.csv: the evaluation file has class(es) 'fraud' that no seed has." },
        { "eval-small-seed-class", "seeds.csv: class 'fraud' has 1 seed(s); the generator needs at least 2 examples of every class." },
    };

    [Theory]
    [MemberData(nameof(BadSets))]
    public async Task Seed_and_evaluation_sets_that_cannot_be_guarded_are_clear_errors_and_write_nothing(string which, string message)
    {
        var spam = Seeds.Where(s => s.Label == "spam").ToList();
        var eval = SeedSets.AllSms().Skip(1000).Take(30).ToList();
        var input = which switch
        {
            "one-class" => new TextLoopInput(spam, "seeds.csv"),
            "small-class" => new TextLoopInput([.. Seeds, new TextSeed("f1", "A lone fraud report about a cloned card at the pump.", "fraud")], "seeds.csv"),
            "eval-unknown-class" => new TextLoopInput(Seeds, "seeds.csv", [.. eval, new TextSeed("f1", "A lone fraud report about a cloned card at the pump.", "fraud")], "holdout.csv"),
            _ => new TextLoopInput([.. Seeds, new TextSeed("f1", "A lone fraud report about a cloned card at the pump.", "fraud")], "seeds.csv", eval, "holdout.csv"),
        };
        using var h = new LoopHarness();

        var error = await Assert.ThrowsAsync<SynthVaultException>(() => new TextLoopEngine(ScriptedTextGenerator.Diverse(), null, LoopHarness.Small()).RunAsync(input, h.Directory, null, CancellationToken.None));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(h.Directory));
    }

    [Fact]
    public async Task An_unlabelled_seed_set_runs_without_a_guard_and_says_the_downstream_check_needs_labels()
    {
        var unlabelled = Seeds.Select(s => s with { Label = null }).ToList();
        using var h = new LoopHarness();

        var outcome = await h.RunAsync(unlabelled, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), LoopHarness.Small(20) with { Rounds = 1 });

        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        Assert.False(File.Exists(Path.Combine(h.Directory, RunFolder.Eval)));
        Assert.Null(outcome.Files!.Eval);
        Assert.False(outcome.ReadyForDownstreamCheck);
        Assert.Equal(40, h.Read<RealRowLine>(RunFolder.TrainingSeeds).Count);
        using var report = JsonDocument.Parse(h.Text("report.json"));
        Assert.Contains(report.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("downstream classifier check needs labelled seeds", StringComparison.Ordinal));
        Assert.Contains(h.Log, l => l.Contains("no real evaluation set is held out", StringComparison.Ordinal));
    }

    private static string OneWordChanged(string text)
    {
        var words = text.Split(' ');
        var longest = Array.IndexOf(words, words.OrderByDescending(w => w.Length).First());
        words[longest] = "zebra";
        return string.Join(' ', words);
    }
}
