using System.Globalization;
using SynthVault.Core.Errors;

namespace SynthVault.Planner;

/// <summary>Which cost an input moves.</summary>
public enum CostSide
{
    /// <summary>The cost of generating.</summary>
    Generate,

    /// <summary>The cost of buying.</summary>
    Buy,

    /// <summary>Both costs (reviewer time prices generated-sample review and bought-data QA alike).</summary>
    Both,

    /// <summary>Only the calendar time, not the cost.</summary>
    Time,
}

/// <summary>The domain an input's value must lie in.</summary>
internal enum InputRule
{
    NonNegative,
    Positive,
    AtLeastOne,
    PositiveInteger,
    Fraction,
    AcceptanceFraction,
    FractionBelowOne,
    HoursPerDay,
}

/// <summary>
/// One numeric input of <see cref="CostInputs"/>: its JSON/CLI name (camelCase), unit, the cost it moves and the
/// range the tornado varies it over. The catalog is the single place that names inputs, so validation errors,
/// <c>--set name=value</c>, provenance and the tornado all use the same words.
/// </summary>
public sealed class CostInputDescriptor
{
    private readonly Func<CostInputs, double?> get;
    private readonly Func<CostInputs, double?, CostInputs> set;
    private readonly Func<CostInputs, bool> relevant;
    private readonly Func<double, (double Low, double High)>? assumedRange;

    internal CostInputDescriptor(
        string name,
        string unit,
        CostSide side,
        string description,
        InputRule rule,
        Func<CostInputs, double?> get,
        Func<CostInputs, double?, CostInputs> set,
        Func<CostInputs, bool> relevant,
        Func<double, (double Low, double High)>? assumedRange,
        bool nullable = false)
    {
        Name = name;
        Unit = unit;
        Side = side;
        Description = description;
        Rule = rule;
        this.get = get;
        this.set = set;
        this.relevant = relevant;
        this.assumedRange = assumedRange;
        IsNullable = nullable;
    }

    /// <summary>The camelCase name used in JSON, <c>--set</c>, <c>--range</c> and error messages.</summary>
    public string Name { get; }

    /// <summary>Unit of the value, for display.</summary>
    public string Unit { get; }

    /// <summary>The cost the input moves.</summary>
    public CostSide Side { get; }

    /// <summary>One line saying what the input is.</summary>
    public string Description { get; }

    /// <summary>Whether the input may be null (unset).</summary>
    public bool IsNullable { get; }

    /// <summary>Whether the tornado varies this input by default (prices you choose, like fees, are not uncertain).</summary>
    public bool IsUncertain => assumedRange is not null;

    internal InputRule Rule { get; }

    /// <summary>The input's value in <paramref name="inputs"/>, or null when unset.</summary>
    public double? Get(CostInputs inputs) => get(inputs);

    /// <summary>A copy of <paramref name="inputs"/> with this input set to <paramref name="value"/> (validated).</summary>
    public CostInputs With(CostInputs inputs, double? value)
    {
        if (value is { } v)
        {
            Validate(v);
        }
        else if (!IsNullable)
        {
            throw new SynthVaultException($"{Name} cannot be empty.", hint: $"Give a number ({Unit}).");
        }

        return set(inputs, value);
    }

    /// <summary>Sets the value without domain checks, for finite-difference perturbations.</summary>
    internal CostInputs SetUnchecked(CostInputs inputs, double value) => set(inputs, value);

    /// <summary>Whether the input changes the cost in this configuration (API prices do not matter to a local run).</summary>
    public bool IsRelevant(CostInputs inputs) => relevant(inputs) && get(inputs) is not null;

    /// <summary>The default tornado range around <paramref name="baseValue"/>: ±20 % when measured, wider when assumed.</summary>
    public (double Low, double High) DefaultRange(double baseValue, bool measured)
    {
        var (low, high) = measured ? (baseValue * 0.8, baseValue * 1.2) : assumedRange?.Invoke(baseValue) ?? (baseValue, baseValue);
        return (Clamp(low), Clamp(high));
    }

