using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Rebalancing;

/// <summary>What to rebalance and how far.</summary>
/// <param name="Label">The label column.</param>
/// <param name="TargetRatio">The minority share wanted after rebalancing, strictly between the current share and 1.</param>
/// <param name="PositiveValue">The class to add rows to; null = the rarest class.</param>
/// <param name="Seed">Root seed.</param>
public sealed record RebalanceOptions(string Label, double TargetRatio, string? PositiveValue = null, long Seed = 0);

/// <summary>The rebalanced table and where each of its rows came from.</summary>
/// <param name="Combined">The original rows, unchanged and in order, then the generated rows.</param>
/// <param name="Provenance">
/// One row per row of <paramref name="Combined"/>: <c>row</c> (0-based), <c>is_synthetic</c>, <c>method</c>,
/// <c>parent_a</c>, <c>parent_b</c> (0-based rows of the original data) and <c>gap</c> (new = A + gap·(B − A)).
/// </param>
/// <param name="Generated">Provenance of the generated rows only, in order.</param>
/// <param name="PositiveValue">The class that was enlarged.</param>
/// <param name="OriginalRows">Rows before.</param>
/// <param name="OriginalPositives">Rows of the class before.</param>
/// <param name="Method">The generator's method name.</param>
public sealed record RebalanceResult(
    Table Combined,
    Table Provenance,
    IReadOnlyList<OversampleProvenance> Generated,
    string PositiveValue,
    int OriginalRows,
    int OriginalPositives,
    string Method)
{
    public int GeneratedRows => Generated.Count;

    public double ShareBefore => OriginalRows == 0 ? 0 : (double)OriginalPositives / OriginalRows;

    public double ShareAfter => (double)(OriginalPositives + GeneratedRows) / (OriginalRows + GeneratedRows);
}

/// <summary>Adds generated rows of the minority class until its share reaches the target (DESIGN §5).</summary>
public static class Rebalancer
{
    /// <summary>Rebalances <paramref name="data"/> with <paramref name="generator"/>.</summary>
    public static RebalanceResult Rebalance(
        Table data, TableSchema schema, RebalanceOptions options, IMinorityGenerator generator,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        var labelColumn = LabelValues.LabelColumn(data, options.Label);

        var positive = LabelValues.ResolvePositive(labelColumn, options.PositiveValue);
        var mask = LabelValues.PositiveMask(labelColumn, positive);
        var positives = mask.Count(b => b);
        var needed = RowsNeeded(data.RowCount, positives, options.TargetRatio, options.Label);
        progress?.Report(new ProgressUpdate("generate", 0, needed, $"{generator.Method}: {needed} rows of class '{positive}'"));
        var generated = generator.Generate(data, schema, options.Label, positive, needed, options.Seed, cancellationToken);
        if (generated.Provenance.Count != generated.Rows.RowCount)
        {
            throw new InvalidOperationException($"{generator.Method} returned {generated.Rows.RowCount} rows but {generated.Provenance.Count} provenance entries.");
        }

        progress?.Report(new ProgressUpdate("generate", needed, needed));
        var combined = TableConcat.Vertical([data, generated.Rows]);
        return new RebalanceResult(combined, ProvenanceTable(data.RowCount, generated.Provenance), generated.Provenance, positive, data.RowCount, positives, generator.Method);
    }

    /// <summary>
    /// The number of rows to add so that (p + x) / (n + x) ≥ ratio: x = ⌈(ratio·n − p) / (1 − ratio)⌉, the smallest
    /// count that reaches the ratio (the share after is within one row of it).
    /// </summary>
    public static int RowsNeeded(int rows, int positives, double ratio, string label = "label")
    {
        if (double.IsNaN(ratio) || ratio >= 1 || ratio <= 0)
        {
            throw new SynthVaultException(
                $"The target ratio must be a minority share between 0 and 1 (exclusive); got {ratio.ToString(CultureInfo.InvariantCulture)}.",
                column: label, hint: "Use e.g. --ratio 0.10 for 10 % minority rows after rebalancing.");
        }

        var share = rows == 0 ? 0 : (double)positives / rows;
        if (ratio <= share)
        {
            throw new SynthVaultException(
                $"The minority class is already at {share * 100:0.##} % of the rows, at or above the target {ratio * 100:0.##} %.",
                column: label, hint: "Ask for a higher --ratio, or there is nothing to do.");
        }

        // Subtract a hair before the ceiling so that exact ratios (e.g. 0.5 with n, p integers) do not round up by one.
        var exact = ((ratio * rows) - positives) / (1 - ratio);
        var needed = (long)Math.Ceiling(exact - 1e-9);
        if (needed > int.MaxValue - rows)
        {
            throw new SynthVaultException($"Reaching {ratio * 100:0.##} % would need {needed} new rows, more than a table can hold.", column: label, hint: "Ask for a lower --ratio.");
        }

        return (int)Math.Max(1, needed);
    }

    private static Table ProvenanceTable(int originalRows, IReadOnlyList<OversampleProvenance> generated)
    {
        var n = originalRows + generated.Count;
        var row = new long[n];
        var synthetic = new bool[n];
        var method = new StringColumnBuilder("method", n);
        var parentA = new long[n];
        var parentB = new long[n];
        var gap = new double[n];
        var aNull = new bool[n];
        var bNull = new bool[n];
        var gapNull = new bool[n];
        for (var i = 0; i < n; i++)
        {
            row[i] = i;
            if (i < originalRows)
            {
                method.AppendNull();
                aNull[i] = bNull[i] = gapNull[i] = true;
                continue;
            }

            var p = generated[i - originalRows];
            synthetic[i] = true;
            method.Append(p.Method);
            aNull[i] = p.ParentA is null;
            parentA[i] = p.ParentA ?? 0;
            bNull[i] = p.ParentB is null;
            parentB[i] = p.ParentB ?? 0;
            gapNull[i] = p.Gap is null;
            gap[i] = p.Gap ?? 0;
        }

        return new Table([
            new Int64Column("row", row),
            new BooleanColumn("is_synthetic", synthetic),
            method.Build(),
            new Int64Column("parent_a", parentA, aNull),
            new Int64Column("parent_b", parentB, bNull),
            new Float64Column("gap", gap, gapNull),
        ]);
    }
}
