using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SynthVault.Core.Progress;
using SynthVault.Llm.Generation;

namespace SynthVault.Llm.Benchmarking;

/// <summary>What <see cref="LlmBenchmark.Run"/> measures. Defaults mirror llama-bench's tg128 and take a minute or two on a small model.</summary>
public sealed record BenchOptions
{
    /// <summary>Prompt length for the prompt-processing rate.</summary>
    public int PromptTokens { get; init; } = 128;

    /// <summary>Tokens generated per sequence (llama-bench's tg128 generates 128).</summary>
    public int GenerationTokens { get; init; } = 128;

    /// <summary>Sequences decoded together for the batched rate.</summary>
    public int BatchSequences { get; init; } = 8;

    /// <summary>Interleaved repeats of every measurement; the medians are reported (the machine may be shared and noisy).</summary>
    public int Repeats { get; init; } = 3;
}

/// <summary>
/// Measured throughput of a model on this machine, the input of the cost planner. The JSON keys are stable (see
/// models/README.md): rates are tokens per second, medians over the repeats.
/// </summary>
public sealed record BenchResult
{
    [JsonPropertyName("model")] public required string Model { get; init; }

    [JsonPropertyName("architecture")] public required string Architecture { get; init; }

    [JsonPropertyName("parameterCount")] public required long ParameterCount { get; init; }

    [JsonPropertyName("quantization")] public required string Quantization { get; init; }

    [JsonPropertyName("fileSizeBytes")] public required long FileSizeBytes { get; init; }

    [JsonPropertyName("backend")] public required string Backend { get; init; }

    [JsonPropertyName("threads")] public required int Threads { get; init; }

    [JsonPropertyName("flashAttention")] public required bool FlashAttention { get; init; }

    [JsonPropertyName("promptTokens")] public required int PromptTokens { get; init; }

    [JsonPropertyName("generationTokens")] public required int GenerationTokens { get; init; }

    [JsonPropertyName("batchSequences")] public required int BatchSequences { get; init; }

    [JsonPropertyName("repeats")] public required int Repeats { get; init; }

    /// <summary>Prompt processing: prompt tokens evaluated per second.</summary>
    [JsonPropertyName("promptTokensPerSecond")] public required double PromptTokensPerSecond { get; init; }

    /// <summary>One sequence, unconstrained, sampling included.</summary>
    [JsonPropertyName("generationTokensPerSecond")] public required double GenerationTokensPerSecond { get; init; }

    /// <summary>All tokens of <see cref="BatchSequences"/> sequences decoded together, per second.</summary>
    [JsonPropertyName("batched8TokensPerSecond")] public required double Batched8TokensPerSecond { get; init; }

    /// <summary>One sequence constrained by a JSON Schema grammar, with the default grammar optimisation.</summary>
    [JsonPropertyName("grammarTokensPerSecond")] public required double GrammarTokensPerSecond { get; init; }

    /// <summary>The grammar rate per LLamaSharp grammar optimisation mode ("none", "basic", "extended").</summary>
    [JsonPropertyName("grammarTokensPerSecondByMode")] public required IReadOnlyDictionary<string, double> GrammarTokensPerSecondByMode { get; init; }

    /// <summary>Batched rate over single-sequence rate.</summary>
    [JsonPropertyName("batchedSpeedup")] public double BatchedSpeedup => Batched8TokensPerSecond / GenerationTokensPerSecond;

    /// <summary>Grammar rate over unconstrained rate.</summary>
    [JsonPropertyName("grammarRatio")] public double GrammarRatio => GrammarTokensPerSecond / GenerationTokensPerSecond;

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static BenchResult FromJson(string json) => JsonSerializer.Deserialize<BenchResult>(json, JsonOptions)
        ?? throw new JsonException("empty benchmark JSON");

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}

/// <summary>
/// Measures prompt and generation tokens/s of a loaded model: one sequence, <see cref="BenchOptions.BatchSequences"/>
/// batched sequences, and one grammar-constrained sequence under each grammar optimisation mode. Every repeat runs
/// all measurements in turn (interleaved), and medians are reported, so a burst of load from another process spoils
/// one sample of each rather than all samples of one.
/// </summary>
public static class LlmBenchmark
{
    /// <summary>A schema whose documents are long (20 rows), so grammar runs last as long as the unconstrained ones.</summary>
    public const string GrammarSchema = """
        {"type":"object","properties":{"rows":{"type":"array","minItems":20,"maxItems":20,"items":{"type":"object",
          "properties":{"name":{"type":"string","maxLength":40},"city":{"type":"string","maxLength":40},
          "age":{"type":"integer","minimum":0,"maximum":120},"vip":{"type":"boolean"}},
          "required":["name","city","age","vip"]}}},"required":["rows"]}
        """;

    private static readonly (string Key, GrammarOptimization Mode)[] Modes =
        [("none", GrammarOptimization.None), ("basic", GrammarOptimization.Basic), ("extended", GrammarOptimization.Extended)];

