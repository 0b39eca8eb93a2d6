using System.Text.Json;
using SynthVault.Testing;

namespace SynthVault.Cli.Tests;

public sealed class CostCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string WriteBench(TempDirectory dir)
    {
        var path = dir.File("bench.json");
        File.WriteAllText(path, """
            { "model": "tiny.gguf", "backend": "cpu", "threads": 4, "promptTokensPerSecond": 120, "generationTokensPerSecond": 15,
              "batched8TokensPerSecond": 48, "grammarTokensPerSecond": 12 }
            """);
        return path;
    }

    private static void WriteRunStats(TempDirectory dir) =>
        File.WriteAllText(dir.File("run-stats.json"), """
            { "acceptanceRate": 0.35, "samplesPerCall": 3, "promptTokensPerCall": 550, "outputTokensPerSample": 110,
              "reviewSecondsPerItem": 20, "reviewFraction": 0.15, "rounds": 1 }
            """);

    [Fact]
    public void Cost_prints_both_costs_the_break_even_and_the_tornado()
    {
        var (code, output, error) = Run("cost", "--volume", "2000");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.Contains("Buy vs generate: 2,000 accepted samples", output, StringComparison.Ordinal);
        Assert.Contains("Generate", output, StringComparison.Ordinal);
        Assert.Contains("Break-even:", output, StringComparison.Ordinal);
        Assert.Contains("Time to deliver", output, StringComparison.Ordinal);
        Assert.Contains("Sensitivity", output, StringComparison.Ordinal);
        Assert.Contains("│", output, StringComparison.Ordinal);
        Assert.Contains("assumed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_mode_prints_only_json_with_measured_inputs_marked()
    {
        using var dir = new TempDirectory();
        var bench = WriteBench(dir);
        WriteRunStats(dir);

        var (code, output, error) = Run("cost", "--bench", bench, "--bench-speed", "batched8", "--from-run", dir.Path, "--preset", "prolific-writing-corporate", "--volume", "5000", "--json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(5000, root.GetProperty("plan").GetProperty("volume").GetInt32());
        var inputs = root.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("input").GetString()!);
        Assert.Equal("measured", inputs["acceptanceRate"].GetProperty("source").GetString());
        Assert.Equal(0.35, inputs["acceptanceRate"].GetProperty("value").GetDouble());
        Assert.Equal(48, inputs["generationTokensPerSecond"].GetProperty("value").GetDouble());
        Assert.Contains("batched8TokensPerSecond", inputs["generationTokensPerSecond"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("preset", inputs["vendorFeeFraction"].GetProperty("source").GetString());
        Assert.Equal("assumed", inputs["setupCostUsd"].GetProperty("source").GetString());
    }

    [Fact]
    public void A_volume_of_zero_is_a_one_line_user_error()
    {
        var (code, output, error) = Run("cost", "--volume", "0");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: --volume must be at least 1, got 0." + Environment.NewLine, error);
    }

    [Theory]
    [InlineData("--set", "acceptanceRate=0", "error: acceptanceRate must be more than 0")]
    [InlineData("--set", "apiPricePerMillionInputTokensUsd=-2", "error: apiPricePerMillionInputTokensUsd must be 0 or more")]
    [InlineData("--set", "acceptanceRate", "error: --set expects name=value")]
    [InlineData("--range", "acceptanceRate=0.2", "error: --range expects name=low:high")]
    [InlineData("--preset", "no-such-vendor", "error: unknown preset 'no-such-vendor'")]
    [InlineData("--bench", "/nonexistent/bench.json", "error: bench.json: the llm bench file not found")]
    [InlineData("--from-run", "/nonexistent/run", "error: run: the run stats not found")]
    [InlineData("--bench-speed", "turbo", "error: --bench-speed must be single, batched8 or grammar")]
    public void Bad_options_are_one_line_user_errors(string option, string value, string expected)
    {
        var (code, output, error) = Run("cost", option, value);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.TrimEnd());
    }

    [Fact]
    public void Malformed_run_stats_name_the_file_and_key()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("run-stats.json"), """{ "acceptanceRate": 0.4 }""");

        var (code, _, error) = Run("cost", "--from-run", dir.Path);

        Assert.Equal(1, code);
        Assert.StartsWith("error: run-stats.json: the run stats has no \"samplesPerCall\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_ranges_appear_in_the_tornado()
    {
        var (code, output, _) = Run("cost", "--range", "acceptanceRate=0.2:0.9", "--set", "engine=api", "--set", "apiPricePerMillionOutputTokensUsd=2", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var bar = json.RootElement.GetProperty("tornado").EnumerateArray().Single(b => b.GetProperty("input").GetString() == "acceptanceRate");
        Assert.Equal(0.2, bar.GetProperty("lowValue").GetDouble());
        Assert.Equal(0.9, bar.GetProperty("highValue").GetDouble());
        Assert.Contains(json.RootElement.GetProperty("inputs").EnumerateArray(), i => i.GetProperty("input").GetString() == "engine" && i.GetProperty("display").GetString() == "api" && i.GetProperty("source").GetString() == "user");
    }

    [Fact]
    public void Html_is_written_whole_and_no_temporary_file_is_left()
    {
        using var dir = new TempDirectory();
        var path = dir.File("plan.html");

        var (code, output, _) = Run("cost", "--preset", "h100-lambda", "--html", path);

        Assert.Equal(0, code);
        Assert.Contains("HTML report written", output, StringComparison.Ordinal);
        Assert.Equal(["plan.html"], dir.FileNames());
        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_into_a_missing_folder_is_a_user_error()
    {
        var (code, _, error) = Run("cost", "--html", "/nonexistent/folder/plan.html");

        Assert.Equal(1, code);
        Assert.Contains("the folder for the HTML report does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Presets_can_be_listed_with_their_sources()
    {
        var (code, output, _) = Run("cost", "--list-presets", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var mturk = json.RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "mturk-text-label");
        Assert.Equal("vendor", mturk.GetProperty("kind").GetString());
        Assert.Contains("mturk.com/pricing", mturk.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.False(mturk.GetProperty("estimate").GetBoolean());
    }

    [Fact]
    public void A_user_preset_file_overrides_the_built_in_price()
    {
        using var dir = new TempDirectory();
        var file = dir.File("presets.json");
        File.WriteAllText(file, """
            { "presets": [ { "id": "mturk-text-label", "kind": "vendor", "title": "negotiated", "pricePerLabelUsd": 0.9,
              "feeFraction": 0, "source": "our contract 2026-11", "asOf": "2026-11-01", "estimate": false } ] }
            """);

        var (code, output, _) = Run("cost", "--preset-file", file, "--preset", "mturk-text-label", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var price = json.RootElement.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("input").GetString() == "pricePerLabelUsd");
        Assert.Equal(0.9, price.GetProperty("value").GetDouble());
    }
}
