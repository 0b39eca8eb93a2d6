using Microsoft.Extensions.AI;
using SynthVault.Llm.Structured;

namespace SynthVault.Llm.Generation;

/// <summary>
/// Generates through any Microsoft.Extensions.AI <see cref="IChatClient"/> (an on-premise server, or the local model's
/// own client). Requests run concurrently up to <paramref name="maxConcurrency"/>, since servers batch on their side.
/// The sampler, seed, stop strings and JSON Schema travel as <see cref="ChatOptions"/>; a server may ignore some of
/// them, so schema output is validated here again.
/// </summary>
public sealed class ChatClientTextGenerator(IChatClient client, int maxConcurrency = 4) : ITextGenerator
{
    private readonly IChatClient client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var r in requests)
        {
            r.Validate();
        }

        var results = new GenerationResult[requests.Count];
        await Parallel.ForAsync(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var request = requests[i];
            IReadOnlyList<ChatMessage> messages = request.Messages ?? [new ChatMessage(ChatRole.User, request.Prompt!)];
            var response = await client.GetResponseAsync(messages, ChatMapping.ToOptions(request), ct).ConfigureAwait(false);
            var text = response.Text;
            if (request.StopStrings.Count > 0)
            {
                // A server that ignores stop sequences still must not return text past one.
                foreach (var stop in request.StopStrings)
                {
                    var at = text.IndexOf(stop, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        text = text[..at];
                    }
                }
            }

            var finish = response.FinishReason == ChatFinishReason.Length ? FinishReason.Length : FinishReason.EndOfGeneration;
            var errors = request.JsonSchema is { } schema ? JsonSchemaValidator.Validate(schema, text) : null;
            results[i] = new GenerationResult(
                text,
                (int)(response.Usage?.InputTokenCount ?? 0),
                (int)(response.Usage?.OutputTokenCount ?? 0),
                finish,
                errors);
        }).ConfigureAwait(false);
        return results;
    }
}
