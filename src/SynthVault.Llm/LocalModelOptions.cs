using Microsoft.Extensions.Logging;

namespace SynthVault.Llm;

/// <summary>How <see cref="LocalModel.Load"/> loads a model. The defaults work: every core, the model's context up to 4,096 tokens.</summary>
public sealed record LocalModelOptions
{
    /// <summary>CPU threads for generation and prompt processing; null uses every core the machine has.</summary>
    public int? Threads { get; init; }

    /// <summary>Context (tokens) available to each sequence; null uses the model's trained context, capped at 4,096.</summary>
    public int? ContextSize { get; init; }

    /// <summary>
    /// Use llama.cpp's flash attention. Off by default: on the small CPU models measured here it was slower
    /// (see models/README.md).
    /// </summary>
    public bool FlashAttention { get; init; }

    /// <summary>Where llama.cpp's own log goes; null (the default) keeps it silent.</summary>
    public ILogger? NativeLogger { get; init; }

    /// <summary>Refuse to load a model whose file does not fit in the available memory (on by default).</summary>
    public bool CheckMemory { get; init; } = true;
}