    /// <summary>Throws a <see cref="SynthVaultException"/> naming this input when <paramref name="value"/> is outside its domain.</summary>
    public void Validate(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new SynthVaultException($"{Name} must be a finite number, got {Format(value)}.");
        }

        var problem = Rule switch
        {
            InputRule.NonNegative when value < 0 => "must be 0 or more",
            InputRule.Positive when value <= 0 => "must be more than 0",
            InputRule.AtLeastOne when value < 1 => "must be at least 1",
            InputRule.PositiveInteger when value < 1 || value != Math.Floor(value) => "must be a whole number, at least 1",
            InputRule.Fraction when value is < 0 or > 1 => "must be between 0 and 1",
            InputRule.AcceptanceFraction when value is <= 0 or > 1 => "must be more than 0 and at most 1",
            InputRule.FractionBelowOne when value is < 0 or >= 1 => "must be at least 0 and below 1",
            InputRule.HoursPerDay when value is <= 0 or > 24 => "must be more than 0 and at most 24",
            _ => null,
        };
        if (problem is not null)
        {
            throw new SynthVaultException($"{Name} {problem}, got {Format(value)}.", hint: Hint());
        }
    }

    private string? Hint() => Rule switch
    {
        InputRule.AcceptanceFraction => "An acceptance rate of 0 would mean no candidate is ever kept; measure it with a pilot run (synthvault cost --from-run DIR).",
        InputRule.FractionBelowOne => "A rejection rate of 1 would mean nothing delivered is usable.",
        _ => null,
    };

    private double Clamp(double value) => Rule switch
    {
        InputRule.Fraction => Math.Clamp(value, 0, 1),
        InputRule.AcceptanceFraction => Math.Clamp(value, 1e-6, 1),
        InputRule.FractionBelowOne => Math.Clamp(value, 0, 0.95),
        InputRule.AtLeastOne => Math.Max(1, value),
        InputRule.PositiveInteger => Math.Max(1, Math.Round(value)),
        InputRule.HoursPerDay => Math.Clamp(value, 0.5, 24),
        InputRule.Positive => Math.Max(1e-9, value),
        _ => Math.Max(0, value),
    };

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>The named inputs of <see cref="CostInputs"/>, in display order.</summary>
public static class CostInputCatalog
{
    private static (double, double) Scale(double b, double low, double high) => (b * low, b * high);

    private static bool IsLocal(CostInputs c) => c.Engine == GenerationEngine.Local;

    private static bool UsesMachine(CostInputs c) => c.Engine == GenerationEngine.Local || c.Judge == JudgeEngine.Local;

