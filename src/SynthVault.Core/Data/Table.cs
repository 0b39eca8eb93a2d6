using SynthVault.Core.Errors;

namespace SynthVault.Core.Data;

/// <summary>
/// An immutable, columnar table: equal-length, uniquely named columns. There are no row objects; hot loops
/// read a column's span directly.
/// </summary>
public sealed class Table
{
    private readonly Column[] columns;
    private readonly Dictionary<string, int> byName;

    public Table(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        this.columns = [.. columns];
        byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < this.columns.Length; i++)
        {
            var c = this.columns[i];
            if (!byName.TryAdd(c.Name, i))
            {
                throw new SynthVaultException($"The column name '{c.Name}' appears twice.", column: c.Name, hint: "Give every column a unique name.");
            }
        }

        RowCount = this.columns.Length == 0 ? 0 : this.columns[0].Length;
        foreach (var c in this.columns)
        {
            if (c.Length != RowCount)
            {
                throw new ArgumentException($"Column '{c.Name}' has {c.Length} rows; the table has {RowCount}.", nameof(columns));
            }
        }
    }

    public static Table Empty { get; } = new([]);

    public IReadOnlyList<Column> Columns => columns;

    public int RowCount { get; }

    public int ColumnCount => columns.Length;

    public IEnumerable<string> ColumnNames => columns.Select(c => c.Name);

    public Column this[int index] => columns[index];

    /// <summary>The column of that name; a <see cref="SynthVaultException"/> naming it when absent.</summary>
    public Column this[string name] =>
        byName.TryGetValue(name, out var i)
            ? columns[i]
            : throw new SynthVaultException($"There is no column named '{name}'.", column: name, hint: $"Columns: {string.Join(", ", ColumnNames)}.");

    public bool Contains(string name) => byName.ContainsKey(name);

    public int IndexOf(string name) => byName.TryGetValue(name, out var i) ? i : -1;

    public bool TryGetColumn(string name, out Column column)
    {
        if (byName.TryGetValue(name, out var i))
        {
            column = columns[i];
            return true;
        }

        column = null!;
        return false;
    }

    /// <summary>The rows at the given positions, in order.</summary>
    public Table Take(ReadOnlySpan<int> rows)
    {
        var result = new Column[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            result[i] = columns[i].Take(rows);
        }

        return new Table(result);
    }

    /// <summary>The first <paramref name="count"/> rows (or all when fewer).</summary>
    public Table Head(int count)
    {
        var n = Math.Min(count, RowCount);
        var rows = new int[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = i;
        }

        return Take(rows);
    }

    /// <summary>Only the named columns, in the given order.</summary>
    public Table Select(IEnumerable<string> names) => new(names.Select(n => this[n]));

    /// <summary>All columns except the named ones.</summary>
    public Table Without(IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        return new Table(columns.Where(c => !drop.Contains(c.Name)));
    }

    /// <summary>This table with a column added, or replaced when one of that name exists (same position).</summary>
    public Table With(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (byName.TryGetValue(column.Name, out var i))
        {
            var copy = (Column[])columns.Clone();
            copy[i] = column;
            return new Table(copy);
        }

        return new Table([.. columns, column]);
    }
}
