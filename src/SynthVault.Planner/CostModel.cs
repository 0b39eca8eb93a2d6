using System.Globalization;
using SynthVault.Core.Errors;

namespace SynthVault.Planner;

/// <summary>
/// The buy-vs-generate cost model. All costs are in USD per 1,000 accepted (quality) samples unless named
/// otherwise; every formula is written out in COST-MODEL.md next to this file. In short, with A the acceptance
/// rate and R the rounds:
/// <code>
/// candidates per accepted     = 1 / A
/// machine $/s                 = (machineCostPerHourUsd + machinePowerWatts / 1000 × electricityPricePerKwhUsd) / 3600
/// generator s per candidate   = promptTokensPerCall / samplesPerCall / promptTokensPerSecond + outputTokensPerSample / generationTokensPerSecond
/// generation per 1,000        = 1000 / A × R × (local: s per candidate × machine $/s
///                                                | api: (promptTokensPerCall / samplesPerCall × in$ + outputTokensPerSample × out$) / 1e6)
/// judge per 1,000             = 1000 / A × R × (local: (judge prompt / prompt tok/s + judge output / gen tok/s) × machine $/s
///                                                | api: judge tokens × judge prices / 1e6)
/// review per 1,000            = 1000 × reviewFraction × reviewSecondsPerItem / 3600 × reviewerHourlyRateUsd × (1 + reviewPlatformFeeFraction)
/// setup per 1,000             = setupCostUsd × 1000 / volume
/// buy unit price              = pricePerLabelUsd | writingSecondsPerItem / 3600 × max(hourlyRateUsd, platformMinimumHourlyUsd)
/// labels per 1,000            = 1000 × unit × (1 + vendorFeeFraction) / (1 − rejectionRate)
/// qa per 1,000                = 1000 / (1 − rejectionRate) × qaShareFraction × reviewSecondsPerItem / 3600 × reviewerHourlyRateUsd × (1 + reviewPlatformFeeFraction)
/// buy total(V)                = max(minimumOrderUsd, V / 1000 × labels per 1,000) + V / 1000 × qa per 1,000
/// generate total(V)           = setupCostUsd + V / 1000 × (generation + judge + review per 1,000)
/// </code>
/// </summary>
public static class CostModel
{
    private const double SecondsPerHour = 3600;

    /// <summary>Volumes beyond this are treated as unbounded when solving for the break-even.</summary>
    internal const double VolumeCap = 1e15;

    /// <summary>Computes both costs, the break-even, the time to deliver and the dominant inputs.</summary>
    /// <param name="inputs">The model inputs; validated first.</param>
    /// <param name="volume">Accepted samples wanted, at least 1.</param>
    /// <exception cref="SynthVaultException">An input is outside its domain (the message names it).</exception>
    public static CostPlan Compute(CostInputs inputs, int volume)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ValidateVolume(volume);
        CostInputCatalog.Validate(inputs);

