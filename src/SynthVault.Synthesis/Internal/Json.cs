using System.Text.Json;
using System.Text.Json.Serialization;

namespace SynthVault.Synthesis.Internal;

/// <summary>The one JSON setting for options and model files: enums by name, NaN and ∞ allowed, stable layout.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(), new DoubleArrayConverter(), new Int32ArrayConverter() },
        WriteIndented = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
