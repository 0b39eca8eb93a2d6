using System.Globalization;
using System.Text;
using SynthVault.Core.Errors;

namespace SynthVault.Llm;

/// <summary>
/// Reads and checks a GGUF file's header in managed code, before any native call: llama.cpp reports every broken
/// file as the same detail-free failure (or worse), so each problem is found here and named. The layout follows
/// ggml's docs/gguf.md: magic "GGUF", version, tensor count, key-value count, key-values, tensor infos, then the
/// tensor data from the next multiple of <c>general.alignment</c>.
/// </summary>
public static class GgufFile
{
    private const uint Magic = 0x46554747; // "GGUF" read as a little-endian uint32
    private const int HeaderSize = 24;
    private const int MaxDimensions = 4; // GGML_MAX_DIMS
    private const int MaxArrayNesting = 4;

    private const string Hint = "Download the model again or pick another GGUF file.";

    /// <summary>
    /// Reads the header of <paramref name="path"/>, checks that every count, length and offset lies within the file
    /// and that llama.cpp knows the architecture, and returns the model's metadata.
    /// </summary>
    /// <exception cref="SynthVaultException">The file is missing, unreadable or not a well-formed GGUF model.</exception>
    public static GgufInfo Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new SynthVaultException("this is a folder, not a GGUF model file.", file: path);
        }

        if (!File.Exists(path))
        {
            throw new SynthVaultException("the model file does not exist.", file: path, hint: "Check the path, or run 'synthvault llm list' to see the models in models/.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var binary = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            return new Reader(stream, binary, path).ReadInfo();
        }
        catch (IOException ex)
        {
            throw new SynthVaultException($"cannot be read: {ex.Message}", file: path, inner: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new SynthVaultException("cannot be read: permission denied.", file: path, inner: ex);
        }
    }

    private enum ValueType : uint
    {
        UInt8 = 0,
        Int8 = 1,
        UInt16 = 2,
        Int16 = 3,
        UInt32 = 4,
        Int32 = 5,
        Float32 = 6,
        Bool = 7,
        String = 8,
        Array = 9,
        UInt64 = 10,
        Int64 = 11,
        Float64 = 12,
    }

    /// <summary>A bounds-checked sequential reader: no read may pass the end of the file.</summary>
    private sealed class Reader(FileStream stream, BinaryReader reader, string path)
    {
        private readonly long length = stream.Length;
        private readonly Dictionary<string, object> values = new(StringComparer.Ordinal);

        private long Remaining => length - stream.Position;

        public GgufInfo ReadInfo()
        {
            if (length == 0)
            {
                throw Fail("the file is empty (0 bytes), not a GGUF model.");
            }

            if (length < 4 || reader.ReadUInt32() != Magic)
            {
                throw Fail("not a GGUF model: the file does not start with the GGUF magic bytes.", "SynthVault loads llama.cpp GGUF models; convert the model or download its .gguf version.");
            }

            if (length < HeaderSize)
            {
                throw Fail($"the GGUF header is truncated: {length} bytes, fewer than the {HeaderSize} the header needs.");
            }

            var version = reader.ReadUInt32();
            if (version is < 2 or > 3)
            {
                throw Fail($"GGUF version {version} is not supported (llama.cpp reads versions 2 and 3).");
            }

            var tensorCount = reader.ReadUInt64();
            var kvCount = reader.ReadUInt64();

            // Each key-value takes at least 8 (key length) + 1 (key) + 4 (type) + 1 (value) bytes; each tensor info
            // at least 8 + 1 (name) + 4 (dimensions) + 8 (one dimension) + 4 (type) + 8 (offset).
            if (kvCount > (ulong)(Remaining / 14))
            {
                throw Fail($"the header claims {kvCount} metadata entries, more than a {length}-byte file can hold.");
            }

            if (tensorCount > (ulong)(Remaining / 33))
            {
                throw Fail($"the header claims {tensorCount} tensors, more than a {length}-byte file can hold.");
            }

            for (ulong i = 0; i < kvCount; i++)
            {
                var key = ReadString("metadata key");
                var type = ReadType(key);
                values[key] = ReadValue(key, type, 0);
            }

            var alignment = 32L;
            if (values.TryGetValue("general.alignment", out var a))
            {
                alignment = a is uint u ? u : throw Fail("general.alignment must be a uint32.");
                if (alignment == 0 || (alignment & (alignment - 1)) != 0)
                {
                    throw Fail($"general.alignment {alignment} is not a power of two.");
                }
            }

            var tensors = new List<(string Name, long Offset, long Bytes, long Elements, string Type)>((int)tensorCount);
            for (ulong i = 0; i < tensorCount; i++)
            {
                tensors.Add(ReadTensorInfo(alignment));
            }

            var dataStart = (stream.Position + alignment - 1) / alignment * alignment;
            long parameters = 0;
            var bytesByType = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (name, offset, bytes, elements, type) in tensors)
            {
                var end = dataStart + offset + bytes;
                if (end > length || end < 0)
                {
                    throw Fail($"the tensor data is cut short: tensor '{name}' ends at byte {end} but the file has {length} bytes.", "The download was probably interrupted; download the model again.");
                }

                parameters += elements;
                bytesByType[type] = bytesByType.GetValueOrDefault(type) + bytes;
            }

            var architecture = values.GetValueOrDefault("general.architecture") as string
                ?? throw Fail("the header has no general.architecture key, so llama.cpp cannot tell which model this is.");
            if (!KnownArchitectures.Names.Contains(architecture))
            {
                throw Fail($"architecture '{architecture}' is not supported by the bundled llama.cpp (LLamaSharp 0.30.0).", "Pick a model of a supported architecture such as llama, qwen2, qwen3, phi3, gemma3 or smollm3.");
            }

            var quantization = (values.GetValueOrDefault("general.file_type") is uint ft ? GgmlTypes.FileTypeName(ft) : null)
                ?? bytesByType.OrderByDescending(p => p.Value).Select(p => p.Key).FirstOrDefault() ?? "none";
            return new GgufInfo(
                path,
                length,
                version,
                architecture,
                values.GetValueOrDefault("general.name") as string,
                parameters,
                quantization,
                ToInt(values.GetValueOrDefault(architecture + ".context_length")),
                values.GetValueOrDefault("tokenizer.chat_template") as string,
                tensors.Count,
                values.GetValueOrDefault("tokenizer.ggml.tokens") is ArrayValue tokens ? (int)tokens.Count : null,
                values.ToDictionary(p => p.Key, p => Display(p.Value), StringComparer.Ordinal));
        }

        private (string Name, long Offset, long Bytes, long Elements, string Type) ReadTensorInfo(long alignment)
        {
            var name = ReadString("tensor name");
            Need(4, $"tensor '{name}'");
            var dims = reader.ReadUInt32();
            if (dims is 0 or > MaxDimensions)
            {
                throw Fail($"tensor '{name}' has {dims} dimensions; ggml allows 1 to {MaxDimensions}.");
            }

            Need((dims * 8) + 12, $"tensor '{name}'");
            long elements = 1;
            long rowLength = 0;
            for (var d = 0; d < dims; d++)
            {
                var n = reader.ReadUInt64();
                if (n == 0 || n > long.MaxValue / 2 || elements > long.MaxValue / 2 / (long)n)
                {
                    throw Fail($"tensor '{name}' has an impossible dimension {n}.");
                }

                rowLength = d == 0 ? (long)n : rowLength;
                elements *= (long)n;
            }

            var typeId = reader.ReadUInt32();
            if (!GgmlTypes.TryGet(typeId, out var typeName, out var blockSize, out var typeSize))
            {
                throw Fail($"tensor '{name}' has tensor type {typeId}, which the bundled llama.cpp does not know.");
            }

            if (rowLength % blockSize != 0)
            {
                throw Fail($"tensor '{name}' has rows of {rowLength} values, not a multiple of the {typeName} block size {blockSize}.");
            }

            var offset = reader.ReadUInt64();
            if (offset > (ulong)length || (long)offset % alignment != 0)
            {
                throw Fail($"tensor '{name}' has data offset {offset}, outside the file or not aligned to {alignment} bytes.");
            }

            return (name, (long)offset, elements / blockSize * typeSize, elements, typeName);
        }

        private ValueType ReadType(string key)
        {
            Need(4, $"metadata '{key}'");
            var type = reader.ReadUInt32();
            return type <= (uint)ValueType.Float64 ? (ValueType)type : throw Fail($"metadata '{key}' has unknown value type {type}.");
        }

        private object ReadValue(string key, ValueType type, int depth)
        {
            var where = $"metadata '{key}'";
            switch (type)
            {
                case ValueType.UInt8: Need(1, where); return reader.ReadByte();
                case ValueType.Int8: Need(1, where); return reader.ReadSByte();
                case ValueType.UInt16: Need(2, where); return reader.ReadUInt16();
                case ValueType.Int16: Need(2, where); return reader.ReadInt16();
                case ValueType.UInt32: Need(4, where); return reader.ReadUInt32();
                case ValueType.Int32: Need(4, where); return reader.ReadInt32();
                case ValueType.Float32: Need(4, where); return reader.ReadSingle();
                case ValueType.Bool: Need(1, where); return reader.ReadByte() != 0;
                case ValueType.UInt64: Need(8, where); return reader.ReadUInt64();
                case ValueType.Int64: Need(8, where); return reader.ReadInt64();
                case ValueType.Float64: Need(8, where); return reader.ReadDouble();
                case ValueType.String: return ReadString(where);
                case ValueType.Array:
                    if (depth >= MaxArrayNesting)
                    {
                        throw Fail($"{where} nests arrays deeper than {MaxArrayNesting} levels.");
                    }

                    var elementType = ReadType(key);
                    Need(8, where);
                    var count = reader.ReadUInt64();
                    var minSize = elementType switch
                    {
                        ValueType.UInt8 or ValueType.Int8 or ValueType.Bool => 1,
                        ValueType.UInt16 or ValueType.Int16 => 2,
                        ValueType.UInt32 or ValueType.Int32 or ValueType.Float32 => 4,
                        ValueType.Array => 12,
                        _ => 8,
                    };
                    if (count > (ulong)(Remaining / minSize))
                    {
                        throw Fail($"{where} claims {count} array items, more than the rest of the file can hold.");
                    }

                    if (elementType is ValueType.String or ValueType.Array)
                    {
                        for (ulong i = 0; i < count; i++)
                        {
                            ReadValue(key, elementType, depth + 1);
                        }
                    }
                    else
                    {
                        stream.Seek((long)count * minSize, SeekOrigin.Current);
                    }

                    return new ArrayValue(elementType, count);
                default:
                    throw Fail($"{where} has unknown value type {(uint)type}.");
            }
        }

        private string ReadString(string what)
        {
            Need(8, what);
            var n = reader.ReadUInt64();
            if (n > (ulong)Remaining)
            {
                throw Fail($"a {what} claims a length of {n} bytes, past the end of the {length}-byte file.");
            }

            return Encoding.UTF8.GetString(reader.ReadBytes((int)n));
        }

        private void Need(long bytes, string what)
        {
            if (Remaining < bytes)
            {
                throw Fail($"the header is truncated while reading {what}: the file ends at byte {length}.");
            }
        }

        private SynthVaultException Fail(string problem, string hint = Hint) => new(problem, file: path, hint: hint);

        private static int? ToInt(object? value) => value switch
        {
            uint u => (int)Math.Min(u, int.MaxValue),
            int i => i,
            ulong ul => (int)Math.Min(ul, int.MaxValue),
            long l => (int)Math.Clamp(l, 0, int.MaxValue),
            _ => null,
        };

        private static string Display(object value) => value switch
        {
            ArrayValue a => $"[{a.Count.ToString(CultureInfo.InvariantCulture)} items]",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    private sealed record ArrayValue(ValueType ElementType, ulong Count);
}
