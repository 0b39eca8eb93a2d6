using System.Text.Json;
using SynthVault.App.Text;
using SynthVault.Llm.TextLoop;
using SynthVault.Testing;
using SynthVault.Testing.Text;
using SynthVault.Tui.Screens;
using Terminal.Gui.Input;

namespace SynthVault.Tui.Tests.Screens;

/// <summary>A run folder the real text loop wrote with scripted models, stopped at its first review; made once.</summary>
public sealed class ReviewRunFixture : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory dir = new("synthvault-tui-review");

    public string RunFolder => Path.Combine(dir.Path, "run");

    public async Task InitializeAsync()
    {
        var seeds = TextSeedFile.Read(RepoPaths.SmsSpamTsv).Take(40).ToList();
        var options = new TextLoopOptions { Target = 40, Rounds = 2, RequestsPerBatch = 2, VariationsPerRequest = 3, ReviewMode = ReviewMode.File, ReviewFraction = 0.2, Seed = 5 };
        var outcome = await TextUseCases.GrowAsync(seeds, RunFolder, ScriptedTextGenerator.Diverse(), ScriptedTextGenerator.Permissive(), options, new TextLoopModels("g", "j"), null, null, CancellationToken.None);
        Assert.Equal(TextLoopStatus.AwaitingReview, outcome.Status);
    }

    /// <summary>A fresh copy of the run folder, so each test starts with no decisions.</summary>
    public string CopyTo(TempDirectory target)
    {
        var copy = target.File("run");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(RunFolder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => dir.Dispose();
}

[Collection(TuiCollection.Name)]
public sealed class ReviewQueueViewTests(ReviewRunFixture fixture) : IClassFixture<ReviewRunFixture>
{
    private static readonly TimeSpan Twelve = TimeSpan.FromSeconds(12);

    [Fact]
    public void Approve_and_reject_keys_save_each_decision_with_the_seconds_spent_on_the_item()
    {
        using var dir = new TempDirectory();
        var run = fixture.CopyTo(dir);
        var clock = new ManualClock();
        using var view = new ReviewQueueView(run, clock);
        using var tui = new TuiHarness(view);
        var items = view.Queue!.Items;
        Assert.True(items.Count >= 3, "the fixture run should put at least 3 items up for review");

        clock.Advance(Twelve);
        tui.Press(Key.A);
        clock.Advance(TimeSpan.FromSeconds(5));
        tui.Press(Key.R.WithShift);

        var saved = ReviewQueue.Load(run);
        Assert.Equal(
            [new ReviewRecord(items[0].Id, ReviewDecision.Approve, null, 12), new ReviewRecord(items[1].Id, ReviewDecision.Reject, null, 5)],
            saved.Decisions);
        Assert.Equal(items[2].Id, view.Current!.Id);
        Assert.Contains($"item 3 of {items.Count}", tui.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_screen_shows_the_item_text_its_label_and_the_critic_notes_at_80_by_24()
    {
        using var dir = new TempDirectory();
        var run = fixture.CopyTo(dir);
        using var view = new ReviewQueueView(run, new ManualClock());
        using var tui = new TuiHarness(view);
        var first = view.Queue!.Items[0];

        var screen = tui.Screen();

        Assert.Contains(first.Text.Split(' ')[0], screen, StringComparison.Ordinal);
        Assert.Contains("Label: " + first.Label, screen, StringComparison.Ordinal);
        Assert.Contains("Judge: 4 — fine", screen, StringComparison.Ordinal);
        Assert.Contains("Critic:", screen, StringComparison.Ordinal);
        Assert.Contains("A approve · R reject · E edit", screen, StringComparison.Ordinal);
        Assert.Equal(24, screen.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void An_edit_is_saved_as_the_corrected_text_and_personal_data_in_it_is_refused_until_removed()
    {
        using var dir = new TempDirectory();
        var run = fixture.CopyTo(dir);
        var clock = new ManualClock();
        using var view = new ReviewQueueView(run, clock);
        using var tui = new TuiHarness(view);
        var first = view.Queue!.Items[0];

        tui.Press(Key.E);
        Assert.True(view.IsEditing);
        tui.Press(Key.End.WithCtrl);
        tui.Type(" call +44 20 7946 0018");
        clock.Advance(Twelve);
        tui.Press(Key.S.WithCtrl);

        Assert.True(view.IsEditing);
        Assert.Contains("personal data (phone)", view.Message, StringComparison.Ordinal);
        Assert.Empty(ReviewQueue.Load(run).Decisions);

        foreach (var _ in " call +44 20 7946 0018")
        {
            tui.Press(Key.Backspace);
        }

        tui.Type(" thanks");
        tui.Press(Key.S.WithCtrl);

        Assert.False(view.IsEditing);
        var saved = Assert.Single(ReviewQueue.Load(run).Decisions);
        Assert.Equal(new ReviewRecord(first.Id, ReviewDecision.Edit, first.Text.Trim() + " thanks", 12), saved);
    }

    [Fact]
    public void Escape_in_the_editor_cancels_the_edit_and_typed_letters_are_not_taken_as_commands()
    {
        using var dir = new TempDirectory();
        var run = fixture.CopyTo(dir);
        using var view = new ReviewQueueView(run, new ManualClock());
        using var tui = new TuiHarness(view);
        var first = view.Queue!.Items[0];

        tui.Press(Key.E);
        tui.Type("ars");
        tui.Press(Key.Esc);

        Assert.False(view.IsEditing);
        Assert.Equal(first.Id, view.Current!.Id);
        Assert.Empty(ReviewQueue.Load(run).Decisions);
        Assert.Contains("Edit cancelled", view.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undo_takes_back_the_last_decision_in_the_file_and_skip_moves_on_without_deciding()
    {
        using var dir = new TempDirectory();
        var run = fixture.CopyTo(dir);
        var clock = new ManualClock();
        using var view = new ReviewQueueView(run, clock);
        using var tui = new TuiHarness(view);
        var items = view.Queue!.Items;

        clock.Advance(Twelve);
        tui.Press(Key.A);
        tui.Press(Key.S);
        Assert.Equal(items[2].Id, view.Current!.Id);
        tui.Press(Key.U);

        Assert.Equal(items[0].Id, view.Current!.Id);
        Assert.Empty(ReviewQueue.Load(run).Decisions);
        clock.Advance(TimeSpan.FromSeconds(3));
        tui.Press(Key.R);
        Assert.Equal([new ReviewRecord(items[0].Id, ReviewDecision.Reject, null, 15)], ReviewQueue.Load(run).Decisions);
        tui.Press(Key.U, Key.U);
        Assert.Contains("Nothing to undo", view.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deciding_every_item_ends_with_a_message_and_the_file_holds_one_decision_per_item()
    {
        using var dir = new TempDirectory();
        var run = fixture.CopyTo(dir);
        using var view = new ReviewQueueView(run, new ManualClock());
        using var tui = new TuiHarness(view);
        var count = view.Queue!.Items.Count;

        for (var i = 0; i < count; i++)
        {
            tui.Press(Key.A);
        }

        tui.Press(Key.A);
        Assert.Null(view.Current);
        Assert.True(ReviewQueue.Load(run).IsComplete);
        Assert.Contains($"All {count} items of round 1 are decided", tui.Screen(), StringComparison.Ordinal);
        Assert.Contains("synthvault text grow", view.ShownText, StringComparison.Ordinal);
        Assert.Contains("no item on screen", view.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_down_scrolls_a_text_longer_than_the_text_area()
    {
        using var dir = new TempDirectory();
        var run = fixture.CopyTo(dir);
        var reviewFile = Path.Combine(run, RunFolder.ReviewFile(1));
        var items = File.ReadAllLines(reviewFile).Select(l => JsonSerializer.Deserialize<ReviewItem>(l, RunFolder.Json)!).ToList();
        var longText = string.Join(" ", Enumerable.Range(1, 200).Select(i => "word" + i));
        items[0] = items[0] with { Text = longText };
        File.WriteAllLines(reviewFile, items.Select(i => JsonSerializer.Serialize(i, RunFolder.Json)));
        using var view = new ReviewQueueView(run, new ManualClock());
        using var tui = new TuiHarness(view);
        Assert.Contains("word1 ", tui.Screen(), StringComparison.Ordinal);
        Assert.DoesNotContain("word200", tui.Screen(), StringComparison.Ordinal);

        tui.Press(Key.PageDown, Key.PageDown, Key.PageDown, Key.PageDown);

        Assert.DoesNotContain("word1 ", tui.Screen(), StringComparison.Ordinal);
        Assert.Contains("word200", tui.Screen(), StringComparison.Ordinal);
        tui.Press(Key.PageUp, Key.PageUp, Key.PageUp, Key.PageUp);
        Assert.Contains("word1 ", tui.Screen(), StringComparison.Ordinal);
        Assert.Empty(ReviewQueue.Load(run).Decisions);
    }

    [Fact]
    public void A_missing_run_folder_shows_a_message_instead_of_failing()
    {
        using var dir = new TempDirectory();
        using var view = new ReviewQueueView(dir.File("nowhere"), new ManualClock());
        using var tui = new TuiHarness(view);

        tui.Press(Key.U, Key.E, Key.A);

        Assert.Contains("Nothing to review here.", tui.Screen(), StringComparison.Ordinal);
        Assert.Contains("the run folder does not exist", view.ShownText, StringComparison.Ordinal);
        Assert.Null(view.Queue);
        Assert.Contains("no item on screen", view.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_folder_with_no_review_waiting_says_so()
    {
        using var dir = new TempDirectory();
        using var view = new ReviewQueueView(dir.Path, new ManualClock());
        using var tui = new TuiHarness(view);

        Assert.Contains("Nothing to review here.", tui.Screen(), StringComparison.Ordinal);
        Assert.Contains("no round of this run is waiting for review", view.ShownText, StringComparison.Ordinal);
    }
}
