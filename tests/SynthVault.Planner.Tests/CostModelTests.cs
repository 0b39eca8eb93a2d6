using SynthVault.Core.Errors;

namespace SynthVault.Planner.Tests;

public sealed class CostModelTests
{
    // Money is compared to a cent of a cent: every expected value below is exact in decimal arithmetic and the
    // model only adds, multiplies and divides a handful of doubles, so 1e-6 USD leaves room for rounding only.
    private const double Cents = 1e-6;

    private static double Component(SideCost side, string key) => side.Breakdown.Single(c => c.Component == key).CostPer1000Usd;

    [Fact]
    public void Local_generation_costs_match_the_hand_computed_breakdown()
    {
        var plan = CostModel.Compute(Scenarios.LocalVersusVendor, volume: 2000);

        // machine $/s = 3.6 / 3600 = 0.001; seconds per candidate = 600 / 4 / 100 + 150 / 10 = 1.5 + 15 = 16.5
        // candidates per 1,000 accepted = 1000 / 0.5 = 2000; generation = 2000 × 16.5 × 0.001 = 33
        Assert.Equal(33.0, Component(plan.Generate, "generation"), Cents);
        Assert.Equal(0.0, Component(plan.Generate, "judge"), Cents);

        // review = 1000 × 0.2 × 36 / 3600 × 50 × (1 + 0) = 1000 × 0.2 × 0.01 × 50 = 100
        Assert.Equal(100.0, Component(plan.Generate, "review"), Cents);

        // set-up spread over 2,000 samples: 1000 × 1000 / 2000 = 500
        Assert.Equal(500.0, Component(plan.Generate, "setup"), Cents);

        // 33 + 0 + 100 + 500 = 633 per 1,000; total = 1000 + 2000 × 0.133 = 1266
        Assert.Equal(633.0, plan.GenerateCostPer1000, Cents);
        Assert.Equal(1266.0, plan.Generate.TotalUsd, Cents);
        Assert.Equal(0.133, plan.Generate.VariableCostPerSampleUsd, Cents);
        Assert.Equal(1.0, plan.Generate.Breakdown.Sum(c => c.Share), 1e-12);
    }

    [Fact]
    public void Vendor_costs_match_the_hand_computed_breakdown()
    {
        var plan = CostModel.Compute(Scenarios.LocalVersusVendor, volume: 2000);

        // labels = 1000 × 0.5 × (1 + 0.2) / (1 − 0.2) = 600 / 0.8 = 750
        Assert.Equal(750.0, Component(plan.Buy, "labels"), Cents);

        // qa = 1000 / 0.8 × 0.1 × 36 / 3600 × 50 = 1250 × 0.1 × 0.5 = 62.5
        Assert.Equal(62.5, Component(plan.Buy, "qa"), Cents);
        Assert.Equal(0.0, Component(plan.Buy, "minimumOrderTopUp"), Cents);

        // 750 + 62.5 = 812.5 per 1,000; total for 2,000 = 1625
        Assert.Equal(812.5, plan.BuyCostPer1000, Cents);
        Assert.Equal(1625.0, plan.Buy.TotalUsd, Cents);
        Assert.Equal("generate", plan.CheaperOption);
    }

    [Fact]
    public void Break_even_volume_is_where_the_set_up_is_paid_back()
    {
        var plan = CostModel.Compute(Scenarios.LocalVersusVendor, volume: 2000);

        // generate total(V) = 1000 + 0.133 V; buy total(V) = 0.8125 V
        // equal at V = 1000 / (0.8125 − 0.133) = 1000 / 0.6795 = 1471.67 → generating is cheaper from 1,472 on.
        // Check: V = 1471 → 1195.643 vs 1195.19 (buy cheaper); V = 1472 → 1195.776 vs 1196.0 (generate cheaper).
        Assert.Equal(BreakEvenKind.GenerateCheaperFromVolume, plan.BreakEven.Kind);
        Assert.Equal(1472L, plan.BreakEven.Volume);
        Assert.Equal([new VolumeRange(1472, null)], plan.BreakEven.GenerateCheaperRanges);
        Assert.True(CostModel.Compute(Scenarios.LocalVersusVendor, 1471).CheaperOption == "buy");
        Assert.True(CostModel.Compute(Scenarios.LocalVersusVendor, 1472).CheaperOption == "generate");
    }

