using Microsoft.Extensions.AI;
using SynthVault.Core.Errors;
using SynthVault.Llm.Generation;

namespace SynthVault.Llm.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class LocalModelTests(TinyModelFixture fixture)
{
    private LocalModel Model => fixture.Model;

    [Fact]
    public void The_loaded_model_reports_its_backend_threads_and_vocabulary()
    {
        Assert.Contains(Model.LoadedBackend, new[] { "noavx", "avx", "avx2", "avx512" });
        Assert.Equal(Environment.ProcessorCount, Model.Threads);
        Assert.Equal(262, Model.VocabularySize);
        Assert.Equal(1024, Model.ContextSize);
    }

    [Theory]
    [InlineData("Hello, world!")]
    [InlineData("Ünïcödé — 東京 🚀 and \"quotes\"\n\ttabs")]
    [InlineData("{\"name\": \"Ada\", \"age\": 36}")]
    public void Text_survives_a_tokenize_detokenize_round_trip(string text)
    {
        var tokens = Model.Tokenize(text, addBos: true);

        Assert.Equal(1, tokens[0]); // <s>
        Assert.Equal(text, Model.Detokenize(tokens));
    }

    [Fact]
    public void Chat_messages_are_formatted_with_the_models_chat_template()
    {
        var prompt = Model.FormatChat([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi")]);

        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public void A_prompt_longer_than_the_context_is_refused_with_a_clear_error()
    {
        using var small = LocalModel.Load(fixture.Path, new LocalModelOptions { ContextSize = 32 });
        var generator = new LocalTextGenerator(small);

        var error = Assert.Throws<SynthVaultException>(() =>
            generator.GenerateAsync([new GenerationRequest { Prompt = new string('x', 100) }], CancellationToken.None).GetAwaiter().GetResult());
        Assert.Equal("the prompt is 101 tokens, longer than the context of 32 tokens. Shorten the prompt or load the model with a larger context.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Max_tokens_below_one_is_refused_naming_the_option(int maxTokens)
    {
        var generator = new LocalTextGenerator(Model);

        var error = Assert.Throws<SynthVaultException>(() =>
            generator.GenerateAsync([new GenerationRequest { Prompt = "hi", MaxTokens = maxTokens }], CancellationToken.None).GetAwaiter().GetResult());
        Assert.StartsWith("--max-tokens is " + maxTokens, error.Message, StringComparison.Ordinal);
    }
}
