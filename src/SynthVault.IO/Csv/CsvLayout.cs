using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Sylvan.Data.Csv;
using SynthVault.Core.Errors;

namespace SynthVault.IO.Csv;

/// <summary>The dialect of a CSV file: delimiter, quoting and whether a header row is present.</summary>
internal sealed record CsvLayout(char Delimiter, bool Quoted, bool HasHeader, int EstimatedRows)
{
    /// <summary>Sylvan options for this layout. Comments are off: a value may start with '#'.</summary>
    public CsvDataReaderOptions ToSylvan() => new()
    {
        HasHeaders = HasHeader,
        Delimiter = Delimiter,
        Quote = Quoted ? '"' : '\0',
        Comment = '\0',
        Schema = CsvSchema.Nullable,
        BufferSize = 1 << 16,
        MaxBufferSize = CsvLayoutDetector.MaxRecordChars,
        ResultSetMode = ResultSetMode.SingleResult,
    };
}

/// <summary>
/// Detects a CSV file's encoding problems, delimiter, quoting and header from its first megabyte, the way
/// Python's csv.Sniffer and DuckDB's sniffer do: the delimiter that gives the most regular field counts wins,
/// and the header is the first row when its values do not fit the types of the rows below.
/// </summary>
internal static class CsvLayoutDetector
{
    /// <summary>A record longer than this (in characters) is an error: almost always a quote never closed.</summary>
    public const int MaxRecordChars = 1 << 24;

    private const int SampleBytes = 1 << 20;
    private const int SampleRecords = 200;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static CsvLayout Detect(string path, TableReadOptions options, List<string> warnings)
    {
        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            throw new SynthVaultException("The file is empty.", file: path, hint: "Export the data again; the file has no bytes.");
        }

        var sample = ReadSample(path, length, out var wholeFile);
        var text = DecodeSample(path, sample, wholeFile);
        var truncated = !wholeFile;
        if (truncated)
        {
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline > 0)
            {
                text = text[..(lastNewline + 1)];
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SynthVaultException("The file is empty (it holds only blank lines).", file: path);
        }