    [Fact]
    public void Time_to_deliver_uses_tokens_per_second_and_reviewers()
    {
        var plan = CostModel.Compute(Scenarios.LocalVersusVendor with { ReviewersAvailable = 2 }, volume: 2000);

        // generation hours = 2000 / 0.5 × 1 × 16.5 / 3600 = 66000 / 3600 = 18.333…
        Assert.Equal(66000.0 / 3600, plan.Time.GenerationHours, 1e-9);

        // review hours = 2000 × 0.2 × 36 / 3600 / 2 reviewers = 2
        Assert.Equal(2.0, plan.Time.ReviewHours, 1e-9);

        // days = max(18.333 / 24, 2 / 6) = 0.7639 (the machine is the bottleneck)
        Assert.Equal(66000.0 / 3600 / 24, plan.Time.GenerateCalendarDays, 1e-9);
        Assert.Null(plan.Time.BuyCalendarDays);
    }

    [Fact]
    public void Slow_review_sets_the_calendar_when_reviewers_are_scarce()
    {
        var plan = CostModel.Compute(Scenarios.LocalVersusVendor with { ReviewFraction = 1, VendorItemsPerDay = 500 }, volume: 2000);

        // review hours = 2000 × 1 × 36 / 3600 / 1 = 20 → 20 / 6 h per day = 3.333 days > 18.333 / 24 machine days
        Assert.Equal(20.0 / 6, plan.Time.GenerateCalendarDays, 1e-9);

        // buy: 2000 / 0.8 = 2500 delivered at 500 a day = 5 days; QA 2500 × 0.1 × 36 / 3600 = 2.5 h = 0.42 days
        Assert.Equal(5.0, plan.Time.BuyCalendarDays!.Value, 1e-9);
    }

    [Fact]
    public void Api_generation_with_an_api_judge_and_two_rounds_matches_the_hand_computation()
    {
        var plan = CostModel.Compute(Scenarios.ApiVersusPlatform, volume: 1000);

        // generator per candidate = (1000 / 5 × 0.25 + 200 × 2.00) / 1e6 = (50 + 400) / 1e6 = 0.00045
        // × rounds 2 / acceptance 0.8 = 0.001125 per accepted → 1.125 per 1,000
        Assert.Equal(1.125, Component(plan.Generate, "generation"), Cents);

        // judge per candidate = (400 × 1.0 + 20 × 5.0) / 1e6 = 0.0005 → × 2 / 0.8 = 0.00125 → 1.25 per 1,000
        Assert.Equal(1.25, Component(plan.Generate, "judge"), Cents);
        Assert.Equal(2.375, plan.GenerateCostPer1000, Cents);
    }

    [Fact]
    public void Writing_time_is_paid_at_least_the_platform_minimum_and_the_minimum_order_is_a_floor()
    {
        var plan = CostModel.Compute(Scenarios.ApiVersusPlatform, volume: 1000);

        // unit = 90 s / 3600 × max(6, 8) = 0.025 h × 8 = 0.20; with the 42.8 % fee = 0.2856; no rejections
        // labels for 1,000 = 285.60, below the 500 minimum → top-up 214.40, total 500
        Assert.Equal(285.6, Component(plan.Buy, "labels"), Cents);
        Assert.Equal(214.4, Component(plan.Buy, "minimumOrderTopUp"), Cents);
        Assert.Equal(500.0, plan.Buy.TotalUsd, Cents);

        // at 10,000 samples the order (2,856) is above the minimum: no top-up
        var large = CostModel.Compute(Scenarios.ApiVersusPlatform, volume: 10_000);
        Assert.Equal(2856.0, large.Buy.TotalUsd, Cents);
        Assert.Equal(0.0, Component(large.Buy, "minimumOrderTopUp"), Cents);
    }

