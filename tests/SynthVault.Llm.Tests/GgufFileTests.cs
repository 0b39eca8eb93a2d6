using System.Buffers.Binary;
using System.Text;
using SynthVault.Core.Errors;
using SynthVault.Testing;
using SynthVault.Testing.Gguf;

namespace SynthVault.Llm.Tests;

[Collection(TinyModelCollection.Name)]
public sealed class GgufFileTests(TinyModelFixture fixture)
{
    [Fact]
    public void Reading_the_tiny_model_reports_its_metadata()
    {
        var info = GgufFile.Read(fixture.Path);

        Assert.Equal("llama", info.Architecture);
        Assert.Equal("synthvault-tiny-test", info.Name);
        Assert.Equal(TinyLlamaSpec.Test.ParameterCount, info.ParameterCount);
        Assert.Equal("F32", info.Quantization);
        Assert.Equal(1024, info.ContextLength);
        Assert.Equal(TinyLlamaGguf.ChatMlTemplate, info.ChatTemplate);
        Assert.Equal(TinyLlamaGguf.BaseVocabularySize, info.VocabularySize);
        Assert.Equal(3u, info.Version);
        Assert.Equal(new FileInfo(fixture.Path).Length, info.FileSizeBytes);
    }

    public static TheoryData<string, string> CorruptFiles => new()
    {
        { "empty", "the file is empty" },
        { "truncated-header", "header is truncated" },
        { "bad-magic", "not a GGUF model" },
        { "not-gguf-text", "not a GGUF model" },
        { "tensor-data-cut-short", "tensor data is cut short" },
        { "absurd-tensor-count", "tensors, more than" },
        { "absurd-kv-count", "metadata entries, more than" },
        { "key-length-overflow", "past the end of the" },
        { "unknown-architecture", "architecture 'notamodel' is not supported" },
        { "bad-version", "GGUF version 1 is not supported" },
    };

    [Theory]
    [MemberData(nameof(CorruptFiles))]
    public void A_corrupt_file_gives_a_clear_error_naming_the_file(string kind, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File(kind + ".gguf");
        File.WriteAllBytes(path, Corrupt(kind));

        var read = Assert.Throws<SynthVaultException>(() => GgufFile.Read(path));
        Assert.Contains(expected, read.Message, StringComparison.Ordinal);
        Assert.StartsWith(kind + ".gguf: ", read.Message, StringComparison.Ordinal);

        // Loading checks the header before any native call, so the same message comes back and the process lives.
        var load = Assert.Throws<SynthVaultException>(() => LocalModel.Load(path));
        Assert.Equal(read.Message, load.Message);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var error = Assert.Throws<SynthVaultException>(() => LocalModel.Load("/nonexistent/folder/model.gguf"));
        Assert.StartsWith("model.gguf: the model file does not exist.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_larger_than_the_available_memory_is_refused_before_loading()
    {
        using var dir = new TempDirectory();
        var path = dir.File("huge.gguf");

        // A well-formed 512 GB model (a sparse file: no disk space used), far above any test machine's memory.
        var writer = new GgufWriter().Add("general.architecture", "llama").Add("general.file_type", 0u)
            .AddTensor("token_embd.weight", [1L << 16, 1L << 21], GgmlTensorType.F32, _ => { });
        writer.WriteSparse(path);

        var info = GgufFile.Read(path);
        Assert.Equal(1L << 37, info.ParameterCount);
        var error = Assert.Throws<SynthVaultException>(() => LocalModel.Load(path));
        Assert.StartsWith("huge.gguf: the model needs about 563.2 GB of memory but only", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Corrupt(string kind)
    {
        var valid = Serialize(TinyLlamaGguf.CreateWriter(TinyLlamaSpec.Test));
        switch (kind)
        {
            case "empty":
                return [];
            case "truncated-header":
                return valid[..12];
            case "bad-magic":
                var badMagic = (byte[])valid.Clone();
                "GGUX"u8.CopyTo(badMagic);
                return badMagic;
            case "not-gguf-text":
                return Encoding.UTF8.GetBytes("name,age\nAda,36\n");
            case "tensor-data-cut-short":
                return valid[..^100];
            case "absurd-tensor-count":
                return Patch(valid, 8, 1_000_000_000_000UL);
            case "absurd-kv-count":
                return Patch(valid, 16, 1_000_000_000_000UL);
            case "key-length-overflow":
                return Patch(valid, 24, 1_000_000_000_000UL);
            case "unknown-architecture":
                return Serialize(TinyLlamaGguf.CreateWriter(TinyLlamaSpec.Test).Replace("general.architecture", "notamodel"));
            case "bad-version":
                var v1 = (byte[])valid.Clone();
                BinaryPrimitives.WriteUInt32LittleEndian(v1.AsSpan(4), 1);
                return v1;
            default:
                throw new ArgumentException(kind);
        }
    }

    private static byte[] Serialize(GgufWriter writer)
    {
        using var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    private static byte[] Patch(byte[] valid, int offset, ulong value)
    {
        var copy = (byte[])valid.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }
}
