using System.Text.Json.Serialization;

namespace SynthVault.Planner;

/// <summary>One line of a cost breakdown.</summary>
/// <param name="Component">Stable key: generation, judge, review, setup (generate); labels, minimumOrderTopUp, qa (buy).</param>
/// <param name="Label">Human label.</param>
/// <param name="CostPer1000Usd">The component's cost per 1,000 accepted samples at the plan's volume.</param>
/// <param name="Share">Its share of the side's cost per 1,000 (0 when the side costs nothing).</param>
public sealed record CostComponent(string Component, string Label, double CostPer1000Usd, double Share);

/// <summary>One side of the comparison.</summary>
/// <param name="CostPer1000Usd">Cost per 1,000 accepted samples at the plan's volume (set-up and minimums included).</param>
/// <param name="TotalUsd">Total cost for the plan's volume.</param>
/// <param name="VariableCostPerSampleUsd">Cost of one more accepted sample (no set-up, no minimum order).</param>
/// <param name="FixedCostUsd">Volume-independent cost: set-up for generating, the minimum order for buying (a floor, see COST-MODEL.md).</param>
/// <param name="Breakdown">Components, summing to <paramref name="CostPer1000Usd"/>.</param>
public sealed record SideCost(double CostPer1000Usd, double TotalUsd, double VariableCostPerSampleUsd, double FixedCostUsd, IReadOnlyList<CostComponent> Breakdown);

/// <summary>How the break-even comes out.</summary>
public enum BreakEvenKind
{
    /// <summary>Generating costs no more than buying at every volume.</summary>
    GenerateAlwaysCheaper,

    /// <summary>Buying is cheaper at every volume.</summary>
    GenerateNeverCheaper,

    /// <summary>Generating is cheaper from <see cref="BreakEven.Volume"/> on (set-up amortised); buying is cheaper below (except any small-volume window in the ranges).</summary>
    GenerateCheaperFromVolume,

    /// <summary>Generating is cheaper only up to <see cref="BreakEven.Volume"/> (a vendor minimum order dominates small orders); buying is cheaper beyond.</summary>
    GenerateCheaperUpToVolume,
}

/// <summary>A range of whole volumes; <paramref name="To"/> null means no upper end.</summary>
public sealed record VolumeRange(long From, long? To);

/// <summary>
/// Where generating becomes (or stops being) cheaper. Both total costs are piecewise linear in the volume and their
/// difference is convex, so "generate is cheaper" holds on at most a prefix and a suffix of the volumes; the ranges
/// list them exactly.
/// </summary>
/// <param name="Kind">The headline case.</param>
/// <param name="Volume">The break-even volume for the two crossing kinds; null for always/never.</param>
/// <param name="GenerateCheaperRanges">Every volume range where generating costs no more than buying.</param>
/// <param name="Summary">One sentence for people.</param>
public sealed record BreakEven(BreakEvenKind Kind, long? Volume, IReadOnlyList<VolumeRange> GenerateCheaperRanges, string Summary);

/// <summary>Calendar time to deliver the plan's volume.</summary>
/// <param name="GenerationHours">Machine (or API) hours to generate and judge all candidates, all rounds.</param>
/// <param name="ReviewHours">Elapsed working hours of review with the available reviewers working in parallel.</param>
/// <param name="GenerateCalendarDays">Days to deliver by generating: the machine runs 24 h a day, reviewers their hours per day, and review follows generation batch by batch, so the slower of the two sets the pace.</param>
/// <param name="BuyCalendarDays">Days to deliver by buying, from the vendor's items per day and your QA; null when the vendor's pace is unknown.</param>
public sealed record TimeToDeliver(double GenerationHours, double ReviewHours, double GenerateCalendarDays, double? BuyCalendarDays);

/// <summary>An input that moves the cost most: 1 % more of it changes its side's cost per 1,000 by <paramref name="Elasticity"/> %.</summary>
/// <param name="Input">The input's catalog name.</param>
/// <param name="Side">The cost it was measured against (generate or buy; for inputs moving both, the larger effect).</param>
/// <param name="Elasticity">d(log cost) / d(log input), by central difference at ±1 %.</param>
public sealed record DominantInput(string Input, CostSide Side, double Elasticity);

/// <summary>The result of <see cref="CostModel.Compute"/>.</summary>
/// <param name="Volume">The requested number of accepted samples.</param>
/// <param name="Generate">The generate side.</param>
/// <param name="Buy">The buy side.</param>
/// <param name="BreakEven">Where generating becomes cheaper, if anywhere.</param>
/// <param name="Time">Calendar time to deliver.</param>
/// <param name="DominantInputs">The inputs that move the costs most, largest first.</param>
/// <param name="Inputs">The inputs the plan was computed from.</param>
public sealed record CostPlan(
    int Volume,
    SideCost Generate,
    SideCost Buy,
    BreakEven BreakEven,
    TimeToDeliver Time,
    IReadOnlyList<DominantInput> DominantInputs,
    [property: JsonIgnore] CostInputs Inputs)
{
    /// <summary>Generate cost per 1,000.</summary>
    [JsonIgnore]
    public double GenerateCostPer1000 => Generate.CostPer1000Usd;

    /// <summary>Buy cost per 1,000.</summary>
    [JsonIgnore]
    public double BuyCostPer1000 => Buy.CostPer1000Usd;

    /// <summary>"generate", "buy" or "tie" at the plan's volume.</summary>
    public string CheaperOption =>
        CostModel.NearlyEqual(Generate.TotalUsd, Buy.TotalUsd) ? "tie" : Generate.TotalUsd < Buy.TotalUsd ? "generate" : "buy";
}
