using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.IO;
using SynthVault.Llm.TextLoop;

namespace SynthVault.App.Text;

/// <summary>Which columns (or JSON keys) of a seed file hold the text, the label and the id; null picks by name.</summary>
/// <param name="TextColumn">The text; by default the first of text, message, sms, body, content, description, ticket, memo, else the string column with the longest texts.</param>
/// <param name="LabelColumn">The label; by default the first of label, category, class, intent, topic, type; none when absent.</param>
/// <param name="IdColumn">The id; by default "id" when present, else the row number.</param>
public sealed record TextSeedFileOptions(string? TextColumn = null, string? LabelColumn = null, string? IdColumn = null);

/// <summary>
/// Reads a seed set: a CSV/TSV/Parquet table (through SynthVault.IO) or JSON Lines (one object per line). Every other
/// column becomes a field of the seed (available to --grid and checked for personal data).
/// </summary>
public static class TextSeedFile
{
    /// <summary>Reads <paramref name="path"/> into seeds.</summary>
    /// <exception cref="SynthVaultException">Missing file, unreadable content, or no text column (names the file).</exception>
    public static IReadOnlyList<TextSeed> Read(string path, TextSeedFileOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new TextSeedFileOptions();
        if (!File.Exists(path))
        {
            throw new SynthVaultException("the seed file does not exist.", file: path, hint: "Give a CSV, TSV, Parquet or JSON Lines file of 30 to 100 real examples.");
        }

        var rows = Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson" ? ReadJsonLines(path) : ReadTable(path);
        if (rows.Records.Count == 0)
        {
            throw new SynthVaultException("the seed file has no rows.", file: path);
        }

        var text = TextColumnNames.Pick(options.TextColumn, TextColumnNames.Text, rows.Columns, "--text-column", path, "seed") ?? LongestTextColumn(rows)
            ?? throw new SynthVaultException("the seed file has no text column.", file: path, hint: "Name it with --text-column.");
        var label = TextColumnNames.Pick(options.LabelColumn, TextColumnNames.Label, rows.Columns, "--label-column", path, "seed");
        var id = TextColumnNames.Pick(options.IdColumn, ["id"], rows.Columns, "--id-column", path, "seed");
        var seeds = new List<TextSeed>(rows.Records.Count);
        for (var r = 0; r < rows.Records.Count; r++)
        {
            var record = rows.Records[r];
            if (!record.TryGetValue(text, out var value) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var fields = record.Where(kv => kv.Key != text && kv.Key != label && kv.Key != id && kv.Value is not null)
                .ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
            var seedId = id is not null && record.TryGetValue(id, out var idValue) && !string.IsNullOrEmpty(idValue) ? idValue : (r + 1).ToString(CultureInfo.InvariantCulture);
            seeds.Add(new TextSeed(seedId, value, label is not null && record.TryGetValue(label, out var l) && !string.IsNullOrEmpty(l) ? l : null, fields) { Row = rows.Positions[r] });
        }

        if (seeds.Count == 0)
        {
            throw new SynthVaultException($"no row of the seed file has text in column '{text}'.", file: path, column: text);
        }

        return seeds;
    }

    /// <summary>The records and, for each, where it is in the file (data row of a table, line of JSON Lines).</summary>
    private sealed record Rows(List<string> Columns, List<Dictionary<string, string?>> Records, List<int> Positions);

    private static Rows ReadTable(string path)
    {
        var table = TableFile.Read(path).Table;
        var records = new List<Dictionary<string, string?>>(table.RowCount);
        for (var r = 0; r < table.RowCount; r++)
        {
            var record = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var c in table.Columns)
            {
                record[c.Name] = Format(c.GetValue(r));
            }

            records.Add(record);
        }

        return new Rows([.. table.ColumnNames], records, [.. Enumerable.Range(1, records.Count)]);
    }

    private static Rows ReadJsonLines(string path)
    {
        var (columns, lines) = JsonLinesFile.Read(path);
        return new Rows(columns, [.. lines.Select(l => l.Values)], [.. lines.Select(l => l.Number)]);
    }

    private static string? LongestTextColumn(Rows rows) => rows.Columns
        .Select(c => (Column: c, Mean: rows.Records.Average(r => r.TryGetValue(c, out var v) && v is not null && !double.TryParse(v, CultureInfo.InvariantCulture, out _) ? v.Length : 0)))
        .Where(c => c.Mean > 0)
        .OrderByDescending(c => c.Mean)
        .Select(c => c.Column)
        .FirstOrDefault();

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
