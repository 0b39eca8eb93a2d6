using SynthVault.Core.Errors;
using SynthVault.Llm.TextLoop;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>Seeds too long for the prompts they would be shown in are refused before a run, naming the file and row.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class PromptBudgetTests(TinyModelFixture fixture)
{
    private static readonly TextLoopOptions Options = new() { ExamplesPerPrompt = 3, MaxTokens = 200 };

    [Fact]
    public void A_seed_longer_than_its_share_of_the_context_is_refused_with_its_file_row_class_and_the_limit()
    {
        using var model = LocalModel.Load(fixture.Path, new LocalModelOptions { ContextSize = 1024 });
        var limit = PromptBudget.MaxSeedTokens(Options, model.ContextSize);
        var seeds = new List<TextSeed>
        {
            new("a", "Your parcel is held at the depot until Friday.", "ham") { Row = 1 },
            new("b", string.Concat(Enumerable.Repeat("Win a free cruise now, reply YES. ", 20)), "spam") { Row = 2 },
        };

        var error = Assert.Throws<SynthVaultException>(() => PromptBudget.Check(new TextLoopInput(seeds, "seeds.csv"), Options, model.ContextSize, t => model.Tokenize(t, addBos: false).Length));

        Assert.Equal((1024 - 200 - PromptBudget.InstructionTokens) / 3, limit);
        Assert.StartsWith("seeds.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("class 'spam'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"at most {limit:N0} tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("--context", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seeds_within_their_share_pass_and_short_ones_are_not_even_tokenized()
    {
        var tokenized = new List<string>();
        var seeds = new List<TextSeed> { new("a", "short text", "ham"), new("b", new string('x', 150), "spam") };

        PromptBudget.Check(new TextLoopInput(seeds, "seeds.csv"), Options, 1024, t =>
        {
            tokenized.Add(t);
            return t.Length / 2;
        });

        Assert.Equal([new string('x', 150)], tokenized);
    }

    [Fact]
    public void An_answer_budget_as_large_as_the_context_is_refused_naming_the_option()
    {
        var error = Assert.Throws<SynthVaultException>(() => PromptBudget.MaxSeedTokens(Options with { MaxTokens = 1024 }, 1024));

        Assert.Contains("--max-tokens 1,024", error.Message, StringComparison.Ordinal);
    }
}
