using System.Globalization;
using SynthVault.Core.Errors;
using SynthVault.Planner.Presets;

namespace SynthVault.Planner;

/// <summary>Where an input's value came from.</summary>
public enum InputSource
{
    /// <summary>A built-in assumption (<see cref="CostInputs.Default"/>).</summary>
    Assumed,

    /// <summary>A price preset (which may itself be an estimate).</summary>
    Preset,

    /// <summary>Measured: an <c>llm bench</c> file or a run's <c>run-stats.json</c>.</summary>
    Measured,

    /// <summary>Given explicitly by the user (<c>--set name=value</c>).</summary>
    User,
}

/// <summary>One input's value and where it came from.</summary>
/// <param name="Input">Catalog name (or <c>engine</c> / <c>judge</c>).</param>
/// <param name="Value">The numeric value; null for choices and unset inputs.</param>
/// <param name="Display">The value as text (choices as their name, unset as "-").</param>
/// <param name="Unit">Unit, empty for choices.</param>
/// <param name="Source">Assumed, preset, measured or user.</param>
/// <param name="Detail">Which preset (with its date), which file, or "built-in assumption".</param>
/// <param name="Estimate">True when the value is an estimate: a built-in assumption or a preset marked as estimate.</param>
/// <param name="Relevant">Whether the input affects this plan (API prices do not matter to a local run).</param>
public sealed record InputProvenance(string Input, double? Value, string Display, string Unit, InputSource Source, string Detail, bool Estimate, bool Relevant);

/// <summary>Inputs ready for <see cref="CostModel.Compute"/>, with where each came from and any warnings.</summary>
/// <param name="Inputs">The validated inputs.</param>
/// <param name="Provenance">One entry per input, choices first, then catalog order.</param>
/// <param name="Warnings">Stale presets, overridden values, speeds that only set the time.</param>
public sealed record CostScenario(CostInputs Inputs, IReadOnlyList<InputProvenance> Provenance, IReadOnlyList<string> Warnings)
{
    /// <summary>Names of the measured inputs (the tornado varies them less).</summary>
    public IReadOnlySet<string> MeasuredInputs => Provenance.Where(p => p.Source == InputSource.Measured).Select(p => p.Input).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Assembles a <see cref="CostScenario"/> in layers, each overriding the one before, while recording the source of
/// every input: built-in assumptions, then presets, then measurements, then explicit values. Staleness is judged
/// against the injected clock.
/// </summary>
public sealed class CostScenarioBuilder
{
    private readonly TimeProvider clock;
    private readonly Dictionary<string, (InputSource Source, string Detail, bool Estimate)> sources = new(StringComparer.Ordinal);
    private readonly List<string> warnings = [];
    private CostInputs inputs;

    /// <summary>Starts from <paramref name="start"/> (default <see cref="CostInputs.Default"/>), all marked assumed.</summary>
    public CostScenarioBuilder(TimeProvider clock, CostInputs? start = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        inputs = start ?? CostInputs.Default;
    }

    /// <summary>Applies a price preset, warning when it is older than a year or replaces another preset's values.</summary>
    public CostScenarioBuilder ApplyPreset(PricePreset preset, PresetRole role = PresetRole.Generator)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var (next, set) = preset.ApplyTo(inputs, role);
        var detail = string.Create(CultureInfo.InvariantCulture, $"preset {preset.Id}{(preset.Estimate ? " (estimate)" : string.Empty)}, as of {preset.AsOf:yyyy-MM-dd}");
        var replaced = set.Where(name => sources.TryGetValue(name, out var s) && s.Source == InputSource.Preset)
            .Select(name => sources[name].Detail).Distinct(StringComparer.Ordinal).ToList();
        foreach (var previous in replaced)
        {
            warnings.Add($"{detail} replaces values set by {previous}.");
        }

        inputs = next;
        Record(set, InputSource.Preset, detail, preset.Estimate);
        if (preset.StalenessWarning(PresetCatalog.Today(clock)) is { } stale)
        {
            warnings.Add(stale);
        }

        return this;
    }

