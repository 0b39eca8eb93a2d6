using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Profiling;

/// <summary>The profile of a table: one <see cref="ColumnProfile"/> per column, in table order, and warnings for the user.</summary>
/// <param name="RowCount">Rows in the table.</param>
/// <param name="Columns">Column profiles in table order.</param>
/// <param name="Warnings">Problems worth a look (all-missing or constant columns, possible PII the values did not confirm, ...), never quoting a value.</param>
public sealed record TableProfile(int RowCount, IReadOnlyList<ColumnProfile> Columns, IReadOnlyList<string> Warnings)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,

        // The profile is a file for people and tools, never embedded in HTML: keep '→' and quotes readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The column profile of that name.</summary>
    public ColumnProfile this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"The profile has no column named '{name}'.");

    /// <summary>The column chosen as label, if any.</summary>
    [JsonIgnore]
    public ColumnProfile? Label => Columns.FirstOrDefault(c => c.Role == ColumnRole.Label);

    /// <summary>The inferred schema: kind, PII kind, role and policy per column.</summary>
    public TableSchema ToSchema() => new([.. Columns.Select(c => c.ToSchema())]);

    /// <summary>The profile as indented JSON (camelCase keys, enums as camelCase strings).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>A plain-text report, one block per column, for a terminal or a log.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"{RowCount:N0} rows, {Columns.Count} columns").AppendLine();
        foreach (var c in Columns)
        {
            sb.AppendLine();
            sb.Append(inv, $"{c.Name}  [{c.DataType}] {c.Kind}");
            if (c.Pii != PiiKind.None)
            {
                sb.Append(inv, $"  PII {c.Pii} ({Pii.Percent.Of(c.PiiConfidence)} sure)");
            }

            if (c.Role != ColumnRole.Feature)
            {
                sb.Append(inv, $"  role {c.Role}");
            }

            sb.Append(inv, $"  policy {c.Policy}").AppendLine();
            sb.Append(inv, $"  count {c.Count:N0}  missing {c.NullCount:N0}  distinct {(c.DistinctIsExact ? string.Empty : "~")}{c.DistinctCount:N0}");
            if (c.MeanLength is { } len)
            {
                sb.Append(inv, $"  mean length {len:F1}");
            }

            sb.AppendLine();
            if (c.Mean is { } mean)
            {
                sb.Append("  ");
                if (c.Min is { } min && c.Max is { } max)
                {
                    sb.Append(inv, $"min {c.FormatStatistic(min)}  max {c.FormatStatistic(max)}  ");
                }

                sb.Append(inv, $"mean {c.FormatStatistic(mean)}  std {ProfileFormat.Number(c.Std ?? double.NaN)}").AppendLine();
            }

            if (c.Quantiles is { } q)
            {
                sb.Append("  quantiles").Append(c.QuantilesAreExact ? string.Empty : " (sampled)");
                for (var i = 0; i < QuantileSet.Levels.Count; i++)
                {
                    sb.Append(inv, $"  p{QuantileSet.Levels[i] * 100:0} {c.FormatStatistic(q.Values[i])}");
                }

                sb.AppendLine();
            }

            if (c.TopCategories.Count > 0)
            {
                sb.Append("  top ").AppendJoin(", ", c.TopCategories.Select(t => string.Create(inv, $"{t.Value} ({t.Count:N0})"))).AppendLine();
            }

            if (c.MaskedSamples.Count > 0)
            {
                sb.Append("  samples ").AppendJoin(" | ", c.MaskedSamples).AppendLine();
            }

            foreach (var note in c.Notes)
            {
                sb.Append("  - ").AppendLine(note);
            }
        }

        if (Warnings.Count > 0)
        {
            sb.AppendLine().AppendLine("Warnings:");
            foreach (var w in Warnings)
            {
                sb.Append("  ! ").AppendLine(w);
            }
        }

        return sb.ToString();
    }
}

/// <summary>Invariant formatting of profile numbers and dates.</summary>
internal static class ProfileFormat
{
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString(Math.Abs(value) >= 1e15 || (value != 0 && Math.Abs(value) < 1e-4) ? "G6" : "0.####", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    public static string Statistic(DataType type, double value)
    {
        if (type is not (DataType.Date or DataType.Timestamp or DataType.TimestampUtc) || !double.IsFinite(value))
        {
            return Number(value);
        }

        var date = new DateTime(TemporalScale.FromDays(value), DateTimeKind.Unspecified);
        return type == DataType.Date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
    }
}
