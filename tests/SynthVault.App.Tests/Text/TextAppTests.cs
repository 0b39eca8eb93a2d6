using System.Text.Json;
using SynthVault.App.Text;
using SynthVault.Core.Errors;
using SynthVault.Llm.TextLoop;
using SynthVault.Planner;
using SynthVault.Testing;
using SynthVault.Testing.Text;

namespace SynthVault.App.Tests.Text;

/// <summary>The text use cases: seed files, model lookup, review sessions, and run stats the planner reads.</summary>
public sealed class TextAppTests
{
    [Fact]
    public void A_tsv_seed_file_is_read_with_its_text_and_label_columns_found_by_name()
    {
        var seeds = TextSeedFile.Read(RepoPaths.SmsSpamTsv);

        Assert.Equal(TestData.SmsSpam().Count, seeds.Count);
        Assert.Equal("ham", seeds[0].Label);
        Assert.StartsWith("Go until jurong point", seeds[0].Text, StringComparison.Ordinal);
        Assert.Equal("1", seeds[0].Id);
        Assert.Empty(seeds[0].Fields);
    }

    [Fact]
    public void A_json_lines_seed_file_keeps_ids_labels_and_other_fields()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tickets.jsonl");
        File.WriteAllLines(path,
        [
            """{"id":"T1","text":"My card was charged twice.","category":"billing","channel":"email","priority":2}""",
            "",
            """{"id":"T2","text":"The app logs me out every hour.","category":"technical","channel":"chat","priority":1}""",
        ]);

        var seeds = TextSeedFile.Read(path);

