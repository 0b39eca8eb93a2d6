using System.Globalization;
using SynthVault.Planner;
using SynthVault.Planner.Presets;
using SynthVault.Testing;
using SynthVault.Tui.Screens;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Tests.Screens;

[Collection(TuiCollection.Name)]
public sealed class CostPlannerViewTests
{
    /// <summary>2026-01-15: the built-in presets are then less than a year old, so no staleness warning depends on the day the tests run.</summary>
    private static readonly FakeClock Clock = new(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Typing_a_new_throughput_shows_the_cost_per_1000_the_cost_model_gives_for_the_same_inputs()
    {
        using var view = new CostPlannerView(Clock, PresetCatalog.BuiltIn);
        using var tui = new TuiHarness(view);
        var before = view.LastPlan!.GenerateCostPer1000;

        Replace(tui, view.FieldFor("generationTokensPerSecond"), "30");

        var expected = CostModel.Compute(CostInputs.Default with { GenerationTokensPerSecond = 30 }, 1000);
        Assert.Equal(expected.GenerateCostPer1000, view.LastPlan!.GenerateCostPer1000, 12);
        Assert.NotEqual(before, expected.GenerateCostPer1000, 6);
        var shown = expected.GenerateCostPer1000.ToString("N2", CultureInfo.InvariantCulture);
        Assert.Contains(shown, view.CostText, StringComparison.Ordinal);
        Assert.Contains(shown, tui.Screen(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, view.Message);
    }

    [Fact]
    public void An_invalid_value_names_the_field_and_keeps_the_last_valid_result()
    {
        using var view = new CostPlannerView(Clock, PresetCatalog.BuiltIn);
        using var tui = new TuiHarness(view);
        var valid = view.LastPlan;

        Replace(tui, view.FieldFor("acceptanceRate"), "0");

        Assert.StartsWith("Acceptance rate: acceptanceRate must be more than 0 and at most 1, got 0.", view.Message, StringComparison.Ordinal);
        Assert.Same(valid, view.LastPlan);
        Assert.Contains("Acceptance rate: acceptanceRate must be", tui.Screen(), StringComparison.Ordinal);

        Replace(tui, view.FieldFor("volume"), "lots");
        Assert.StartsWith("Accepted wanted must be a whole number", view.Message, StringComparison.Ordinal);

        Replace(tui, view.FieldFor("volume"), "5000");
        Replace(tui, view.FieldFor("acceptanceRate"), "0.5");
        Assert.Equal(string.Empty, view.Message);
        Assert.Equal(CostModel.Compute(CostInputs.Default with { AcceptanceRate = 0.5 }, 5000).BuyCostPer1000, view.LastPlan!.BuyCostPer1000, 12);
    }

    [Fact]
    public void The_buy_price_is_entered_per_1000_items_and_an_empty_field_prices_by_writing_time()
    {
        using var view = new CostPlannerView(Clock, PresetCatalog.BuiltIn);
        using var tui = new TuiHarness(view);

        Replace(tui, view.FieldFor("pricePerLabelUsd"), "250");
        Assert.Equal(0.25, view.LastInputs!.PricePerLabelUsd!.Value, 12);
        Assert.Equal(CostModel.Compute(CostInputs.Default with { PricePerLabelUsd = 0.25 }, 1000).BuyCostPer1000, view.LastPlan!.BuyCostPer1000, 12);

        Replace(tui, view.FieldFor("pricePerLabelUsd"), "-1");
        Assert.StartsWith("Buy USD/1,000 must be a price of 0 or more", view.Message, StringComparison.Ordinal);

        Replace(tui, view.FieldFor("pricePerLabelUsd"), string.Empty);
        Assert.Null(view.LastInputs!.PricePerLabelUsd);
    }

    [Fact]
    public void Results_show_the_verdict_break_even_and_the_three_largest_sensitivity_drivers()
    {
        using var view = new CostPlannerView(Clock, PresetCatalog.BuiltIn);
        using var tui = new TuiHarness(view);
        var plan = CostModel.Compute(CostInputs.Default, 1000);
        var bars = Sensitivity.Tornado(CostInputs.Default, 1000);

        var screen = tui.Screen();

        Assert.Contains(CostPlanHtml.Verdict(plan)[..30], screen, StringComparison.Ordinal);
        Assert.Contains("Break-even:", screen, StringComparison.Ordinal);
        Assert.Equal(bars.Take(3).Select(b => b.Input), view.LastTornado.Take(3).Select(b => b.Input));
        foreach (var bar in bars.Take(3))
        {
            Assert.Contains(bar.Input, screen, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(bars[3].Input + " ", screen, StringComparison.Ordinal);
        Assert.Equal(24, screen.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void Enter_in_the_presets_field_fills_the_inputs_from_the_presets_and_unknown_ids_are_named()
    {
        using var view = new CostPlannerView(Clock, PresetCatalog.BuiltIn);
        using var tui = new TuiHarness(view);

        Replace(tui, view.FieldFor("presets"), "h100-lambda, nosuch");
        tui.Press(Key.Enter);
        Assert.StartsWith("Presets: unknown preset 'nosuch'.", view.Message, StringComparison.Ordinal);

        Replace(tui, view.FieldFor("presets"), "h100-lambda");
        tui.Press(Key.Enter);

        var expected = PresetCatalog.BuiltIn.Find("h100-lambda").ApplyTo(CostInputs.Default).Inputs;
        Assert.Equal(expected.MachineCostPerHourUsd, view.LastInputs!.MachineCostPerHourUsd, 12);
        Assert.Equal(expected.MachineCostPerHourUsd.ToString("G6", CultureInfo.InvariantCulture), view.FieldFor("machineCostPerHourUsd").Text);
        Assert.StartsWith("Applied 1 preset(s): h100-lambda.", view.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_and_run_stats_files_fill_the_measured_inputs_and_a_missing_file_is_a_message()
    {
        using var dir = new TempDirectory();
        var benchFile = dir.File("bench.json");
        File.WriteAllText(benchFile, """{ "model": "tiny.gguf", "backend": "cpu", "threads": 4, "promptTokensPerSecond": 90, "generationTokensPerSecond": 15, "batched8TokensPerSecond": 40, "grammarTokensPerSecond": 12 }""");
        var statsFile = dir.File(MeasuredRunStats.FileName);
        File.WriteAllText(statsFile, """{ "schemaVersion": 1, "acceptanceRate": 0.42, "samplesPerCall": 4, "promptTokensPerCall": 800, "outputTokensPerSample": 96, "reviewSecondsPerItem": 21.5, "reviewFraction": 0.1, "rounds": 1 }""");
        using var view = new CostPlannerView(Clock, PresetCatalog.BuiltIn);
        using var tui = new TuiHarness(view);

        Replace(tui, view.FieldFor("bench"), dir.File("absent.json"));
        tui.Press(Key.Enter);
        Assert.Contains("absent.json", view.Message, StringComparison.Ordinal);

        Replace(tui, view.FieldFor("bench"), benchFile);
        tui.Press(Key.Enter);
        Replace(tui, view.FieldFor("runStats"), dir.Path);
        tui.Press(Key.Enter);

        var expected = new CostScenarioBuilder(Clock)
            .ApplyBench(LlmBenchResult.Read(benchFile), benchFile)
            .ApplyRunStats(MeasuredRunStats.Read(dir.Path), statsFile)
            .Build();
        Assert.Equal(expected.Inputs, view.LastInputs);
        Assert.Equal("15", view.FieldFor("generationTokensPerSecond").Text);
        Assert.Equal("0.42", view.FieldFor("acceptanceRate").Text);
        Assert.Equal(CostReport.Create(expected, 1000).Tornado.Select(b => (b.Input, b.LowValue, b.HighValue)), view.LastTornado.Select(b => (b.Input, b.LowValue, b.HighValue)));
    }

    /// <summary>Focuses a field, clears it with the keyboard and types the new text.</summary>
    private static void Replace(TuiHarness tui, TextField field, string text)
    {
        field.SetFocus();
        tui.Press(Key.End);
        for (var i = field.Text.Length; i > 0; i--)
        {
            tui.Press(Key.Backspace);
        }

        Assert.Equal(string.Empty, field.Text);
        tui.Type(text);
    }

    private sealed class FakeClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
