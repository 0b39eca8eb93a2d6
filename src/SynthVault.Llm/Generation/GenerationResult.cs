namespace SynthVault.Llm.Generation;

/// <summary>Why a generation ended.</summary>
public enum FinishReason
{
    /// <summary>The model produced an end-of-generation token (or completed the grammar).</summary>
    EndOfGeneration,

    /// <summary>A stop string appeared; it is cut from the text.</summary>
    StopString,

    /// <summary>The token limit or the end of the context was reached.</summary>
    Length,
}

/// <summary>The text generated for one <see cref="GenerationRequest"/>.</summary>
/// <param name="Text">The generated text (without the prompt or a stop string).</param>
/// <param name="PromptTokens">Tokens in the prompt (0 where a remote client does not say).</param>
/// <param name="GeneratedTokens">Tokens generated (0 where a remote client does not say).</param>
/// <param name="Finish">Why generation ended.</param>
/// <param name="SchemaErrors">For a request with a JSON Schema: why the text fails the schema (empty when it is valid);
/// null for requests without a schema.</param>
public sealed record GenerationResult(string Text, int PromptTokens, int GeneratedTokens, FinishReason Finish, IReadOnlyList<string>? SchemaErrors = null)
{
    /// <summary>True when the request had a schema and the text satisfies it.</summary>
    public bool IsValidJson => SchemaErrors is { Count: 0 };
}

/// <summary>A piece of streamed text: which request of the batch it belongs to and the new characters.</summary>
public readonly record struct GeneratedChunk(int RequestIndex, string Text);
