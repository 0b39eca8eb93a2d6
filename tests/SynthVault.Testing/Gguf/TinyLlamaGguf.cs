using System.Globalization;
using SynthVault.Core.Randomness;

namespace SynthVault.Testing.Gguf;

/// <summary>The shape of a random-weight llama model written by <see cref="TinyLlamaGguf"/>.</summary>
/// <param name="Name">general.name.</param>
/// <param name="EmbeddingLength">Hidden size (n_embd).</param>
/// <param name="BlockCount">Number of transformer blocks.</param>
/// <param name="HeadCount">Attention heads; n_embd / heads is the head size.</param>
/// <param name="HeadCountKv">Key-value heads (grouped-query attention when fewer than heads).</param>
/// <param name="FeedForwardLength">SwiGLU hidden size.</param>
/// <param name="VocabularySize">At least the 262 base tokens (3 specials, 256 bytes, "▁", 2 chat markers); the rest are
/// multi-character tokens so a realistic vocabulary size costs realistic output-layer work.</param>
/// <param name="ContextLength">llama.context_length.</param>
/// <param name="MatrixType">Type of the weight matrices (norms are always F32).</param>
/// <param name="Seed">Seed of the weights.</param>
/// <param name="WeightScale">Standard deviation of the weights; larger values give peakier next-token distributions.</param>
/// <param name="TiedEmbeddings">When true there is no output.weight and llama.cpp reuses token_embd (as small models do).</param>
public sealed record TinyLlamaSpec(
    string Name,
    int EmbeddingLength,
    int BlockCount,
    int HeadCount,
    int HeadCountKv,
    int FeedForwardLength,
    int VocabularySize,
    int ContextLength,
    GgmlTensorType MatrixType,
    ulong Seed = 42,
    float WeightScale = 0.02f,
    bool TiedEmbeddings = false)
{
    /// <summary>The unit-test model: 2 blocks, 64 wide, byte-level vocabulary; about 120 k parameters (≈ 0.5 MB).</summary>
    public static TinyLlamaSpec Test { get; } = new("synthvault-tiny-test", 64, 2, 4, 2, 128, TinyLlamaGguf.BaseVocabularySize, 1024, GgmlTensorType.F32, WeightScale: 0.5f);

    /// <summary>
    /// The benchmark model: the shape of SmolLM-135M (576 wide, 30 blocks, 9 heads / 3 KV heads, 1536 FFN, 49,152
    /// tokens, tied embeddings), Q8_0, about 135 M parameters (≈ 145 MB), so tokens/s measure matrix work.
    /// </summary>
    public static TinyLlamaSpec Benchmark { get; } = new("synthvault-bench-135m", 576, 30, 9, 3, 1536, 49152, 2048, GgmlTensorType.Q8_0, TiedEmbeddings: true);

    /// <summary>Number of weights the file holds.</summary>
    public long ParameterCount
    {
        get
        {
            long e = EmbeddingLength;
            var kv = e / HeadCount * HeadCountKv;
            var perBlock = (2 * e) + (2 * e * e) + (2 * e * kv) + (3 * e * FeedForwardLength);
            return (VocabularySize * e * (TiedEmbeddings ? 1 : 2)) + e + (BlockCount * perBlock);
        }
    }
}

/// <summary>
/// Writes a llama-architecture GGUF with random weights and a byte-level SentencePiece vocabulary, so tests and
/// benchmarks need no downloaded model. The vocabulary is &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the 256 byte tokens
/// &lt;0x00&gt;…&lt;0xFF&gt;, "▁" (SentencePiece's space), the ChatML markers &lt;|im_start|&gt; and &lt;|im_end|&gt;, then
/// optional multi-character tokens. Every text therefore tokenizes (bytes are the fallback) and round-trips.
/// </summary>
public static class TinyLlamaGguf
{
    /// <summary>Tokens every written model has.</summary>
    public const int BaseVocabularySize = 262;

    /// <summary>The ChatML template (as in Qwen2 and SmolLM2 instruct GGUFs), which llama.cpp's template engine recognises.</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    // llama.cpp's llama_token_type values.
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int Byte = 6;

    /// <summary>Writes the model to <paramref name="path"/> (atomically) and returns the path.</summary>
    public static string Write(string path, TinyLlamaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CreateWriter(spec).Write(path);
        return path;
    }

    /// <summary>The writer with every key and tensor of the model, for tests that alter one before writing.</summary>
    public static GgufWriter CreateWriter(TinyLlamaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.VocabularySize < BaseVocabularySize)
        {
            throw new ArgumentException($"The vocabulary needs at least {BaseVocabularySize} tokens.", nameof(spec));
        }