    [Fact]
    public void Owned_machine_costs_its_electricity()
    {
        var inputs = Scenarios.LocalVersusVendor with { MachineCostPerHourUsd = 0, MachinePowerWatts = 500, ElectricityPricePerKwhUsd = 0.2 };
        var plan = CostModel.Compute(inputs, volume: 2000);

        // machine $/h = 0.5 kW × 0.2 = 0.10 → $/s = 0.1 / 3600; generation = 2000 × 16.5 × 0.1 / 3600 = 0.91666…
        Assert.Equal(2000 * 16.5 * 0.1 / 3600, Component(plan.Generate, "generation"), 1e-9);
    }

    [Fact]
    public void Rounds_multiply_generation_but_not_review_or_set_up()
    {
        var one = CostModel.Compute(Scenarios.LocalVersusVendor, volume: 2000);
        var three = CostModel.Compute(Scenarios.LocalVersusVendor with { Rounds = 3 }, volume: 2000);

        Assert.Equal(3 * Component(one.Generate, "generation"), Component(three.Generate, "generation"), Cents);
        Assert.Equal(Component(one.Generate, "review"), Component(three.Generate, "review"), Cents);
        Assert.Equal(Component(one.Generate, "setup"), Component(three.Generate, "setup"), Cents);
        Assert.Equal(3 * one.Time.GenerationHours, three.Time.GenerationHours, 1e-9);
    }

    [Fact]
    public void A_local_judge_defaults_to_the_generator_speed()
    {
        var inputs = Scenarios.LocalVersusVendor with { Judge = JudgeEngine.Local, JudgePromptTokensPerSample = 200, JudgeOutputTokensPerSample = 5 };
        var plan = CostModel.Compute(inputs, volume: 2000);

        // judge seconds = 200 / 100 + 5 / 10 = 2.5; × 2000 candidates × 0.001 $/s = 5
        Assert.Equal(5.0, Component(plan.Generate, "judge"), Cents);

        // a faster judge model: 200 / 400 + 5 / 50 = 0.6 s → 1.2
        var faster = CostModel.Compute(inputs with { JudgePromptTokensPerSecond = 400, JudgeGenerationTokensPerSecond = 50 }, 2000);
        Assert.Equal(1.2, Component(faster.Generate, "judge"), Cents);
    }

    [Fact]
    public void Generating_is_never_cheaper_when_each_sample_costs_more_than_a_bought_one()
    {
        // generate 0.30 per sample + 100 set-up; buy 0.25 per sample, no minimum: the gap only widens.
        var plan = CostModel.Compute(Scenarios.Linear(0.30, 100, 0.25, 0), volume: 1000);

        Assert.Equal(BreakEvenKind.GenerateNeverCheaper, plan.BreakEven.Kind);
        Assert.Null(plan.BreakEven.Volume);
        Assert.Empty(plan.BreakEven.GenerateCheaperRanges);
        Assert.Contains("each generated sample costs at least as much as a bought one", plan.BreakEven.Summary, StringComparison.Ordinal);
        Assert.Equal("buy", plan.CheaperOption);
    }

    [Fact]
    public void Generating_is_always_cheaper_without_set_up_when_each_sample_costs_less()
    {
        var plan = CostModel.Compute(Scenarios.Linear(0.10, 0, 0.25, 0), volume: 1);

        Assert.Equal(BreakEvenKind.GenerateAlwaysCheaper, plan.BreakEven.Kind);
        Assert.Null(plan.BreakEven.Volume);
        Assert.Equal([new VolumeRange(1, null)], plan.BreakEven.GenerateCheaperRanges);
    }

