using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Fidelity;

namespace SynthVault.Evaluation;

/// <summary>How a scored column is compared: by its distribution of numbers or by its frequencies of values.</summary>
internal enum ColumnShape
{
    Continuous,
    Discrete,
}

/// <summary>A schema column that takes part in the scores.</summary>
internal sealed record ScoredColumn(ColumnSchema Schema, ColumnShape Shape)
{
    public string Name => Schema.Name;
}

/// <summary>
/// Which columns the evaluation compares, and the checks that real and synthetic tables can be compared at all.
/// Identifier, free-text and personal-data columns are left out of every score (DESIGN §7): their synthetic values
/// are regenerated or surrogates by design, so comparing them says nothing and would put real PII in a report.
/// </summary>
internal static class EvaluationScope
{
    public static (IReadOnlyList<ScoredColumn> Scored, IReadOnlyList<ExcludedColumn> Excluded) Columns(TableSchema schema)
    {
        var scored = new List<ScoredColumn>();
        var excluded = new List<ExcludedColumn>();
        foreach (var c in schema.Columns)
        {
            var reason = ExclusionReason(c);
            if (reason is not null)
            {
                excluded.Add(new ExcludedColumn(c.Name, reason));
                continue;
            }

            var shape = c.Kind is ColumnKind.Categorical or ColumnKind.Boolean ? ColumnShape.Discrete : ColumnShape.Continuous;
            scored.Add(new ScoredColumn(c, shape));
        }

        return (scored, excluded);
    }

    public static string? ExclusionReason(ColumnSchema c) =>
        c.Kind == ColumnKind.Identifier ? "identifier: keys are regenerated, never compared"
        : c.Kind == ColumnKind.Text ? "free text: compared by the text metrics, not the tabular scores"
        : c.Pii != PiiKind.None ? $"personal data ({c.Pii}): its synthetic values are surrogates and its real values stay out of the report"
        : c.Role == ColumnRole.Key ? "key column: regenerated, never compared"
        : c.Policy == ColumnPolicy.Drop ? "dropped from the synthetic output"
        : c.Policy != ColumnPolicy.Synthesize ? $"policy {c.Policy}: its values are not learned"
        : null;

    /// <summary>
    /// Checks that the real and synthetic tables hold the schema's columns with comparable types. Columns the
    /// schema drops may be absent from the synthetic table; every other difference is an error naming the column.
    /// </summary>
    public static void Validate(Table real, Table synthetic, TableSchema schema, string realName = "real", string syntheticName = "synthetic")
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(schema);
        if (real.RowCount == 0)
        {
            throw new SynthVaultException($"The {realName} table has no rows, so there is nothing to compare against.", file: realName, hint: "Pass the table the synthesizer was fitted on.");
        }

        if (synthetic.RowCount == 0)
        {
            throw new SynthVaultException($"The {syntheticName} table has no rows.", file: syntheticName, hint: "Sample at least one row (a few thousand give stable scores) before evaluating.");
        }

        foreach (var c in schema.Columns)
        {
            if (!real.TryGetColumn(c.Name, out var realColumn))
            {
                throw new SynthVaultException($"The schema names column '{c.Name}' but the {realName} table has no such column.", file: realName, column: c.Name, hint: "Evaluate with the schema the data was profiled with.");
            }

            if (!synthetic.TryGetColumn(c.Name, out var syntheticColumn))
            {
                if (c.Policy == ColumnPolicy.Drop)
                {
                    continue;
                }

                throw new SynthVaultException($"The {syntheticName} table is missing column '{c.Name}' that the real table has.", file: syntheticName, column: c.Name, hint: "Compare tables with the same columns, or set the column's policy to Drop in synthvault.json.");
            }

            if (TypeGroup(realColumn.DataType) != TypeGroup(syntheticColumn.DataType))
            {
                throw new SynthVaultException(
                    $"The column holds {Describe(realColumn.DataType)} in the {realName} table but {Describe(syntheticColumn.DataType)} in the {syntheticName} table.",
                    file: syntheticName,
                    column: c.Name,
                    hint: "Write the synthetic table with the real table's column types.");
            }
        }

        foreach (var name in synthetic.ColumnNames)
        {
            if (!schema.Contains(name))
            {
                throw new SynthVaultException($"The {syntheticName} table has an extra column '{name}' that neither the schema nor the real table has.", file: syntheticName, column: name, hint: "Remove the column or evaluate with the schema that describes it.");
            }
        }
    }

    private static int TypeGroup(DataType type) => type switch
    {
        DataType.String => 0,
        DataType.Date or DataType.Timestamp or DataType.TimestampUtc => 1,
        _ => 2,
    };

    private static string Describe(DataType type) => TypeGroup(type) switch
    {
        0 => "text",
        1 => "dates",
        _ => $"numbers ({type})",
    };
}
