using System.Globalization;
using System.Text.Json;
using SynthVault.Core.Errors;

namespace SynthVault.Planner.Presets;

/// <summary>
/// The price presets: the built-in list (an embedded copy of <c>Presets/presets.json</c>) merged with an optional
/// user file of the same shape, whose entries replace built-in ones with the same id and add new ones.
/// <code>
/// { "schemaVersion": 1,
///   "presets": [ { "id": "…", "kind": "vendor|platform|api|hardware|electricity|reviewer", "title": "…",
///                  "source": "…", "asOf": "yyyy-MM-dd", "estimate": false, "note": "…", …kind's fields… } ] }
/// </code>
/// Fields per kind: vendor pricePerLabelUsd, feeFraction, minimumOrderUsd?; platform hourlyRateUsd,
/// platformMinimumHourlyUsd, feeFraction; api inputPerMillionTokensUsd, outputPerMillionTokensUsd; hardware
/// costPerHourUsd, powerWatts; electricity pricePerKwhUsd; reviewer hourlyRateUsd, feeFraction.
/// </summary>
public sealed class PresetCatalog
{
    private const string ResourceName = "SynthVault.Planner.Presets.presets.json";
    private const string BuiltInName = "presets.json (built in)";

    private static readonly Lazy<PresetCatalog> BuiltInCatalog = new(LoadBuiltIn);

    private static readonly string[] KnownFields =
    [
        "id", "kind", "title", "source", "asOf", "estimate", "note", "pricePerLabelUsd", "feeFraction", "minimumOrderUsd", "hourlyRateUsd",
        "platformMinimumHourlyUsd", "inputPerMillionTokensUsd", "outputPerMillionTokensUsd", "costPerHourUsd", "powerWatts", "pricePerKwhUsd",
    ];

    private PresetCatalog(IReadOnlyList<PricePreset> presets) => Presets = presets;

    /// <summary>The presets, in file order.</summary>
    public IReadOnlyList<PricePreset> Presets { get; }

    /// <summary>The presets shipped with SynthVault.</summary>
    public static PresetCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>Reads a user preset file.</summary>
    /// <exception cref="SynthVaultException">The file is missing, not JSON, or an entry is invalid (names the entry and field).</exception>
    public static PresetCatalog LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new SynthVaultException("preset file not found.", file: path, hint: "Check the path given to --preset-file.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new SynthVaultException($"could not read the preset file: {ex.Message}", file: path, inner: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new SynthVaultException($"could not read the preset file: {ex.Message}", file: path, inner: ex);
        }

