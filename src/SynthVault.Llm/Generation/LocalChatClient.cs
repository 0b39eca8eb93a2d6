using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SynthVault.Llm.Generation;

/// <summary>
/// The local model as a Microsoft.Extensions.AI <see cref="IChatClient"/>. A thin client of ours rather than
/// LLamaSharp's AsChatClient: that one formats chats as "User: … Assistant:" instead of the model's template and
/// ignores the seed, top-k, stop sequences and JSON Schema response format that SynthVault relies on.
/// Options read: Temperature, TopP, TopK, Seed, MaxOutputTokens, StopSequences, FrequencyPenalty, PresencePenalty,
/// ResponseFormat (a JSON Schema constrains the output), and AdditionalProperties "min_p" and "repeat_penalty".
/// </summary>
internal sealed class LocalChatClient(LocalTextGenerator generator, LocalModel model) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = ChatMapping.ToRequest(messages, options);
        var result = (await generator.GenerateAsync([request], cancellationToken).ConfigureAwait(false))[0];
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text))
        {
            ModelId = model.Info.Name ?? Path.GetFileName(model.Info.Path),
            FinishReason = result.Finish == FinishReason.Length ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = result.PromptTokens, OutputTokenCount = result.GeneratedTokens, TotalTokenCount = result.PromptTokens + result.GeneratedTokens },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ChatMapping.ToRequest(messages, options);
        await foreach (var chunk in generator.GenerateStreamingAsync([request], cancellationToken).ConfigureAwait(false))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk.Text);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return new ChatClientMetadata("synthvault-llamacpp", defaultModelId: model.Info.Name ?? Path.GetFileName(model.Info.Path));
        }

        return serviceType.IsInstanceOfType(this) ? this : serviceType.IsInstanceOfType(model) ? model : null;
    }

    public void Dispose()
    {
        // The model belongs to the caller that loaded it.
    }
}

/// <summary>Maps between Microsoft.Extensions.AI chat options and SynthVault's generation requests.</summary>
internal static class ChatMapping
{
    public static GenerationRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var defaults = new SamplerOptions();
        var sampler = defaults with
        {
            Temperature = options?.Temperature ?? defaults.Temperature,
            TopP = options?.TopP ?? defaults.TopP,
            TopK = options?.TopK ?? defaults.TopK,
            Seed = options?.Seed is { } seed ? unchecked((uint)seed) : defaults.Seed,
            FrequencyPenalty = options?.FrequencyPenalty ?? defaults.FrequencyPenalty,
            PresencePenalty = options?.PresencePenalty ?? defaults.PresencePenalty,
            MinP = Additional(options, "min_p") ?? defaults.MinP,
            RepeatPenalty = Additional(options, "repeat_penalty") ?? defaults.RepeatPenalty,
        };
        return new GenerationRequest
        {
            Messages = [.. messages],
            Sampler = sampler,
            MaxTokens = options?.MaxOutputTokens ?? new GenerationRequest().MaxTokens,
            StopStrings = options?.StopSequences is { } stops ? [.. stops] : [],
            JsonSchema = options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema } ? schema.GetRawText() : null,
        };
    }

    public static ChatOptions ToOptions(GenerationRequest request)
    {
        var s = request.Sampler;
        var options = new ChatOptions
        {
            Temperature = s.Temperature,
            TopP = s.TopP,
            TopK = s.TopK,
            Seed = s.Seed,
            FrequencyPenalty = s.FrequencyPenalty,
            PresencePenalty = s.PresencePenalty,
            MaxOutputTokens = request.MaxTokens,
            AdditionalProperties = new AdditionalPropertiesDictionary { ["min_p"] = s.MinP, ["repeat_penalty"] = s.RepeatPenalty },
        };
        if (request.StopStrings.Count > 0)
        {
            options.StopSequences = [.. request.StopStrings];
        }

        if (request.JsonSchema is { } schema)
        {
            using var document = JsonDocument.Parse(schema);
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(document.RootElement.Clone(), "synthvault_output");
        }

        return options;
    }

    private static float? Additional(ChatOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out var value) == true
            ? value switch
            {
                float f => f,
                double d => (float)d,
                int i => i,
                JsonElement { ValueKind: JsonValueKind.Number } e => e.GetSingle(),
                _ => null,
            }
            : null;
}
