using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;
using SynthVault.IO;
using SynthVault.Synthesis;

namespace SynthVault.App;

/// <summary>A fitted model with the data and schema it came from.</summary>
public sealed record FittedModel(ISynthesizerModel Model, LoadedDataset Dataset, TableSchema Schema);

/// <summary><c>fit</c>, <c>sample</c> and <c>synth</c>: learn a model of a table, save it, and sample from it.</summary>
public static class SynthesisUseCase
{
    public static FittedModel Fit(string dataPath, string? projectPath, string method, long seed, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        var synthesizer = Synthesizers.Create(method, seed);
        var dataset = DatasetFiles.Load(dataPath, progress, cancellationToken);
        var schema = SchemaResolver.Resolve(dataset, projectPath, progress, cancellationToken);
        var model = synthesizer.Fit(dataset.Table, schema, progress, cancellationToken);
        return new FittedModel(model, dataset, schema);
    }

    /// <summary>Samples <paramref name="rows"/> rows meeting the <c>--where</c> clauses.</summary>
    public static Table Sample(ISynthesizerModel model, int rows, IReadOnlyList<string> where, long seed, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(where);
        EnsureRowCount(rows);
        var conditions = where.Count == 0 ? null : SampleConditions.Parse(where, model.Schema);
        return model.Sample(rows, conditions, seed, progress, cancellationToken);
    }

    public static void SaveModel(ISynthesizerModel model, string path) =>
        AtomicFile.Write(path, stream => ModelFile.Save(model, stream));

    public static ISynthesizerModel LoadModel(string path)
    {
        if (!File.Exists(path))
        {
            throw new SynthVaultException("does not exist.", path, hint: "Fit one with 'synthvault fit <data> --model <file>'.");
        }

        return ModelFile.Load(path);
    }

    /// <summary>Writes the synthetic table (CSV or Parquet by extension), atomically.</summary>
    public static void WriteTable(Table table, string path, CancellationToken cancellationToken = default) =>
        TableFile.Write(table, path, cancellationToken: cancellationToken);

    /// <summary>A row count the user asked for: at least one.</summary>
    public static void EnsureRowCount(int rows)
    {
        if (rows < 1)
        {
            throw new SynthVaultException($"--rows must be at least 1 (got {rows}).", hint: "Ask for the number of synthetic rows you want, e.g. --rows 10000.");
        }
    }
}
