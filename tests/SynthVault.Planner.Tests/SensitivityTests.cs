using SynthVault.Core.Errors;

namespace SynthVault.Planner.Tests;

public sealed class SensitivityTests
{
    [Fact]
    public void Acceptance_bar_matches_the_hand_computation()
    {
        var bars = Sensitivity.Tornado(Scenarios.LocalVersusVendor, 2000, [new InputRange("acceptanceRate", 0.25, 0.75)]);
        var bar = Assert.Single(bars);

        // generation per 1,000 = 1000 / A × 16.5 s × 0.001 $/s: A = 0.25 → 66, A = 0.75 → 22 (base 33)
        // generate per 1,000 = generation + 100 review + 500 set-up → 666 / 633 / 622; buy stays 812.5
        Assert.Equal(666.0, bar.GenerateCostAtLow, 1e-6);
        Assert.Equal(633.0, bar.GenerateCostAtBase, 1e-6);
        Assert.Equal(622.0, bar.GenerateCostAtHigh, 1e-6);
        Assert.Equal(812.5, bar.BuyCostAtLow, 1e-6);
        Assert.Equal(812.5, bar.BuyCostAtHigh, 1e-6);

        // swing on the gap = |(622 − 812.5) − (666 − 812.5)| = 44; generating stays cheaper at both ends
        Assert.Equal(44.0, bar.Swing, 1e-6);
        Assert.False(bar.DecisionFlips);
        Assert.Equal(CostSide.Generate, bar.Side);
    }

    [Fact]
    public void Bars_are_sorted_by_swing_largest_first()
    {
        var bars = Sensitivity.Tornado(Scenarios.LocalVersusVendor, 2000);

        Assert.True(bars.Count >= 5);
        Assert.Equal(bars.OrderByDescending(b => b.Swing).ToList(), bars);

        // set-up ×0.5..×2 moves the generate cost by 250..+500 per 1,000, the biggest swing here (750)
        Assert.Equal("setupCostUsd", bars[0].Input);
        Assert.Equal(750.0, bars[0].Swing, 1e-6);
    }

    [Fact]
    public void A_range_that_crosses_the_break_even_flips_the_decision()
    {
        // Set-up doubled to 2,000: generate = 33 + 100 + 1000 = 1133 > buy 812.5 → buying wins at the high end.
        var bars = Sensitivity.Tornado(Scenarios.LocalVersusVendor, 2000, [new InputRange("setupCostUsd", 500, 2000)]);

        Assert.True(Assert.Single(bars).DecisionFlips);
    }

    [Fact]
    public void Reviewer_time_moves_both_sides_and_the_swing_is_the_net_effect()
    {
        var bar = Assert.Single(Sensitivity.Tornado(Scenarios.LocalVersusVendor, 2000, [new InputRange("reviewSecondsPerItem", 18, 72)]));

        // review per 1,000 = 1000 × 0.2 × s / 3600 × 50 → 50 at 18 s, 200 at 72 s
        // QA per 1,000 = 1250 × 0.1 × s / 3600 × 50 → 31.25 at 18 s, 125 at 72 s
        // gap change = (200 − 50) − (125 − 31.25) = 150 − 93.75 = 56.25
        Assert.Equal(CostSide.Both, bar.Side);
        Assert.Equal(583.0, bar.GenerateCostAtLow, 1e-6);
        Assert.Equal(733.0, bar.GenerateCostAtHigh, 1e-6);
        Assert.Equal(781.25, bar.BuyCostAtLow, 1e-6);
        Assert.Equal(875.0, bar.BuyCostAtHigh, 1e-6);
        Assert.Equal(56.25, bar.Swing, 1e-6);
    }

    [Fact]
    public void Measured_inputs_get_the_narrower_default_range()
    {
        var assumed = Sensitivity.DefaultRanges(Scenarios.LocalVersusVendor).Single(r => r.Input == "acceptanceRate");
        var measured = Sensitivity.DefaultRanges(Scenarios.LocalVersusVendor, new HashSet<string> { "acceptanceRate" }).Single(r => r.Input == "acceptanceRate");

        Assert.Equal((0.25, 0.75), (assumed.Low, assumed.High));
        Assert.Equal(0.4, measured.Low, 1e-12);
        Assert.Equal(0.6, measured.High, 1e-12);
    }

    [Fact]
    public void Default_ranges_skip_inputs_that_do_not_matter_and_prices_you_choose()
    {
        var names = Sensitivity.DefaultRanges(Scenarios.LocalVersusVendor).Select(r => r.Input).ToList();

        Assert.DoesNotContain("apiPricePerMillionInputTokensUsd", names);
        Assert.DoesNotContain("writingSecondsPerItem", names);
        Assert.DoesNotContain("vendorFeeFraction", names);
        Assert.DoesNotContain("reviewersAvailable", names);
        Assert.Contains("pricePerLabelUsd", names);
        Assert.Contains("machineCostPerHourUsd", names);
    }

    [Fact]
    public void Default_ranges_stay_inside_each_input_domain()
    {
        var inputs = Scenarios.LocalVersusVendor with { AcceptanceRate = 0.9, ReviewFraction = 0.8, Rounds = 1 };
        var ranges = Sensitivity.DefaultRanges(inputs);

        Assert.Equal(1.0, ranges.Single(r => r.Input == "acceptanceRate").High);
        Assert.Equal(1.0, ranges.Single(r => r.Input == "reviewFraction").High);
        Assert.Equal(1.0, ranges.Single(r => r.Input == "rounds").Low);
        Assert.NotEmpty(Sensitivity.Tornado(inputs, 1000, ranges));
    }

    [Fact]
    public void An_invalid_range_value_names_the_input()
    {
        var ex = Assert.Throws<SynthVaultException>(() => Sensitivity.Tornado(Scenarios.LocalVersusVendor, 2000, [new InputRange("acceptanceRate", 0, 0.8)]));

        Assert.StartsWith("range for acceptanceRate: acceptanceRate must be more than 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reversed_or_unknown_range_is_rejected()
    {
        Assert.Contains("is above high", Assert.Throws<SynthVaultException>(() =>
            Sensitivity.Tornado(Scenarios.LocalVersusVendor, 2000, [new InputRange("setupCostUsd", 10, 5)])).Message, StringComparison.Ordinal);
        Assert.Contains("unknown cost input 'speed'", Assert.Throws<SynthVaultException>(() =>
            Sensitivity.Tornado(Scenarios.LocalVersusVendor, 2000, [new InputRange("speed", 1, 2)])).Message, StringComparison.Ordinal);
    }
}
