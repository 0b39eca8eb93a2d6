namespace SynthVault.Planner.Tests;

/// <summary>Inputs with round numbers, so every expected cost can be worked out by hand in the tests.</summary>
internal static class Scenarios
{
    /// <summary>
    /// Local generation, no judge, 20 % review, USD 1,000 set-up; buying at USD 0.50 per label with a 20 % fee,
    /// 20 % rejections and 10 % QA.
    /// </summary>
    public static CostInputs LocalVersusVendor { get; } = CostInputs.Default with
    {
        Engine = GenerationEngine.Local,
        PromptTokensPerCall = 600,
        SamplesPerCall = 4,
        PromptTokensPerSecond = 100,
        OutputTokensPerSample = 150,
        GenerationTokensPerSecond = 10,
        AcceptanceRate = 0.5,
        MachineCostPerHourUsd = 3.6,
        MachinePowerWatts = 0,
        Rounds = 1,
        Judge = JudgeEngine.None,
        ReviewFraction = 0.2,
        ReviewSecondsPerItem = 36,
        ReviewerHourlyRateUsd = 50,
        ReviewPlatformFeeFraction = 0,
        ReviewersAvailable = 1,
        ReviewerHoursPerDay = 6,
        SetupCostUsd = 1000,
        PricePerLabelUsd = 0.5,
        VendorFeeFraction = 0.2,
        RejectionRate = 0.2,
        QaShareFraction = 0.1,
        MinimumOrderUsd = 0,
        VendorItemsPerDay = null,
    };

    /// <summary>
    /// API generation and an API judge, two rounds, no review, no set-up; buying by writing time on a platform with
    /// a minimum hourly pay and a USD 500 minimum order.
    /// </summary>
    public static CostInputs ApiVersusPlatform { get; } = CostInputs.Default with
    {
        Engine = GenerationEngine.Api,
        ApiPricePerMillionInputTokensUsd = 0.25,
        ApiPricePerMillionOutputTokensUsd = 2.00,
        PromptTokensPerCall = 1000,
        SamplesPerCall = 5,
        OutputTokensPerSample = 200,
        PromptTokensPerSecond = 1000,
        GenerationTokensPerSecond = 100,
        AcceptanceRate = 0.8,
        Rounds = 2,
        Judge = JudgeEngine.Api,
        JudgePromptTokensPerSample = 400,
        JudgeOutputTokensPerSample = 20,
        JudgeApiPricePerMillionInputTokensUsd = 1.0,
        JudgeApiPricePerMillionOutputTokensUsd = 5.0,
        ReviewFraction = 0,
        SetupCostUsd = 0,
        PricePerLabelUsd = null,
        WritingSecondsPerItem = 90,
        HourlyRateUsd = 6,
        PlatformMinimumHourlyUsd = 8,
        VendorFeeFraction = 0.428,
        RejectionRate = 0,
        QaShareFraction = 0,
        MinimumOrderUsd = 500,
    };

    /// <summary>
    /// A machine billed USD 1 per second (3,600 per hour) generating one "token" per second: each accepted sample costs
    /// exactly <paramref name="generateUsdPerSample"/>; nothing else costs anything except the given set-up and the
    /// vendor price and minimum.
    /// </summary>
    public static CostInputs Linear(double generateUsdPerSample, double setupUsd, double buyUsdPerSample, double minimumOrderUsd) => CostInputs.Default with
    {
        Engine = GenerationEngine.Local,
        PromptTokensPerCall = 0,
        SamplesPerCall = 1,
        PromptTokensPerSecond = 1,
        OutputTokensPerSample = generateUsdPerSample,
        GenerationTokensPerSecond = 1,
        AcceptanceRate = 1,
        MachineCostPerHourUsd = 3600,
        MachinePowerWatts = 0,
        Rounds = 1,
        Judge = JudgeEngine.None,
        ReviewFraction = 0,
        SetupCostUsd = setupUsd,
        PricePerLabelUsd = buyUsdPerSample,
        VendorFeeFraction = 0,
        RejectionRate = 0,
        QaShareFraction = 0,
        MinimumOrderUsd = minimumOrderUsd,
    };
}
