using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.IO;

namespace SynthVault.App;

/// <summary>A table read from a file, with what the reader wants the user to know.</summary>
public sealed record LoadedDataset(string Path, Table Table, IReadOnlyList<string> Warnings, string Format);

/// <summary>Reading the user's data files: one place that turns an empty table into a clear error.</summary>
public static class DatasetFiles
{
    /// <summary>Reads a CSV/TSV/Parquet file; a table without rows or columns is a user error.</summary>
    public static LoadedDataset Load(string path, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var result = TableFile.Read(path, progress: progress, cancellationToken: cancellationToken);
        if (result.Table.ColumnCount == 0 || result.Table.RowCount == 0)
        {
            throw new SynthVaultException("has no data rows.", path, hint: "Point SynthVault at a file with a header and at least one row.");
        }

        return new LoadedDataset(path, result.Table, result.Warnings, result.Format);
    }
}
