using Microsoft.Extensions.AI;
using SynthVault.Core.Errors;

namespace SynthVault.Llm.Generation;

/// <summary>
/// One text to generate: either chat <see cref="Messages"/> (formatted with the model's chat template) or a raw
/// <see cref="Prompt"/> (sent as is), with its sampler, length limit, stop strings and an optional JSON Schema that
/// constrains the output (see <see cref="Structured.JsonSchemaToGbnf"/> for the supported subset).
/// </summary>
public sealed record GenerationRequest
{
    /// <summary>Chat messages; the model's chat template turns them into the prompt. Exclusive with <see cref="Prompt"/>.</summary>
    public IReadOnlyList<ChatMessage>? Messages { get; init; }

    /// <summary>Raw prompt text, used as is. Exclusive with <see cref="Messages"/>.</summary>
    public string? Prompt { get; init; }

    public SamplerOptions Sampler { get; init; } = new();

    /// <summary>Most tokens to generate.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Generation stops before the first occurrence of any of these; the stop string is not part of the text.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    /// <summary>A JSON Schema the output must satisfy; the output is then constrained by a grammar and validated again.</summary>
    public string? JsonSchema { get; init; }

    /// <summary>Never end early on an end-of-generation token (benchmarks that need a fixed number of tokens).</summary>
    internal bool IgnoreEndOfGeneration { get; init; }

    /// <summary>A request for a single user message.</summary>
    public static GenerationRequest ForUser(string text, SamplerOptions? sampler = null) =>
        new() { Messages = [new ChatMessage(ChatRole.User, text)], Sampler = sampler ?? new SamplerOptions() };

    /// <summary>Throws a <see cref="SynthVaultException"/> naming what is wrong with the request.</summary>
    public void Validate()
    {
        if ((Messages is null) == (Prompt is null))
        {
            throw new SynthVaultException("a generation request needs either messages or a prompt, not both and not neither.");
        }

        if (Prompt is not null && Prompt.Length == 0 || Messages is { Count: 0 })
        {
            throw new SynthVaultException("--prompt is empty; give the model something to answer.");
        }

        if (MaxTokens < 1)
        {
            throw new SynthVaultException($"--max-tokens is {MaxTokens}; it must be at least 1.");
        }

        foreach (var stop in StopStrings)
        {
            if (string.IsNullOrEmpty(stop))
            {
                throw new SynthVaultException("--stop contains an empty string; every stop string needs at least one character.");
            }
        }

        Sampler.Validate();
    }
}