        Assert.Equal(["T1", "T2"], seeds.Select(s => s.Id));
        Assert.Equal(["billing", "technical"], seeds.Select(s => s.Label));
        Assert.Equal("chat", seeds[1].Fields["channel"]);
        Assert.Equal("1", seeds[1].Fields["priority"]);
    }

    [Fact]
    public void Seed_file_problems_name_the_file_and_the_option()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.jsonl");
        File.WriteAllText(path, "{\"text\": \"fine\"}\nnot json\n");

        var missing = Assert.Throws<SynthVaultException>(() => TextSeedFile.Read(dir.File("none.csv")));
        var broken = Assert.Throws<SynthVaultException>(() => TextSeedFile.Read(path));
        var column = Assert.Throws<SynthVaultException>(() => TextSeedFile.Read(RepoPaths.SmsSpamTsv, new TextSeedFileOptions(TextColumn: "body")));

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("line 2 is not valid JSON", broken.Message, StringComparison.Ordinal);
        Assert.Contains("--text-column 'body' is not a column", column.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_model_file_the_message_says_where_to_put_one()
    {
        var none = Assert.Throws<SynthVaultException>(() => ModelFiles.Resolve(null));
        var absent = Assert.Throws<SynthVaultException>(() => ModelFiles.Resolve("models/absent.gguf"));

        Assert.StartsWith("no GGUF model given; copy a GGUF into models/ (see models/README.md)", none.Message, StringComparison.Ordinal);
        Assert.StartsWith("no GGUF model at models/absent.gguf; copy a GGUF into models/ (see models/README.md)", absent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grown_run_writes_run_stats_the_cost_planner_reads()
    {
        using var dir = new TempDirectory();
        var seeds = TextSeedFile.Read(RepoPaths.SmsSpamTsv).Take(40).ToList();
        var options = new TextLoopOptions { Target = 40, Rounds = 2, RequestsPerBatch = 2, VariationsPerRequest = 3, ReviewMode = ReviewMode.File, ReviewFraction = 0.2, Seed = 5 };
        var run = dir.File("run");

        var first = await TextUseCases.GrowAsync(seeds, run, ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), options, new TextLoopModels("g", "j"), null, null, CancellationToken.None);
        var clock = new SteppingClock(TimeSpan.FromSeconds(12));
        var session = new ReviewSession(new ScriptedReviewConsole([ReviewKey.Approve, ReviewKey.Reject, ReviewKey.Approve, ReviewKey.Approve, ReviewKey.Approve, ReviewKey.Approve]), clock).Run(ReviewQueue.Load(run));
        await TextUseCases.GrowAsync(seeds, run, ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), options, new TextLoopModels("g", "j"), null, null, CancellationToken.None);

        Assert.Equal(TextLoopStatus.AwaitingReview, first.Status);
        Assert.Equal(0, session.Pending);
        var stats = MeasuredRunStats.Read(run);
        Assert.Equal(12, stats.ReviewSecondsPerItem!.Value, 9);
        Assert.InRange(stats.AcceptanceRate, 0.5, 1);
        Assert.Equal(3, stats.SamplesPerCall, 9);
        Assert.Equal(1, stats.Rounds);
        Assert.True(stats.ReviewFraction > 0.1);
        Assert.True(stats.PromptTokensPerCall > 50);
    }

    [Fact]
    public void A_review_session_times_each_item_saves_each_decision_and_quitting_keeps_them()
    {
        using var dir = new TempDirectory();
        var run = dir.File("run");
        Directory.CreateDirectory(run);
        ReviewItem[] items = [.. Enumerable.Range(1, 5).Select(i => new ReviewItem($"r1-{i}", 1, $"sample text number {i}", "ham", new Dictionary<string, string>(), 4, "fine", []))];
        File.WriteAllLines(Path.Combine(run, RunFolder.ReviewFile(1)), items.Select(i => JsonSerializer.Serialize(i, RunFolder.Json)));
        var console = new ScriptedReviewConsole([ReviewKey.Approve, ReviewKey.Edit, ReviewKey.Skip, ReviewKey.Reject, ReviewKey.Quit], ["call +44 20 7946 0018 for the refund"]);

        var result = new ReviewSession(console, new SteppingClock(TimeSpan.FromSeconds(7))).Run(ReviewQueue.Load(run, 1));

        Assert.Equal(new ReviewSessionResult(3, 1, true, 2), result);
        var saved = ReviewQueue.Load(run, 1);
        Assert.Equal(
            [new ReviewRecord("r1-1", ReviewDecision.Approve, null, 7), new ReviewRecord("r1-2", ReviewDecision.Edit, "call +44 20 7946 0018 for the refund", 7), new ReviewRecord("r1-4", ReviewDecision.Reject, null, 7)],
            saved.Decisions);
        Assert.Equal(["r1-3", "r1-5"], saved.Pending.Select(p => p.Id));
        Assert.Contains(console.Messages, m => m.StartsWith("warning: the edit contains personal data (phone)", StringComparison.Ordinal));
        Assert.Equal(["r1-1", "r1-2", "r1-3", "r1-4", "r1-5"], console.Shown);
    }

    [Fact]
    public async Task Filling_a_csv_column_writes_the_table_and_a_text_report_next_to_it()
    {
        using var dir = new TempDirectory();
        var input = dir.File("tx.csv");
        File.WriteAllLines(input, ["category,amount,email,memo", .. Enumerable.Range(0, 12).Select(i => $"{(i % 2 == 0 ? "grocery" : "fuel")},{10 + i},person{i}@example.org,{(i % 3 == 0 ? "weekly shop " + i : "")}")]);
        var generator = new ScriptedTextGenerator(r => JsonSerializer.Serialize(new { text = "memo " + ScriptedTextGenerator.WordSalad(r.Sampler.Seed, 0, 3) }));
        var request = new TextFillRequest(input, "memo", dir.File("out.csv"), null, null, new Llm.TextLoop.TextFillOptions { Seed = 2 });

        var outcome = await TextUseCases.FillAsync(request, generator, null, new TextLoopModels("g", null), null, CancellationToken.None);

        Assert.Equal(12, outcome.Filled);
        Assert.Equal(["email"], outcome.PersonalColumns);
        Assert.True(File.Exists(dir.File("out.csv")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "out-text-report", "report.json")));
        Assert.All(File.ReadAllLines(dir.File("out.csv")).Skip(1), l => Assert.Contains(",memo ", l, StringComparison.Ordinal));
        Assert.All(generator.Seen, r => Assert.DoesNotContain("@example.org", r.Messages![^1].Text, StringComparison.Ordinal));
    }

    private sealed class ScriptedReviewConsole(IReadOnlyList<ReviewKey> keys, IReadOnlyList<string>? edits = null) : IReviewConsole
    {
        private int key;
        private int edit;

        public List<string> Shown { get; } = [];

        public List<string> Messages { get; } = [];

        public void Show(ReviewItem item, int position, int total) => Shown.Add(item.Id);

        public ReviewKey ReadKey() => keys[key++];

        public string? ReadEdit(string current) => edits![edit++];

        public void Message(string text) => Messages.Add(text);
    }

    /// <summary>A clock whose timestamp advances by a fixed step at every read: an item, timed by two reads, takes one step.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            var now = ticks;
            ticks += step.Ticks;
            return now;
        }
    }
}