        return Parse(text, path);
    }

    /// <summary>Parses preset JSON; <paramref name="sourceName"/> names the file in errors.</summary>
    public static PresetCatalog Parse(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new SynthVaultException($"not valid JSON: {ex.Message}", file: sourceName, inner: ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("presets", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new SynthVaultException("expected an object with a \"presets\" array.", file: sourceName);
            }

            if (root.TryGetProperty("schemaVersion", out var version) && (version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1))
            {
                throw new SynthVaultException($"schemaVersion {version.GetRawText()} is not supported (this SynthVault reads version 1).", file: sourceName);
            }

            var presets = new List<PricePreset>();
            var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var element in list.EnumerateArray())
            {
                index++;
                var preset = ParseEntry(element, sourceName, index);
                if (!ids.Add(preset.Id))
                {
                    throw new SynthVaultException($"preset id '{preset.Id}' appears twice.", file: sourceName);
                }

                presets.Add(preset);
            }

            return new PresetCatalog(presets);
        }
    }

    /// <summary>This catalog with <paramref name="overrides"/>' entries replacing same-id entries and appended otherwise.</summary>
    public PresetCatalog MergedWith(PresetCatalog overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var byId = overrides.Presets.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var merged = Presets.Select(p => byId.Remove(p.Id, out var replacement) ? replacement : p).ToList();
        merged.AddRange(overrides.Presets.Where(p => byId.ContainsKey(p.Id)));
        return new PresetCatalog(merged);
    }

    /// <summary>The preset with this id (case-insensitive).</summary>
    /// <exception cref="SynthVaultException">No such preset; the hint lists the ids.</exception>
    public PricePreset Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Presets.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new SynthVaultException($"unknown preset '{id}'.", hint: $"Known presets: {string.Join(", ", Presets.Select(p => p.Id))}. List them with --list-presets.");
    }

    /// <summary>Today's date (UTC) from the clock: staleness is judged against an injectable clock, never the wall clock directly.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    private static PresetCatalog LoadBuiltIn()
    {
        using var stream = typeof(PresetCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the Planner assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), BuiltInName);
    }

    private static PricePreset ParseEntry(JsonElement element, string file, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new SynthVaultException($"preset #{index} is not an object.", file: file);
        }

        var id = RequiredString(element, "id", file, $"preset #{index}");
        var where = $"preset '{id}'";
        foreach (var property in element.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                throw new SynthVaultException($"{where}: unknown field \"{property.Name}\" (a typo would silently drop a price).", file: file, hint: $"Known fields: {string.Join(", ", KnownFields)}.");
            }
        }

        var kindText = RequiredString(element, "kind", file, where);
        if (!Enum.TryParse<PresetKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || char.IsDigit(kindText[0]))
        {
            throw new SynthVaultException($"{where}: kind '{kindText}' is not one of vendor, platform, api, hardware, electricity, reviewer.", file: file);
        }

        var asOfText = RequiredString(element, "asOf", file, where);
        if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            throw new SynthVaultException($"{where}: asOf '{asOfText}' is not a date in the form yyyy-MM-dd.", file: file);
        }

        if (!element.TryGetProperty("estimate", out var estimate) || estimate.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw new SynthVaultException($"{where}: \"estimate\" must be true or false (say whether the figures are a fact from the source or an estimate).", file: file);
        }

        var preset = new PricePreset
        {
            Id = id,
            Kind = kind,
            Title = RequiredString(element, "title", file, where),
            Source = RequiredString(element, "source", file, where),
            AsOf = asOf,
            Estimate = estimate.GetBoolean(),
            Note = OptionalString(element, "note", file, where),
            PricePerLabelUsd = Number(element, "pricePerLabelUsd", kind == PresetKind.Vendor, file, where),
            FeeFraction = Number(element, "feeFraction", kind is PresetKind.Vendor or PresetKind.Platform or PresetKind.Reviewer, file, where),
            MinimumOrderUsd = Number(element, "minimumOrderUsd", required: false, file, where),
            HourlyRateUsd = Number(element, "hourlyRateUsd", kind is PresetKind.Platform or PresetKind.Reviewer, file, where),
            PlatformMinimumHourlyUsd = Number(element, "platformMinimumHourlyUsd", kind == PresetKind.Platform, file, where),
            InputPerMillionTokensUsd = Number(element, "inputPerMillionTokensUsd", kind == PresetKind.Api, file, where),
            OutputPerMillionTokensUsd = Number(element, "outputPerMillionTokensUsd", kind == PresetKind.Api, file, where),
            CostPerHourUsd = Number(element, "costPerHourUsd", kind == PresetKind.Hardware, file, where),
            PowerWatts = Number(element, "powerWatts", kind == PresetKind.Hardware, file, where),
            PricePerKwhUsd = Number(element, "pricePerKwhUsd", kind == PresetKind.Electricity, file, where),
        };
        return preset;
    }

    private static string RequiredString(JsonElement element, string name, string file, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            throw new SynthVaultException($"{where}: \"{name}\" is missing or not a non-empty string.", file: file);
        }

        return value.GetString()!;
    }

    private static string? OptionalString(JsonElement element, string name, string file, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SynthVaultException($"{where}: \"{name}\" must be a string.", file: file);
    }

    private static double? Number(JsonElement element, string name, bool required, string file, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new SynthVaultException($"{where}: \"{name}\" is required for this kind of preset.", file: file) : null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new SynthVaultException($"{where}: \"{name}\" must be a number, got {value.GetRawText()}.", file: file);
        }

        if (number < 0)
        {
            throw new SynthVaultException($"{where}: \"{name}\" must be 0 or more, got {number.ToString(CultureInfo.InvariantCulture)}.", file: file);
        }

        return number;
    }
}