    public static BenchResult Run(LocalModel model, BenchOptions? options = null, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new BenchOptions();
        if (options.PromptTokens < 2 || options.GenerationTokens < 2 || options.BatchSequences < 1 || options.Repeats < 1)
        {
            throw new Core.Errors.SynthVaultException("benchmark options must have at least 2 prompt and generation tokens, 1 sequence and 1 repeat.");
        }

        var generator = new LocalTextGenerator(model);
        var prompt = PromptOf(model, options.PromptTokens);
        GenerationRequest Unconstrained(uint seed) => new()
        {
            Prompt = prompt,
            MaxTokens = options.GenerationTokens,
            Sampler = new SamplerOptions { Seed = seed },
            IgnoreEndOfGeneration = true,
        };

        // Warm-up: first-touch of the weights and the allocator.
        Execute(generator, [Unconstrained(0) with { MaxTokens = 8 }], cancellationToken);

        var promptRates = new List<double>();
        var singleRates = new List<double>();
        var batchedRates = new List<double>();
        var grammarRates = Modes.ToDictionary(m => m.Key, _ => new List<double>(), StringComparer.Ordinal);
        var grammarGenerators = Modes.ToDictionary(m => m.Key, m => new LocalTextGenerator(model, new LocalGeneratorOptions { GrammarOptimization = m.Mode }), StringComparer.Ordinal);
        var steps = options.Repeats * (3 + Modes.Length);
        var done = 0;
        for (var r = 0; r < options.Repeats; r++)
        {
            var p = Execute(generator, [Unconstrained(1) with { MaxTokens = 1 }], cancellationToken);
            promptRates.Add(p.PromptTokens / p.PromptTime.TotalSeconds);
            progress?.Report(new ProgressUpdate("benchmark", ++done, steps));

            singleRates.Add(GenerationRate(Execute(generator, [Unconstrained((uint)(r + 1))], cancellationToken), 1));
            progress?.Report(new ProgressUpdate("benchmark", ++done, steps));

            var batch = Enumerable.Range(0, options.BatchSequences).Select(i => Unconstrained((uint)((r * 100) + i + 1))).ToArray();
            batchedRates.Add(GenerationRate(Execute(generator, batch, cancellationToken), batch.Length));
            progress?.Report(new ProgressUpdate("benchmark", ++done, steps));

            foreach (var (key, _) in Modes)
            {
                var request = new GenerationRequest { Prompt = prompt, MaxTokens = options.GenerationTokens, JsonSchema = GrammarSchema, Sampler = new SamplerOptions { Seed = (uint)(r + 1) } };
                grammarRates[key].Add(GenerationRate(Execute(grammarGenerators[key], [request], cancellationToken), 1));
                progress?.Report(new ProgressUpdate("benchmark", ++done, steps));
            }
        }

        var byMode = grammarRates.ToDictionary(p => p.Key, p => Median(p.Value), StringComparer.Ordinal);
        return new BenchResult
        {
            Model = Path.GetFileName(model.Info.Path),
            Architecture = model.Info.Architecture,
            ParameterCount = model.Info.ParameterCount,
            Quantization = model.Info.Quantization,
            FileSizeBytes = model.Info.FileSizeBytes,
            Backend = model.LoadedBackend,
            Threads = model.Threads,
            FlashAttention = model.FlashAttention,
            PromptTokens = options.PromptTokens,
            GenerationTokens = options.GenerationTokens,
            BatchSequences = options.BatchSequences,
            Repeats = options.Repeats,
            PromptTokensPerSecond = Median(promptRates),
            GenerationTokensPerSecond = Median(singleRates),
            Batched8TokensPerSecond = Median(batchedRates),
            GrammarTokensPerSecond = byMode[Modes.First(m => m.Mode == new LocalGeneratorOptions().GrammarOptimization).Key],
            GrammarTokensPerSecondByMode = byMode,
        };
    }

    /// <summary>
    /// Tokens per second of the decode loop. The first token of each sequence comes from the prompt's logits, so only
    /// the tokens after it are counted (a step decodes one token per sequence): the same work llama-bench's tg counts.
    /// </summary>
    private static double GenerationRate(GenerationRun run, int sequences) =>
        (run.GeneratedTokens - sequences) / run.GenerationTime.TotalSeconds;

    private static GenerationRun Execute(LocalTextGenerator generator, GenerationRequest[] requests, CancellationToken ct) =>
        generator.RunAsync(requests, null, ct).GetAwaiter().GetResult();

    /// <summary>A prompt of exactly <paramref name="tokens"/> tokens (BOS included) of plain English.</summary>
    private static string PromptOf(LocalModel model, int tokens)
    {
        const string text = "The quarterly report lists every branch, its customers, their accounts and the notes the advisers wrote. ";
        var sb = new StringBuilder();
        while (model.Tokenize(sb.ToString()).Length < tokens + 1)
        {
            sb.Append(text);
        }

        // Trim word by word, then character by character, to the exact length.
        var prompt = sb.ToString();
        while (prompt.Length > 0 && model.Tokenize(prompt).Length > tokens)
        {
            prompt = prompt[..^1];
        }

        return prompt;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
