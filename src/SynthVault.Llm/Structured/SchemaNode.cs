using System.Globalization;
using System.Text.Json;
using SynthVault.Core.Errors;

namespace SynthVault.Llm.Structured;

/// <summary>The JSON types of the supported subset.</summary>
internal enum SchemaType
{
    Object,
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Enum,
}

/// <summary>
/// One node of a JSON Schema in SynthVault's documented subset, parsed strictly: a keyword outside the subset is an
/// error naming it and where it is, never silently dropped (a dropped constraint would let invalid rows through).
/// </summary>
internal sealed record SchemaNode(string Path, SchemaType Type)
{
    /// <summary>Keywords that only annotate (they constrain nothing), so ignoring them changes no output.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "$schema", "$id", "$comment", "examples", "default",
    };

    public IReadOnlyList<(string Name, SchemaNode Node)> Properties { get; init; } = [];

    public IReadOnlySet<string> Required { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<JsonElement> EnumValues { get; init; } = [];

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }

    public SchemaNode? Items { get; init; }

    public int MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>Parses a schema document.</summary>
    public static SchemaNode Parse(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaJson);
        }
        catch (JsonException ex)
        {
            throw new SynthVaultException($"the JSON Schema is not valid JSON: {ex.Message}", inner: ex);
        }

        using (document)
        {
            return Parse(document.RootElement, "#");
        }
    }

    private static SchemaNode Parse(JsonElement schema, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Unsupported(path, "a schema must be a JSON object");
        }

        if (schema.TryGetProperty("enum", out var enumValues))
        {
            Allow(schema, path, "enum", "type");
            if (enumValues.ValueKind != JsonValueKind.Array || enumValues.GetArrayLength() == 0)
            {
                throw Unsupported(path, "'enum' must be a non-empty array");
            }

            foreach (var v in enumValues.EnumerateArray())
            {
                if (v.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    throw Unsupported(path, "'enum' values must be strings, numbers, booleans or null");
                }
            }

            return new SchemaNode(path, SchemaType.Enum) { EnumValues = [.. enumValues.EnumerateArray().Select(e => e.Clone())] };
        }

        if (!schema.TryGetProperty("type", out var typeElement))
        {
            throw Unsupported(path, "the schema has no 'type' (supported: object, string, integer, number, boolean, array, or an 'enum')");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            throw Unsupported(path, "'type' must be a single type name; type lists are not supported");
        }

        var type = typeElement.GetString();
        switch (type)
        {
            case "object":
                Allow(schema, path, "type", "properties", "required", "additionalProperties");
                if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.False)
                {
                    throw Unsupported(path, "keyword 'additionalProperties' is supported only as false (generated objects have exactly the listed properties)");
                }

                var properties = new List<(string, SchemaNode)>();
                if (schema.TryGetProperty("properties", out var props))
                {
                    if (props.ValueKind != JsonValueKind.Object)
                    {
                        throw Unsupported(path, "'properties' must be an object");
                    }

                    foreach (var p in props.EnumerateObject())
                    {
                        properties.Add((p.Name, Parse(p.Value, path + "/properties/" + p.Name)));
                    }
                }

                var required = new HashSet<string>(StringComparer.Ordinal);
                if (schema.TryGetProperty("required", out var req))
                {
                    if (req.ValueKind != JsonValueKind.Array)
                    {
                        throw Unsupported(path, "'required' must be an array of property names");
                    }

                    foreach (var r in req.EnumerateArray())
                    {
                        var name = r.ValueKind == JsonValueKind.String ? r.GetString()! : throw Unsupported(path, "'required' must list property names");
                        if (!properties.Any(p => p.Item1 == name))
                        {
                            throw Unsupported(path, $"required property '{name}' is not declared in 'properties'");
                        }

                        required.Add(name);
                    }
                }

                return new SchemaNode(path, SchemaType.Object) { Properties = properties, Required = required };
            case "string":
                Allow(schema, path, "type", "maxLength", "minLength");
                var minLength = ReadInt(schema, path, "minLength") ?? 0;
                var maxLength = ReadInt(schema, path, "maxLength");
                if (maxLength < minLength)
                {
                    throw Unsupported(path, "'maxLength' is smaller than 'minLength'");
                }

                return new SchemaNode(path, SchemaType.String) { MinLength = minLength, MaxLength = maxLength };
            case "integer":
            case "number":
                Allow(schema, path, "type", "minimum", "maximum");
                var min = ReadDecimal(schema, path, "minimum");
                var max = ReadDecimal(schema, path, "maximum");
                if (min > max)
                {
                    throw Unsupported(path, "'minimum' is greater than 'maximum'");
                }

                if (type == "integer" && min is { } lo && max is { } hi && Math.Ceiling(lo) > Math.Floor(hi))
                {
                    throw Unsupported(path, "no integer lies between 'minimum' and 'maximum'");
                }

                return new SchemaNode(path, type == "integer" ? SchemaType.Integer : SchemaType.Number) { Minimum = min, Maximum = max };
            case "boolean":
                Allow(schema, path, "type");
                return new SchemaNode(path, SchemaType.Boolean);
            case "array":
                Allow(schema, path, "type", "items", "minItems", "maxItems");
                if (!schema.TryGetProperty("items", out var items))
                {
                    throw Unsupported(path, "an array needs an 'items' schema");
                }

                var minItems = ReadInt(schema, path, "minItems") ?? 0;
                var maxItems = ReadInt(schema, path, "maxItems");
                if (maxItems < minItems)
                {
                    throw Unsupported(path, "'maxItems' is smaller than 'minItems'");
                }

                return new SchemaNode(path, SchemaType.Array) { Items = Parse(items, path + "/items"), MinItems = minItems, MaxItems = maxItems };
            default:
                throw Unsupported(path, $"type '{type}' is not supported (supported: object, string, integer, number, boolean, array)");
        }
    }

    private static void Allow(JsonElement schema, string path, params string[] allowed)
    {
        foreach (var property in schema.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal) && !Annotations.Contains(property.Name))
            {
                throw Unsupported(path, $"keyword '{property.Name}' is not supported here (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    private static int? ReadInt(JsonElement schema, string path, string keyword)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0
            ? n
            : throw Unsupported(path, $"'{keyword}' must be a non-negative integer");
    }

    private static decimal? ReadDecimal(JsonElement schema, string path, string keyword)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && Math.Abs(d) < 1e15m
            ? d
            : throw Unsupported(path, $"'{keyword}' must be a number with magnitude below 1e15");
    }

    private static SynthVaultException Unsupported(string path, string problem) =>
        new($"unsupported JSON Schema at {path}: {problem}.", hint: "See docs for the supported subset: object, properties, required, enum, string (minLength, maxLength), integer and number (minimum, maximum), boolean, array (items, minItems, maxItems).");

    /// <summary>Formats a decimal as JSON would.</summary>
    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
