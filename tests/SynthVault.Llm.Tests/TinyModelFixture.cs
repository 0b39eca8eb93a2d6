using SynthVault.Testing;
using SynthVault.Testing.Gguf;

namespace SynthVault.Llm.Tests;

/// <summary>Writes the tiny random-weight test model once and loads it once for every test of the collection.</summary>
public sealed class TinyModelFixture : IDisposable
{
    private readonly TempDirectory directory = new("synthvault-llm");

    public TinyModelFixture()
    {
        Path = TinyLlamaGguf.Write(directory.File("tiny.gguf"), TinyLlamaSpec.Test);
        Model = LocalModel.Load(Path);
    }

    public string Path { get; }

    public LocalModel Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny model";
}
