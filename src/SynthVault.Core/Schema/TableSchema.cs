using SynthVault.Core.Data;
using SynthVault.Core.Errors;

namespace SynthVault.Core.Schema;

/// <summary>What SynthVault knows about one column: meaning, storage, personal-data kind, role and policy.</summary>
/// <param name="Name">Column name as in the data file.</param>
/// <param name="Kind">What the values mean.</param>
/// <param name="DataType">How the values are stored; synthetic output uses the same type.</param>
/// <param name="Pii">The kind of personal data, or <see cref="PiiKind.None"/>.</param>
/// <param name="Role">Feature, label or key.</param>
/// <param name="Policy">What the synthesizers do with it.</param>
public sealed record ColumnSchema(
    string Name,
    ColumnKind Kind,
    DataType DataType,
    PiiKind Pii = PiiKind.None,
    ColumnRole Role = ColumnRole.Feature,
    ColumnPolicy Policy = ColumnPolicy.Synthesize)
{
    /// <summary>The policy SynthVault applies when the user sets none: PII is never learned, keys are regenerated.</summary>
    public static ColumnPolicy DefaultPolicy(ColumnKind kind, PiiKind pii) =>
        pii != PiiKind.None ? ColumnPolicy.Surrogate
        : kind == ColumnKind.Identifier ? ColumnPolicy.Regenerate
        : ColumnPolicy.Synthesize;

    /// <summary>True when the synthesizers may learn this column's values.</summary>
    public bool IsLearnable => Policy == ColumnPolicy.Synthesize && Pii == PiiKind.None && Kind is not ColumnKind.Identifier;
}

/// <summary>The schema of a table: one <see cref="ColumnSchema"/> per column, in table order.</summary>
public sealed record TableSchema
{
    public TableSchema(IReadOnlyList<ColumnSchema> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (!seen.Add(c.Name))
            {
                throw new SynthVaultException($"The schema names column '{c.Name}' twice.", column: c.Name);
            }
        }

        Columns = columns;
    }

    public IReadOnlyList<ColumnSchema> Columns { get; }

    public ColumnSchema this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new SynthVaultException($"The schema has no column named '{name}'.", column: name);

    public bool Contains(string name) => Columns.Any(c => c.Name == name);

    /// <summary>The label column, if one has the Label role.</summary>
    public ColumnSchema? Label => Columns.FirstOrDefault(c => c.Role == ColumnRole.Label);

    /// <summary>This schema with one column's entry replaced.</summary>
    public TableSchema With(ColumnSchema column) =>
        new(Columns.Select(c => c.Name == column.Name ? column : c).ToList());

    /// <summary>Checks that the table has every column of the schema with a compatible storage type.</summary>
    public void EnsureMatches(Table table, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var c in Columns)
        {
            if (!table.TryGetColumn(c.Name, out var column))
            {
                throw new SynthVaultException($"The schema names column '{c.Name}' but the data has no such column.", file, c.Name, hint: "Re-run 'synthvault init' or fix the column name in synthvault.json.");
            }

            if (column.DataType != c.DataType)
            {
                throw new SynthVaultException($"The schema says {c.DataType} but the data holds {column.DataType}.", file, c.Name, hint: "Re-run 'synthvault init' on this file or correct the dataType in synthvault.json.");
            }
        }
    }
}