    /// <summary>Every numeric input.</summary>
    public static IReadOnlyList<CostInputDescriptor> All { get; } =
    [
        new("promptTokensPerCall", "tokens", CostSide.Generate, "prompt tokens per generation call", InputRule.NonNegative,
            c => c.PromptTokensPerCall, (c, v) => c with { PromptTokensPerCall = v!.Value }, _ => true, b => Scale(b, 0.75, 1.5)),
        new("samplesPerCall", "samples", CostSide.Generate, "candidate samples returned per call", InputRule.AtLeastOne,
            c => c.SamplesPerCall, (c, v) => c with { SamplesPerCall = v!.Value }, _ => true, b => (b * 0.5, b * 1.5)),
        new("outputTokensPerSample", "tokens", CostSide.Generate, "output tokens per candidate", InputRule.Positive,
            c => c.OutputTokensPerSample, (c, v) => c with { OutputTokensPerSample = v!.Value }, _ => true, b => Scale(b, 0.75, 1.5)),
        new("promptTokensPerSecond", "tokens/s", CostSide.Generate, "prompt processing speed", InputRule.Positive,
            c => c.PromptTokensPerSecond, (c, v) => c with { PromptTokensPerSecond = v!.Value }, UsesMachine, b => Scale(b, 0.5, 1.5)),
        new("generationTokensPerSecond", "tokens/s", CostSide.Generate, "generation speed", InputRule.Positive,
            c => c.GenerationTokensPerSecond, (c, v) => c with { GenerationTokensPerSecond = v!.Value }, UsesMachine, b => Scale(b, 0.5, 1.5)),
        new("acceptanceRate", "fraction", CostSide.Generate, "share of candidates kept", InputRule.AcceptanceFraction,
            c => c.AcceptanceRate, (c, v) => c with { AcceptanceRate = v!.Value }, _ => true, b => (b * 0.5, b * 1.5)),
        new("machineCostPerHourUsd", "USD/h", CostSide.Generate, "machine rent per hour", InputRule.NonNegative,
            c => c.MachineCostPerHourUsd, (c, v) => c with { MachineCostPerHourUsd = v!.Value }, UsesMachine, b => Scale(b, 0.75, 1.5)),
        new("machinePowerWatts", "W", CostSide.Generate, "owned machine's draw under load", InputRule.NonNegative,
            c => c.MachinePowerWatts, (c, v) => c with { MachinePowerWatts = v!.Value }, c => UsesMachine(c) && c.MachinePowerWatts > 0, b => Scale(b, 0.75, 1.25)),
        new("electricityPricePerKwhUsd", "USD/kWh", CostSide.Generate, "electricity price", InputRule.NonNegative,
            c => c.ElectricityPricePerKwhUsd, (c, v) => c with { ElectricityPricePerKwhUsd = v!.Value }, c => UsesMachine(c) && c.MachinePowerWatts > 0, b => Scale(b, 0.75, 1.5)),
        new("apiPricePerMillionInputTokensUsd", "USD/Mtok", CostSide.Generate, "API price per million input tokens", InputRule.NonNegative,
            c => c.ApiPricePerMillionInputTokensUsd, (c, v) => c with { ApiPricePerMillionInputTokensUsd = v!.Value }, c => c.Engine == GenerationEngine.Api, b => Scale(b, 0.5, 1.5)),
        new("apiPricePerMillionOutputTokensUsd", "USD/Mtok", CostSide.Generate, "API price per million output tokens", InputRule.NonNegative,
            c => c.ApiPricePerMillionOutputTokensUsd, (c, v) => c with { ApiPricePerMillionOutputTokensUsd = v!.Value }, c => c.Engine == GenerationEngine.Api, b => Scale(b, 0.5, 1.5)),
        new("rounds", "passes", CostSide.Generate, "generate→critique passes per sample", InputRule.AtLeastOne,
            c => c.Rounds, (c, v) => c with { Rounds = v!.Value }, _ => true, b => (b - 1, b + 1)),
        new("judgePromptTokensPerSample", "tokens", CostSide.Generate, "tokens the judge reads per candidate", InputRule.NonNegative,
            c => c.JudgePromptTokensPerSample, (c, v) => c with { JudgePromptTokensPerSample = v!.Value }, c => c.Judge != JudgeEngine.None, b => Scale(b, 0.75, 1.5)),
        new("judgeOutputTokensPerSample", "tokens", CostSide.Generate, "tokens the judge writes per candidate", InputRule.NonNegative,
            c => c.JudgeOutputTokensPerSample, (c, v) => c with { JudgeOutputTokensPerSample = v!.Value }, c => c.Judge != JudgeEngine.None, b => Scale(b, 0.75, 1.5)),
        new("judgePromptTokensPerSecond", "tokens/s", CostSide.Generate, "judge prompt speed (empty: generator's)", InputRule.Positive,
            c => c.JudgePromptTokensPerSecond, (c, v) => c with { JudgePromptTokensPerSecond = v }, c => c.Judge == JudgeEngine.Local, b => Scale(b, 0.5, 1.5), nullable: true),
        new("judgeGenerationTokensPerSecond", "tokens/s", CostSide.Generate, "judge generation speed (empty: generator's)", InputRule.Positive,
            c => c.JudgeGenerationTokensPerSecond, (c, v) => c with { JudgeGenerationTokensPerSecond = v }, c => c.Judge == JudgeEngine.Local, b => Scale(b, 0.5, 1.5), nullable: true),
        new("judgeApiPricePerMillionInputTokensUsd", "USD/Mtok", CostSide.Generate, "judge API price per million input tokens", InputRule.NonNegative,
            c => c.JudgeApiPricePerMillionInputTokensUsd, (c, v) => c with { JudgeApiPricePerMillionInputTokensUsd = v!.Value }, c => c.Judge == JudgeEngine.Api, b => Scale(b, 0.5, 1.5)),
        new("judgeApiPricePerMillionOutputTokensUsd", "USD/Mtok", CostSide.Generate, "judge API price per million output tokens", InputRule.NonNegative,
            c => c.JudgeApiPricePerMillionOutputTokensUsd, (c, v) => c with { JudgeApiPricePerMillionOutputTokensUsd = v!.Value }, c => c.Judge == JudgeEngine.Api, b => Scale(b, 0.5, 1.5)),
        new("reviewFraction", "fraction", CostSide.Generate, "share of accepted samples a person reviews", InputRule.Fraction,
            c => c.ReviewFraction, (c, v) => c with { ReviewFraction = v!.Value }, c => c.ReviewFraction > 0, b => (b * 0.5, b * 2)),
        new("reviewSecondsPerItem", "s", CostSide.Both, "reviewer seconds per item (review and QA)", InputRule.NonNegative,
            c => c.ReviewSecondsPerItem, (c, v) => c with { ReviewSecondsPerItem = v!.Value }, c => c.ReviewFraction > 0 || c.QaShareFraction > 0, b => (b * 0.5, b * 2)),
        new("reviewerHourlyRateUsd", "USD/h", CostSide.Both, "reviewer pay per hour (review and QA)", InputRule.NonNegative,
            c => c.ReviewerHourlyRateUsd, (c, v) => c with { ReviewerHourlyRateUsd = v!.Value }, c => c.ReviewFraction > 0 || c.QaShareFraction > 0, b => Scale(b, 0.75, 1.5)),
        new("reviewPlatformFeeFraction", "fraction", CostSide.Both, "platform fee on reviewer pay", InputRule.NonNegative,
            c => c.ReviewPlatformFeeFraction, (c, v) => c with { ReviewPlatformFeeFraction = v!.Value }, c => c.ReviewFraction > 0 || c.QaShareFraction > 0, null),
        new("reviewersAvailable", "people", CostSide.Time, "reviewers working in parallel", InputRule.PositiveInteger,
            c => c.ReviewersAvailable, (c, v) => c with { ReviewersAvailable = (int)v!.Value }, _ => true, null),
        new("reviewerHoursPerDay", "h/day", CostSide.Time, "working hours per reviewer per day", InputRule.HoursPerDay,
            c => c.ReviewerHoursPerDay, (c, v) => c with { ReviewerHoursPerDay = v!.Value }, _ => true, null),
        new("setupCostUsd", "USD", CostSide.Generate, "one-time set-up (seed curation, engineering)", InputRule.NonNegative,
            c => c.SetupCostUsd, (c, v) => c with { SetupCostUsd = v!.Value }, c => c.SetupCostUsd > 0, b => (b * 0.5, b * 2)),
        new("pricePerLabelUsd", "USD", CostSide.Buy, "vendor price per delivered item (empty: price by writing time)", InputRule.NonNegative,
            c => c.PricePerLabelUsd, (c, v) => c with { PricePerLabelUsd = v }, _ => true, b => Scale(b, 0.75, 1.5), nullable: true),
        new("writingSecondsPerItem", "s", CostSide.Buy, "writer seconds per item", InputRule.NonNegative,
            c => c.WritingSecondsPerItem, (c, v) => c with { WritingSecondsPerItem = v!.Value }, c => c.PricePerLabelUsd is null, b => Scale(b, 0.75, 1.5)),
        new("hourlyRateUsd", "USD/h", CostSide.Buy, "hourly pay offered to writers", InputRule.NonNegative,
            c => c.HourlyRateUsd, (c, v) => c with { HourlyRateUsd = v!.Value }, c => c.PricePerLabelUsd is null, null),
        new("platformMinimumHourlyUsd", "USD/h", CostSide.Buy, "platform's minimum hourly pay", InputRule.NonNegative,
            c => c.PlatformMinimumHourlyUsd, (c, v) => c with { PlatformMinimumHourlyUsd = v!.Value }, c => c.PricePerLabelUsd is null, null),
        new("vendorFeeFraction", "fraction", CostSide.Buy, "vendor or platform fee on the price", InputRule.NonNegative,
            c => c.VendorFeeFraction, (c, v) => c with { VendorFeeFraction = v!.Value }, _ => true, null),
        new("rejectionRate", "fraction", CostSide.Buy, "share of delivered items rejected but paid", InputRule.FractionBelowOne,
            c => c.RejectionRate, (c, v) => c with { RejectionRate = v!.Value }, _ => true, b => (b * 0.5, b * 2)),
        new("qaShareFraction", "fraction", CostSide.Buy, "share of delivered items you QA", InputRule.Fraction,
            c => c.QaShareFraction, (c, v) => c with { QaShareFraction = v!.Value }, c => c.QaShareFraction > 0, b => (b * 0.5, b * 2)),
        new("minimumOrderUsd", "USD", CostSide.Buy, "vendor minimum order value", InputRule.NonNegative,
            c => c.MinimumOrderUsd, (c, v) => c with { MinimumOrderUsd = v!.Value }, c => c.MinimumOrderUsd > 0, null),
        new("vendorItemsPerDay", "items/day", CostSide.Time, "items the vendor delivers per day (empty: unknown)", InputRule.Positive,
            c => c.VendorItemsPerDay, (c, v) => c with { VendorItemsPerDay = v }, _ => true, null, nullable: true),
    ];

