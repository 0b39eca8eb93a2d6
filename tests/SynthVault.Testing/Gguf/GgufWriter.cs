using System.Buffers.Binary;
using System.Text;

namespace SynthVault.Testing.Gguf;

/// <summary>GGUF metadata value types (ggml's <c>gguf_type</c>).</summary>
public enum GgufValueType : uint
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

/// <summary>The ggml tensor types the writer can encode (ggml's <c>ggml_type</c> numbers).</summary>
public enum GgmlTensorType : uint
{
    F32 = 0,
    F16 = 1,
    Q8_0 = 8,
}

/// <summary>
/// Writes a GGUF v3 file (layout from ggml's docs/gguf.md: magic, version, tensor count, key-value count,
/// key-values, tensor infos, padding to <c>general.alignment</c>, tensor data). Tensors are produced lazily by a
/// callback that fills their float values, so a 100 M-parameter model streams to disk without holding it in memory.
/// </summary>
public sealed class GgufWriter
{
    /// <summary>GGUF's default and our alignment of the tensor data.</summary>
    public const int Alignment = 32;

    private readonly List<(string Key, GgufValueType Type, object Value)> metadata = [];
    private readonly List<TensorEntry> tensors = [];

    /// <summary>A tensor: name, ggml dimensions (ne0 first, the contiguous one), type and a filler of its values.</summary>
    private sealed record TensorEntry(string Name, long[] Dims, GgmlTensorType Type, Action<Span<float>> Fill)
    {
        public long Elements => Dims.Aggregate(1L, (a, b) => a * b);

        public long ByteSize => Type switch
        {
            GgmlTensorType.F32 => Elements * 4,
            GgmlTensorType.F16 => Elements * 2,
            GgmlTensorType.Q8_0 => Elements / 32 * 34,
            _ => throw new InvalidOperationException($"Unsupported tensor type {Type}."),
        };
    }

    public GgufWriter Add(string key, string value) => AddRaw(key, GgufValueType.String, value);

    public GgufWriter Add(string key, uint value) => AddRaw(key, GgufValueType.UInt32, value);

    public GgufWriter Add(string key, int value) => AddRaw(key, GgufValueType.Int32, value);

    public GgufWriter Add(string key, float value) => AddRaw(key, GgufValueType.Float32, value);

    public GgufWriter Add(string key, bool value) => AddRaw(key, GgufValueType.Bool, value);

    public GgufWriter Add(string key, string[] values) => AddRaw(key, GgufValueType.Array, (GgufValueType.String, (object)values));

    public GgufWriter Add(string key, float[] values) => AddRaw(key, GgufValueType.Array, (GgufValueType.Float32, (object)values));

    public GgufWriter Add(string key, int[] values) => AddRaw(key, GgufValueType.Array, (GgufValueType.Int32, (object)values));

    /// <summary>Replaces the value of a string key already added (tests that change one key of a valid model).</summary>
    public GgufWriter Replace(string key, string value)
    {
        var index = metadata.FindIndex(m => m.Key == key);
        if (index < 0)
        {
            throw new ArgumentException($"No key '{key}'.", nameof(key));
        }

        metadata[index] = (key, GgufValueType.String, value);
        return this;
    }

    /// <summary>Adds a tensor; <paramref name="dims"/> are ggml's ne0, ne1, … (ne0 is the row length).</summary>
    public GgufWriter AddTensor(string name, long[] dims, GgmlTensorType type, Action<Span<float>> fill)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (type == GgmlTensorType.Q8_0 && dims[0] % 32 != 0)
        {
            throw new ArgumentException($"Q8_0 needs rows that are a multiple of 32 ({name}: {dims[0]}).", nameof(dims));
        }

