using System.Globalization;
using System.Text.Json;

namespace SynthVault.Llm.Structured;

/// <summary>
/// Checks a JSON document against a schema in the subset of <see cref="JsonSchemaToGbnf"/>, after generation: the
/// grammar already constrains the text, and this second check catches what a grammar cannot (a document cut short by
/// the token limit) and output from remote chat clients that no grammar constrained.
/// </summary>
public static class JsonSchemaValidator
{
    /// <summary>Validates <paramref name="json"/> against <paramref name="schemaJson"/>; returns the problems (empty when valid).</summary>
    /// <exception cref="Core.Errors.SynthVaultException">The schema itself is invalid or outside the subset.</exception>
    public static IReadOnlyList<string> Validate(string schemaJson, string json) => Validate(SchemaNode.Parse(schemaJson), json);

    internal static IReadOnlyList<string> Validate(SchemaNode schema, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return [$"not valid JSON: {ex.Message}"];
        }

        using (document)
        {
            var errors = new List<string>();
            Check(schema, document.RootElement, "$", errors);
            return errors;
        }
    }

    private static void Check(SchemaNode schema, JsonElement value, string at, List<string> errors)
    {
        switch (schema.Type)
        {
            case SchemaType.Enum:
                if (!schema.EnumValues.Any(e => JsonElement.DeepEquals(e, value)))
                {
                    errors.Add($"{at}: value is not one of the enum values.");
                }

                break;
            case SchemaType.Object:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{at}: expected an object, found {Kind(value)}.");
                    return;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        errors.Add($"{at}: property '{property.Name}' appears twice.");
                        continue;
                    }

                    var declared = schema.Properties.FirstOrDefault(p => p.Name == property.Name).Node;
                    if (declared is null)
                    {
                        errors.Add($"{at}: property '{property.Name}' is not in the schema.");
                    }
                    else
                    {
                        Check(declared, property.Value, at + "." + property.Name, errors);
                    }
                }

                foreach (var required in schema.Required)
                {
                    if (!seen.Contains(required))
                    {
                        errors.Add($"{at}: required property '{required}' is missing.");
                    }
                }

                break;
            case SchemaType.String:
                if (value.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"{at}: expected a string, found {Kind(value)}.");
                    return;
                }

                // JSON Schema counts characters as Unicode code points.
                string text;
                try
                {
                    text = value.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    errors.Add($"{at}: string holds an invalid \\u escape (a lone surrogate).");
                    return;
                }

                var length = text.EnumerateRunes().Count();
                if (length < (schema.MinLength ?? 0))
                {
                    errors.Add($"{at}: string has {length} characters, fewer than minLength {schema.MinLength}.");
                }

                if (schema.MaxLength is { } max && length > max)
                {
                    errors.Add($"{at}: string has {length} characters, more than maxLength {max}.");
                }

                break;
            case SchemaType.Integer:
            case SchemaType.Number:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    errors.Add($"{at}: expected {(schema.Type == SchemaType.Integer ? "an integer" : "a number")}, found {Kind(value)}.");
                    return;
                }

                if (!value.TryGetDecimal(out var number))
                {
                    number = (decimal)Math.Clamp(value.GetDouble(), (double)decimal.MinValue, (double)decimal.MaxValue);
                }

                if (schema.Type == SchemaType.Integer && number != Math.Truncate(number))
                {
                    errors.Add($"{at}: expected an integer, found {value.GetRawText()}.");
                }

                if (schema.Minimum is { } lo && number < lo)
                {
                    errors.Add($"{at}: {value.GetRawText()} is below the minimum {lo.ToString(CultureInfo.InvariantCulture)}.");
                }

                if (schema.Maximum is { } hi && number > hi)
                {
                    errors.Add($"{at}: {value.GetRawText()} is above the maximum {hi.ToString(CultureInfo.InvariantCulture)}.");
                }

                break;
            case SchemaType.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{at}: expected a boolean, found {Kind(value)}.");
                }

                break;
            case SchemaType.Array:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    errors.Add($"{at}: expected an array, found {Kind(value)}.");
                    return;
                }

                var count = value.GetArrayLength();
                if (count < schema.MinItems)
                {
                    errors.Add($"{at}: array has {count} items, fewer than minItems {schema.MinItems}.");
                }

                if (schema.MaxItems is { } maxItems && count > maxItems)
                {
                    errors.Add($"{at}: array has {count} items, more than maxItems {maxItems}.");
                }

                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(schema.Items!, item, at + "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]", errors);
                }

                break;
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