    /// <summary>The names of the two non-numeric inputs, settable as text: <c>engine=local|api</c>, <c>judge=none|local|api</c>.</summary>
    public static IReadOnlyList<string> ChoiceNames { get; } = ["engine", "judge"];

    /// <summary>Finds an input by name (case-insensitive), or throws naming the known inputs.</summary>
    public static CostInputDescriptor Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var descriptor in All)
        {
            if (string.Equals(descriptor.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return descriptor;
            }
        }

        throw new SynthVaultException($"unknown cost input '{name}'.", hint: $"Known inputs: {string.Join(", ", ChoiceNames.Concat(All.Select(d => d.Name)))}.");
    }

    /// <summary>Sets a numeric input or a choice (<c>engine</c>, <c>judge</c>) from text, as given on the command line.</summary>
    public static CostInputs SetFromText(CostInputs inputs, string name, string text)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(name, "engine", StringComparison.OrdinalIgnoreCase))
        {
            return inputs with { Engine = ParseChoice<GenerationEngine>("engine", text) };
        }

        if (string.Equals(name, "judge", StringComparison.OrdinalIgnoreCase))
        {
            return inputs with { Judge = ParseChoice<JudgeEngine>("judge", text) };
        }

        var descriptor = Find(name);
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || string.Equals(trimmed, "null", StringComparison.OrdinalIgnoreCase))
        {
            return descriptor.With(inputs, null);
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new SynthVaultException($"{descriptor.Name} must be a number ({descriptor.Unit}), got '{text}'.", hint: "Use a dot as the decimal separator, e.g. 0.65.");
        }

        return descriptor.With(inputs, value);
    }

    /// <summary>Checks every input and the rules that tie inputs together; throws naming the first bad input.</summary>
    public static void Validate(CostInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var descriptor in All)
        {
            if (descriptor.Get(inputs) is { } value)
            {
                descriptor.Validate(value);
            }
        }

        if (!Enum.IsDefined(inputs.Engine))
        {
            throw new SynthVaultException($"engine must be local or api, got {inputs.Engine}.");
        }

        if (!Enum.IsDefined(inputs.Judge))
        {
            throw new SynthVaultException($"judge must be none, local or api, got {inputs.Judge}.");
        }
    }

    private static T ParseChoice<T>(string name, string text)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        throw new SynthVaultException($"{name} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, got '{text}'.");
    }
}