        var delimiter = options.Delimiter ?? DetectDelimiter(text, path);
        var quoted = options.Quoting switch
        {
            CsvQuoting.Rfc4180 => true,
            CsvQuoting.None => false,
            _ => DetectQuoting(text, delimiter, truncated, warnings),
        };
        var records = ParseSample(text, delimiter, quoted);
        var hasHeader = options.HasHeader ?? DetectHeader(records, options.NullTokens);
        var estimated = wholeFile ? records.Count + 16 : (int)Math.Min(Array.MaxLength, (double)length / Encoding.UTF8.GetByteCount(text) * CountRecords(text, delimiter, quoted) * 1.02) + 1024;
        return new CsvLayout(delimiter, quoted, hasHeader, estimated);
    }

    /// <summary>The 1-based line of the first byte that is not valid UTF-8, found by decoding the raw bytes.</summary>
    public static long LineOfInvalidUtf8(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        var chars = new char[1 << 16];
        long line = 1;
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0 || carry > 0)
        {
            var available = carry + read;
            var final = read == 0;
            var status = Utf8.ToUtf16(buffer.AsSpan(0, available), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
            line += buffer.AsSpan(0, consumed).Count((byte)'\n');
            if (status == OperationStatus.InvalidData)
            {
                return line;
            }

            if (final)
            {
                break;
            }

            carry = available - consumed;
            buffer.AsSpan(consumed, carry).CopyTo(buffer);
        }

        return line;
    }

    private static byte[] ReadSample(string path, long length, out bool wholeFile)
    {
        var size = (int)Math.Min(length, SampleBytes);
        var sample = new byte[size];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            stream.ReadExactly(sample);
        }

        wholeFile = size == length;
        return sample;
    }

    private static string DecodeSample(string path, byte[] sample, bool wholeFile)
    {
        if (sample.Length >= 2 && ((sample[0] == 0xFF && sample[1] == 0xFE) || (sample[0] == 0xFE && sample[1] == 0xFF)))
        {
            // UTF-16 with a byte order mark: the stream reader detects it; NUL bytes are normal there.
            var encoding = sample[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return encoding.GetString(sample, 2, (sample.Length - 2) & ~1);
        }

        var bytes = sample.AsSpan();
        if (bytes.StartsWith("PAR1"u8))
        {
            throw new SynthVaultException("This is a Parquet file, not CSV text.", file: path, hint: "Rename it to end in .parquet.");
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            var line = bytes[..nul].Count((byte)'\n') + 1;
            throw new SynthVaultException(string.Create(CultureInfo.InvariantCulture, $"Line {line} holds a NUL byte: this looks like a binary file, not CSV text."), file: path, hint: "Export the data as UTF-8 CSV.");
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var consumed, out var written, replaceInvalidSequences: false, isFinalBlock: wholeFile);
        if (status == OperationStatus.InvalidData)
        {
            var line = bytes[..consumed].Count((byte)'\n') + 1;
            throw InvalidUtf8(path, line);
        }

        return new string(chars, 0, written);
    }

    public static SynthVaultException InvalidUtf8(string path, long line) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Line {line} is not valid UTF-8 text (the file may be Latin-1/Windows-1252 or binary)."), file: path, hint: "Save the file as UTF-8.");

    private static char DetectDelimiter(string text, string path)
    {
        var preferred = Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
        var best = preferred;
        var bestConsistency = -1.0;
        var bestFields = 1;
        foreach (var candidate in Candidates)
        {
            var counts = FieldCounts(text, candidate, quoted: true, SampleRecords);
            if (counts.Count == 0)
            {
                continue;
            }

            var (mode, frequency) = Mode(counts);
            if (mode < 2)
            {
                continue;
            }

            var consistency = (double)frequency / counts.Count;
            var better = consistency > bestConsistency + 1e-9
                || (Math.Abs(consistency - bestConsistency) <= 1e-9 && (mode > bestFields || (mode == bestFields && candidate == preferred)));
            if (better)
            {
                best = candidate;
                bestConsistency = consistency;
                bestFields = mode;
            }
        }

        return best;
    }

    /// <summary>
    /// RFC 4180 quoting, except in a tab-separated file whose sample breaks it while reading quotes literally gives
    /// every record the same number of fields.
    /// </summary>
    private static bool DetectQuoting(string text, char delimiter, bool truncated, List<string> warnings)
    {
        var options = new CsvLayout(delimiter, true, false, 0).ToSylvan();
        try
        {
            using var reader = CsvDataReader.Create(new StringReader(text), options);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (CsvFormatException e)
        {
            if (truncated && e.Message.Contains("closing quote", StringComparison.Ordinal) && e.Message.Contains("end of the input", StringComparison.Ordinal))
            {
                // The sample ends inside a quoted multi-line value: not evidence against quoting.
                return true;
            }

            // Only tab-separated files fall back: TSV has no quoting convention of its own (IANA text/tab-separated-values
            // forbids tabs and line breaks in fields instead), while in comma files RFC 4180 is the rule and a broken
            // quote is an error the user must see.
            var counts = delimiter == '\t' ? FieldCounts(text, delimiter, quoted: false, int.MaxValue) : [];
            if (counts.Count > 0 && counts.TrueForAll(c => c == counts[0]))
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Quotes are read as ordinary characters: record {e.RowNumber} has a quote that does not follow CSV quoting rules, and the file reads as a regular table without quoting."));
                return false;
            }

            return true;
        }
    }

    /// <summary>
    /// The first record is a header when, summed over columns, its values fit the column types of the records
    /// below less often than not (csv.Sniffer.has_header's vote, typed by our own parsers). Ties mean a header.
    /// </summary>
    private static bool DetectHeader(List<string[]> records, IReadOnlyList<string> nullTokens)
    {
        if (records.Count < 2)
        {
            return true;
        }

        var first = records[0];
        var votes = 0;
        for (var c = 0; c < first.Length; c++)
        {
            var type = TypeOfColumn(records, c, nullTokens, out var sameLength);
            if (type is null)
            {
                if (sameLength is { } len && first[c].Length != len)
                {
                    votes++;
                }

                continue;
            }

            votes += first[c].Length > 0 && Fits(first[c], type.Value) ? -1 : 1;
        }

        return votes >= 0;
    }

    private enum SniffType
    {
        Integer,
        Number,
        Boolean,
        Date,
        DateTime,
    }

    private static SniffType? TypeOfColumn(List<string[]> records, int c, IReadOnlyList<string> nullTokens, out int? sameLength)
    {
        sameLength = null;
        var candidates = new List<SniffType> { SniffType.Integer, SniffType.Number, SniffType.Boolean, SniffType.Date, SniffType.DateTime };
        var seen = 0;
        var length = -1;
        var lengthsEqual = true;
        for (var r = 1; r < records.Count; r++)
        {
            if (c >= records[r].Length)
            {
                continue;
            }

            var v = records[r][c];
            if (v.Length == 0 || nullTokens.Contains(v) || ValueParsers.IsNonFiniteToken(v, out _))
            {
                continue;
            }

            seen++;
            lengthsEqual &= length < 0 || v.Length == length;
            length = v.Length;
            candidates.RemoveAll(t => !Fits(v, t));
        }

        if (seen == 0)
        {
            return null;
        }

        if (candidates.Count == 0)
        {
            sameLength = lengthsEqual ? length : null;
            return null;
        }

        return candidates[0];
    }

    private static bool Fits(string v, SniffType type) => type switch
    {
        SniffType.Integer => ValueParsers.TryParseInt64(v, out _),
        SniffType.Number => ValueParsers.TryParseDouble(v, out _),
        SniffType.Boolean => ValueParsers.TryParseBoolean(v, out _),
        SniffType.Date => ValueParsers.TryParseDate(v, out _),
        _ => ValueParsers.TryParseDateTime(v, out _, out _),
    };

    private static List<string[]> ParseSample(string text, char delimiter, bool quoted)
    {
        var records = new List<string[]>();
        try
        {
            using var reader = CsvDataReader.Create(new StringReader(text), new CsvLayout(delimiter, quoted, false, 0).ToSylvan());
            while (records.Count < SampleRecords && reader.Read())
            {
                var row = new string[reader.RowFieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.GetString(i);
                }

                records.Add(row);
            }
        }
        catch (CsvFormatException)
        {
            // The full read reports the malformed record with its row; the records before it still vote.
        }

        return records;
    }

    private static int CountRecords(string text, char delimiter, bool quoted) => FieldCounts(text, delimiter, quoted, int.MaxValue).Count;

    /// <summary>Fields per non-blank record, with RFC 4180 quotes when <paramref name="quoted"/>.</summary>
    private static List<int> FieldCounts(string text, char delimiter, bool quoted, int maxRecords)
    {
        var counts = new List<int>();
        var fields = 1;
        var inQuotes = false;
        var atFieldStart = true;
        var recordEmpty = true;
        for (var i = 0; i < text.Length && counts.Count < maxRecords; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }

                continue;
            }

            if (ch == '\r' || ch == '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (!recordEmpty)
                {
                    counts.Add(fields);
                }

                fields = 1;
                atFieldStart = true;
                recordEmpty = true;
                continue;
            }

            recordEmpty = false;
            if (ch == delimiter)
            {
                fields++;
                atFieldStart = true;
                continue;
            }

            if (quoted && ch == '"' && atFieldStart)
            {
                inQuotes = true;
            }

            atFieldStart = false;
        }

        if (!recordEmpty && counts.Count < maxRecords)
        {
            counts.Add(fields);
        }

        return counts;
    }

    private static (int Mode, int Frequency) Mode(List<int> counts)
    {
        var frequencies = new Dictionary<int, int>();
        foreach (var c in counts)
        {
            frequencies[c] = frequencies.GetValueOrDefault(c) + 1;
        }

        var best = (Mode: 0, Frequency: 0);
        foreach (var (value, frequency) in frequencies)
        {
            if (frequency > best.Frequency || (frequency == best.Frequency && value > best.Mode))
            {
                best = (value, frequency);
            }
        }

        return best;
    }
}
