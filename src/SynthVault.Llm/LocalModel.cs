using System.Text;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.AI;
using SynthVault.Core.Errors;
using SynthVault.Llm.Generation;

namespace SynthVault.Llm;

/// <summary>
/// A GGUF model loaded into memory through LLamaSharp (llama.cpp, CPU). The file is checked by <see cref="GgufFile"/>
/// and against the available memory before any native call, so a bad or oversized file is a clear error rather than
/// a native failure. Dispose to free the weights.
/// </summary>
public sealed class LocalModel : IDisposable
{
    /// <summary>Context used when the model does not say and the caller does not choose.</summary>
    private const int DefaultContextCap = 4096;

    private readonly LLamaWeights weights;
    private bool disposed;

    private LocalModel(GgufInfo info, LLamaWeights weights, int threads, int contextSize, bool flashAttention)
    {
        Info = info;
        this.weights = weights;
        Threads = threads;
        ContextSize = contextSize;
        FlashAttention = flashAttention;
    }

    /// <summary>What the file's header says: architecture, parameters, quantization, context length, chat template.</summary>
    public GgufInfo Info { get; }

    /// <summary>The llama.cpp CPU build LLamaSharp picked for this CPU (e.g. "avx2", "avx512").</summary>
    public string LoadedBackend { get; } = NativeRuntime.LoadedBackend;

    /// <summary>CPU threads used for decoding.</summary>
    public int Threads { get; }

    /// <summary>Tokens of context each sequence may use (prompt plus generated text).</summary>
    public int ContextSize { get; }

    /// <summary>Whether llama.cpp's flash attention is on.</summary>
    public bool FlashAttention { get; }

    /// <summary>Number of tokens in the vocabulary.</summary>
    public int VocabularySize => Weights.Vocab.Count;

    /// <summary>Serializes generation: one context at a time keeps the cores for one decode loop.</summary>
    internal SemaphoreSlim Gate { get; } = new(1, 1);

    internal LLamaWeights Weights
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return weights;
        }
    }

    /// <summary>Reads and checks <paramref name="path"/>, checks it fits in memory, and loads it.</summary>
    /// <exception cref="SynthVaultException">The file is missing, malformed, of an unknown architecture, too large, or llama.cpp refused it.</exception>
    public static LocalModel Load(string path, LocalModelOptions? options = null)
    {
        options ??= new LocalModelOptions();
        var info = GgufFile.Read(path);
        if (options.CheckMemory)
        {
            // The weights are mapped into memory whole; a tenth more covers the KV cache and compute buffers of the
            // context sizes used here. Loading past this would swap or be killed by the OOM killer.
            var needed = info.FileSizeBytes + (info.FileSizeBytes / 10);
            var available = MemoryProbe.AvailableBytes();
            if (needed > available)
            {
                throw new SynthVaultException(
                    $"the model needs about {MemoryProbe.Format(needed)} of memory but only {MemoryProbe.Format(available)} is available.",
                    file: path,
                    hint: "Pick a smaller or more strongly quantized model (e.g. a Q4_K_M file), or close other programs.");
            }
        }

        var threads = options.Threads ?? Environment.ProcessorCount;
        if (threads < 1)
        {
            throw new SynthVaultException($"--threads is {threads}; it must be at least 1.");
        }

        var context = options.ContextSize ?? Math.Min(info.ContextLength is > 0 and var c ? c : DefaultContextCap, DefaultContextCap);
        if (context < 16)
        {
            throw new SynthVaultException($"--context is {context}; it must be at least 16 tokens.");
        }

        NativeRuntime.Configure(options.NativeLogger);
        var parameters = new ModelParams(Path.GetFullPath(path)) { GpuLayerCount = 0 };
        try
        {
            var weights = LLamaWeights.LoadFromFile(parameters);
            return new LocalModel(info, weights, threads, context, options.FlashAttention);
        }
        catch (LoadWeightsFailedException ex)
        {
            throw new SynthVaultException(
                "llama.cpp could not load the model although its header is well-formed (a tensor llama.cpp does not expect, or a missing one).",
                file: path,
                hint: "Run again with --verbose to see llama.cpp's log, or download the model again.",
                inner: ex);
        }
    }

    /// <summary>Token ids of <paramref name="text"/>; control-token markup (e.g. "&lt;|im_start|&gt;") is parsed.</summary>
    public int[] Tokenize(string text, bool addBos = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Weights.Tokenize(text, addBos, special: true, Encoding.UTF8);
        var ids = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = (int)tokens[i];
        }

        return ids;
    }

    /// <summary>Text of <paramref name="tokens"/> (control tokens such as BOS render as nothing).</summary>
    public string Detokenize(IEnumerable<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, Weights);
        foreach (var t in tokens)
        {
            decoder.Add(t);
        }

        return decoder.Read();
    }

    /// <summary>
    /// The prompt for chat <paramref name="messages"/>: the model's chat template (llama.cpp's built-in renderer) when
    /// the file has one it recognises, otherwise a plain "Role: content" transcript ending in "Assistant:".
    /// </summary>
    public string FormatChat(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (Info.ChatTemplate is not null)
        {
            try
            {
                var template = new LLamaTemplate(Weights, strict: true) { AddAssistant = true };
                foreach (var m in messages)
                {
                    template.Add(m.Role.Value, m.Text);
                }

                return Encoding.UTF8.GetString(template.Apply());
            }
            catch (Exception ex) when (ex is MissingTemplateException or RuntimeError)
            {
                // A template llama.cpp's renderer does not know: fall through to the plain transcript.
            }
        }

        var sb = new StringBuilder();
        foreach (var m in messages)
        {
            var role = m.Role.Value;
            sb.Append(char.ToUpperInvariant(role[0])).Append(role.AsSpan(1)).Append(": ").Append(m.Text).Append('\n');
        }

        return sb.Append("Assistant:").ToString();
    }

    /// <summary>This model as a Microsoft.Extensions.AI chat client (model chat template, seeds, JSON Schema output).</summary>
    public IChatClient AsChatClient() => new LocalChatClient(new LocalTextGenerator(this), this);

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            weights.Dispose();
            Gate.Dispose();
        }
    }
}
