using System.Text.Json;
using System.Text.Json.Serialization;

namespace SynthVault.Planner;

/// <summary>
/// Everything a cost view shows: the plan, the tornado, where each input came from and the warnings. The same
/// object feeds the CLI table, the JSON (<see cref="ToJson"/>, stable camelCase keys) and the HTML page.
/// </summary>
/// <param name="Plan">The computed plan.</param>
/// <param name="Tornado">Sensitivity bars, largest swing first.</param>
/// <param name="Inputs">Every input with its value and source.</param>
/// <param name="Warnings">Stale presets and other caveats.</param>
public sealed record CostReport(CostPlan Plan, IReadOnlyList<TornadoBar> Tornado, IReadOnlyList<InputProvenance> Inputs, IReadOnlyList<string> Warnings)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Computes the plan and the tornado for a scenario; measured inputs get the narrower default ranges.</summary>
    /// <param name="scenario">Inputs with provenance.</param>
    /// <param name="volume">Accepted samples wanted.</param>
    /// <param name="ranges">Explicit ranges; null for <see cref="Sensitivity.DefaultRanges"/>. Explicit ranges replace the defaults for their inputs only.</param>
    public static CostReport Create(CostScenario scenario, int volume, IReadOnlyList<InputRange>? ranges = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var plan = CostModel.Compute(scenario.Inputs, volume);
        var defaults = Sensitivity.DefaultRanges(scenario.Inputs, scenario.MeasuredInputs);
        var chosen = ranges is null or { Count: 0 }
            ? defaults
            : [.. ranges, .. defaults.Where(d => !ranges.Any(r => string.Equals(r.Input, d.Input, StringComparison.OrdinalIgnoreCase)))];
        var tornado = Sensitivity.Tornado(scenario.Inputs, volume, chosen);
        return new CostReport(plan, tornado, scenario.Provenance, scenario.Warnings);
    }

    /// <summary>The report as indented JSON with camelCase keys and enum names.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
