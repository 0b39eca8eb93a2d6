using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SynthVault.Synthesis.Internal;

/// <summary>
/// Writes numeric arrays as base64 of their little-endian bytes: exact (every bit of a double, NaN included),
/// compact and fast for the large arrays of model files (CART leaves, quantile tables).
/// </summary>
internal sealed class DoubleArrayConverter : JsonConverter<double[]>
{
    public override double[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % 8 != 0)
        {
            throw new JsonException("A number array has a length that is not a multiple of 8 bytes.");
        }

        var result = new double[bytes.Length / 8];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8));
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, double[] value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Length * 8];
        for (var i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), value[i]);
        }

        writer.WriteBase64StringValue(bytes);
    }
}

/// <summary>Writes int arrays as base64 of their little-endian bytes.</summary>
internal sealed class Int32ArrayConverter : JsonConverter<int[]>
{
    public override int[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % 4 != 0)
        {
            throw new JsonException("An integer array has a length that is not a multiple of 4 bytes.");
        }

        var result = new int[bytes.Length / 4];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, int[] value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Length * 4];
        for (var i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), value[i]);
        }

        writer.WriteBase64StringValue(bytes);
    }
}
