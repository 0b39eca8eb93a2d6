using SynthVault.Core.Errors;
using SynthVault.Testing;

namespace SynthVault.Synthesis.Tests;

/// <summary>Fit once, save, load, sample: the same rows; damaged, foreign or newer files give clear errors.</summary>
public sealed class ModelFileTests
{
    private static readonly Lazy<(Core.Data.Table Table, Core.Schema.TableSchema Schema)> Data = new(() => TestTables.Mixed(2000, 8));

    public static TheoryData<string> Methods => ["copula", "cart"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_saved_and_loaded_model_samples_the_same_rows(string method)
    {
        using var dir = new TempDirectory();
        var model = Synthesizers.Create(method, 21).Fit(Data.Value.Table, Data.Value.Schema);
        var path = dir.File("model.svm");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        Assert.Equal(["model.svm"], dir.FileNames());
        Assert.Equal(model.Provenance, loaded.Provenance);
        Assert.Equal(model.Schema.Columns, loaded.Schema.Columns);
        var conditions = SampleConditions.Equal("colour", "green");
        Assert.Equal(TestTables.Dump(model.Sample(3000, null, 4)), TestTables.Dump(loaded.Sample(3000, null, 4)));
        Assert.Equal(TestTables.Dump(model.Sample(500, conditions, 4)), TestTables.Dump(loaded.Sample(500, conditions, 4)));
    }

    [Fact]
    public void A_stream_round_trip_overwrites_nothing_and_names_the_file_in_errors()
    {
        var model = Synthesizers.Create("copula", 1).Fit(Data.Value.Table, Data.Value.Schema);
        using var buffer = new MemoryStream();
        ModelFile.Save(model, buffer);
        buffer.Position = 0;

        var loaded = ModelFile.Load(buffer, "in-memory.svm");

        Assert.Equal(model.Provenance, loaded.Provenance);
        var ex = Assert.Throws<SynthVaultException>(() => ModelFile.Load(new MemoryStream([1, 2, 3]), "junk.bin"));
        Assert.Equal("junk.bin", ex.File);
        Assert.Contains("not a SynthVault model file", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flip", "damaged")]
    [InlineData("truncate", "truncated")]
    [InlineData("version", "format version 99")]
    [InlineData("magic", "not a SynthVault model file")]
    [InlineData("empty", "not a SynthVault model file")]
    public void A_broken_model_file_gives_a_clear_error_naming_it(string damage, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("broken.svm");
        ModelFile.Save(Synthesizers.Create("cart", 1).Fit(Data.Value.Table, Data.Value.Schema), path);
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip":
                bytes[^10] ^= 0x5A;
                break;
            case "truncate":
                bytes = bytes[..(bytes.Length / 2)];
                break;
            case "version":
                bytes[8] = 99;
                break;
            case "magic":
                bytes[0] = (byte)'X';
                break;
            default:
                bytes = [];
                break;
        }

        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<SynthVaultException>(() => ModelFile.Load(path));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("broken.svm", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Hint);
    }

    [Fact]
    public void A_missing_model_file_is_reported_with_a_hint()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<SynthVaultException>(() => ModelFile.Load(dir.File("nope.svm")));

        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_into_a_missing_folder_fails_cleanly_without_a_partial_file()
    {
        using var dir = new TempDirectory();
        var model = Synthesizers.Create("copula", 1).Fit(Data.Value.Table, Data.Value.Schema);

        Assert.Throws<SynthVaultException>(() => ModelFile.Save(model, Path.Combine(dir.Path, "missing", "m.svm")));
        Assert.Empty(dir.FileNames());
    }
}
