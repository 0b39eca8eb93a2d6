using System.Globalization;
using Parquet;
using Parquet.Schema;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;

namespace SynthVault.IO.ParquetFormat;

/// <summary>
/// Reads a Parquet file (Parquet.Net) into a typed table. Integers of every width become Int64, FLOAT and DOUBLE
/// become Float64, DATE becomes Date, TIMESTAMP with isAdjustedToUTC becomes TimestampUtc and without it
/// Timestamp (wall clock), INT96 (Impala/Spark) becomes TimestampUtc as Spark writes it, DECIMAL becomes Decimal and
/// byte arrays become dictionary-encoded strings, read as UTF-8 also when the writer left out the string annotation
/// (older Impala/Spark files do; Spark's binaryAsString). Nested, TIME and INTERVAL columns are errors that name the
/// column.
/// </summary>
internal static class ParquetTableReader
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    public static TableReadResult Read(string path, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        CheckMagic(path);

        // Parquet.Net is asynchronous; running it on the pool keeps a caller's UI synchronization context out of it.
        return Task.Run(() => ReadAsync(path, progress, cancellationToken), cancellationToken).GetAwaiter().GetResult();
    }

    private static void CheckMagic(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        var length = stream.Length;
        if (length == 0)
        {
            throw new SynthVaultException("The file is empty.", file: path);
        }

        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[4];
        var headRead = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (headRead < 4 || !head.SequenceEqual(Magic))
        {
            throw new SynthVaultException("This is not a Parquet file (it does not start with the PAR1 marker).", file: path, hint: "Check the file; a CSV file should end in .csv.");
        }

        stream.Seek(-4, SeekOrigin.End);
        stream.ReadExactly(tail);
        if (length < 12 || !tail.SequenceEqual(Magic))
        {
            throw new SynthVaultException("The Parquet file is truncated or damaged (it does not end with the PAR1 marker).", file: path, hint: "Copy or export the file again.");
        }
    }

    private static async Task<TableReadResult> ReadAsync(string path, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var length = new FileInfo(path).Length;
        var warnings = new List<string>();
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        await using var _ = stream.ConfigureAwait(false);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, new ParquetOptions { TreatByteArrayAsString = true }, leaveStreamOpen: true, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not SynthVaultException)
        {
            throw new SynthVaultException($"The Parquet file is damaged: its footer cannot be read ({e.Message}).", file: path, hint: "Copy or export the file again.", inner: e);
        }

        await using (reader.ConfigureAwait(false))
        {
            foreach (var field in reader.Schema.Fields)
            {
                if (field is not DataField data || data.IsArray)
                {
                    throw new SynthVaultException($"Nested columns ({field.SchemaType}) are not supported.", file: path, column: field.Name, hint: "Flatten the column or leave it out before exporting.");
                }
            }

            var fields = reader.Schema.GetDataFields();
            long total = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                total += reader.RowGroups[g].RowCount;
            }

            if (total > Array.MaxLength)
            {
                throw new SynthVaultException(string.Create(CultureInfo.InvariantCulture, $"The file has {total} rows; at most {Array.MaxLength} fit in memory."), file: path, hint: "Split the file or sample it first.");
            }

            var rows = (int)total;
            var sinks = new ColumnSink[fields.Length];
            for (var i = 0; i < fields.Length; i++)
            {
                sinks[i] = ColumnSink.For(fields[i], rows, path);
            }

            var offset = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                ct.ThrowIfCancellationRequested();
                using var group = reader.OpenRowGroupReader(g);
                var n = checked((int)group.RowCount);
                foreach (var sink in sinks)
                {
                    try
                    {
                        await sink.ReadAsync(group, offset, n, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not SynthVaultException)
                    {
                        throw new SynthVaultException(string.Create(CultureInfo.InvariantCulture, $"The column cannot be read in row group {g + 1}: {e.Message}"), file: path, column: sink.Name, hint: "The file may be damaged; export it again.", inner: e);
                    }
                }

                offset += n;
                progress?.Report(new ProgressUpdate("read", total == 0 ? length : (long)(length * (double)offset / total), length, Path.GetFileName(path)));
            }

            var columns = new Column[sinks.Length];
            for (var i = 0; i < sinks.Length; i++)
            {
                columns[i] = sinks[i].Build(warnings);
            }

            if (columns.Length == 0)
            {
                throw new SynthVaultException("The Parquet file has no columns.", file: path);
            }

            return new TableReadResult(new Table(columns), warnings, "parquet");
        }
    }
}
