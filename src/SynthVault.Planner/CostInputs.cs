namespace SynthVault.Planner;

/// <summary>Where candidate samples are generated.</summary>
public enum GenerationEngine
{
    /// <summary>On a machine you rent or own: cost is machine time at the measured tokens per second.</summary>
    Local,

    /// <summary>Through a hosted API: cost is tokens × the provider's price per million tokens.</summary>
    Api,
}

/// <summary>How candidates are judged (LLM-as-critic) before they are kept.</summary>
public enum JudgeEngine
{
    /// <summary>No automatic judge: every candidate goes straight to the acceptance filter.</summary>
    None,

    /// <summary>A local model on the same machine as the generator.</summary>
    Local,

    /// <summary>A hosted API model priced per million tokens.</summary>
    Api,
}

/// <summary>
/// Every input of the buy-vs-generate cost model, with its unit in its name. The defaults describe a small local
/// CPU pipeline and a crowd-writing alternative; they are assumptions, and the plan marks them as such until a
/// preset, a measurement or the user replaces them. Formulas: <see cref="CostModel"/> and COST-MODEL.md.
/// </summary>
public sealed record CostInputs
{
    /// <summary>Built-in assumptions; see the property defaults.</summary>
    public static CostInputs Default { get; } = new();

    // ---- generate: the generator ----

    /// <summary>Local machine or hosted API.</summary>
    public GenerationEngine Engine { get; init; } = GenerationEngine.Local;

    /// <summary>Prompt (input) tokens sent per generation call, instructions and few-shot seeds included.</summary>
    public double PromptTokensPerCall { get; init; } = 600;

    /// <summary>Candidate samples one call returns (a call may ask for a list of samples); at least 1.</summary>
    public double SamplesPerCall { get; init; } = 5;

    /// <summary>Output tokens per candidate sample.</summary>
    public double OutputTokensPerSample { get; init; } = 120;

    /// <summary>Prompt processing speed (tokens per second); for an API, your effective aggregate throughput.</summary>
    public double PromptTokensPerSecond { get; init; } = 60;

    /// <summary>Generation speed (tokens per second); for an API, your effective aggregate throughput.</summary>
    public double GenerationTokensPerSecond { get; init; } = 12;

    /// <summary>Share of candidates that survive filtering (judge, dedup, validation), in (0, 1].</summary>
    public double AcceptanceRate { get; init; } = 0.6;

    /// <summary>Rent of the generation machine per hour (0 for an owned machine; add depreciation here if you wish).</summary>
    public double MachineCostPerHourUsd { get; init; } = 0.65;

    /// <summary>Electrical draw of an owned machine under load, in watts (0 when power is included in the rent).</summary>
    public double MachinePowerWatts { get; init; }

    /// <summary>Electricity price per kWh, used with <see cref="MachinePowerWatts"/>.</summary>
    public double ElectricityPricePerKwhUsd { get; init; } = 0.146;

    /// <summary>API price per million input (prompt) tokens, used when <see cref="Engine"/> is <see cref="GenerationEngine.Api"/>.</summary>
    public double ApiPricePerMillionInputTokensUsd { get; init; }

    /// <summary>API price per million output tokens, used when <see cref="Engine"/> is <see cref="GenerationEngine.Api"/>.</summary>
    public double ApiPricePerMillionOutputTokensUsd { get; init; }

    /// <summary>
    /// Generate→critique passes each sample goes through (1 = generated once; 2 = one revision). Multiplies the
    /// generation and judge cost and time, not review or set-up (see COST-MODEL.md, "Rounds"). At least 1.
    /// </summary>
    public double Rounds { get; init; } = 1;

    // ---- generate: the judge ----

    /// <summary>None, local (same machine) or API.</summary>
    public JudgeEngine Judge { get; init; } = JudgeEngine.Local;

    /// <summary>Tokens the judge reads per candidate (rubric + candidate).</summary>
    public double JudgePromptTokensPerSample { get; init; } = 250;

    /// <summary>Tokens the judge writes per candidate (a verdict, a score).</summary>
    public double JudgeOutputTokensPerSample { get; init; } = 10;

    /// <summary>Judge prompt speed when it differs from the generator's (null: same as the generator).</summary>
    public double? JudgePromptTokensPerSecond { get; init; }

    /// <summary>Judge generation speed when it differs from the generator's (null: same as the generator).</summary>
    public double? JudgeGenerationTokensPerSecond { get; init; }

    /// <summary>Judge API price per million input tokens (judge engine API).</summary>
    public double JudgeApiPricePerMillionInputTokensUsd { get; init; }

    /// <summary>Judge API price per million output tokens (judge engine API).</summary>
    public double JudgeApiPricePerMillionOutputTokensUsd { get; init; }

    // ---- generate: human review ----

    /// <summary>Share of accepted samples a person reviews, in [0, 1].</summary>
    public double ReviewFraction { get; init; } = 0.1;

    /// <summary>Seconds a reviewer spends per item.</summary>
    public double ReviewSecondsPerItem { get; init; } = 30;

    /// <summary>Reviewer pay (or loaded cost) per hour.</summary>
    public double ReviewerHourlyRateUsd { get; init; } = 50;

    /// <summary>Platform fee on reviewer pay as a fraction (0.428 = 42.8 %); 0 for in-house reviewers.</summary>
    public double ReviewPlatformFeeFraction { get; init; }

    /// <summary>Reviewers working in parallel (calendar time only); at least 1.</summary>
    public int ReviewersAvailable { get; init; } = 1;

    /// <summary>Working hours per reviewer per day (calendar time only), in (0, 24].</summary>
    public double ReviewerHoursPerDay { get; init; } = 6;

    // ---- generate: one-time ----

    /// <summary>One-time set-up: seed curation, prompt engineering, pipeline hours. Spread over the volume.</summary>
    public double SetupCostUsd { get; init; } = 2000;

    // ---- buy ----

    /// <summary>Vendor price per delivered label or item; null to price by writing time instead.</summary>
    public double? PricePerLabelUsd { get; init; }

    /// <summary>Seconds a paid writer needs per item (used when <see cref="PricePerLabelUsd"/> is null).</summary>
    public double WritingSecondsPerItem { get; init; } = 90;

    /// <summary>Hourly pay offered to writers (used when <see cref="PricePerLabelUsd"/> is null).</summary>
    public double HourlyRateUsd { get; init; } = 12;

    /// <summary>The platform's minimum hourly pay; writers get max(<see cref="HourlyRateUsd"/>, this).</summary>
    public double PlatformMinimumHourlyUsd { get; init; } = 8;

    /// <summary>Vendor or platform fee on the price as a fraction (0.2 = 20 %).</summary>
    public double VendorFeeFraction { get; init; } = 0.428;

    /// <summary>Share of delivered items you reject but still pay for, in [0, 1).</summary>
    public double RejectionRate { get; init; } = 0.1;

    /// <summary>Share of delivered items your own reviewers check (priced like review), in [0, 1].</summary>
    public double QaShareFraction { get; init; } = 0.1;

    /// <summary>The vendor's minimum order value: smaller orders are billed this amount.</summary>
    public double MinimumOrderUsd { get; init; }

    /// <summary>Items the vendor delivers per day (calendar time only); null when unknown.</summary>
    public double? VendorItemsPerDay { get; init; }
}
