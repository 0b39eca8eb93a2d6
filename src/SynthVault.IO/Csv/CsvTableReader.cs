using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;

namespace SynthVault.IO.Csv;

/// <summary>
/// Reads a CSV file into a typed table: detects the layout, then streams the file once through Sylvan's parser,
/// inferring every column's type from all its values; columns that turn out to be text after typed values were
/// stored are re-read in a second pass that collects only them.
/// </summary>
internal static class CsvTableReader
{
    private const int CheckEvery = 8192;

    public static TableReadResult Read(string path, TableReadOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var layout = CsvLayoutDetector.Detect(path, options, warnings);
        var nullTokens = new HashSet<string>(options.NullTokens, StringComparer.Ordinal);
        var length = new FileInfo(path).Length;

        ColumnAccumulator[] columns = [];
        var rows = 0;
        var blankLines = 0;
        Pass(path, layout, progress, length, csv =>
        {
            columns = CreateColumns(path, csv, layout, nullTokens, options, warnings);
            return columns;
        }, (csv, row) =>
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var span = csv.GetFieldSpan(i);
                if (span.IsEmpty)
                {
                    if (csv.IsDBNull(i))
                    {
                        columns[i].AppendNull();
                    }
                    else
                    {
                        columns[i].AppendQuotedEmpty();
                    }
                }
                else
                {
                    columns[i].Append(span, row);
                }
            }

            rows++;
        }, () => blankLines++, cancellationToken);

        if (rows == 0)
        {
            throw new SynthVaultException(layout.HasHeader ? "The file has a header but no data rows." : "The file has no data rows.", file: path);
        }

        var textColumns = Array.FindAll(columns, c => c.NeedsTextPass);
        if (textColumns.Length > 0)
        {
            ReadTextPass(path, layout, textColumns, rows, nullTokens, options.NullTokensInTextAreMissing, progress, length, cancellationToken);
        }

        if (blankLines > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{blankLines} blank lines were skipped."));
        }

        var built = new Column[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var c = columns[i];
            if (c.TypeBeforeText is not null)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Column '{c.Name}' mixes {c.TypeBeforeText} values and text (first text at row {c.FirstTextRow}); it is read as text."));
            }

            built[i] = c.Build(rows, options.NullTokensInTextAreMissing, warnings);
        }

        progress?.Report(new ProgressUpdate("read", length, length, Path.GetFileName(path)));
        return new TableReadResult(new Table(built), warnings, "csv");
    }

    private static ColumnAccumulator[] CreateColumns(string path, CsvDataReader csv, CsvLayout layout, HashSet<string> nullTokens, TableReadOptions options, List<string> warnings)
    {
        var count = csv.FieldCount;
        var names = new string[count];
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var renamed = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var name = layout.HasHeader ? csv.GetName(i) : string.Empty;
            if (string.IsNullOrWhiteSpace(name))
            {
                if (layout.HasHeader)
                {
                    renamed.Add(i);
                }

                name = string.Create(CultureInfo.InvariantCulture, $"column_{i}");
            }
            else if (positions.TryGetValue(name, out var earlier))
            {
                throw new SynthVaultException(
                    string.Create(CultureInfo.InvariantCulture, $"The column name appears twice in the header (positions {earlier + 1} and {i + 1})."),
                    file: path,
                    column: name,
                    hint: "Give every column a unique name.");
            }

            names[i] = name;
            positions[name] = i;
        }

        // A generated name must not collide with a real one ("column_0" may exist already).
        foreach (var i in renamed)
        {
            var name = names[i];
            var suffix = 1;
            while (CountOf(names, name) > 1)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"column_{i}_{suffix++}");
            }

            names[i] = name;
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Column {i + 1} has no name in the header; it is called '{name}'."));
        }

        var forcedTypes = options.ColumnTypes;
        if (forcedTypes is not null)
        {
            foreach (var name in forcedTypes.Keys)
            {
                if (Array.IndexOf(names, name) < 0)
                {
                    warnings.Add($"A type was given for column '{name}', but the file has no such column.");
                }
            }
        }

        var result = new ColumnAccumulator[count];
        for (var i = 0; i < count; i++)
        {
            DataType? forced = forcedTypes is not null && forcedTypes.TryGetValue(names[i], out var t) ? t : null;
            result[i] = new ColumnAccumulator(names[i], i, nullTokens, forced, layout.EstimatedRows);
        }

        return result;
    }

    private static int CountOf(string[] names, string name)
    {
        var n = 0;
        foreach (var x in names)
        {
            n += x == name ? 1 : 0;
        }

        return n;
    }

    private static void ReadTextPass(string path, CsvLayout layout, ColumnAccumulator[] textColumns, int rows, HashSet<string> nullTokens, bool tokensAreMissing, IProgress<ProgressUpdate>? progress, long length, CancellationToken cancellationToken)
    {
        foreach (var c in textColumns)
        {
            c.BeginTextPass(rows);
        }

        var lookup = nullTokens.GetAlternateLookup<ReadOnlySpan<char>>();
        Pass(path, layout, progress, length, _ => textColumns, (csv, row) =>
        {
            foreach (var c in textColumns)
            {
                var span = csv.GetFieldSpan(c.Index);
                if (span.IsEmpty)
                {
                    if (csv.IsDBNull(c.Index))
                    {
                        c.AppendTextPassNull();
                    }
                    else
                    {
                        c.AppendTextPassEmpty();
                    }
                }
                else if (tokensAreMissing && lookup.Contains(span))
                {
                    c.AppendTextPassNull();
                }
                else
                {
                    c.AppendText(span, row);
                }
            }
        }, () => { }, cancellationToken);
    }

    /// <summary>
    /// One pass over the file: checks every record's field count, skips blank lines in multi-column files, reports
    /// progress and cancellation, and turns Sylvan's and the decoder's exceptions into one clear line.
    /// </summary>
    private static void Pass(
        string path,
        CsvLayout layout,
        IProgress<ProgressUpdate>? progress,
        long length,
        Func<CsvDataReader, ColumnAccumulator[]> begin,
        Action<CsvDataReader, long> onRecord,
        Action onBlankLine,
        CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        long row = 0;
        try
        {
            using var csv = CsvDataReader.Create(text, layout.ToSylvan());
            var expected = csv.FieldCount;
            begin(csv);
            var sinceCheck = 0;
            while (csv.Read())
            {
                row = csv.RowNumber;
                if (csv.RowFieldCount != expected)
                {
                    if (expected > 1 && csv.RowFieldCount == 1 && csv.GetFieldSpan(0).IsEmpty)
                    {
                        onBlankLine();
                        continue;
                    }

                    throw new SynthVaultException(
                        string.Create(CultureInfo.InvariantCulture, $"The row has {csv.RowFieldCount} fields but the header has {expected}."),
                        file: path,
                        row: row,
                        hint: "Look for a missing or extra delimiter, or a delimiter inside a value that is not quoted.");
                }

                onRecord(csv, row);
                if (++sinceCheck == CheckEvery)
                {
                    sinceCheck = 0;
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new ProgressUpdate("read", stream.Position, length, Path.GetFileName(path)));
                }
            }
        }
        catch (CsvMissingHeadersException e)
        {
            throw new SynthVaultException("The file is empty.", file: path, inner: e);
        }
        catch (CsvRecordTooLargeException e)
        {
            throw new SynthVaultException(
                string.Create(CultureInfo.InvariantCulture, $"A record is longer than {CsvLayoutDetector.MaxRecordChars / (1 << 20)} M characters: most likely a quote is opened and never closed."),
                file: path,
                row: e.RowNumber > 0 ? e.RowNumber : row + 1,
                hint: "Check the quotes in that row.",
                inner: e);
        }
        catch (CsvFormatException e)
        {
            var unclosed = e.Message.Contains("without a closing quote", StringComparison.Ordinal);
            var problem = unclosed
                ? "A quoted value is never closed: the file ends inside quotes."
                : e.Message.Contains("after a closing quote", StringComparison.Ordinal)
                    ? "Text follows the closing quote of a quoted value."
                    : $"The CSV is malformed: {e.Message}";
            throw new SynthVaultException(problem, file: path, row: e.RowNumber > 0 ? e.RowNumber : row + 1, hint: unclosed ? "Close the quote, or double the quotes inside the value (\"\")." : "Quote the whole value and double the quotes inside it.", inner: e);
        }
        catch (DecoderFallbackException)
        {
            throw CsvLayoutDetector.InvalidUtf8(path, CsvLayoutDetector.LineOfInvalidUtf8(path));
        }
    }
}
