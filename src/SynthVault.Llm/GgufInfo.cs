namespace SynthVault.Llm;

/// <summary>What a GGUF file's header says about the model, read and checked by <see cref="GgufFile.Read"/>.</summary>
/// <param name="Path">The file as the user named it.</param>
/// <param name="FileSizeBytes">Size of the file.</param>
/// <param name="Version">GGUF format version (2 or 3).</param>
/// <param name="Architecture">general.architecture, e.g. "llama" or "qwen2".</param>
/// <param name="Name">general.name, when present.</param>
/// <param name="ParameterCount">Number of weights: the sum of every tensor's element count.</param>
/// <param name="Quantization">The file type (general.file_type, e.g. "Q4_K_M"), or the type holding most bytes when the key is absent.</param>
/// <param name="ContextLength">The context length the model was trained with (<c>&lt;arch&gt;.context_length</c>).</param>
/// <param name="ChatTemplate">tokenizer.chat_template (a Jinja template), when present.</param>
/// <param name="TensorCount">Number of tensors.</param>
/// <param name="VocabularySize">Number of tokens in tokenizer.ggml.tokens.</param>
/// <param name="Metadata">Every scalar key-value as text (arrays as "[n items]"), for display.</param>
public sealed record GgufInfo(
    string Path,
    long FileSizeBytes,
    uint Version,
    string Architecture,
    string? Name,
    long ParameterCount,
    string Quantization,
    int? ContextLength,
    string? ChatTemplate,
    int TensorCount,
    int? VocabularySize,
    IReadOnlyDictionary<string, string> Metadata);
