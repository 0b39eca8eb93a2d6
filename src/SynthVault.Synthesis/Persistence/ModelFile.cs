using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Cart;
using SynthVault.Synthesis.Copula;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis;

/// <summary>
/// Saves and loads fitted models: fit once, sample many times. Layout: the 8-byte magic <c>SVMODEL\n</c>, a
/// 16-bit format version, the writing library's version and the method (length-prefixed UTF-8), the payload
/// length (64-bit) and its SHA-256, then the payload: gzip'd JSON of schema, provenance, options and the learned
/// state. A file of another format version, a truncated or altered file, or one that is not a model at all gives
/// a <see cref="SynthVaultException"/> naming the file. Loading a model and sampling gives exactly what the
/// original model gives.
/// <para>A CART model holds observed training values in its leaves, so its file is as sensitive as the
/// training data. A copula model holds only marginal quantiles, category frequencies and a correlation matrix.</para>
/// </summary>
public static class ModelFile
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "SVMODEL\n"u8.ToArray();

    /// <summary>Writes the model to a file atomically (a temporary file in the same folder, then a rename).</summary>
    public static void Save(ISynthesizerModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temp = full + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Save(model, stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new SynthVaultException($"The model could not be written: {ex.Message}", file: path, hint: "Check that the folder exists and is writable.", inner: ex);
        }
    }

    /// <summary>Writes the model to a stream (the caller makes the file write atomic).</summary>
    public static void Save(ISynthesizerModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        var payload = Payload(model);
        var header = new MemoryStream();
        header.Write(Magic);
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, FormatVersion);
        header.Write(buffer[..2]);
        WriteText(header, Synthesizers.LibraryVersion);
        WriteText(header, model.Provenance.Method);
        BinaryPrimitives.WriteInt64LittleEndian(buffer, payload.Length);
        header.Write(buffer);
        header.Write(SHA256.HashData(payload));
        header.Position = 0;
        header.CopyTo(stream);
        stream.Write(payload);
    }

    /// <summary>Reads a model file; a missing, foreign, damaged or incompatible file gives a <see cref="SynthVaultException"/>.</summary>
    public static ISynthesizerModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new SynthVaultException("The model file does not exist.", file: path, hint: "Fit a model first ('synthvault fit') or check the path.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Load(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SynthVaultException($"The model file could not be read: {ex.Message}", file: path, inner: ex);
        }
    }

    /// <summary>Reads a model from a stream; <paramref name="fileName"/> names it in error messages.</summary>
    public static ISynthesizerModel Load(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var magic = new byte[Magic.Length];
        if (ReadFully(stream, magic) < magic.Length || !magic.AsSpan().SequenceEqual(Magic))
        {
            throw new SynthVaultException("This is not a SynthVault model file.", file: fileName, hint: "Pass a file written by 'synthvault fit'.");
        }

        var header = new byte[2];
        if (ReadFully(stream, header) < 2)
        {
            throw Truncated(fileName);
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header);
        if (version != FormatVersion)
        {
            throw new SynthVaultException(
                $"The model file has format version {version}; this SynthVault ({Synthesizers.LibraryVersion}) reads format {FormatVersion}.",
                file: fileName,
                hint: version > FormatVersion ? "Use the SynthVault version that wrote it, or refit the model with this one." : "Refit the model with this SynthVault version.");
        }

        var libraryVersion = ReadText(stream, fileName);
        var method = ReadText(stream, fileName);
        var lengthBytes = new byte[8];
        var hash = new byte[32];
        if (ReadFully(stream, lengthBytes) < 8 || ReadFully(stream, hash) < 32)
        {
            throw Truncated(fileName);
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(lengthBytes);
        if (length is < 0 or > int.MaxValue)
        {
            throw Damaged(fileName, "its length field is invalid");
        }

        var payload = new byte[length];
        if (ReadFully(stream, payload) < length)
        {
            throw Truncated(fileName);
        }

        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(hash))
        {
            throw Damaged(fileName, "its checksum does not match its content");
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
            return method switch
            {
                CartSynthesizer.MethodName => ToModel(JsonSerializer.Deserialize<CartEnvelope>(gzip, Json.Options)!),
                GaussianCopulaSynthesizer.MethodName => ToModel(JsonSerializer.Deserialize<CopulaEnvelope>(gzip, Json.Options)!),
                _ => throw new SynthVaultException($"The model file holds a '{method}' model, which this SynthVault ({Synthesizers.LibraryVersion}, file written by {libraryVersion}) does not know.", file: fileName, hint: $"Known methods: {string.Join(", ", Synthesizers.Methods)}."),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException)
        {
            throw Damaged(fileName, "its content cannot be read", ex);
        }
    }

    private static SynthVaultException Truncated(string fileName) =>
        new("The model file is truncated (it ends before its content does).", file: fileName, hint: "Copy it again or refit the model.");

    private static SynthVaultException Damaged(string fileName, string why, Exception? inner = null) =>
        new($"The model file is damaged: {why}.", file: fileName, hint: "Copy it again or refit the model.", inner: inner);

    private static byte[] Payload(ISynthesizerModel model)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            switch (model)
            {
                case CopulaModel copula:
                    JsonSerializer.Serialize(gzip, new CopulaEnvelope { Schema = [.. copula.Schema.Columns], Provenance = copula.Provenance, Options = copula.Options, State = copula.State }, Json.Options);
                    break;
                case CartModel cart:
                    JsonSerializer.Serialize(gzip, new CartEnvelope { Schema = [.. cart.Schema.Columns], Provenance = cart.Provenance, Options = cart.Options, State = cart.State }, Json.Options);
                    break;
                default:
                    throw new ArgumentException($"Only models fitted by SynthVault's synthesizers can be saved, not {model.GetType().Name}.", nameof(model));
            }
        }

        return output.ToArray();
    }

    private static CopulaModel ToModel(CopulaEnvelope e)
    {
        var state = e.State ?? throw new InvalidDataException("The copula state is missing.");
        var d = state.Dimensions;
        if (state.Correlation.Length != d * d || state.Cholesky.Length != d * d || state.Marginals.Length != state.Features.Length
            || state.ValueDim.Length != state.Features.Length || state.NullDim.Length != state.Features.Length)
        {
            throw new InvalidDataException("The copula state is inconsistent.");
        }

        return new CopulaModel(new TableSchema(e.Schema), e.Provenance!, e.Options ?? new CopulaOptions(), state);
    }

    private static CartModel ToModel(CartEnvelope e)
    {
        var state = e.State ?? throw new InvalidDataException("The CART state is missing.");
        if (state.Order.Length != state.Features.Length || state.Trees.Length != state.Order.Length || state.Smooth.Length != state.Features.Length)
        {
            throw new InvalidDataException("The CART state is inconsistent.");
        }

        return new CartModel(new TableSchema(e.Schema), e.Provenance!, e.Options ?? new CartOptions(), state);
    }

    private static void WriteText(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        stream.WriteByte((byte)Math.Min(bytes.Length, 255));
        stream.Write(bytes, 0, Math.Min(bytes.Length, 255));
    }

    private static string ReadText(Stream stream, string fileName)
    {
        var length = stream.ReadByte();
        if (length < 0)
        {
            throw Truncated(fileName);
        }

        var bytes = new byte[length];
        if (ReadFully(stream, bytes) < length)
        {
            throw Truncated(fileName);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is harmless and never mistaken for the model.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private sealed class CopulaEnvelope
    {
        public ColumnSchema[] Schema { get; set; } = [];

        public ModelProvenance? Provenance { get; set; }

        public CopulaOptions? Options { get; set; }

        public CopulaState? State { get; set; }
    }

    private sealed class CartEnvelope
    {
        public ColumnSchema[] Schema { get; set; } = [];

        public ModelProvenance? Provenance { get; set; }

        public CartOptions? Options { get; set; }

        public CartState? State { get; set; }
    }
}
