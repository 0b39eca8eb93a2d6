using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Profiling;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Rebalancing;

namespace SynthVault.App.Rebalancing;

/// <summary>
/// The schema rebalancing works with. Without a project file it is the profiler's (kinds, PII, identifiers, free
/// text), plus one conservative rule the profiler lacks: an integer column of more than 20 rows whose values are all
/// distinct is an identifier even when it is neither increasing nor gap-free nor named like a key (shuffled account
/// numbers, for instance), so generated rows never copy or interpolate it. With a project file its schema is used
/// as the user wrote it. Either way the label column gets the Label role and is learned as a class.
/// </summary>
public static class RebalanceSchema
{
    /// <summary>The profiler's schema for <paramref name="table"/> with the conservative identifier rule and the label set up.</summary>
    public static TableSchema Infer(Table table, string label, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        RequireLabel(table, label);
        var profiled = Profiler.Profile(table, progress: progress, ct: cancellationToken).ToSchema();
        var columns = profiled.Columns.Select(c =>
            c.Name != label && c.Kind == ColumnKind.Integer && table[c.Name] is Int64Column ints && ints.Length > 20 && ints.NullCount == 0 && AllDistinct(ints)
                ? c with { Kind = ColumnKind.Identifier, Role = ColumnRole.Key, Policy = ColumnSchema.DefaultPolicy(ColumnKind.Identifier, c.Pii) }
                : c);
        return ForLabel(new TableSchema([.. columns]), table, label);
    }

    /// <summary>
    /// <paramref name="schema"/> with <paramref name="label"/> as the one Label column, learned as a class
    /// (Boolean stays Boolean, any other kind becomes Categorical); a former Label column becomes a feature.
    /// </summary>
    public static TableSchema ForLabel(TableSchema schema, Table table, string label)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(table);
        RequireLabel(table, label);
        schema.EnsureMatches(table);
        return new TableSchema([.. schema.Columns.Select(c => c.Name == label
            ? c with
            {
                Kind = c.Kind == ColumnKind.Boolean ? ColumnKind.Boolean : ColumnKind.Categorical,
                Pii = PiiKind.None,
                Role = ColumnRole.Label,
                Policy = ColumnPolicy.Synthesize,
            }
            : c.Role == ColumnRole.Label ? c with { Role = ColumnRole.Feature } : c)]);
    }

    private static void RequireLabel(Table table, string label)
    {
        _ = LabelValues.LabelColumn(table, label);
    }

    private static bool AllDistinct(Int64Column column)
    {
        var seen = new HashSet<long>();
        foreach (var v in column.Values)
        {
            if (!seen.Add(v))
            {
                return false;
            }
        }

        return true;
    }
}
