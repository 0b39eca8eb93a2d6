using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Evaluation.Text;
using SynthVault.IO;

namespace SynthVault.App.Text;

/// <summary>
/// Reads labelled texts for <c>text eval</c>: JSON Lines (one object per line), or any CSV/TSV/Parquet table through
/// SynthVault.IO. The text and label columns are those named, else the first column called like a text (text,
/// message, sms, body, content, description, ticket, memo) or a label (label, category, class, intent, topic, type),
/// as <see cref="TextSeedFile"/> picks them. Unlike a seed file, a row without text is an error that names the row:
/// an evaluation must not silently score fewer texts than the file holds.
/// </summary>
public static class LabelledTextFile
{
    /// <summary>Reads <paramref name="path"/>; <paramref name="role"/> ("seed", "synthetic", "eval") goes into messages.</summary>
    /// <exception cref="SynthVaultException">Missing file, unreadable content, no text or label column, an empty text or label (names the row).</exception>
    public static LabelledTextSet Read(string path, string? textColumn, string? labelColumn, string role)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(role);
        if (!File.Exists(path))
        {
            throw new SynthVaultException($"the {role} file does not exist.", file: path, hint: "Give a CSV, TSV, Parquet or JSON Lines file with a text and a label column.");
        }

        return Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson"
            ? ReadJsonLines(path, textColumn, labelColumn, role)
            : ReadTable(path, textColumn, labelColumn, role);
    }

    private static LabelledTextSet ReadTable(string path, string? textColumn, string? labelColumn, string role)
    {
        Table table;
        try
        {
            table = TableFile.Read(path).Table;
        }
        catch (SynthVaultException e)
        {
            throw e.WithFile(path);
        }

        var columns = table.ColumnNames.ToList();
        var text = TextColumnNames.Pick(textColumn, TextColumnNames.Text, columns, "--text-column", path, role) ?? LongestText(table)
            ?? throw new SynthVaultException($"the {role} file has no text column.", file: path, hint: "Name it with --text-column. Columns: " + string.Join(", ", columns));
        var label = TextColumnNames.Pick(labelColumn, TextColumnNames.Label, columns, "--label-column", path, role)
            ?? throw new SynthVaultException($"the {role} file has no label column.", file: path, hint: "Name it with --label-column. Columns: " + string.Join(", ", columns));
        return LabelledTextSet.FromTable(table, text, label, path);
    }

    private static LabelledTextSet ReadJsonLines(string path, string? textColumn, string? labelColumn, string role)
    {
        var (keys, records) = JsonLinesFile.Read(path);
        if (records.Count == 0)
        {
            throw new SynthVaultException($"the {role} file has no rows.", file: path);
        }

        var text = TextColumnNames.Pick(textColumn, TextColumnNames.Text, keys, "--text-column", path, role)
            ?? throw new SynthVaultException($"the {role} file has no text key.", file: path, hint: "Name it with --text-column. Keys: " + string.Join(", ", keys));
        var label = TextColumnNames.Pick(labelColumn, TextColumnNames.Label, keys, "--label-column", path, role)
            ?? throw new SynthVaultException($"the {role} file has no label key.", file: path, hint: "Name it with --label-column. Keys: " + string.Join(", ", keys));

        // Rows are line numbers here, the way a JSON Lines file is read and edited.
        return LabelledTextSet.Create(
            path,
            [.. records.Select(r => r.Values.GetValueOrDefault(text))],
            [.. records.Select(r => r.Values.GetValueOrDefault(label))],
            [.. records.Select(r => (long)r.Number)]);
    }

    private static string? LongestText(Table table)
    {
        string? best = null;
        var bestMean = 0.0;
        foreach (var c in table.Columns)
        {
            if (c is not StringColumn)
            {
                continue;
            }

            long sum = 0;
            for (var r = 0; r < c.Length; r++)
            {
                sum += c.GetValue(r) is string s && !double.TryParse(s, CultureInfo.InvariantCulture, out _) ? s.Length : 0;
            }

            var mean = c.Length == 0 ? 0 : sum / (double)c.Length;
            if (mean > bestMean)
            {
                (best, bestMean) = (c.Name, mean);
            }
        }

        return best;
    }
}