        var (tokens, scores, types) = Vocabulary(spec.VocabularySize);
        var e = spec.EmbeddingLength;
        var headSize = e / spec.HeadCount;
        var kv = headSize * spec.HeadCountKv;
        var w = new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", spec.Name)
            .Add("general.file_type", spec.MatrixType switch { GgmlTensorType.F32 => 0u, GgmlTensorType.F16 => 1u, _ => 7u })
            .Add("general.quantization_version", 2u)
            .Add("llama.context_length", (uint)spec.ContextLength)
            .Add("llama.embedding_length", (uint)e)
            .Add("llama.block_count", (uint)spec.BlockCount)
            .Add("llama.feed_forward_length", (uint)spec.FeedForwardLength)
            .Add("llama.attention.head_count", (uint)spec.HeadCount)
            .Add("llama.attention.head_count_kv", (uint)spec.HeadCountKv)
            .Add("llama.rope.dimension_count", (uint)headSize)
            .Add("llama.rope.freq_base", 10000f)
            .Add("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Add("llama.vocab_size", (uint)spec.VocabularySize)
            .Add("tokenizer.ggml.model", "llama")
            .Add("tokenizer.ggml.tokens", tokens)
            .Add("tokenizer.ggml.scores", scores)
            .Add("tokenizer.ggml.token_type", types)
            .Add("tokenizer.ggml.unknown_token_id", 0u)
            .Add("tokenizer.ggml.bos_token_id", 1u)
            .Add("tokenizer.ggml.eos_token_id", 2u)
            .Add("tokenizer.ggml.add_bos_token", true)
            .Add("tokenizer.ggml.add_eos_token", false)
            .Add("tokenizer.ggml.add_space_prefix", false)
            .Add("tokenizer.chat_template", ChatMlTemplate);

        var streams = new SeedStreams(unchecked((long)spec.Seed));
        var index = 0;
        Action<Span<float>> Random(float scale)
        {
            var rng = streams.CreateGenerator("tensor", index++);
            return span =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = (float)(rng.NextGaussian() * scale);
                }
            };
        }

        static void Ones(Span<float> span) => span.Fill(1f);

        var matrix = spec.MatrixType;
        w.AddTensor("token_embd.weight", [e, spec.VocabularySize], matrix, Random(spec.WeightScale));
        w.AddTensor("output_norm.weight", [e], GgmlTensorType.F32, Ones);
        if (!spec.TiedEmbeddings)
        {
            w.AddTensor("output.weight", [e, spec.VocabularySize], matrix, Random(spec.WeightScale));
        }

        for (var b = 0; b < spec.BlockCount; b++)
        {
            var p = "blk." + b.ToString(CultureInfo.InvariantCulture) + ".";
            w.AddTensor(p + "attn_norm.weight", [e], GgmlTensorType.F32, Ones);
            w.AddTensor(p + "attn_q.weight", [e, e], matrix, Random(spec.WeightScale));
            w.AddTensor(p + "attn_k.weight", [e, kv], matrix, Random(spec.WeightScale));
            w.AddTensor(p + "attn_v.weight", [e, kv], matrix, Random(spec.WeightScale));
            w.AddTensor(p + "attn_output.weight", [e, e], matrix, Random(spec.WeightScale));
            w.AddTensor(p + "ffn_norm.weight", [e], GgmlTensorType.F32, Ones);
            w.AddTensor(p + "ffn_gate.weight", [e, spec.FeedForwardLength], matrix, Random(spec.WeightScale));
            w.AddTensor(p + "ffn_up.weight", [e, spec.FeedForwardLength], matrix, Random(spec.WeightScale));
            w.AddTensor(p + "ffn_down.weight", [spec.FeedForwardLength, e], matrix, Random(spec.WeightScale));
        }

        return w;
    }

    private static (string[] Tokens, float[] Scores, int[] Types) Vocabulary(int size)
    {
        var tokens = new List<string>(size) { "<unk>", "<s>", "</s>" };
        var types = new List<int>(size) { Unknown, Control, Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add("<0x" + b.ToString("X2", CultureInfo.InvariantCulture) + ">");
            types.Add(Byte);
        }

        tokens.Add("\u2581");
        types.Add(Normal);
        tokens.Add("<|im_start|>");
        types.Add(Control);
        tokens.Add("<|im_end|>");
        types.Add(Control);

        // Multi-character pieces: pairs, then triples, … of lower-case letters and "▁", in a fixed order.
        const string alphabet = "\u2581abcdefghijklmnopqrstuvwxyz";
        for (var length = 2; tokens.Count < size; length++)
        {
            var digits = new int[length];
            while (tokens.Count < size)
            {
                tokens.Add(string.Concat(digits.Select(d => alphabet[d])));
                types.Add(Normal);
                var k = length - 1;
                while (k >= 0 && ++digits[k] == alphabet.Length)
                {
                    digits[k--] = 0;
                }

                if (k < 0)
                {
                    break;
                }
            }
        }

        // SentencePiece merges the highest-scoring pieces first; shorter pieces score lower.
        var scores = tokens.Select((t, i) => i < BaseVocabularySize ? 0f : -i / (float)size).ToArray();
        return ([.. tokens], scores, [.. types]);
    }
}