        tensors.Add(new TensorEntry(name, dims, type, fill));
        return this;
    }

    /// <summary>Writes the file to a temporary name and renames it, so a reader never sees half a file.</summary>
    public void Write(string path)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            WriteTo(stream);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Writes the header and tensor table, then sets the file to its full length without writing the tensor data (a
    /// sparse file of zeros on Linux): a well-formed model of any size that takes no disk space, for tests of size limits.
    /// </summary>
    public void WriteSparse(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        var dataStart = WriteHeader(stream);
        long end = 0;
        foreach (var t in tensors)
        {
            end = Align(end + t.ByteSize);
        }

        stream.SetLength(dataStart + end);
    }

    public void WriteTo(Stream stream)
    {
        WriteHeader(stream);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        foreach (var t in tensors)
        {
            WriteTensorData(w, t);
            Pad(w);
        }
    }

    /// <summary>Writes everything up to the tensor data; returns where the data starts.</summary>
    private long WriteHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(0x46554747u); // "GGUF" little-endian
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        w.Write((ulong)metadata.Count);
        foreach (var (key, type, value) in metadata)
        {
            WriteString(w, key);
            w.Write((uint)type);
            WriteValue(w, type, value);
        }

        long offset = 0;
        foreach (var t in tensors)
        {
            WriteString(w, t.Name);
            w.Write((uint)t.Dims.Length);
            foreach (var d in t.Dims)
            {
                w.Write((ulong)d);
            }

            w.Write((uint)t.Type);
            w.Write((ulong)offset);
            offset = Align(offset + t.ByteSize);
        }

        Pad(w);
        return stream.Position;
    }

    private GgufWriter AddRaw(string key, GgufValueType type, object value)
    {
        metadata.Add((key, type, value));
        return this;
    }

    private static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        var position = w.BaseStream.Position;
        for (var i = position; i < Align(position); i++)
        {
            w.Write((byte)0);
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void WriteValue(BinaryWriter w, GgufValueType type, object value)
    {
        switch (type)
        {
            case GgufValueType.String:
                WriteString(w, (string)value);
                break;
            case GgufValueType.UInt32:
                w.Write((uint)value);
                break;
            case GgufValueType.Int32:
                w.Write((int)value);
                break;
            case GgufValueType.Float32:
                w.Write((float)value);
                break;
            case GgufValueType.Bool:
                w.Write((bool)value ? (byte)1 : (byte)0);
                break;
            case GgufValueType.Array:
                var (elementType, items) = ((GgufValueType, object))value;
                w.Write((uint)elementType);
                switch (items)
                {
                    case string[] strings:
                        w.Write((ulong)strings.Length);
                        foreach (var s in strings)
                        {
                            WriteString(w, s);
                        }

                        break;
                    case float[] floats:
                        w.Write((ulong)floats.Length);
                        foreach (var f in floats)
                        {
                            w.Write(f);
                        }

                        break;
                    case int[] ints:
                        w.Write((ulong)ints.Length);
                        foreach (var i in ints)
                        {
                            w.Write(i);
                        }

                        break;
                    default:
                        throw new InvalidOperationException("Unsupported array element type.");
                }

                break;
            default:
                throw new InvalidOperationException($"Unsupported metadata type {type}.");
        }
    }

    private static void WriteTensorData(BinaryWriter w, TensorEntry t)
    {
        // Row by row, so memory stays at one row whatever the tensor size.
        var rowLength = (int)t.Dims[0];
        var rows = t.Elements / rowLength;
        var values = new float[rowLength];
        var bytes = new byte[t.ByteSize / rows];
        var state = new RowFiller(t.Fill, rows, rowLength);
        for (long r = 0; r < rows; r++)
        {
            state.FillRow(r, values);
            Encode(t.Type, values, bytes);
            w.Write(bytes);
        }
    }

    private static void Encode(GgmlTensorType type, ReadOnlySpan<float> values, Span<byte> destination)
    {
        switch (type)
        {
            case GgmlTensorType.F32:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(destination[(i * 4)..], values[i]);
                }

                break;
            case GgmlTensorType.F16:
                for (var i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteHalfLittleEndian(destination[(i * 2)..], (Half)values[i]);
                }

                break;
            case GgmlTensorType.Q8_0:
                // ggml's block_q8_0: an fp16 scale d = max|x| / 127 and 32 int8 quants round(x / d) (ggml-quants.c).
                for (var block = 0; block < values.Length / 32; block++)
                {
                    var x = values.Slice(block * 32, 32);
                    var amax = 0f;
                    foreach (var v in x)
                    {
                        amax = Math.Max(amax, Math.Abs(v));
                    }

                    var d = amax / 127f;
                    var id = d == 0 ? 0 : 1f / d;
                    var output = destination.Slice(block * 34, 34);
                    BinaryPrimitives.WriteHalfLittleEndian(output, (Half)d);
                    for (var i = 0; i < 32; i++)
                    {
                        output[2 + i] = unchecked((byte)(sbyte)MathF.Round(x[i] * id));
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"Unsupported tensor type {type}.");
        }
    }

    /// <summary>Hands the whole-tensor filler one row at a time: it fills a buffer of the full tensor lazily in chunks.</summary>
    private sealed class RowFiller(Action<Span<float>> fill, long rows, int rowLength)
    {
        private const int ChunkRows = 256;
        private readonly float[] chunk = new float[(int)Math.Min(rows, ChunkRows) * rowLength];
        private long chunkStart = -1;

        public void FillRow(long row, Span<float> destination)
        {
            var start = row / ChunkRows * ChunkRows;
            if (start != chunkStart)
            {
                var count = (int)Math.Min(ChunkRows, rows - start) * rowLength;
                fill(chunk.AsSpan(0, count));
                chunkStart = start;
            }

            chunk.AsSpan((int)(row - start) * rowLength, rowLength).CopyTo(destination);
        }
    }
}
