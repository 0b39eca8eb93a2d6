using System.Globalization;
using System.Text.Json;
using SynthVault.Core.Errors;

namespace SynthVault.Planner;

/// <summary>Strict readers for the small JSON files the planner takes measurements from; every error names the file and key.</summary>
internal static class MeasuredJson
{
    public static JsonDocument Load(string path, string what, string hint)
    {
        if (!File.Exists(path))
        {
            throw new SynthVaultException($"{what} not found.", file: path, hint: hint);
        }

        try
        {
            using var stream = File.OpenRead(path);
            var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new SynthVaultException($"{what} must hold a JSON object.", file: path, hint: hint);
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new SynthVaultException($"{what} is not valid JSON ({ex.Message}).", file: path, hint: hint, inner: ex);
        }
        catch (IOException ex)
        {
            throw new SynthVaultException($"could not read {what}: {ex.Message}", file: path, inner: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new SynthVaultException($"could not read {what}: {ex.Message}", file: path, inner: ex);
        }
    }

    public static double RequiredNumber(JsonElement root, string key, string file, string what)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new SynthVaultException($"{what} has no \"{key}\".", file: file, hint: "The file may come from an older or newer SynthVault; run the command that writes it again.");
        }

        return AsNumber(value, key, file);
    }

    public static double? OptionalNumber(JsonElement root, string key, string file)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return AsNumber(value, key, file);
    }

    public static string RequiredString(JsonElement root, string key, string file, string what)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new SynthVaultException($"{what} has no \"{key}\".", file: file);
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new SynthVaultException($"\"{key}\" must be a string, got {value.GetRawText()}.", file: file);
    }

    /// <summary>Checks <paramref name="value"/> against the cost input's domain and re-raises naming the file.</summary>
    public static double CheckedAs(string inputName, double value, string file)
    {
        try
        {
            CostInputCatalog.Find(inputName).Validate(value);
            return value;
        }
        catch (SynthVaultException ex)
        {
            throw new SynthVaultException(ex.Problem, file: file, hint: ex.Hint);
        }
    }

    public static void CheckSchemaVersion(JsonElement root, string file)
    {
        if (OptionalNumber(root, "schemaVersion", file) is { } version && version != 1)
        {
            throw new SynthVaultException($"schemaVersion {version.ToString(CultureInfo.InvariantCulture)} is not supported (this SynthVault reads version 1).", file: file, hint: "Upgrade SynthVault to read files from a newer version.");
        }
    }

    private static double AsNumber(JsonElement value, string key, string file)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new SynthVaultException($"\"{key}\" must be a number, got {value.GetRawText()}.", file: file);
        }

        return number;
    }
}
