using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.IO.Csv;
using SynthVault.IO.ParquetFormat;

namespace SynthVault.IO;

/// <summary>
/// Reads and writes tables as CSV (.csv, .tsv, .txt) or Parquet (.parquet), chosen by the file extension.
/// Every problem with the input is a <see cref="SynthVaultException"/> naming the file (and row and column where
/// known); every write is atomic, so a failed write never leaves a partial file.
/// </summary>
public static class TableFile
{
    /// <summary>The extensions read and written as CSV.</summary>
    public static IReadOnlyList<string> CsvExtensions { get; } = [".csv", ".tsv", ".txt"];

    /// <summary>The extensions read and written as Parquet.</summary>
    public static IReadOnlyList<string> ParquetExtensions { get; } = [".parquet", ".pq"];

    /// <summary>Reads a table; progress reports bytes read out of the file size (stage "read").</summary>
    public static TableReadResult Read(string path, TableReadOptions? options = null, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TableReadOptions.Default;
        var format = FormatOf(path);
        if (Directory.Exists(path))
        {
            throw new SynthVaultException("This is a folder, not a file.", file: path, hint: "Name a .csv or .parquet file.");
        }

        if (!File.Exists(path))
        {
            throw new SynthVaultException("The file does not exist.", file: path, hint: "Check the path and the current folder.");
        }

        try
        {
            return format == Format.Csv
                ? CsvTableReader.Read(path, options, progress, cancellationToken)
                : ParquetTableReader.Read(path, progress, cancellationToken);
        }
        catch (SynthVaultException e)
        {
            throw e.WithFile(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SynthVaultException("The file cannot be opened: permission denied.", file: path, inner: e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new SynthVaultException($"The file cannot be read: {e.Message}", file: path, inner: e);
        }
    }

    /// <summary>Writes a table, atomically: the file is either the old one or the complete new one.</summary>
    public static void Write(Table table, string path, TableWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TableWriteOptions.Default;
        var format = FormatOf(path);
        if (table.ColumnCount == 0)
        {
            throw new SynthVaultException("A table without columns cannot be written.", file: path);
        }

        if (format == Format.Csv)
        {
            var delimiter = options.Delimiter ?? (Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',');
            AtomicFile.Write(path, stream => CsvTableWriter.Write(table, stream, delimiter, cancellationToken));
        }
        else
        {
            ParquetTableWriter.Validate(table, path);
            // Parquet.Net is asynchronous; running it on the pool keeps a caller's UI synchronization context out of it.
            Task.Run(() => AtomicFile.WriteAsync(path, (stream, ct) => ParquetTableWriter.WriteAsync(table, stream, options, ct), cancellationToken), CancellationToken.None)
                .GetAwaiter().GetResult();
        }
    }

    private enum Format
    {
        Csv,
        Parquet,
    }

    private static Format FormatOf(string path)
    {
        var ext = Path.GetExtension(path);
        if (CsvExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
        {
            return Format.Csv;
        }

        if (ParquetExtensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
        {
            return Format.Parquet;
        }

        throw new SynthVaultException(
            ext.Length == 0 ? "The file name has no extension, so its format is unknown." : $"Files ending in '{ext}' are not supported.",
            file: path,
            hint: "Use .csv, .tsv, .txt or .parquet.");
    }
}
