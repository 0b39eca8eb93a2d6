namespace SynthVault.Llm.Generation;

/// <summary>
/// Generates text for a batch of requests. The local llama.cpp model (<see cref="LocalTextGenerator"/>) decodes
/// them together; any Microsoft.Extensions.AI chat client (<see cref="ChatClientTextGenerator"/>) works too, so a
/// team with an on-premise server can plug it in.
/// </summary>
public interface ITextGenerator
{
    /// <summary>Generates one result per request, in request order.</summary>
    Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken);
}
