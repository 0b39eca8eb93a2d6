using System.Text.Json;
using SynthVault.Core.Errors;
using SynthVault.Planner.Presets;

namespace SynthVault.Planner.Tests;

public sealed class ScenarioAndReportTests
{
    private static readonly FixedClock Clock = FixedClock.On(2026, 11, 27);

    private static CostScenario MeasuredScenario() =>
        new CostScenarioBuilder(Clock)
            .ApplyPreset(PresetCatalog.BuiltIn.Find("h100-runpod-community"))
            .ApplyPreset(PresetCatalog.BuiltIn.Find("prolific-writing-corporate"))
            .ApplyBench(new LlmBenchResult("m.gguf", "cuda", 8, 2000, 60, 300, 50), "/runs/bench.json", BenchThroughput.Batched8)
            .ApplyRunStats(new MeasuredRunStats(0.4, 4, 700, 90, 25, 0.2, 1), "/runs/r1/run-stats.json")
            .Set("setupCostUsd", "1500")
            .Build();

    [Fact]
    public void Each_input_says_whether_it_was_measured_preset_set_or_assumed()
    {
        var scenario = MeasuredScenario();
        InputProvenance Of(string name) => scenario.Provenance.Single(p => p.Input == name);

        Assert.Equal(InputSource.Measured, Of("acceptanceRate").Source);
        Assert.Equal("/runs/r1/run-stats.json", Of("acceptanceRate").Detail);
        Assert.Equal(InputSource.Measured, Of("generationTokensPerSecond").Source);
        Assert.Contains("bench.json: batched8TokensPerSecond", Of("generationTokensPerSecond").Detail, StringComparison.Ordinal);
        Assert.Equal(300, scenario.Inputs.GenerationTokensPerSecond);
        Assert.Equal(InputSource.Preset, Of("machineCostPerHourUsd").Source);
        Assert.Contains("h100-runpod-community, as of 2026-11-09", Of("machineCostPerHourUsd").Detail, StringComparison.Ordinal);
        Assert.Equal(InputSource.User, Of("setupCostUsd").Source);
        Assert.Equal(InputSource.Assumed, Of("reviewerHourlyRateUsd").Source);
        Assert.True(Of("reviewerHourlyRateUsd").Estimate);
        Assert.Equal("local", Of("engine").Display);
        Assert.Equal(
            ["acceptanceRate", "generationTokensPerSecond", "outputTokensPerSample", "promptTokensPerCall", "promptTokensPerSecond", "reviewFraction", "reviewSecondsPerItem", "rounds", "samplesPerCall"],
            scenario.MeasuredInputs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Run_stats_without_review_time_leave_review_time_assumed()
    {
        var scenario = new CostScenarioBuilder(Clock).ApplyRunStats(new MeasuredRunStats(0.5, 2, 300, 80, null, 0, 1), "run-stats.json").Build();

        Assert.Equal(InputSource.Assumed, scenario.Provenance.Single(p => p.Input == "reviewSecondsPerItem").Source);
        Assert.Equal(CostInputs.Default.ReviewSecondsPerItem, scenario.Inputs.ReviewSecondsPerItem);
    }

    [Fact]
    public void A_second_preset_for_the_same_inputs_is_reported()
    {
        var scenario = new CostScenarioBuilder(Clock)
            .ApplyPreset(PresetCatalog.BuiltIn.Find("openai-gpt-5-mini"))
            .ApplyPreset(PresetCatalog.BuiltIn.Find("anthropic-claude-haiku-4-5"))
            .Build();

        Assert.Contains(scenario.Warnings, w => w.Contains("replaces values set by preset openai-gpt-5-mini", StringComparison.Ordinal));
        Assert.Equal(1.0, scenario.Inputs.ApiPricePerMillionInputTokensUsd);
    }

    [Fact]
    public void An_invalid_user_value_names_the_input()
    {
        var builder = new CostScenarioBuilder(Clock);

        Assert.Contains("acceptanceRate must be more than 0", Assert.Throws<SynthVaultException>(() => builder.Set("acceptanceRate", "0")).Message, StringComparison.Ordinal);
        Assert.Contains("rejectionRate must be a number", Assert.Throws<SynthVaultException>(() => builder.Set("rejectionRate", "ten percent")).Message, StringComparison.Ordinal);
        Assert.Contains("engine must be one of local, api", Assert.Throws<SynthVaultException>(() => builder.Set("engine", "gpu")).Message, StringComparison.Ordinal);
        Assert.Contains("unknown cost input 'speed'", Assert.Throws<SynthVaultException>(() => builder.Set("speed", "1")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_report_has_stable_camel_case_keys()
    {
        var report = CostReport.Create(MeasuredScenario(), 2000);

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        var plan = root.GetProperty("plan");
        Assert.Equal(2000, plan.GetProperty("volume").GetInt32());
        Assert.True(plan.GetProperty("generate").GetProperty("costPer1000Usd").GetDouble() > 0);
        Assert.Equal("generation", plan.GetProperty("generate").GetProperty("breakdown")[0].GetProperty("component").GetString());
        Assert.True(plan.GetProperty("buy").GetProperty("totalUsd").GetDouble() > 0);
        Assert.StartsWith("generate", plan.GetProperty("breakEven").GetProperty("kind").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, plan.GetProperty("breakEven").GetProperty("generateCheaperRanges").ValueKind);
        Assert.True(plan.GetProperty("time").GetProperty("generationHours").GetDouble() > 0);
        Assert.Contains(plan.GetProperty("cheaperOption").GetString(), new[] { "generate", "buy", "tie" });
        Assert.False(plan.TryGetProperty("inputs", out _));
        Assert.True(root.GetProperty("tornado").GetArrayLength() > 0);
        Assert.True(root.GetProperty("tornado")[0].TryGetProperty("swing", out _));
        var input = root.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("input").GetString() == "acceptanceRate");
        Assert.Equal("measured", input.GetProperty("source").GetString());
        Assert.Equal(0.4, input.GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Explicit_ranges_replace_the_defaults_only_for_their_inputs()
    {
        var scenario = MeasuredScenario();
        var report = CostReport.Create(scenario, 2000, [new InputRange("acceptanceRate", 0.1, 0.9)]);

        var acceptance = report.Tornado.Single(b => b.Input == "acceptanceRate");
        Assert.Equal((0.1, 0.9), (acceptance.LowValue, acceptance.HighValue));
        Assert.Contains(report.Tornado, b => b.Input == "setupCostUsd");
        var rounds = report.Tornado.Single(b => b.Input == "promptTokensPerCall");
        Assert.Equal(700 * 0.8, rounds.LowValue, 1e-9); // measured: ±20 %
    }

    [Fact]
    public void The_html_page_is_self_contained()
    {
        var report = CostReport.Create(MeasuredScenario(), 2000);

        var html = CostPlanHtml.Render(report);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("measured", html, StringComparison.Ordinal);
        Assert.Contains(report.Plan.BreakEven.Summary, html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tornado_png_is_a_png_of_the_requested_size()
    {
        var bars = Sensitivity.Tornado(Scenarios.LocalVersusVendor, 2000);

        var png = TornadoChart.RenderPng(bars, width: 640, height: 400);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(640, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 2000);
    }

    [Fact]
    public void An_empty_tornado_still_renders()
    {
        var png = TornadoChart.RenderPng([], width: 300);

        Assert.Equal(0x89, png[0]);
    }
}
