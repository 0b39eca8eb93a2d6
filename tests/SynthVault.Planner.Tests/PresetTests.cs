using SynthVault.Core.Errors;
using SynthVault.Planner.Presets;
using SynthVault.Testing;

namespace SynthVault.Planner.Tests;

public sealed class PresetTests
{
    [Fact]
    public void Built_in_presets_load_and_each_names_its_source_and_date()
    {
        var presets = PresetCatalog.BuiltIn.Presets;

        Assert.True(presets.Count >= 10);
        Assert.All(presets, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Source));
            Assert.True(p.AsOf.Year >= 2024);
            if (p.Estimate)
            {
                Assert.Contains("estimate", p.Source, StringComparison.OrdinalIgnoreCase);
            }
        });
        Assert.Contains(presets, p => p.Kind == PresetKind.Vendor);
        Assert.Contains(presets, p => p.Kind == PresetKind.Platform);
        Assert.Contains(presets, p => p.Kind == PresetKind.Api);
        Assert.Contains(presets, p => p.Kind == PresetKind.Hardware);
        Assert.Contains(presets, p => p.Kind == PresetKind.Electricity);
        Assert.Contains(presets, p => p.Kind == PresetKind.Reviewer);
    }

    [Fact]
    public void The_mturk_preset_carries_the_published_fee()
    {
        var mturk = PresetCatalog.BuiltIn.Find("mturk-text-label");

        Assert.Equal(0.20, mturk.FeeFraction);
        Assert.Equal(0.012, mturk.PricePerLabelUsd);
        Assert.False(mturk.Estimate);
    }

    [Fact]
    public void A_price_older_than_a_year_is_stale_against_the_injected_clock()
    {
        var preset = PresetCatalog.BuiltIn.Find("openai-gpt-4o-mini"); // as of 2024-07-18

        Assert.False(preset.IsStale(PresetCatalog.Today(FixedClock.On(2025, 7, 18)))); // 365 days: not yet
        Assert.True(preset.IsStale(PresetCatalog.Today(FixedClock.On(2025, 7, 19)))); // 366 days
        Assert.Null(preset.StalenessWarning(new DateOnly(2024, 8, 1)));
        var warning = preset.StalenessWarning(new DateOnly(2026, 11, 27));
        Assert.NotNull(warning);
        Assert.Contains("preset 'openai-gpt-4o-mini' is 862 days old", warning, StringComparison.Ordinal);
        Assert.Contains("openrouter.ai", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Applying_a_stale_preset_adds_a_warning_to_the_scenario()
    {
        var stale = new CostScenarioBuilder(FixedClock.On(2026, 11, 27)).ApplyPreset(PresetCatalog.BuiltIn.Find("openai-gpt-4o-mini")).Build();
        var fresh = new CostScenarioBuilder(FixedClock.On(2024, 9, 1)).ApplyPreset(PresetCatalog.BuiltIn.Find("openai-gpt-4o-mini")).Build();

        Assert.Contains(stale.Warnings, w => w.Contains("days old", StringComparison.Ordinal));
        Assert.DoesNotContain(fresh.Warnings, w => w.Contains("days old", StringComparison.Ordinal));
    }

    [Fact]
    public void Presets_set_their_inputs()
    {
        var inputs = CostInputs.Default;
        (inputs, _) = PresetCatalog.BuiltIn.Find("anthropic-claude-haiku-4-5").ApplyTo(inputs);
        (inputs, _) = PresetCatalog.BuiltIn.Find("openai-gpt-5-mini").ApplyTo(inputs, PresetRole.Judge);
        (inputs, _) = PresetCatalog.BuiltIn.Find("prolific-writing-corporate").ApplyTo(inputs with { PricePerLabelUsd = 1 });
        (inputs, var set) = PresetCatalog.BuiltIn.Find("in-house-reviewer").ApplyTo(inputs);

        Assert.Equal(GenerationEngine.Api, inputs.Engine);
        Assert.Equal((1.0, 5.0), (inputs.ApiPricePerMillionInputTokensUsd, inputs.ApiPricePerMillionOutputTokensUsd));
        Assert.Equal(JudgeEngine.Api, inputs.Judge);
        Assert.Equal((0.25, 2.0), (inputs.JudgeApiPricePerMillionInputTokensUsd, inputs.JudgeApiPricePerMillionOutputTokensUsd));
        Assert.Null(inputs.PricePerLabelUsd);
        Assert.Equal((12.0, 8.0, 0.428), (inputs.HourlyRateUsd, inputs.PlatformMinimumHourlyUsd, inputs.VendorFeeFraction));
        Assert.Equal(["reviewerHourlyRateUsd", "reviewPlatformFeeFraction"], set);
    }

    [Fact]
    public void Only_api_presets_can_price_the_judge()
    {
        var ex = Assert.Throws<SynthVaultException>(() => PresetCatalog.BuiltIn.Find("h100-lambda").ApplyTo(CostInputs.Default, PresetRole.Judge));

        Assert.Contains("only api presets can price the judge", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_preset_lists_the_known_ids()
    {
        var ex = Assert.Throws<SynthVaultException>(() => PresetCatalog.BuiltIn.Find("cheap-gpu"));

        Assert.Contains("unknown preset 'cheap-gpu'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mturk-text-label", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_file_overrides_built_in_entries_and_adds_new_ones()
    {
        using var dir = new TempDirectory();
        var path = dir.File("my-presets.json");
        File.WriteAllText(path, """
            { "schemaVersion": 1, "presets": [
              { "id": "mturk-text-label", "kind": "vendor", "title": "negotiated", "pricePerLabelUsd": 0.05, "feeFraction": 0,
                "source": "our contract", "asOf": "2026-10-01", "estimate": false },
              { "id": "our-vendor", "kind": "vendor", "title": "Acme labels", "pricePerLabelUsd": 0.30, "feeFraction": 0, "minimumOrderUsd": 2500,
                "source": "quote", "asOf": "2026-11-01", "estimate": false }
            ] }
            """);

        var merged = PresetCatalog.BuiltIn.MergedWith(PresetCatalog.LoadFile(path));

        Assert.Equal(PresetCatalog.BuiltIn.Presets.Count + 1, merged.Presets.Count);
        Assert.Equal(0.05, merged.Find("mturk-text-label").PricePerLabelUsd);
        var (inputs, set) = merged.Find("our-vendor").ApplyTo(CostInputs.Default);
        Assert.Equal(2500, inputs.MinimumOrderUsd);
        Assert.Contains("minimumOrderUsd", set);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "{ \"presets\": [ { \"id\": \"x\", \"kind\": \"vendor\", \"title\": \"t\", \"source\": \"s\", \"asOf\": \"2026-01-01\", \"estimate\": false, \"feeFraction\": 0 } ] }", "preset 'x': \"pricePerLabelUsd\" is required" },
        { "{ \"presets\": [ { \"id\": \"x\", \"kind\": \"vendor\", \"title\": \"t\", \"source\": \"s\", \"asOf\": \"2026-01-01\", \"estimate\": false, \"pricePerLabelUsd\": -1, \"feeFraction\": 0 } ] }", "\"pricePerLabelUsd\" must be 0 or more" },
        { "{ \"presets\": [ { \"id\": \"x\", \"kind\": \"vendor\", \"title\": \"t\", \"source\": \"s\", \"asOf\": \"01/02/2026\", \"estimate\": false, \"pricePerLabelUsd\": 1, \"feeFraction\": 0 } ] }", "asOf '01/02/2026' is not a date" },
        { "{ \"presets\": [ { \"id\": \"x\", \"kind\": \"gpu\", \"title\": \"t\", \"source\": \"s\", \"asOf\": \"2026-01-01\", \"estimate\": false } ] }", "kind 'gpu' is not one of" },
        { "{ \"presets\": [ { \"id\": \"x\", \"kind\": \"electricity\", \"title\": \"t\", \"source\": \"s\", \"asOf\": \"2026-01-01\", \"pricePerKwhUsd\": 0.2 } ] }", "\"estimate\" must be true or false" },
        { "{ \"presets\": [ { \"id\": \"x\", \"kind\": \"electricity\", \"title\": \"t\", \"source\": \"s\", \"asOf\": \"2026-01-01\", \"estimate\": true, \"pricePerKWhUsd\": 0.2 } ] }", "unknown field \"pricePerKWhUsd\"" },
        { "{ \"presets\": [ { \"id\": \"x\", \"kind\": \"electricity\", \"title\": \"t\", \"asOf\": \"2026-01-01\", \"estimate\": true, \"pricePerKwhUsd\": 0.2 } ] }", "\"source\" is missing" },
        { "{ \"presets\": [ { \"id\": \"a\", \"kind\": \"electricity\", \"title\": \"t\", \"source\": \"s\", \"asOf\": \"2026-01-01\", \"estimate\": true, \"pricePerKwhUsd\": 0.2 }, { \"id\": \"A\", \"kind\": \"electricity\", \"title\": \"t\", \"source\": \"s\", \"asOf\": \"2026-01-01\", \"estimate\": true, \"pricePerKwhUsd\": 0.2 } ] }", "appears twice" },
        { "{ \"presets\": { } }", "expected an object with a \"presets\" array" },
        { "{ \"schemaVersion\": 2, \"presets\": [] }", "schemaVersion 2 is not supported" },
        { "{ \"presets\": [ ", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_preset_file_gives_an_error_naming_the_file_and_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<SynthVaultException>(() => PresetCatalog.Parse(json, "/tmp/my-presets.json"));

        Assert.StartsWith("my-presets.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_preset_file_is_a_clear_error()
    {
        var ex = Assert.Throws<SynthVaultException>(() => PresetCatalog.LoadFile("/nonexistent/presets.json"));

        Assert.Contains("preset file not found", ex.Message, StringComparison.Ordinal);
    }
}
