using System.Text.Json;
using SynthVault.Core.Errors;
using SynthVault.Llm.Generation;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing.Text;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>The loop's logic with a scripted generator and judge: critic, review bookkeeping, stopping, resume.</summary>
public sealed class TextLoopTests
{
    private static readonly IReadOnlyList<TextSeed> Seeds = SeedSets.Mixed(40);

    [Fact]
    public async Task A_diverse_generator_reaches_the_target_and_every_file_is_written_with_consistent_counts()
    {
        using var h = new LoopHarness();

        var outcome = await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), LoopHarness.Small(60));

        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        Assert.StartsWith("target reached", outcome.Message, StringComparison.Ordinal);
        foreach (var file in new[] { RunFolder.State, RunFolder.Accepted, RunFolder.Rejected, RunFolder.Samples, RunFolder.RunStats, RunFolder.Log, "report.json", "report.html", RunFolder.ReviewFile(1), RunFolder.DecisionsFile(1) })
        {
            Assert.True(File.Exists(Path.Combine(h.Directory, file)), file + " is missing");
        }

        var accepted = h.Accepted();
        var samples = h.Samples();
        using var report = JsonDocument.Parse(h.Text("report.json"));
        var rounds = report.RootElement.GetProperty("rounds").EnumerateArray().ToList();
        Assert.Equal(accepted.Count, rounds.Sum(r => r.GetProperty("accepted").GetInt32()));
        Assert.Equal(rounds.Sum(r => r.GetProperty("candidates").GetInt32()), accepted.Count + h.Rejected().Count);
        Assert.Equal(samples.Count, outcome.Kept);
        Assert.True(outcome.Kept >= 60);
        Assert.Equal(accepted.Select(a => a.Id), samples.Select(s => s.Id));
        Assert.Equal(accepted.Count, accepted.Select(a => a.Id).Distinct().Count());
        Assert.All(accepted, a => Assert.Equal(4, a.JudgeScore));
        Assert.All(samples.Where(s => s.Review is not null), s => Assert.Equal("auto-approved", s.Review));
    }

    [Fact]
    public async Task Copies_of_seeds_of_kept_samples_and_of_batch_mates_are_rejected_with_their_reason()
    {
        const string Repeated = "the same refund arrived twice again today so please check the ledger";
        var generator = ScriptedTextGenerator.Variations((seed, v, prompt) => v switch
        {
            0 => FirstExample(prompt),
            1 => FirstExample(prompt) + "!",
            2 => ScriptedTextGenerator.WordSalad(seed, 2),
            3 => ScriptedTextGenerator.WordSalad(seed, 2),
            _ => Repeated,
        });
        using var h = new LoopHarness();
        var options = LoopHarness.Small(30) with { VariationsPerRequest = 5, Rounds = 2 };

        await h.RunAsync(Seeds, generator, LoopHarness.Judge(), options);

        var rejected = h.Rejected();
        var accepted = h.Accepted();
        Assert.All(rejected.Where(r => r.Id.EndsWith("-v0", StringComparison.Ordinal)), r =>
        {
            // The first example of a prompt is a seed, or in round 2 perhaps a sample approved in round 1.
            Assert.Equal("exact-duplicate", r.Reason);
            Assert.Matches("^same text as (seed sms|r1-)", r.Checks[^1].Detail);
        });
        Assert.All(rejected.Where(r => r.Id.EndsWith("-v1", StringComparison.Ordinal)), r => Assert.Equal("near-duplicate", r.Reason));
        Assert.All(rejected.Where(r => r.Id.EndsWith("-v3", StringComparison.Ordinal)), r =>
        {
            Assert.Equal("exact-duplicate", r.Reason);
            Assert.Contains("batch mate", r.Checks[^1].Detail, StringComparison.Ordinal);
        });
        Assert.Single(accepted, a => a.Text == Repeated);
        Assert.Contains(rejected, r => r.Text == Repeated && r.Checks[^1].Detail == "same text as r1-b0000-q0-v4");
        Assert.All(accepted.Where(a => a.Text != Repeated), a => Assert.EndsWith("-v2", a.Id, StringComparison.Ordinal));
        var seedTexts = SeedScrubber.Scrub(Seeds).Seeds.Select(s => s.Text).ToHashSet();
        Assert.DoesNotContain(accepted, a => seedTexts.Contains(a.Text));
    }

    [Fact]
    public async Task Planted_leaks_of_real_sms_numbers_are_rejected_by_the_pii_gate_and_never_stored_in_clear()
    {
        var generator = ScriptedTextGenerator.Variations((seed, v, _) => v switch
        {
            0 => "Call 0845 281 0075 to claim your prize now",
            1 => "Text WIN to 87121 for a reward this week",
            2 => "Ring 07700 900123 and ask for the manager",
            _ => ScriptedTextGenerator.WordSalad(seed, v),
        });
        using var h = new LoopHarness();

        await h.RunAsync(Seeds, generator, LoopHarness.Judge(), LoopHarness.Small(20) with { VariationsPerRequest = 4, Rounds = 1 });

        var rejected = h.Rejected();
        Assert.All(rejected.Where(r => r.Id.EndsWith("-v0", StringComparison.Ordinal)), r => Assert.Equal("pii-leak", r.Reason));
        Assert.All(rejected.Where(r => r.Id.EndsWith("-v1", StringComparison.Ordinal)), r => Assert.Equal("pii-leak", r.Reason));
        Assert.All(rejected.Where(r => r.Id.EndsWith("-v2", StringComparison.Ordinal)), r => Assert.Equal("pii", r.Reason));
        Assert.Contains(rejected, r => r.Text == "Call [PHONE] to claim your prize now");
        foreach (var file in new[] { RunFolder.Accepted, RunFolder.Rejected, RunFolder.Samples, RunFolder.Log, "report.json", "report.html", RunFolder.State })
        {
            var text = h.Text(file);
            Assert.DoesNotContain("87121", text, StringComparison.Ordinal);
            Assert.DoesNotContain("0845 281 0075", text, StringComparison.Ordinal);
            Assert.DoesNotContain("07700 900123", text, StringComparison.Ordinal);
        }

        var leaks = SeedScrubber.Scrub(Seeds).Leaks;
        Assert.All(h.Samples(), s => Assert.Empty(leaks.Find(s.Text)));
        using var report = JsonDocument.Parse(h.Text("report.json"));
        var pii = report.RootElement.GetProperty("pii");
        Assert.True(pii.GetProperty("rejectedCandidates").GetProperty("leak:number").GetInt32() > 0);
        Assert.True(pii.GetProperty("rejectedCandidates").GetProperty("phone").GetInt32() > 0);
        Assert.Equal(0, pii.GetProperty("outputLeaks").GetInt32());
        Assert.Empty(pii.GetProperty("outputFindings").EnumerateObject());
    }

    [Fact]
    public async Task A_round_whose_diversity_collapses_stops_the_run_early_with_a_message()
    {
        // Three of five stock phrases per text: never near duplicates of each other (shingle Jaccard < 0.7 unless all
        // three match), but only a handful of distinct bigrams: the mode collapse the stopping rule is for.
        string[] phrases = ["your parcel is waiting", "call us back soon", "we value your custom", "reply stop to end", "offer ends on friday"];
        var generator = ScriptedTextGenerator.Variations((seed, v, _) =>
        {
            var x = (int)((seed * 2654435761u) >> 7) + (v * 7);
            return $"{phrases[x % 5]} {phrases[(x / 5) % 5]} {phrases[(x / 25) % 5]}";
        });
        using var h = new LoopHarness();
        var options = LoopHarness.Small(200) with { Rounds = 4 };

        var outcome = await h.RunAsync(Seeds, generator, LoopHarness.Judge(), options);

        Assert.Equal(TextLoopStatus.ModeCollapse, outcome.Status);
        Assert.Equal(1, outcome.Round);
        Assert.StartsWith("mode collapse: distinct-2 of round 1", outcome.Message, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(h.Text("report.json"));
        var round = report.RootElement.GetProperty("rounds")[0];
        Assert.True(round.GetProperty("modeCollapse").GetBoolean());
        Assert.True(round.GetProperty("diversity").GetProperty("distinct2").GetDouble() < round.GetProperty("baseline").GetProperty("distinct2").GetDouble() * 0.7);
        Assert.Equal(outcome.Kept, h.Samples().Count);

        // Running again does nothing: the run is finished.
        var again = new ScriptedTextGenerator(_ => throw new InvalidOperationException("must not generate"));
        var second = await h.RunAsync(Seeds, again, LoopHarness.Judge(), options);
        Assert.Equal(TextLoopStatus.ModeCollapse, second.Status);
        Assert.Equal(0, again.Calls);
    }

    [Fact]
    public async Task A_varied_generator_does_not_trigger_the_stopping_rule()
    {
        using var h = new LoopHarness();

        var outcome = await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), LoopHarness.Small(90));

        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        Assert.Equal(3, outcome.Round);
        Assert.Contains(h.Log, l => l.StartsWith("round 3/3:", StringComparison.Ordinal) && l.Contains("distinct-1/2/3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_killed_after_some_batches_resumes_to_exactly_the_uninterrupted_result()
    {
        var options = LoopHarness.Small(60);
        using var whole = new LoopHarness();
        await whole.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);

        using var killed = new LoopHarness();
        var crashing = new ScriptedTextGenerator(Respond) { CrashAfterCalls = 5 };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => killed.RunAsync(Seeds, crashing, LoopHarness.Judge(), options));
        var judgeCrash = ScriptedTextGenerator.Judge((_, _) => (4, true, "fine"));
        var judgeCrashing = new ScriptedTextGenerator(r => JudgeRespond(judgeCrash, r)) { CrashAfterCalls = 3 };
        await Assert.ThrowsAsync<SimulatedCrashException>(() => killed.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), judgeCrashing, options));
        var outcome = await killed.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);

        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        foreach (var file in new[] { RunFolder.Accepted, RunFolder.Rejected, RunFolder.Samples, RunFolder.RunStats, RunFolder.ReviewFile(2), RunFolder.DecisionsFile(2) })
        {
            Assert.Equal(whole.Text(file), killed.Text(file));
        }

        static string Respond(GenerationRequest r) => JsonSerializer.Serialize(new
        {
            variations = Enumerable.Range(0, ScriptedTextGenerator.RequestedVariations(r)).Select(v => new { text = ScriptedTextGenerator.WordSalad(r.Sampler.Seed, v) }),
        });
    }

    [Fact]
    public async Task Lines_written_after_the_last_checkpoint_are_dropped_and_generated_again_on_resume()
    {
        var options = LoopHarness.Small(60);
        using var whole = new LoopHarness();
        await whole.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);

        // Copy state.json at the third checkpoint, let the run finish, then put that checkpoint back and tear the last
        // line: the folder now looks like a process killed after appending lines it never checkpointed.
        using var killed = new LoopHarness();
        var reports = 0;
        var snapshot = "";
        var progress = new InlineProgress(_ =>
        {
            if (++reports == 3)
            {
                snapshot = File.ReadAllText(Path.Combine(killed.Directory, RunFolder.State));
            }
        });
        await killed.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options, progress);
        File.WriteAllText(Path.Combine(killed.Directory, RunFolder.State), snapshot);
        Assert.True(killed.Accepted().Count > 0);
        File.AppendAllText(Path.Combine(killed.Directory, RunFolder.Accepted), "{\"id\":\"r9-b0000-q0-v0\",\"round\":9,\"ba");

        var outcome = await killed.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);

        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        foreach (var file in new[] { RunFolder.Accepted, RunFolder.Rejected, RunFolder.Samples, RunFolder.RunStats })
        {
            Assert.Equal(whole.Text(file), killed.Text(file));
        }
    }

    [Fact]
    public async Task File_review_pauses_the_run_and_the_decisions_are_applied_when_it_runs_again()
    {
        using var h = new LoopHarness();
        var options = LoopHarness.Small(60) with { ReviewMode = ReviewMode.File, ReviewFraction = 0.2 };
        var generator = ScriptedTextGenerator.Diverse();

        var first = await h.RunAsync(Seeds, generator, LoopHarness.Judge(), options);

        Assert.Equal(TextLoopStatus.AwaitingReview, first.Status);
        Assert.Contains($"synthvault text review {h.Directory}", first.Message, StringComparison.Ordinal);
        var acceptedRound1 = h.Accepted().Count;
        var queue = ReviewQueue.Load(h.Directory);
        Assert.Equal(1, queue.Round);
        Assert.Equal((int)Math.Round(0.2 * acceptedRound1, MidpointRounding.AwayFromZero), queue.Items.Count);
        Assert.Equal(queue.Items.Count, first.PendingReview);
        Assert.True(queue.Items.Count >= 4);
        var items = queue.Items;
        queue.Decide(items[0].Id, ReviewDecision.Approve, null, 10);
        queue.Decide(items[1].Id, ReviewDecision.Reject, null, 5);
        queue.Decide(items[2].Id, ReviewDecision.Edit, "A reviewer rewrote this sample about a late refund and a friendly branch.", 20);
        queue.Decide(items[3].Id, ReviewDecision.Edit, "Please call 0845 281 0075 about the refund you asked for.", 8);
        queue.Save();

        // Not all decided: the run still waits.
        var waiting = await h.RunAsync(Seeds, generator, LoopHarness.Judge(), options);
        Assert.Equal(TextLoopStatus.AwaitingReview, waiting.Status);
        Assert.Equal(items.Count - 4, waiting.PendingReview);

        queue = ReviewQueue.Load(h.Directory);
        foreach (var item in queue.Pending)
        {
            queue.Decide(item.Id, ReviewDecision.Approve, null, 1);
        }

        queue.Save();
        var promptsBefore = generator.Seen.Count;
        var second = await h.RunAsync(Seeds, generator, LoopHarness.Judge(), options);

        Assert.Equal(TextLoopStatus.AwaitingReview, second.Status);
        Assert.Equal(2, second.Round);
        var samples = h.Samples();
        Assert.DoesNotContain(samples, s => s.Id == items[1].Id || s.Id == items[3].Id);
        Assert.Equal("A reviewer rewrote this sample about a late refund and a friendly branch.", samples.Single(s => s.Id == items[2].Id).Text);
        Assert.Equal("edited", samples.Single(s => s.Id == items[2].Id).Review);
        Assert.Equal("approved", samples.Single(s => s.Id == items[0].Id).Review);
        Assert.Contains(h.Log, l => l.Contains($"The edit of {items[3].Id} was not kept (personal data: leak:phone", StringComparison.Ordinal));

        using var stats = JsonDocument.Parse(h.Text(RunFolder.RunStats));
        var decided = items.Count;
        var seconds = 10 + 5 + 20 + 8 + (decided - 4);
        Assert.Equal(seconds / (double)decided, stats.RootElement.GetProperty("reviewSecondsPerItem").GetDouble(), 9);
        Assert.Equal(decided / (double)acceptedRound1, stats.RootElement.GetProperty("reviewFraction").GetDouble(), 9);
        Assert.Equal((acceptedRound1 - 2) / (double)ReadCandidates(h), stats.RootElement.GetProperty("acceptanceRate").GetDouble(), 9);
        Assert.True(stats.RootElement.GetProperty("humanReviewed").GetBoolean());

        // Approved and edited samples joined the examples of round 2's prompts.
        var round2Prompts = generator.Seen.Skip(promptsBefore).Select(r => r.Messages![^1].Text).ToList();
        Assert.Contains(round2Prompts, p => p.Contains(items[0].Text, StringComparison.Ordinal) || p.Contains("A reviewer rewrote this sample", StringComparison.Ordinal)
            || queue.Items.Skip(4).Any(i => p.Contains(i.Text, StringComparison.Ordinal)));
        Assert.DoesNotContain(round2Prompts, p => p.Contains(items[1].Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_withdrawn_decision_makes_the_item_pending_again_and_is_gone_from_the_saved_file()
    {
        using var h = new LoopHarness();
        var options = LoopHarness.Small(60) with { ReviewMode = ReviewMode.File, ReviewFraction = 0.2 };
        await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);
        var queue = ReviewQueue.Load(h.Directory);
        var items = queue.Items;
        queue.Decide(items[0].Id, ReviewDecision.Approve, null, 3);
        queue.Decide(items[1].Id, ReviewDecision.Reject, null, 4);

        var withdrawn = queue.Withdraw(items[1].Id);
        queue.Save();

        Assert.Equal(ReviewDecision.Reject, withdrawn!.Decision);
        Assert.Null(queue.Withdraw(items[1].Id));
        var reloaded = ReviewQueue.Load(h.Directory);
        Assert.Equal([items[0].Id], reloaded.Decisions.Select(d => d.Id));
        Assert.Contains(reloaded.Pending, i => i.Id == items[1].Id);
    }

    [Fact]
    public async Task Auto_approved_review_is_recorded_as_not_reviewed_by_a_person()
    {
        using var h = new LoopHarness();

        await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), LoopHarness.Small(30));

        using var stats = JsonDocument.Parse(h.Text(RunFolder.RunStats));
        Assert.False(stats.RootElement.GetProperty("humanReviewed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, stats.RootElement.GetProperty("reviewSecondsPerItem").ValueKind);
        Assert.Equal(0, stats.RootElement.GetProperty("reviewFraction").GetDouble());
        Assert.Equal("auto-approve", stats.RootElement.GetProperty("reviewMode").GetString());
        Assert.Contains(h.Log, l => l.Contains("auto-approved", StringComparison.Ordinal));
        Assert.All(h.Read<ReviewRecord>(RunFolder.DecisionsFile(1)), d => Assert.True(d.Auto));
    }

    [Fact]
    public async Task The_review_sample_is_stratified_by_label()
    {
        using var h = new LoopHarness();
        var options = LoopHarness.Small(40) with { ReviewMode = ReviewMode.File, ReviewFraction = 0.25, Rounds = 2 };

        await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);

        var accepted = h.Accepted();
        var items = ReviewQueue.Load(h.Directory).Items;
        foreach (var label in new[] { "ham", "spam" })
        {
            var share = accepted.Count(a => a.Label == label) / (double)accepted.Count;
            var expected = share * items.Count;
            // Systematic sampling over label strata allocates within one item of the proportional share.
            Assert.InRange(items.Count(i => i.Label == label), Math.Floor(expected) - 1, Math.Ceiling(expected) + 1);
        }
    }

    [Fact]
    public async Task Requests_cover_every_label_equally_and_vary_their_sampler()
    {
        // 8 fraud rows among 40, of which the evaluation guard holds out 5: the 3 fraud seeds left still get a third of
        // the requests.
        var seeds = Seeds.Select((s, i) => i < 8 ? s with { Label = "fraud" } : s).ToList();
        var generator = ScriptedTextGenerator.Diverse();
        using var h = new LoopHarness();

        await h.RunAsync(seeds, generator, LoopHarness.Judge(), LoopHarness.Small(36) with { Rounds = 1 });

        var prompts = generator.Seen.Select(r => r.Messages![^1].Text).ToList();
        var perLabel = new[] { "fraud", "ham", "spam" }.Select(l => prompts.Count(p => p.Contains($"with label \"{l}\"", StringComparison.Ordinal))).ToList();
        Assert.Equal(prompts.Count, perLabel.Sum());
        Assert.True(perLabel.Max() - perLabel.Min() <= 1, string.Join(",", perLabel));
        Assert.All(generator.Seen, r => Assert.InRange(r.Sampler.Temperature, 0.7f, 1.1f));
        Assert.All(generator.Seen, r => Assert.InRange(r.Sampler.TopP, 0.85f, 0.98f));
        Assert.Equal(generator.Seen.Count, generator.Seen.Select(r => r.Sampler.Seed).Distinct().Count());
        Assert.True(generator.Seen.Select(r => r.Sampler.Temperature).Distinct().Count() > generator.Seen.Count / 2);
        Assert.All(generator.Seen, r => Assert.Contains("\"minItems\":3", r.JsonSchema!, StringComparison.Ordinal));
        Assert.All(prompts, p => Assert.DoesNotContain("87121", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_judge_rejects_low_scores_and_label_misfits_and_a_judge_that_is_the_generator_is_warned_about()
    {
        var judge = ScriptedTextGenerator.Judge((text, label) =>
            text.Contains("zebra", StringComparison.Ordinal) ? (2, true, "odd animal")
            : label == "spam" && text.Contains("refund", StringComparison.Ordinal) ? (5, false, "reads like ham")
            : (4, true, "fine"));
        using var h = new LoopHarness();

        await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), judge, LoopHarness.Small(30) with { Rounds = 1 });

        var rejected = h.Rejected().Where(r => r.Reason == "judge").ToList();
        Assert.Contains(rejected, r => r.Checks[^1].Detail == "score 2 < 3: odd animal");
        Assert.Contains(rejected, r => r.Checks[^1].Detail == "does not fit label \"spam\": reads like ham");
        Assert.DoesNotContain(h.Accepted(), a => a.Text.Contains("zebra", StringComparison.Ordinal));

        // One model answering both the generation and the judge requests.
        using var same = new LoopHarness();
        var both = new ScriptedTextGenerator(r => r.JsonSchema == LlmJudge.Schema
            ? JsonSerializer.Serialize(new { reason = "fine", score = 4, labelFits = true })
            : JsonSerializer.Serialize(new { variations = Enumerable.Range(0, ScriptedTextGenerator.RequestedVariations(r)).Select(v => new { text = ScriptedTextGenerator.WordSalad(r.Sampler.Seed, v) }) }));
        var outcome = await new TextLoopEngine(both, both, LoopHarness.Small(30) with { Rounds = 1 }, log: same.Log.Add).RunAsync(Seeds, same.Directory, null, CancellationToken.None);
        Assert.Equal(TextLoopStatus.Completed, outcome.Status);
        Assert.Contains(same.Log, l => l.Contains("The judge is the generating model", StringComparison.Ordinal));
        using var report = JsonDocument.Parse(same.Text("report.json"));
        Assert.True(report.RootElement.GetProperty("metadata").GetProperty("judgeIsGenerator").GetBoolean());
    }

    [Fact]
    public async Task Resuming_with_other_options_or_other_seeds_is_refused_naming_what_changed()
    {
        using var h = new LoopHarness();
        var options = LoopHarness.Small(30) with { ReviewMode = ReviewMode.File };
        await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options);

        var otherOptions = await Assert.ThrowsAsync<SynthVaultException>(() => h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options with { NearDuplicateThreshold = 0.5 }));
        var otherSeeds = await Assert.ThrowsAsync<SynthVaultException>(() => h.RunAsync(Seeds.Skip(1).ToList(), ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options));

        Assert.Contains("nearDuplicateThreshold (was 0.7, now 0.5)", otherOptions.Message, StringComparison.Ordinal);
        Assert.Contains("different seeds", otherSeeds.Message, StringComparison.Ordinal);

        // The review mode may change between runs: a demo can switch to auto-approve.
        var resumed = await h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), LoopHarness.Judge(), options with { ReviewMode = ReviewMode.AutoApprove });
        Assert.Equal(TextLoopStatus.Completed, resumed.Status);
    }

    [Theory]
    [InlineData(0, "--target")]
    [InlineData(-1, "--review")]
    [InlineData(-2, "--near-duplicate")]
    public async Task Bad_options_and_seeds_are_clear_errors(int which, string option)
    {
        using var h = new LoopHarness();
        var options = which switch
        {
            0 => LoopHarness.Small() with { Target = 0 },
            -1 => LoopHarness.Small() with { ReviewFraction = 1.5 },
            _ => LoopHarness.Small() with { NearDuplicateThreshold = 0 },
        };

        var error = await Assert.ThrowsAsync<SynthVaultException>(() => h.RunAsync(Seeds, ScriptedTextGenerator.Diverse(), null, options));
        var duplicateIds = await Assert.ThrowsAsync<SynthVaultException>(() => h.RunAsync([new TextSeed("a", "one text here"), new TextSeed("a", "another text")], ScriptedTextGenerator.Diverse(), null, LoopHarness.Small()));

        Assert.StartsWith(option + " is", error.Message, StringComparison.Ordinal);
        Assert.Contains("seed id 'a' appears twice", duplicateIds.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_review_queue_keeps_every_saved_decision_and_refuses_bad_ones()
    {
        using var h = new LoopHarness();
        Directory.CreateDirectory(h.Directory);
        ReviewItem[] items = [new("r1-a", 1, "text one here", "ham", new Dictionary<string, string>(), 4, "ok", []), new("r1-b", 1, "text two here", "spam", new Dictionary<string, string>(), 3, "ok", [])];
        RunFolder.Rewrite(Path.Combine(h.Directory, RunFolder.ReviewFile(1)), items);

        var queue = ReviewQueue.Load(h.Directory, 1);
        queue.Decide("r1-b", ReviewDecision.Edit, "  a better text two  ", 12.5);
        queue.Save();
        var reloaded = ReviewQueue.Load(h.Directory, 1);

        Assert.Equal([new ReviewRecord("r1-b", ReviewDecision.Edit, "a better text two", 12.5)], reloaded.Decisions);
        Assert.Equal(["r1-a"], reloaded.Pending.Select(p => p.Id));
        Assert.False(reloaded.IsComplete);
        Assert.Contains("\"decision\":\"edit\"", File.ReadAllText(reloaded.DecisionsPath), StringComparison.Ordinal);
        Assert.Throws<SynthVaultException>(() => reloaded.Decide("r9-x", ReviewDecision.Approve, null, 1));
        Assert.Throws<SynthVaultException>(() => reloaded.Decide("r1-a", ReviewDecision.Edit, " ", 1));
        Assert.Throws<SynthVaultException>(() => reloaded.Decide("r1-a", ReviewDecision.Approve, null, -1));
        Assert.Equal(["phone"], ReviewQueue.CheckEdit("call +44 20 7946 0018 now"));
        Assert.Throws<SynthVaultException>(() => ReviewQueue.Load(h.Directory));
    }

    private static string FirstExample(string prompt)
    {
        var line = prompt.Split('\n').First(l => l.StartsWith("- ", StringComparison.Ordinal));
        var close = line.IndexOf(") ", StringComparison.Ordinal);
        return line[(close + 2)..];
    }

    private static string JudgeRespond(ScriptedTextGenerator judge, GenerationRequest request) =>
        judge.GenerateAsync([request], CancellationToken.None).Result[0].Text;

    private static int ReadCandidates(LoopHarness h)
    {
        using var report = JsonDocument.Parse(h.Text("report.json"));
        return report.RootElement.GetProperty("rounds").EnumerateArray().Sum(r => r.GetProperty("candidates").GetInt32());
    }
}
