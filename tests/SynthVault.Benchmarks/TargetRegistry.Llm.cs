using System.Globalization;
using SynthVault.Llm;
using SynthVault.Llm.Benchmarking;
using SynthVault.Testing;
using SynthVault.Testing.Gguf;

namespace SynthVault.Benchmarks;

/// <summary>
/// Issue #11's speed targets on a ~135 M-parameter random-weight llama (SmolLM-135M's shape, Q8_0) written to the
/// git-ignored models/bench/ folder, so tokens/s measure matrix work rather than overhead:
/// 8 batched sequences ≥ 3× one sequence, and grammar-constrained ≥ 0.5× unconstrained. The comparison with
/// llama.cpp's own llama-bench (≥ 0.97×) needs a llama.cpp build and is run by hand (models/README.md).
/// </summary>
internal static partial class TargetRegistry
{
    private static void RegisterLlm()
    {
        Add("llm-bench-135m-q8", TinyLlamaSpec.Benchmark);
        Add("llm-bench-135m-f16", TinyLlamaSpec.Benchmark with { Name = TinyLlamaSpec.Benchmark.Name + "-f16", MatrixType = GgmlTensorType.F16 });
    }

    private static void Add(string name, TinyLlamaSpec spec)
    {
        TargetHarness.Targets.Add(new(name, 900, () =>
        {
            var path = BenchmarkModelPath(spec);
            using var model = LocalModel.Load(path);
            var result = LlmBenchmark.Run(model, new BenchOptions { Repeats = 3 });
            Console.WriteLine(result.ToJson());
            var ok = result.BatchedSpeedup >= 3.0 && result.GrammarRatio >= 0.5;
            return string.Create(CultureInfo.InvariantCulture,
                $"{(ok ? "targets met" : "TARGET MISSED")}: backend {result.Backend}, {result.Threads} threads; prompt {result.PromptTokensPerSecond:F1} tok/s, generation {result.GenerationTokensPerSecond:F2} tok/s, batched x{result.BatchSequences} {result.Batched8TokensPerSecond:F2} tok/s ({result.BatchedSpeedup:F2}x, target >= 3), grammar {result.GrammarTokensPerSecond:F2} tok/s ({result.GrammarRatio:F2}x, target >= 0.5)");
        }));
    }

    /// <summary>Writes the benchmark model once (about 145 MB, a few seconds) and reuses it.</summary>
    internal static string BenchmarkModelPath(TinyLlamaSpec spec)
    {
        var folder = Path.Combine(RepoPaths.Root, "models", "bench");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, spec.Name + ".gguf");
        if (!File.Exists(path))
        {
            TinyLlamaGguf.Write(path, spec);
        }

        return path;
    }
}