    [Fact]
    public void Equal_per_sample_costs_and_no_set_up_count_as_always_cheaper_or_equal()
    {
        var plan = CostModel.Compute(Scenarios.Linear(0.25, 0, 0.25, 0), volume: 10);

        Assert.Equal(BreakEvenKind.GenerateAlwaysCheaper, plan.BreakEven.Kind);
        Assert.Equal("tie", plan.CheaperOption);
    }

    [Fact]
    public void An_exact_break_even_volume_counts_as_cheaper_at_that_volume()
    {
        // generate 1000 + 1 × V, buy 2 × V: equal at V = 1000 exactly.
        var plan = CostModel.Compute(Scenarios.Linear(1.0, 1000, 2.0, 0), volume: 1000);

        Assert.Equal(1000L, plan.BreakEven.Volume);
        Assert.Equal("tie", plan.CheaperOption);
        Assert.Equal("buy", CostModel.Compute(Scenarios.Linear(1.0, 1000, 2.0, 0), volume: 999).CheaperOption);
    }

    [Fact]
    public void A_vendor_minimum_order_can_make_generating_cheaper_only_for_small_orders()
    {
        // generate 1.00 per sample, no set-up; buy 0.50 per sample but at least 1,000 per order.
        // buy − generate = 1000 − V while the minimum binds (V ≤ 2000) → ≥ 0 for V ≤ 1000; afterwards −0.5 V < 0.
        var plan = CostModel.Compute(Scenarios.Linear(1.0, 0, 0.5, 1000), volume: 500);

        Assert.Equal(BreakEvenKind.GenerateCheaperUpToVolume, plan.BreakEven.Kind);
        Assert.Equal(1000L, plan.BreakEven.Volume);
        Assert.Equal([new VolumeRange(1, 1000)], plan.BreakEven.GenerateCheaperRanges);
        Assert.Equal("generate", plan.CheaperOption);
    }

    [Fact]
    public void A_minimum_order_and_a_set_up_can_give_two_separate_windows()
    {
        // generate 0.95 per sample + 900 set-up; buy 1.00 per sample, minimum 1,000.
        // minimum binds for V ≤ 1000: buy − generate = 100 − 0.95 V ≥ 0 → V ≤ 105.26 → 1..105
        // afterwards: 0.05 V − 900 ≥ 0 → V ≥ 18,000
        var plan = CostModel.Compute(Scenarios.Linear(0.95, 900, 1.0, 1000), volume: 5000);

        Assert.Equal(BreakEvenKind.GenerateCheaperFromVolume, plan.BreakEven.Kind);
        Assert.Equal(18_000L, plan.BreakEven.Volume);
        Assert.Equal([new VolumeRange(1, 105), new VolumeRange(18_000, null)], plan.BreakEven.GenerateCheaperRanges);
        Assert.Contains("also cheaper up to 105", plan.BreakEven.Summary, StringComparison.Ordinal);
        Assert.Equal("buy", plan.CheaperOption);
    }