    /// <summary>Takes the prompt and generation speeds from an <c>llm bench</c> result.</summary>
    public CostScenarioBuilder ApplyBench(LlmBenchResult bench, string file, BenchThroughput throughput = BenchThroughput.Single)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(file);
        inputs = inputs with { PromptTokensPerSecond = bench.PromptTokensPerSecond, GenerationTokensPerSecond = bench.TokensPerSecond(throughput) };
        var name = Path.GetFileName(file);
        Record(["promptTokensPerSecond"], InputSource.Measured, $"{name}: promptTokensPerSecond ({bench.Model}, {bench.Backend}, {bench.Threads} threads)", false);
        Record(["generationTokensPerSecond"], InputSource.Measured, $"{name}: {LlmBenchResult.KeyFor(throughput)} ({bench.Model}, {bench.Backend}, {bench.Threads} threads)", false);
        return this;
    }

    /// <summary>Takes acceptance, call shape, review time and rounds from a run's <c>run-stats.json</c>.</summary>
    public CostScenarioBuilder ApplyRunStats(MeasuredRunStats stats, string file)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(file);
        inputs = inputs with
        {
            AcceptanceRate = stats.AcceptanceRate,
            SamplesPerCall = stats.SamplesPerCall,
            PromptTokensPerCall = stats.PromptTokensPerCall,
            OutputTokensPerSample = stats.OutputTokensPerSample,
            ReviewFraction = stats.ReviewFraction,
            Rounds = stats.Rounds,
            ReviewSecondsPerItem = stats.ReviewSecondsPerItem ?? inputs.ReviewSecondsPerItem,
        };
        List<string> measured = ["acceptanceRate", "samplesPerCall", "promptTokensPerCall", "outputTokensPerSample", "reviewFraction", "rounds"];
        if (stats.ReviewSecondsPerItem is not null)
        {
            measured.Add("reviewSecondsPerItem");
        }

        Record(measured, InputSource.Measured, file, false);
        return this;
    }

    /// <summary>Sets one input from text as the user gave it (<c>--set name=value</c>).</summary>
    public CostScenarioBuilder Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        inputs = CostInputCatalog.SetFromText(inputs, name, value);
        var canonical = CostInputCatalog.ChoiceNames.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
            ?? CostInputCatalog.Find(name).Name;
        Record([canonical], InputSource.User, "set by you", false);
        return this;
    }

    /// <summary>Validates the inputs and returns the scenario.</summary>
    /// <exception cref="SynthVaultException">An input is outside its domain (names the input and its source).</exception>
    public CostScenario Build()
    {
        try
        {
            CostInputCatalog.Validate(inputs);
        }
        catch (SynthVaultException ex)
        {
            var name = ex.Problem.Split(' ', 2)[0];
            var from = sources.TryGetValue(name, out var s) ? s.Detail : "built-in assumption";
            throw new SynthVaultException($"{ex.Problem} (from {from})", hint: ex.Hint);
        }

        var allWarnings = new List<string>(warnings);
        if (inputs.Engine == GenerationEngine.Api && sources.TryGetValue("generationTokensPerSecond", out var speed) && speed.Source == InputSource.Measured)
        {
            allWarnings.Add("the bench speeds describe the local model; with engine=api they only set the calendar time, not the cost.");
        }

        var provenance = new List<InputProvenance>
        {
            Choice("engine", inputs.Engine.ToString().ToLowerInvariant(), relevant: true),
            Choice("judge", inputs.Judge.ToString().ToLowerInvariant(), relevant: true),
        };
        foreach (var descriptor in CostInputCatalog.All)
        {
            var value = descriptor.Get(inputs);
            var (source, detail, estimate) = Source(descriptor.Name);
            var relevant = descriptor.Side == CostSide.Time || descriptor.IsRelevant(inputs) || (descriptor.IsNullable && value is null && descriptor.Name == "pricePerLabelUsd");
            provenance.Add(new InputProvenance(descriptor.Name, value, value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-", descriptor.Unit, source, detail, estimate, relevant));
        }

        return new CostScenario(inputs, provenance, allWarnings);
    }

    private InputProvenance Choice(string name, string display, bool relevant)
    {
        var (source, detail, estimate) = Source(name);
        return new InputProvenance(name, null, display, string.Empty, source, detail, estimate, relevant);
    }

    private (InputSource Source, string Detail, bool Estimate) Source(string name) =>
        sources.TryGetValue(name, out var s) ? s : (InputSource.Assumed, "built-in assumption", true);

    private void Record(IEnumerable<string> names, InputSource source, string detail, bool estimate)
    {
        foreach (var name in names)
        {
            sources[name] = (source, detail, estimate);
        }
    }
}
