using System.Globalization;

namespace SynthVault.Planner.Presets;

/// <summary>What a preset prices, and so which inputs it sets.</summary>
public enum PresetKind
{
    /// <summary>A vendor's price per delivered label or item (buy side): pricePerLabelUsd, feeFraction, optional minimumOrderUsd.</summary>
    Vendor,

    /// <summary>A crowd platform paid by the hour (buy side, writing time): hourlyRateUsd, platformMinimumHourlyUsd, feeFraction.</summary>
    Platform,

    /// <summary>A hosted model's token prices: inputPerMillionTokensUsd, outputPerMillionTokensUsd.</summary>
    Api,

    /// <summary>A machine to generate on: costPerHourUsd (rent) and powerWatts (draw of an owned machine).</summary>
    Hardware,

    /// <summary>An electricity tariff: pricePerKwhUsd.</summary>
    Electricity,

    /// <summary>Who reviews generated samples: hourlyRateUsd, feeFraction.</summary>
    Reviewer,
}

/// <summary>Which part of the generate pipeline an API preset prices.</summary>
public enum PresetRole
{
    /// <summary>The generator (the default for every kind).</summary>
    Generator,

    /// <summary>The judge (only API presets).</summary>
    Judge,
}

/// <summary>
/// One price point from a public page (or an estimate, marked as such) with its source and the date it was read.
/// Presets are data: the built-in list is <c>Presets/presets.json</c> and users add or override entries with their
/// own file of the same shape.
/// </summary>
public sealed record PricePreset
{
    /// <summary>Days after which a price point is called stale.</summary>
    public const int StaleAfterDays = 365;

    /// <summary>Unique id, used with <c>--preset</c>.</summary>
    public required string Id { get; init; }

    /// <summary>What it prices.</summary>
    public required PresetKind Kind { get; init; }

    /// <summary>A human title.</summary>
    public required string Title { get; init; }

    /// <summary>The public page(s) the figures come from, as text (never fetched), or "estimate: …" with the reasoning.</summary>
    public required string Source { get; init; }

    /// <summary>The date the figures were read from the source, or the source's own date where it states one.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>True when the figures are an estimate rather than a fact stated on the source page.</summary>
    public required bool Estimate { get; init; }

    /// <summary>Caveats (what the price includes, how to adjust it).</summary>
    public string? Note { get; init; }

    /// <summary>Vendor: price per delivered label or item.</summary>
    public double? PricePerLabelUsd { get; init; }

    /// <summary>Vendor, platform, reviewer: fee on the price or pay, as a fraction.</summary>
    public double? FeeFraction { get; init; }

    /// <summary>Vendor: minimum order value.</summary>
    public double? MinimumOrderUsd { get; init; }

    /// <summary>Platform, reviewer: hourly pay.</summary>
    public double? HourlyRateUsd { get; init; }

    /// <summary>Platform: minimum hourly pay the platform enforces.</summary>
    public double? PlatformMinimumHourlyUsd { get; init; }

    /// <summary>API: price per million input tokens.</summary>
    public double? InputPerMillionTokensUsd { get; init; }

    /// <summary>API: price per million output tokens.</summary>
    public double? OutputPerMillionTokensUsd { get; init; }

    /// <summary>Hardware: rent per hour (0 for an owned machine).</summary>
    public double? CostPerHourUsd { get; init; }

    /// <summary>Hardware: draw under load in watts (0 when power is in the rent).</summary>
    public double? PowerWatts { get; init; }

    /// <summary>Electricity: price per kWh.</summary>
    public double? PricePerKwhUsd { get; init; }

    /// <summary>Whole days between <see cref="AsOf"/> and <paramref name="today"/>.</summary>
    public int AgeDays(DateOnly today) => today.DayNumber - AsOf.DayNumber;

    /// <summary>Whether the price point is older than a year on <paramref name="today"/>.</summary>
    public bool IsStale(DateOnly today) => AgeDays(today) > StaleAfterDays;

    /// <summary>A warning when the price point is stale, else null.</summary>
    public string? StalenessWarning(DateOnly today) => IsStale(today)
        ? string.Create(CultureInfo.InvariantCulture, $"preset '{Id}' is {AgeDays(today)} days old (as of {AsOf:yyyy-MM-dd}); prices change, check the source before relying on it: {Source}")
        : null;

    /// <summary>
    /// Applies the preset: returns the new inputs and the names of the inputs it set (for provenance).
    /// </summary>
    public (CostInputs Inputs, IReadOnlyList<string> Set) ApplyTo(CostInputs inputs, PresetRole role = PresetRole.Generator)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (role == PresetRole.Judge && Kind != PresetKind.Api)
        {
            throw new Core.Errors.SynthVaultException($"preset '{Id}' is a {Kind.ToString().ToLowerInvariant()} preset; only api presets can price the judge.");
        }

        return Kind switch
        {
            PresetKind.Vendor => (
                inputs with { PricePerLabelUsd = PricePerLabelUsd, VendorFeeFraction = FeeFraction!.Value, MinimumOrderUsd = MinimumOrderUsd ?? inputs.MinimumOrderUsd },
                MinimumOrderUsd is null ? ["pricePerLabelUsd", "vendorFeeFraction"] : ["pricePerLabelUsd", "vendorFeeFraction", "minimumOrderUsd"]),
            PresetKind.Platform => (
                inputs with { PricePerLabelUsd = null, HourlyRateUsd = HourlyRateUsd!.Value, PlatformMinimumHourlyUsd = PlatformMinimumHourlyUsd!.Value, VendorFeeFraction = FeeFraction!.Value },
                ["pricePerLabelUsd", "hourlyRateUsd", "platformMinimumHourlyUsd", "vendorFeeFraction"]),
            PresetKind.Api when role == PresetRole.Judge => (
                inputs with { Judge = JudgeEngine.Api, JudgeApiPricePerMillionInputTokensUsd = InputPerMillionTokensUsd!.Value, JudgeApiPricePerMillionOutputTokensUsd = OutputPerMillionTokensUsd!.Value },
                ["judge", "judgeApiPricePerMillionInputTokensUsd", "judgeApiPricePerMillionOutputTokensUsd"]),
            PresetKind.Api => (
                inputs with { Engine = GenerationEngine.Api, ApiPricePerMillionInputTokensUsd = InputPerMillionTokensUsd!.Value, ApiPricePerMillionOutputTokensUsd = OutputPerMillionTokensUsd!.Value },
                ["engine", "apiPricePerMillionInputTokensUsd", "apiPricePerMillionOutputTokensUsd"]),
            PresetKind.Hardware => (
                inputs with { Engine = GenerationEngine.Local, MachineCostPerHourUsd = CostPerHourUsd!.Value, MachinePowerWatts = PowerWatts!.Value },
                ["engine", "machineCostPerHourUsd", "machinePowerWatts"]),
            PresetKind.Electricity => (inputs with { ElectricityPricePerKwhUsd = PricePerKwhUsd!.Value }, ["electricityPricePerKwhUsd"]),
            PresetKind.Reviewer => (
                inputs with { ReviewerHourlyRateUsd = HourlyRateUsd!.Value, ReviewPlatformFeeFraction = FeeFraction!.Value },
                ["reviewerHourlyRateUsd", "reviewPlatformFeeFraction"]),
            _ => throw new InvalidOperationException($"Unhandled preset kind {Kind}."),
        };
    }
}
