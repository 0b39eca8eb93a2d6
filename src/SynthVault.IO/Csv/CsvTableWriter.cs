using System.Globalization;
using System.Text;
using SynthVault.Core.Data;

namespace SynthVault.IO.Csv;

/// <summary>
/// Writes RFC 4180 CSV that reads back to the same table (and reads correctly in DuckDB, pandas and Spark): UTF-8
/// without a byte order mark, a header row, '\n' line ends, invariant culture. Nulls are empty unquoted fields and
/// empty strings are "" so the two stay apart. Doubles use the shortest round-trip form and always show a decimal
/// point or exponent ("1.0", "1E+20") so a float column never reads back as integers; NaN and infinities are written
/// as NaN, Infinity and -Infinity. Dates are yyyy-MM-dd; timestamps yyyy-MM-ddTHH:mm:ss with up to seven fraction
/// digits, and a trailing 'Z' for UTC. Decimals are written with the column's scale.
/// </summary>
internal static class CsvTableWriter
{
    public static void Write(Table table, Stream stream, char delimiter, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        var columns = table.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            if (c > 0)
            {
                writer.Write(delimiter);
            }

            WriteText(writer, columns[c].Name, delimiter);
        }

        writer.Write('\n');
        Span<char> buffer = stackalloc char[64];
        for (var row = 0; row < table.RowCount; row++)
        {
            if ((row & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    writer.Write(delimiter);
                }

                WriteValue(writer, columns[c], row, delimiter, buffer);
            }

            writer.Write('\n');
        }

        writer.Flush();
    }

    private static void WriteValue(StreamWriter writer, Column column, int row, char delimiter, Span<char> buffer)
    {
        if (column.IsNull(row))
        {
            return;
        }

        int n;
        switch (column)
        {
            case StringColumn s:
                WriteText(writer, s[row]!, delimiter);
                return;
            case Int64Column l:
                l[row].TryFormat(buffer, out n, default, CultureInfo.InvariantCulture);
                break;
            case Float64Column d:
                n = FormatDouble(d[row], buffer);
                break;
            case BooleanColumn b:
                writer.Write(b[row] ? "true" : "false");
                return;
            case DateTimeColumn t:
                n = FormatTemporal(t.Ticks[row], t.DataType, buffer);
                break;
            case DecimalColumn m:
                var text = m[row].ToString("F" + m.Scale.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                writer.Write(text);
                return;
            default:
                throw new InvalidOperationException($"Column type {column.GetType().Name} cannot be written to CSV.");
        }

        writer.Write(buffer[..n]);
    }

    internal static int FormatDouble(double value, Span<char> buffer)
    {
        if (double.IsNaN(value))
        {
            "NaN".CopyTo(buffer);
            return 3;
        }

        if (double.IsInfinity(value))
        {
            var s = value > 0 ? "Infinity" : "-Infinity";
            s.CopyTo(buffer);
            return s.Length;
        }

        value.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture);
        if (buffer[..n].IndexOfAny('.', 'E') < 0)
        {
            ".0".CopyTo(buffer[n..]);
            n += 2;
        }

        return n;
    }

    internal static int FormatTemporal(long ticks, DataType type, Span<char> buffer)
    {
        var value = new DateTime(ticks);
        if (type == DataType.Date)
        {
            value.TryFormat(buffer, out var d, "yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);
            return d;
        }

        value.TryFormat(buffer, out var n, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        var fraction = ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            buffer[n++] = '.';
            fraction.TryFormat(buffer[n..], out var f, "0000000", CultureInfo.InvariantCulture);
            n += f;
            while (buffer[n - 1] == '0')
            {
                n--;
            }
        }

        if (type == DataType.TimestampUtc)
        {
            buffer[n++] = 'Z';
        }

        return n;
    }

    private static void WriteText(StreamWriter writer, string value, char delimiter)
    {
        if (value.Length > 0 && value.AsSpan().IndexOfAny(delimiter, '"', '\n') < 0 && value.AsSpan().IndexOf('\r') < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        if (value.Contains('"', StringComparison.Ordinal))
        {
            writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        }
        else
        {
            writer.Write(value);
        }

        writer.Write('"');
    }
}