        var units = UnitCosts.From(inputs);
        var generate = GenerateSide(units, inputs, volume);
        var buy = BuySide(units, volume);
        var breakEven = FindBreakEven(units);
        var time = Time(inputs, units, volume);
        var dominant = DominantInputs(inputs, volume);
        return new CostPlan(volume, generate, buy, breakEven, time, dominant, inputs);
    }

    /// <summary>Throws when <paramref name="volume"/> is below 1.</summary>
    public static void ValidateVolume(long volume)
    {
        if (volume < 1)
        {
            throw new SynthVaultException($"volume must be at least 1 accepted sample, got {volume.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Generate and buy cost per 1,000 at <paramref name="volume"/>, without validation (used for perturbations).</summary>
    internal static (double Generate, double Buy) CostsPer1000(CostInputs inputs, int volume)
    {
        var units = UnitCosts.From(inputs);
        return (units.GenerateTotal(volume) * 1000 / volume, units.BuyTotal(volume) * 1000 / volume);
    }

    internal static bool NearlyEqual(double a, double b) =>
        Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static SideCost GenerateSide(UnitCosts u, CostInputs inputs, int volume)
    {
        var setupPer1000 = inputs.SetupCostUsd * 1000 / volume;
        var total = u.GenerateTotal(volume);
        var per1000 = total * 1000 / volume;
        var generationLabel = inputs.Engine == GenerationEngine.Api ? "Generation (API tokens)" : "Generation (machine time)";
        var judgeLabel = inputs.Judge switch
        {
            JudgeEngine.Api => "Judge (API tokens)",
            JudgeEngine.Local => "Judge (machine time)",
            _ => "Judge (none)",
        };
        var breakdown = Components(per1000,
            ("generation", generationLabel, u.GenerationPerAccepted * 1000),
            ("judge", judgeLabel, u.JudgePerAccepted * 1000),
            ("review", "Human review", u.ReviewPerAccepted * 1000),
            ("setup", "One-time set-up, spread over the volume", setupPer1000));
        return new SideCost(per1000, total, u.GenerateVariablePerAccepted, inputs.SetupCostUsd, breakdown);
    }

    private static SideCost BuySide(UnitCosts u, int volume)
    {
        var labels = u.LabelsPerAccepted * volume;
        var topUp = Math.Max(0, u.MinimumOrderUsd - labels);
        var total = u.BuyTotal(volume);
        var per1000 = total * 1000 / volume;
        var breakdown = Components(per1000,
            ("labels", "Vendor price incl. fee, rejected items paid", u.LabelsPerAccepted * 1000),
            ("minimumOrderTopUp", "Top-up to the minimum order", topUp * 1000 / volume),
            ("qa", "Your QA of delivered items", u.QaPerAccepted * 1000));
        return new SideCost(per1000, total, u.BuyVariablePerAccepted, u.MinimumOrderUsd, breakdown);
    }

    private static CostComponent[] Components(double per1000, params (string Key, string Label, double Cost)[] parts) =>
        [.. parts.Select(p => new CostComponent(p.Key, p.Label, p.Cost, per1000 > 0 ? p.Cost / per1000 : 0))];

    private static TimeToDeliver Time(CostInputs c, UnitCosts u, int volume)
    {
        var generationHours = volume / c.AcceptanceRate * c.Rounds * (u.GeneratorSecondsPerCandidate + u.JudgeSecondsPerCandidate) / SecondsPerHour;
        var reviewHours = volume * c.ReviewFraction * c.ReviewSecondsPerItem / SecondsPerHour / c.ReviewersAvailable;

        // Review follows generation batch by batch, so the two overlap and the slower one sets the pace.
        var generateDays = Math.Max(generationHours / 24, reviewHours / c.ReviewerHoursPerDay);
        double? buyDays = null;
        if (c.VendorItemsPerDay is { } perDay)
        {
            var delivered = volume / (1 - c.RejectionRate);
            var qaHours = delivered * c.QaShareFraction * c.ReviewSecondsPerItem / SecondsPerHour / c.ReviewersAvailable;
            buyDays = Math.Max(delivered / perDay, qaHours / c.ReviewerHoursPerDay);
        }

        return new TimeToDeliver(generationHours, reviewHours, generateDays, buyDays);
    }

    /// <summary>
    /// Solves generate total(V) ≤ buy total(V) over whole volumes V ≥ 1. The difference buy − generate is linear in
    /// V on two pieces: while the minimum order binds (V ≤ minimumOrderUsd / labels per sample) it is
    /// (M − S) + (qa − g)·V, afterwards (labels + qa − g)·V − S. The slope only grows, so the difference is convex
    /// and "generate is cheaper" holds on a prefix, a suffix, both, all or nothing.
    /// </summary>
    internal static BreakEven FindBreakEven(UnitCosts u)
    {
        var s = u.SetupUsd;
        var m = u.MinimumOrderUsd;
        var g = u.GenerateVariablePerAccepted;
        var l = u.LabelsPerAccepted;
        var q = u.QaPerAccepted;
        var slopeScale = Math.Max(g, l + q);
        var ranges = new List<VolumeRange>();

        // The volume up to which the minimum order binds (the floor piece).
        var floorEnd = m <= 0 ? 0 : l > 0 ? m / l : double.PositiveInfinity;
        if (floorEnd >= 1)
        {
            AddSolution(ranges, m - s, q - g, 1, floorEnd, slopeScale);
        }

        var linearStart = Math.Max(1, Math.Ceiling(floorEnd));
        if (linearStart <= VolumeCap)
        {
            AddSolution(ranges, -s, l + q - g, linearStart, double.PositiveInfinity, slopeScale);
        }

        var merged = Merge(ranges);
        return Describe(merged, g, l + q);
    }

    /// <summary>Adds the whole volumes V in [lo, hi] with a + b·V ≥ 0 (within rounding).</summary>
    private static void AddSolution(List<VolumeRange> ranges, double a, double b, double lo, double hi, double slopeScale)
    {
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(a));
        double from;
        double to;
        if (Math.Abs(b) <= 1e-12 * slopeScale)
        {
            if (a < -tolerance)
            {
                return;
            }

            (from, to) = (lo, hi);
        }
        else
        {
            var root = -a / b;
            var slack = 1e-9 * Math.Max(1, Math.Abs(root));
            (from, to) = b > 0 ? (Math.Max(lo, Math.Ceiling(root - slack)), hi) : (lo, Math.Min(hi, Math.Floor(root + slack)));
        }

        from = Math.Max(from, lo);
        to = Math.Floor(to);
        if (from > to || from > VolumeCap)
        {
            return;
        }

        ranges.Add(new VolumeRange((long)from, to >= VolumeCap ? null : (long)to));
    }

    private static List<VolumeRange> Merge(List<VolumeRange> ranges)
    {
        ranges.Sort((x, y) => x.From.CompareTo(y.From));
        var merged = new List<VolumeRange>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && (merged[^1].To is null || merged[^1].To + 1 >= range.From))
            {
                var last = merged[^1];
                var to = last.To is null || range.To is null ? null : (long?)Math.Max(last.To.Value, range.To.Value);
                merged[^1] = last with { To = to };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static BreakEven Describe(List<VolumeRange> ranges, double generatePerSample, double buyPerSample)
    {
        var inv = CultureInfo.InvariantCulture;
        if (ranges.Count == 0)
        {
            var why = generatePerSample >= buyPerSample
                ? "each generated sample costs at least as much as a bought one, so the set-up never pays back"
                : "the one-time set-up outweighs the savings at every volume";
            return new BreakEven(BreakEvenKind.GenerateNeverCheaper, null, ranges, $"Buying is cheaper at every volume: {why}.");
        }

        if (ranges is [{ From: 1, To: null }])
        {
            return new BreakEven(BreakEvenKind.GenerateAlwaysCheaper, null, ranges, "Generating costs no more than buying at every volume.");
        }

        var last = ranges[^1];
        if (last.To is null)
        {
            var extra = ranges.Count > 1 && ranges[0].To is { } smallEnd
                ? string.Create(inv, $" It is also cheaper up to {smallEnd:N0}, where the vendor's minimum order dominates.")
                : string.Empty;
            return new BreakEven(BreakEvenKind.GenerateCheaperFromVolume, last.From, ranges,
                string.Create(inv, $"Generating becomes cheaper from {last.From:N0} accepted samples on, once the one-time set-up is spread thinly enough.{extra}"));
        }

        return new BreakEven(BreakEvenKind.GenerateCheaperUpToVolume, last.To, ranges,
            string.Create(inv, $"Generating is cheaper only up to {last.To:N0} accepted samples, while the vendor's minimum order dominates; beyond that each bought sample costs less."));
    }

    private static DominantInput[] DominantInputs(CostInputs inputs, int volume)
    {
        var baseCosts = CostsPer1000(inputs, volume);
        var found = new List<DominantInput>();
        foreach (var descriptor in CostInputCatalog.All)
        {
            if (descriptor.Side == CostSide.Time || !descriptor.IsRelevant(inputs) || descriptor.Get(inputs) is not { } value || value == 0)
            {
                continue;
            }

            const double h = 0.01;
            var up = CostsPer1000(Perturbed(descriptor, inputs, value * (1 + h)), volume);
            var down = CostsPer1000(Perturbed(descriptor, inputs, value * (1 - h)), volume);
            var generate = baseCosts.Generate > 0 ? (up.Generate - down.Generate) / (2 * h * baseCosts.Generate) : 0;
            var buy = baseCosts.Buy > 0 ? (up.Buy - down.Buy) / (2 * h * baseCosts.Buy) : 0;
            var (side, elasticity) = Math.Abs(generate) >= Math.Abs(buy) ? (CostSide.Generate, generate) : (CostSide.Buy, buy);
            if (Math.Abs(elasticity) > 1e-6)
            {
                found.Add(new DominantInput(descriptor.Name, side, elasticity));
            }
        }

        return [.. found.OrderByDescending(d => Math.Abs(d.Elasticity)).ThenBy(d => d.Input, StringComparer.Ordinal).Take(5)];
    }

    /// <summary>Sets a value without domain checks: a ±1 % step may leave the domain (acceptance 1.01) and the formulas still hold.</summary>
    private static CostInputs Perturbed(CostInputDescriptor descriptor, CostInputs inputs, double value) =>
        descriptor.Rule == InputRule.PositiveInteger ? inputs : descriptor.SetUnchecked(inputs, value);
}

/// <summary>Per-accepted-sample costs and per-candidate seconds, the building blocks of every formula.</summary>
internal readonly record struct UnitCosts(
    double GeneratorSecondsPerCandidate,
    double JudgeSecondsPerCandidate,
    double GenerationPerAccepted,
    double JudgePerAccepted,
    double ReviewPerAccepted,
    double LabelsPerAccepted,
    double QaPerAccepted,
    double SetupUsd,
    double MinimumOrderUsd)
{
    public double GenerateVariablePerAccepted => GenerationPerAccepted + JudgePerAccepted + ReviewPerAccepted;

    public double BuyVariablePerAccepted => LabelsPerAccepted + QaPerAccepted;

    public double GenerateTotal(double volume) => SetupUsd + (volume * GenerateVariablePerAccepted);

    public double BuyTotal(double volume) => Math.Max(MinimumOrderUsd, volume * LabelsPerAccepted) + (volume * QaPerAccepted);

    public static UnitCosts From(CostInputs c)
    {
        const double secondsPerHour = 3600;
        const double perMillion = 1_000_000;
        var machinePerSecond = (c.MachineCostPerHourUsd + (c.MachinePowerWatts / 1000 * c.ElectricityPricePerKwhUsd)) / secondsPerHour;
        var promptPerSample = c.PromptTokensPerCall / c.SamplesPerCall;
        var generatorSeconds = (promptPerSample / c.PromptTokensPerSecond) + (c.OutputTokensPerSample / c.GenerationTokensPerSecond);
        var generationPerCandidate = c.Engine == GenerationEngine.Api
            ? ((promptPerSample * c.ApiPricePerMillionInputTokensUsd) + (c.OutputTokensPerSample * c.ApiPricePerMillionOutputTokensUsd)) / perMillion
            : generatorSeconds * machinePerSecond;

        var judgeSeconds = c.Judge == JudgeEngine.None
            ? 0
            : (c.JudgePromptTokensPerSample / (c.JudgePromptTokensPerSecond ?? c.PromptTokensPerSecond))
              + (c.JudgeOutputTokensPerSample / (c.JudgeGenerationTokensPerSecond ?? c.GenerationTokensPerSecond));
        var judgePerCandidate = c.Judge switch
        {
            JudgeEngine.Local => judgeSeconds * machinePerSecond,
            JudgeEngine.Api => ((c.JudgePromptTokensPerSample * c.JudgeApiPricePerMillionInputTokensUsd) + (c.JudgeOutputTokensPerSample * c.JudgeApiPricePerMillionOutputTokensUsd)) / perMillion,
            _ => 0,
        };

        var candidatesPerAccepted = c.Rounds / c.AcceptanceRate;
        var reviewerPerSecond = c.ReviewerHourlyRateUsd * (1 + c.ReviewPlatformFeeFraction) / secondsPerHour;
        var review = c.ReviewFraction * c.ReviewSecondsPerItem * reviewerPerSecond;

        var unitPrice = c.PricePerLabelUsd ?? c.WritingSecondsPerItem / secondsPerHour * Math.Max(c.HourlyRateUsd, c.PlatformMinimumHourlyUsd);
        var deliveredPerAccepted = 1 / (1 - c.RejectionRate);
        var labels = unitPrice * (1 + c.VendorFeeFraction) * deliveredPerAccepted;
        var qa = deliveredPerAccepted * c.QaShareFraction * c.ReviewSecondsPerItem * reviewerPerSecond;

        return new UnitCosts(
            generatorSeconds,
            judgeSeconds,
            generationPerCandidate * candidatesPerAccepted,
            judgePerCandidate * candidatesPerAccepted,
            review,
            labels,
            qa,
            c.SetupCostUsd,
            c.MinimumOrderUsd);
    }
}
