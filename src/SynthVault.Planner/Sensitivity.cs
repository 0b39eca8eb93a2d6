using SynthVault.Core.Errors;

namespace SynthVault.Planner;

/// <summary>A low and a high value to try for one input, the others held at their base values.</summary>
/// <param name="Input">The catalog name of the input (see <see cref="CostInputCatalog"/>).</param>
/// <param name="Low">The low value.</param>
/// <param name="High">The high value.</param>
public sealed record InputRange(string Input, double Low, double High);

/// <summary>
/// One bar of the tornado: both costs per 1,000 with the input at its low, base and high value. The swing is
/// measured on the gap generate − buy, the number a buy-or-generate decision rests on: for an input that moves only
/// one side it equals that side's change; for reviewer time, which prices review and QA alike, it is the net effect.
/// </summary>
public sealed record TornadoBar(
    string Input,
    string Unit,
    CostSide Side,
    double LowValue,
    double BaseValue,
    double HighValue,
    double GenerateCostAtLow,
    double GenerateCostAtBase,
    double GenerateCostAtHigh,
    double BuyCostAtLow,
    double BuyCostAtBase,
    double BuyCostAtHigh,
    double Swing,
    bool DecisionFlips)
{
    /// <summary>Generate − buy per 1,000 with the input at its low value (negative: generating saves money).</summary>
    public double GapAtLow => GenerateCostAtLow - BuyCostAtLow;

    /// <summary>Generate − buy per 1,000 at the base values.</summary>
    public double GapAtBase => GenerateCostAtBase - BuyCostAtBase;

    /// <summary>Generate − buy per 1,000 with the input at its high value.</summary>
    public double GapAtHigh => GenerateCostAtHigh - BuyCostAtHigh;
}

/// <summary>One-at-a-time sensitivity analysis (a tornado table).</summary>
public static class Sensitivity
{
    /// <summary>
    /// The default ranges for every uncertain input that matters in this configuration: ±20 % for measured inputs
    /// (a pilot's sampling error), wider spans for assumptions (see <see cref="CostInputDescriptor.DefaultRange"/>).
    /// Prices you set yourself (fees, offered pay, minimum orders) are not varied.
    /// </summary>
    public static IReadOnlyList<InputRange> DefaultRanges(CostInputs inputs, IReadOnlySet<string>? measuredInputs = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var ranges = new List<InputRange>();
        foreach (var descriptor in CostInputCatalog.All)
        {
            if (descriptor.Side == CostSide.Time || !descriptor.IsUncertain || !descriptor.IsRelevant(inputs) || descriptor.Get(inputs) is not { } value)
            {
                continue;
            }

            var (low, high) = descriptor.DefaultRange(value, measuredInputs?.Contains(descriptor.Name) == true);
            if (low != high)
            {
                ranges.Add(new InputRange(descriptor.Name, low, high));
            }
        }

        return ranges;
    }

    /// <summary>
    /// Varies each input over its range and returns the bars sorted by swing, largest first.
    /// </summary>
    /// <param name="inputs">Base inputs (validated).</param>
    /// <param name="volume">Accepted samples wanted (set-up and minimum orders depend on it).</param>
    /// <param name="ranges">Ranges to try; null for <see cref="DefaultRanges"/>.</param>
    /// <exception cref="SynthVaultException">An input or a range value is invalid (the message names it).</exception>
    public static IReadOnlyList<TornadoBar> Tornado(CostInputs inputs, int volume, IReadOnlyList<InputRange>? ranges = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CostModel.ValidateVolume(volume);
        CostInputCatalog.Validate(inputs);
        ranges ??= DefaultRanges(inputs);

        var (baseGenerate, baseBuy) = CostModel.CostsPer1000(inputs, volume);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var bars = new List<TornadoBar>(ranges.Count);
        foreach (var range in ranges)
        {
            var descriptor = CostInputCatalog.Find(range.Input);
            if (!seen.Add(descriptor.Name))
            {
                throw new SynthVaultException($"range for {descriptor.Name} is given twice.");
            }

            if (descriptor.Get(inputs) is not { } baseValue)
            {
                throw new SynthVaultException($"range for {descriptor.Name}: the input is not set, so there is nothing to vary.", hint: $"Set {descriptor.Name} first.");
            }

            if (range.Low > range.High)
            {
                throw new SynthVaultException($"range for {descriptor.Name}: low ({range.Low}) is above high ({range.High}).");
            }

            var atLow = CostModel.CostsPer1000(WithRangeValue(descriptor, inputs, range.Low), volume);
            var atHigh = CostModel.CostsPer1000(WithRangeValue(descriptor, inputs, range.High), volume);
            var gapLow = atLow.Generate - atLow.Buy;
            var gapHigh = atHigh.Generate - atHigh.Buy;
            var gapBase = baseGenerate - baseBuy;
            var flips = Flips(gapBase, gapLow, baseGenerate, baseBuy) || Flips(gapBase, gapHigh, baseGenerate, baseBuy);
            bars.Add(new TornadoBar(
                descriptor.Name,
                descriptor.Unit,
                descriptor.Side,
                range.Low,
                baseValue,
                range.High,
                atLow.Generate,
                baseGenerate,
                atHigh.Generate,
                atLow.Buy,
                baseBuy,
                atHigh.Buy,
                Math.Abs(gapHigh - gapLow),
                flips));
        }

        return [.. bars.OrderByDescending(b => b.Swing).ThenBy(b => b.Input, StringComparer.Ordinal)];
    }

    private static CostInputs WithRangeValue(CostInputDescriptor descriptor, CostInputs inputs, double value)
    {
        try
        {
            return descriptor.With(inputs, value);
        }
        catch (SynthVaultException ex)
        {
            throw new SynthVaultException($"range for {descriptor.Name}: {ex.Problem}", hint: ex.Hint);
        }
    }

    /// <summary>Whether the cheaper option changes sign; a tie at either end does not count as a flip.</summary>
    private static bool Flips(double gapBase, double gap, double baseGenerate, double baseBuy)
    {
        var scale = Math.Max(1, Math.Max(baseGenerate, baseBuy));
        var tolerance = 1e-9 * scale;
        return (gapBase < -tolerance && gap > tolerance) || (gapBase > tolerance && gap < -tolerance);
    }
}
