using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;

namespace SynthVault.Evaluation.Text;

/// <summary>
/// Labelled texts from one source (a seed file, a synthetic set, a real eval set), held column-wise: the text, its
/// label and the 1-based data row it came from, so that every complaint can name the file and the row.
/// </summary>
public sealed class LabelledTextSet
{
    private readonly string[] texts;
    private readonly string[] labels;
    private readonly long[] rows;

    private LabelledTextSet(string source, string[] texts, string[] labels, long[] rows)
    {
        Source = source;
        this.texts = texts;
        this.labels = labels;
        this.rows = rows;
    }

    /// <summary>Where the texts came from, as the user named it (a file path, or a name such as "synthetic output").</summary>
    public string Source { get; }

    /// <summary>Number of texts.</summary>
    public int Count => texts.Length;

    /// <summary>The texts.</summary>
    public IReadOnlyList<string> Texts => texts;

    /// <summary>The label of each text.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>The 1-based data row (header excluded) or line each text came from.</summary>
    public IReadOnlyList<long> Rows => rows;

    /// <summary>
    /// Builds a set, refusing an empty text or an empty label with a message naming <paramref name="source"/> and the row.
    /// </summary>
    /// <param name="source">The file (or name) to cite in messages.</param>
    /// <param name="texts">The texts.</param>
    /// <param name="labels">One label per text.</param>
    /// <param name="rows">The 1-based row of each text; null numbers them 1, 2, 3…</param>
    /// <exception cref="SynthVaultException">An empty text or label (names the row).</exception>
    public static LabelledTextSet Create(string source, IReadOnlyList<string?> texts, IReadOnlyList<string?> labels, IReadOnlyList<long>? rows = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        if (texts.Count != labels.Count || (rows is not null && rows.Count != texts.Count))
        {
            throw new ArgumentException($"{texts.Count} texts, {labels.Count} labels and {rows?.Count ?? texts.Count} row numbers do not line up.", nameof(labels));
        }

        var t = new string[texts.Count];
        var l = new string[texts.Count];
        var r = new long[texts.Count];
        for (var i = 0; i < t.Length; i++)
        {
            r[i] = rows?[i] ?? i + 1;
            t[i] = string.IsNullOrWhiteSpace(texts[i])
                ? throw new SynthVaultException("the text is empty.", file: source, row: r[i], hint: "Remove the row or give it a text; every labelled example needs one.")
                : texts[i]!;
            l[i] = string.IsNullOrWhiteSpace(labels[i])
                ? throw new SynthVaultException("the label is empty.", file: source, row: r[i], hint: "Every example needs a label for the classifier check.")
                : labels[i]!.Trim();
        }

        return new LabelledTextSet(source, t, l, r);
    }

    /// <summary>
    /// Pulls (text, label) pairs out of a table's text column and label column; numbers, booleans and dates in the
    /// label column become invariant-culture strings. A missing or empty text or label stops with the row named.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="textColumn">The column holding the texts.</param>
    /// <param name="labelColumn">The column holding the labels.</param>
    /// <param name="source">The file (or name) to cite in messages.</param>
    /// <exception cref="SynthVaultException">A column is missing, or a row has no text or label.</exception>
    public static LabelledTextSet FromTable(Table table, string textColumn, string labelColumn, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrEmpty(textColumn);
        ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (table.RowCount == 0)
        {
            throw new SynthVaultException("the table has no rows.", file: source);
        }

        var text = Column(table, textColumn, "text", source);
        var label = Column(table, labelColumn, "label", source);
        var texts = new string?[table.RowCount];
        var labels = new string?[table.RowCount];
        for (var r = 0; r < table.RowCount; r++)
        {
            texts[r] = Format(text.GetValue(r));
            labels[r] = Format(label.GetValue(r));
        }

        return Create(source, texts, labels);
    }

    /// <summary>The distinct labels in ordinal order.</summary>
    public IReadOnlyList<string> Classes() => [.. labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Texts per label.</summary>
    public IReadOnlyDictionary<string, int> ClassCounts()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in labels)
        {
            counts[l] = counts.GetValueOrDefault(l) + 1;
        }

        return counts;
    }

    private static Column Column(Table table, string name, string role, string source) =>
        table.TryGetColumn(name, out var column)
            ? column
            : throw new SynthVaultException(
                $"there is no {role} column named '{name}'.",
                file: source,
                column: name,
                hint: "Columns: " + string.Join(", ", table.ColumnNames) + (role == "text" ? ". Name it with --text-column." : ". Name it with --label-column."));

    private static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
