using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SynthVault.Llm.Generation;

namespace SynthVault.Llm.Tests;

/// <summary>
/// Generation on the tiny random-weight model. Its text is noise, but noise that must be exactly reproducible from
/// the seed, respect every limit, and satisfy a schema when one is given.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed class GenerationTests(TinyModelFixture fixture)
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "name": { "type": "string", "minLength": 1, "maxLength": 12 },
            "age": { "type": "integer", "minimum": 18, "maximum": 99 },
            "balance": { "type": "number", "minimum": -50.5, "maximum": 1000 },
            "segment": { "enum": ["retail", "business", "private"] },
            "active": { "type": "boolean" },
            "tags": { "type": "array", "items": { "type": "string", "maxLength": 5 }, "minItems": 1, "maxItems": 3 },
            "note": { "type": "string", "maxLength": 8 }
          },
          "required": ["name", "age", "balance", "segment", "active", "tags"],
          "additionalProperties": false
        }
        """;

    private LocalTextGenerator Generator => new(fixture.Model);

    private static GenerationRequest Request(uint seed, string prompt = "Write a short customer note.", int maxTokens = 24) =>
        new()
        {
            Messages = [new ChatMessage(ChatRole.User, prompt)],
            Sampler = new SamplerOptions { Seed = seed, Temperature = 1.0f, TopK = 0, TopP = 1f, MinP = 0f },
            MaxTokens = maxTokens,
            IgnoreEndOfGeneration = true,
        };

    [Fact]
    public async Task The_same_seed_and_prompt_give_the_same_text()
    {
        var first = await Generator.GenerateAsync([Request(7)], CancellationToken.None);
        var second = await Generator.GenerateAsync([Request(7)], CancellationToken.None);
        var other = await Generator.GenerateAsync([Request(8)], CancellationToken.None);

        Assert.Equal(first[0].Text, second[0].Text);
        Assert.NotEqual(first[0].Text, other[0].Text);
        Assert.Equal(24, first[0].GeneratedTokens);
        Assert.Equal(FinishReason.Length, first[0].Finish);
    }

    [Fact]
    public async Task A_sequence_gives_the_same_text_inside_a_batch_as_alone()
    {
        // Four variations of one prompt (they share its prefix in the KV cache) and one different prompt.
        GenerationRequest[] requests = [Request(1), Request(2), Request(3), Request(4), Request(5, "Describe a bank branch.")];

        var batched = await Generator.GenerateAsync(requests, CancellationToken.None);

        for (var i = 0; i < requests.Length; i++)
        {
            var alone = await Generator.GenerateAsync([requests[i]], CancellationToken.None);
            Assert.Equal(alone[0].Text, batched[i].Text);
        }

        Assert.Equal(requests.Length, batched.Select(r => r.Text).Distinct().Count());

        // N variations of one prompt: all but its last token is decoded once and copied into each sequence's KV stream.
        var variations = await Generator.GenerateAsync([Request(1), Request(2), Request(3)], CancellationToken.None);
        Assert.Equal([batched[0].Text, batched[1].Text, batched[2].Text], variations.Select(v => v.Text));
    }

    [Fact]
    public async Task Prompts_longer_together_than_one_llama_batch_still_generate_and_match_alone()
    {
        // Two different prompts of about 300 tokens each: together they span two 512-token decodes, so the first
        // prompt finishes a decode before the second; both must still have logits to sample from.
        var longA = "Customer " + string.Join(' ', Enumerable.Range(0, 150).Select(i => $"a{i}"));
        var longB = "Branch " + string.Join(' ', Enumerable.Range(0, 150).Select(i => $"b{i}"));
        GenerationRequest[] requests = [Request(7, longA, maxTokens: 8), Request(8, longB, maxTokens: 8)];
        Assert.True(requests.Sum(r => fixture.Model.Tokenize(r.Messages![0].Text!).Length) > 512, "the prompts must exceed one batch");

        var batched = await Generator.GenerateAsync(requests, CancellationToken.None);

        for (var i = 0; i < requests.Length; i++)
        {
            var alone = await Generator.GenerateAsync([requests[i]], CancellationToken.None);
            Assert.Equal(alone[0].Text, batched[i].Text);
            Assert.Equal(8, batched[i].GeneratedTokens);
        }
    }

    [Fact]
    public async Task Schema_constrained_output_parses_and_validates_against_the_schema()
    {
        var requests = Enumerable.Range(0, 6).Select(i => new GenerationRequest
        {
            Prompt = "Customer record as JSON: ",
            Sampler = new SamplerOptions { Seed = (uint)(100 + i), Temperature = 1.0f },
            MaxTokens = 600,
            JsonSchema = Schema,
        }).ToList();

        var results = await Generator.GenerateAsync(requests, CancellationToken.None);

        foreach (var result in results)
        {
            Assert.True(result.Finish == FinishReason.EndOfGeneration, $"{result.Finish} after {result.GeneratedTokens} tokens: {result.Text}");
            Assert.True(result.IsValidJson, string.Join("; ", result.SchemaErrors!) + " in " + result.Text);
            using var doc = JsonDocument.Parse(result.Text);
            var age = doc.RootElement.GetProperty("age").GetInt32();
            Assert.InRange(age, 18, 99);
            Assert.Contains(doc.RootElement.GetProperty("segment").GetString(), new[] { "retail", "business", "private" });
        }
    }

    [Fact]
    public async Task A_stop_string_ends_the_text_before_it()
    {
        // The schema forces the text to start with {"name":" so the stop string is certain to appear.
        var request = new GenerationRequest { Prompt = "JSON: ", JsonSchema = Schema, StopStrings = ["\"name\""], MaxTokens = 100 };

        var result = (await Generator.GenerateAsync([request], CancellationToken.None))[0];

        Assert.Equal("{", result.Text);
        Assert.Equal(FinishReason.StopString, result.Finish);
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_as_a_whole_response()
    {
        var whole = await Generator.GenerateAsync([Request(11), Request(12)], CancellationToken.None);
        var streamed = new[] { new StringBuilder(), new StringBuilder() };

        await foreach (var chunk in Generator.GenerateStreamingAsync([Request(11), Request(12)], CancellationToken.None))
        {
            streamed[chunk.RequestIndex].Append(chunk.Text);
        }

        Assert.Equal(whole[0].Text, streamed[0].ToString());
        Assert.Equal(whole[1].Text, streamed[1].ToString());
    }

    [Fact]
    public async Task Cancelling_stops_generation_with_an_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        var chunks = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in Generator.GenerateStreamingAsync([Request(3, maxTokens: 1000)], cts.Token))
            {
                if (++chunks == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });
        // Uncancelled, the request would stream about a thousand chunks (one per token); the loop stops within a few steps
        // (chunks already queued before the cancellation are still delivered).
        Assert.InRange(chunks, 3, 100);

        // The model is free again afterwards.
        var after = await Generator.GenerateAsync([Request(3, maxTokens: 4)], CancellationToken.None);
        Assert.Equal(4, after[0].GeneratedTokens);
    }

    [Fact]
    public async Task The_chat_client_honours_seed_and_options_like_the_generator()
    {
        using var client = fixture.Model.AsChatClient();
        var options = new ChatOptions { Seed = 21, Temperature = 1.0f, TopK = 0, TopP = 1f, MaxOutputTokens = 16, AdditionalProperties = new() { ["min_p"] = 0f } };
        ChatMessage[] messages = [new(ChatRole.User, "Hello")];

        var response = await client.GetResponseAsync(messages, options);
        var again = await client.GetResponseAsync(messages, options);
        var streamed = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options))
        {
            streamed.Append(update.Text);
        }

        var direct = await Generator.GenerateAsync(
            [new GenerationRequest { Messages = messages, Sampler = new SamplerOptions { Seed = 21, Temperature = 1.0f, TopK = 0, TopP = 1f, MinP = 0f }, MaxTokens = 16 }],
            CancellationToken.None);
        Assert.Equal(direct[0].Text, response.Text);
        Assert.Equal(response.Text, again.Text);
        Assert.Equal(response.Text, streamed.ToString());
        Assert.Equal(direct[0].GeneratedTokens, (int)response.Usage!.OutputTokenCount!);
    }

    [Fact]
    public async Task Any_chat_client_can_be_the_generator_and_its_schema_output_is_validated()
    {
        using var client = fixture.Model.AsChatClient();
        var generator = new ChatClientTextGenerator(client);
        var request = new GenerationRequest { Messages = [new ChatMessage(ChatRole.User, "JSON: ")], JsonSchema = Schema, Sampler = new SamplerOptions { Seed = 5 }, MaxTokens = 600 };

        var viaClient = await generator.GenerateAsync([request], CancellationToken.None);
        var local = await Generator.GenerateAsync([request], CancellationToken.None);

        Assert.Equal(local[0].Text, viaClient[0].Text);
        Assert.True(viaClient[0].IsValidJson);
    }
}