    [Fact]
    public void Break_even_ranges_agree_with_checking_every_volume()
    {
        // A deterministic grid of per-sample costs, set-ups and minimum orders: the solved ranges must equal the set
        // of volumes where generate total ≤ buy total, checked volume by volume up to 3,000.
        double[] generateCosts = [0.05, 0.4, 0.95, 1.0, 1.7];
        double[] setups = [0, 90, 900, 1999];
        double[] buyCosts = [0.1, 0.5, 1.0, 2.0];
        double[] minimums = [0, 250, 1000, 2600];
        foreach (var g in generateCosts)
        {
            foreach (var s in setups)
            {
                foreach (var b in buyCosts)
                {
                    foreach (var m in minimums)
                    {
                        var ranges = CostModel.Compute(Scenarios.Linear(g, s, b, m), 1).BreakEven.GenerateCheaperRanges;
                        for (var v = 1; v <= 3000; v++)
                        {
                            var expected = s + (v * g) <= Math.Max(m, v * b) + 1e-9;
                            var solved = ranges.Any(r => v >= r.From && (r.To is null || v <= r.To));
                            Assert.True(expected == solved, $"g={g} s={s} b={b} m={m} v={v}: expected {expected}, ranges {string.Join(" ", ranges)}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Dominant_inputs_rank_by_elasticity()
    {
        var plan = CostModel.Compute(Scenarios.LocalVersusVendor, volume: 2000);

        // Set-up is 500 of 633 per 1,000 generated → elasticity 0.79, the largest; the vendor price drives buying
        // (750 of 812.5 → 0.92). Both must appear, sorted by |elasticity|.
        Assert.Equal(plan.DominantInputs.OrderByDescending(d => Math.Abs(d.Elasticity)).ToList(), plan.DominantInputs);
        var price = plan.DominantInputs.Single(d => d.Input == "pricePerLabelUsd");
        Assert.Equal(CostSide.Buy, price.Side);
        Assert.Equal(750 / 812.5, price.Elasticity, 1e-6);
        var setup = plan.DominantInputs.Single(d => d.Input == "setupCostUsd");
        Assert.Equal(500 / 633.0, setup.Elasticity, 1e-6);
    }

    public static TheoryData<CostInputs, string, string> InvalidInputs => new()
    {
        { CostInputs.Default with { AcceptanceRate = 0 }, "acceptanceRate", "more than 0" },
        { CostInputs.Default with { AcceptanceRate = 1.2 }, "acceptanceRate", "at most 1" },
        { CostInputs.Default with { AcceptanceRate = double.NaN }, "acceptanceRate", "finite" },
        { CostInputs.Default with { ApiPricePerMillionInputTokensUsd = -1 }, "apiPricePerMillionInputTokensUsd", "0 or more" },
        { CostInputs.Default with { MachineCostPerHourUsd = -0.5 }, "machineCostPerHourUsd", "0 or more" },
        { CostInputs.Default with { PricePerLabelUsd = -0.01 }, "pricePerLabelUsd", "0 or more" },
        { CostInputs.Default with { ReviewerHourlyRateUsd = double.PositiveInfinity }, "reviewerHourlyRateUsd", "finite" },
        { CostInputs.Default with { RejectionRate = 1 }, "rejectionRate", "below 1" },
        { CostInputs.Default with { SamplesPerCall = 0.5 }, "samplesPerCall", "at least 1" },
        { CostInputs.Default with { GenerationTokensPerSecond = 0 }, "generationTokensPerSecond", "more than 0" },
        { CostInputs.Default with { ReviewersAvailable = 0 }, "reviewersAvailable", "whole number" },
        { CostInputs.Default with { ReviewFraction = 1.5 }, "reviewFraction", "between 0 and 1" },
        { CostInputs.Default with { Rounds = 0 }, "rounds", "at least 1" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Invalid_inputs_give_a_clear_error_naming_the_input(CostInputs inputs, string input, string rule)
    {
        var ex = Assert.Throws<SynthVaultException>(() => CostModel.Compute(inputs, 1000));

        Assert.StartsWith(input + " ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acceptance_zero_explains_how_to_measure_it()
    {
        var ex = Assert.Throws<SynthVaultException>(() => CostModel.Compute(CostInputs.Default with { AcceptanceRate = 0 }, 1000));

        Assert.Contains("pilot run", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_volume_below_one_is_rejected(int volume)
    {
        var ex = Assert.Throws<SynthVaultException>(() => CostModel.Compute(CostInputs.Default, volume));

        Assert.Contains("volume must be at least 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_inputs_give_a_finite_plan()
    {
        var plan = CostModel.Compute(CostInputs.Default, 1000);

        Assert.True(double.IsFinite(plan.GenerateCostPer1000) && plan.GenerateCostPer1000 > 0);
        Assert.True(double.IsFinite(plan.BuyCostPer1000) && plan.BuyCostPer1000 > 0);
        Assert.NotEmpty(plan.DominantInputs);
    }
}
