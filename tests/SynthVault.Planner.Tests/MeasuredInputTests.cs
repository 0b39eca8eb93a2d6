using SynthVault.Core.Errors;
using SynthVault.Testing;

namespace SynthVault.Planner.Tests;

public sealed class MeasuredInputTests
{
    private const string Bench = """
        { "model": "qwen2.5-1.5b-instruct-q4_k_m.gguf", "backend": "cpu", "threads": 8,
          "promptTokensPerSecond": 85.5, "generationTokensPerSecond": 11.25, "batched8TokensPerSecond": 40.0,
          "grammarTokensPerSecond": 9.5, "contextSize": 4096, "notes": "extra keys are fine" }
        """;

    private const string RunStats = """
        { "schemaVersion": 1, "acceptanceRate": 0.42, "samplesPerCall": 4, "promptTokensPerCall": 812.5,
          "outputTokensPerSample": 96.2, "reviewSecondsPerItem": 21.4, "reviewFraction": 0.1, "rounds": 1.5,
          "candidates": 1200 }
        """;

    [Fact]
    public void A_bench_file_gives_the_speeds_and_tolerates_extra_keys()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bench.json");
        File.WriteAllText(path, Bench);

        var bench = LlmBenchResult.Read(path);

        Assert.Equal(new LlmBenchResult("qwen2.5-1.5b-instruct-q4_k_m.gguf", "cpu", 8, 85.5, 11.25, 40.0, 9.5), bench);
        Assert.Equal(40.0, bench.TokensPerSecond(BenchThroughput.Batched8));
        Assert.Equal(9.5, bench.TokensPerSecond(BenchThroughput.Grammar));
    }

    [Theory]
    [InlineData("generationTokensPerSecond")]
    [InlineData("grammarTokensPerSecond")]
    [InlineData("model")]
    [InlineData("threads")]
    public void A_bench_file_missing_a_key_names_the_key_and_the_file(string key)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bench.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(Bench)!.AsObject();
        json.Remove(key);
        File.WriteAllText(path, json.ToJsonString());

        var ex = Assert.Throws<SynthVaultException>(() => LlmBenchResult.Read(path));

        Assert.StartsWith("bench.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"has no \"{key}\"", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"model\": \"m\", ", "not valid JSON")]
    [InlineData("[1, 2]", "must hold a JSON object")]
    [InlineData("{ \"model\": \"m\", \"backend\": \"cpu\", \"threads\": 8, \"promptTokensPerSecond\": \"fast\", \"generationTokensPerSecond\": 1, \"batched8TokensPerSecond\": 1, \"grammarTokensPerSecond\": 1 }", "\"promptTokensPerSecond\" must be a number")]
    [InlineData("{ \"model\": \"m\", \"backend\": \"cpu\", \"threads\": 8, \"promptTokensPerSecond\": 5, \"generationTokensPerSecond\": 0, \"batched8TokensPerSecond\": 1, \"grammarTokensPerSecond\": 1 }", "\"generationTokensPerSecond\" must be more than 0")]
    [InlineData("{ \"model\": \"m\", \"backend\": \"cpu\", \"threads\": 2.5, \"promptTokensPerSecond\": 5, \"generationTokensPerSecond\": 1, \"batched8TokensPerSecond\": 1, \"grammarTokensPerSecond\": 1 }", "\"threads\" must be a whole number")]
    public void A_malformed_bench_file_is_a_clear_error(string json, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bench.json");
        File.WriteAllText(path, json);

        var ex = Assert.Throws<SynthVaultException>(() => LlmBenchResult.Read(path));

        Assert.StartsWith("bench.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_bench_file_says_how_to_make_one()
    {
        var ex = Assert.Throws<SynthVaultException>(() => LlmBenchResult.Read("/nonexistent/bench.json"));

        Assert.Contains("synthvault llm bench --json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_stats_are_read_from_a_run_folder()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(MeasuredRunStats.FileName), RunStats);

        var stats = MeasuredRunStats.Read(dir.Path);

        Assert.Equal(new MeasuredRunStats(0.42, 4, 812.5, 96.2, 21.4, 0.1, 1.5), stats);
    }

    [Fact]
    public void Run_stats_round_trip_through_the_documented_json()
    {
        using var dir = new TempDirectory();
        var stats = new MeasuredRunStats(0.37, 3, 640.25, 88.125, null, 0, 1);
        var path = dir.File("run-stats.json");
        File.WriteAllText(path, stats.ToJson());

        Assert.Equal(stats, MeasuredRunStats.Read(path));
    }

    [Theory]
    [InlineData("acceptanceRate", "0", "acceptanceRate must be more than 0")]
    [InlineData("samplesPerCall", "0.5", "samplesPerCall must be at least 1")]
    [InlineData("reviewFraction", "2", "reviewFraction must be between 0 and 1")]
    [InlineData("rounds", "\"two\"", "\"rounds\" must be a number")]
    [InlineData("acceptanceRate", null, "has no \"acceptanceRate\"")]
    [InlineData("reviewSecondsPerItem", "null", "\"reviewSecondsPerItem\" is missing")]
    [InlineData("schemaVersion", "3", "schemaVersion 3 is not supported")]
    public void Bad_run_stats_name_the_key_and_the_file(string key, string? value, string expected)
    {
        using var dir = new TempDirectory();
        var json = System.Text.Json.Nodes.JsonNode.Parse(RunStats)!.AsObject();
        json.Remove(key);
        if (value is not null)
        {
            json[key] = System.Text.Json.Nodes.JsonNode.Parse(value);
        }

        File.WriteAllText(dir.File(MeasuredRunStats.FileName), json.ToJsonString());

        var ex = Assert.Throws<SynthVaultException>(() => MeasuredRunStats.Read(dir.Path));

        Assert.StartsWith("run-stats.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_folder_without_stats_is_a_clear_error()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<SynthVaultException>(() => MeasuredRunStats.Read(dir.Path));

        Assert.Contains("run stats not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--from-run", ex.Message, StringComparison.Ordinal);
    }
}
