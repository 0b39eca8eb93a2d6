using System.Globalization;
using SynthVault.Core.Errors;

namespace SynthVault.Planner;

/// <summary>Which of the bench's generation speeds the plan should use.</summary>
public enum BenchThroughput
{
    /// <summary>One sequence at a time (<c>generationTokensPerSecond</c>).</summary>
    Single,

    /// <summary>Eight sequences in one batch, aggregate (<c>batched8TokensPerSecond</c>): parallel generation.</summary>
    Batched8,

    /// <summary>Grammar-constrained output (<c>grammarTokensPerSecond</c>): JSON or schema-shaped samples.</summary>
    Grammar,
}

/// <summary>
/// The output of <c>synthvault llm bench --json</c>, as far as the planner needs it:
/// <code>
/// { "model": "…gguf", "backend": "cpu", "threads": 8, "promptTokensPerSecond": 85.2, "generationTokensPerSecond": 11.4,
///   "batched8TokensPerSecond": 38.0, "grammarTokensPerSecond": 9.1 }
/// </code>
/// Unknown extra keys are ignored; a missing required key is an error naming the key and the file.
/// </summary>
public sealed record LlmBenchResult(
    string Model,
    string Backend,
    int Threads,
    double PromptTokensPerSecond,
    double GenerationTokensPerSecond,
    double Batched8TokensPerSecond,
    double GrammarTokensPerSecond)
{
    /// <summary>The generation speed for <paramref name="throughput"/>.</summary>
    public double TokensPerSecond(BenchThroughput throughput) => throughput switch
    {
        BenchThroughput.Batched8 => Batched8TokensPerSecond,
        BenchThroughput.Grammar => GrammarTokensPerSecond,
        _ => GenerationTokensPerSecond,
    };

    /// <summary>The JSON key the value for <paramref name="throughput"/> comes from.</summary>
    public static string KeyFor(BenchThroughput throughput) => throughput switch
    {
        BenchThroughput.Batched8 => "batched8TokensPerSecond",
        BenchThroughput.Grammar => "grammarTokensPerSecond",
        _ => "generationTokensPerSecond",
    };

    /// <summary>Reads a bench JSON file.</summary>
    /// <exception cref="SynthVaultException">Missing file, bad JSON, a missing or non-positive speed (names the key and file).</exception>
    public static LlmBenchResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string what = "the llm bench file";
        using var document = MeasuredJson.Load(path, what, "Write it with: synthvault llm bench --json > bench.json");
        var root = document.RootElement;
        var threads = MeasuredJson.RequiredNumber(root, "threads", path, what);
        if (threads < 1 || threads != Math.Floor(threads) || threads > int.MaxValue)
        {
            throw new SynthVaultException($"\"threads\" must be a whole number, at least 1, got {threads.ToString(CultureInfo.InvariantCulture)}.", file: path);
        }

        return new LlmBenchResult(
            MeasuredJson.RequiredString(root, "model", path, what),
            MeasuredJson.RequiredString(root, "backend", path, what),
            (int)threads,
            Speed(root, "promptTokensPerSecond", path),
            Speed(root, "generationTokensPerSecond", path),
            Speed(root, "batched8TokensPerSecond", path),
            Speed(root, "grammarTokensPerSecond", path));
    }

    private static double Speed(System.Text.Json.JsonElement root, string key, string path)
    {
        var value = MeasuredJson.RequiredNumber(root, key, path, "the llm bench file");
        return value > 0
            ? value
            : throw new SynthVaultException($"\"{key}\" must be more than 0 tokens per second, got {value.ToString(CultureInfo.InvariantCulture)}.", file: path, hint: "Run the bench again; a zero speed means it did not finish.");
    }
}
