using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis;

/// <summary>The form of a <see cref="SampleCondition"/>.</summary>
public enum ConditionKind
{
    /// <summary>The column equals one value (categorical and boolean columns).</summary>
    Equal,

    /// <summary>The column lies in [Min, Max], both inclusive (numeric and date columns).</summary>
    Range,
}

/// <summary>
/// One condition on sampled rows. For <see cref="ConditionKind.Equal"/>, <see cref="Value"/> is the value as
/// text (invariant culture); for <see cref="ConditionKind.Range"/>, <see cref="Min"/> and <see cref="Max"/> are
/// inclusive bounds (dates as days since 0001-01-01, see <see cref="TemporalScale"/>; ±∞ for an open side).
/// <see cref="Clause"/> is how the user wrote it, quoted in error messages.
/// </summary>
public sealed record SampleCondition(string Column, ConditionKind Kind, string? Value, double Min, double Max, string Clause);

/// <summary>
/// Conditions that every sampled row must meet: equality on categorical/boolean columns (e.g. <c>is_fraud=1</c>)
/// and inclusive ranges on numeric or date columns. <c>Sample(n, conditions, seed)</c> returns exactly n rows, all
/// meeting every condition. Conditions on one column at most once; on learned columns only (never on PII,
/// identifiers or free text).
/// </summary>
public sealed class SampleConditions
{
    private readonly List<SampleCondition> items = [];

    private SampleConditions()
    {
    }

    /// <summary>The conditions, in the order given.</summary>
    public IReadOnlyList<SampleCondition> Items => items;

    /// <summary>Conditions that the column equals <paramref name="value"/> (a string, number or bool).</summary>
    public static SampleConditions Equal(string column, object value) => new SampleConditions().AndEqual(column, value);

    /// <summary>Conditions that the column lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static SampleConditions Range(string column, double min, double max) => new SampleConditions().AndRange(column, min, max);

    /// <summary>These conditions plus an equality.</summary>
    public SampleConditions AndEqual(string column, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        ArgumentNullException.ThrowIfNull(value);
        var text = value switch
        {
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return Add(new SampleCondition(column, ConditionKind.Equal, text, double.NaN, double.NaN, $"{column}={text}"));
    }

    /// <summary>These conditions plus an inclusive range.</summary>
    public SampleConditions AndRange(string column, double min, double max)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        var clause = string.Create(CultureInfo.InvariantCulture, $"{column}={min}..{max}");
        if (double.IsNaN(min) || double.IsNaN(max) || min > max)
        {
            throw new SynthVaultException($"The condition '{clause}' is an impossible range.", column: column, hint: "Give a minimum that is not above the maximum.");
        }

        return Add(new SampleCondition(column, ConditionKind.Range, null, min, max, clause));
    }

    /// <summary>
    /// Reads CLI clauses against a schema: <c>col=value</c> (equality; on a numeric column the same as
    /// <c>col=v..v</c>), <c>col&gt;=v</c>, <c>col&lt;=v</c> and <c>col=lo..hi</c>. The column name is the longest
    /// schema column that starts the clause and is followed by an operator, so <c>income=&gt;50K</c> means
    /// income equals "&gt;50K". Two bounds on one column (<c>age&gt;=30</c>, <c>age&lt;=60</c>) combine into one
    /// range. Unknown columns, columns that are not learned, malformed values and impossible ranges give a
    /// <see cref="SynthVaultException"/> naming the clause.
    /// </summary>
    public static SampleConditions Parse(IEnumerable<string> clauses, TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        ArgumentNullException.ThrowIfNull(schema);
        var result = new SampleConditions();
        foreach (var raw in clauses)
        {
            var clause = (raw ?? string.Empty).Trim();
            if (clause.Length == 0)
            {
                continue;
            }

            var (column, op, text) = Split(clause, schema);
            if (!FeatureEncoder.IsLearned(column))
            {
                throw new SynthVaultException(
                    $"The condition '{clause}' is on a column that is not learned ({DescribePolicy(column)}), so it cannot be conditioned on.",
                    column: column.Name,
                    hint: "Condition on a learned categorical, boolean, numeric or date column.");
            }

            if (FeatureEncoder.IsCategoricalKind(column.Kind))
            {
                if (op != "=")
                {
                    throw new SynthVaultException($"The condition '{clause}' asks for a range on a {column.Kind} column.", column: column.Name, hint: $"Use '{column.Name}=value'.");
                }

                if (text.Length == 0)
                {
                    throw new SynthVaultException($"The condition '{clause}' has no value.", column: column.Name, hint: $"Write '{column.Name}=value'.");
                }

                result.Add(new SampleCondition(column.Name, ConditionKind.Equal, text, double.NaN, double.NaN, clause));
                continue;
            }

            double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
            switch (op)
            {
                case ">=":
                    lo = ParseNumber(text, column, clause);
                    break;
                case "<=":
                    hi = ParseNumber(text, column, clause);
                    break;
                default:
                    var dots = text.IndexOf("..", StringComparison.Ordinal);
                    if (dots >= 0)
                    {
                        lo = ParseNumber(text[..dots], column, clause);
                        hi = ParseNumber(text[(dots + 2)..], column, clause);
                    }
                    else
                    {
                        lo = hi = ParseNumber(text, column, clause);
                    }

                    break;
            }

            var existing = result.items.FindIndex(c => c.Column == column.Name);
            if (existing >= 0 && result.items[existing].Kind == ConditionKind.Range)
            {
                var previous = result.items[existing];
                lo = Math.Max(lo, previous.Min);
                hi = Math.Min(hi, previous.Max);
                clause = previous.Clause + ", " + clause;
                result.items.RemoveAt(existing);
            }

            if (lo > hi)
            {
                throw new SynthVaultException($"The condition '{clause}' is an impossible range (nothing lies between its bounds).", column: column.Name, hint: "Give a minimum that is not above the maximum.");
            }

            result.Add(new SampleCondition(column.Name, ConditionKind.Range, null, lo, hi, clause));
        }

        return result;
    }

    private SampleConditions Add(SampleCondition condition)
    {
        if (items.Exists(c => c.Column == condition.Column))
        {
            throw new SynthVaultException($"The condition '{condition.Clause}' is the second condition on the column.", column: condition.Column, hint: "Give one condition per column (a range for numbers).");
        }

        items.Add(condition);
        return this;
    }

    private static (ColumnSchema Column, string Op, string Value) Split(string clause, TableSchema schema)
    {
        ColumnSchema? best = null;
        string op = string.Empty, value = string.Empty;
        foreach (var c in schema.Columns)
        {
            if (!clause.StartsWith(c.Name, StringComparison.Ordinal) || (best is not null && best.Name.Length >= c.Name.Length))
            {
                continue;
            }

            var rest = clause[c.Name.Length..].TrimStart();
            foreach (var candidate in (string[])[">=", "<=", "="])
            {
                if (rest.StartsWith(candidate, StringComparison.Ordinal))
                {
                    best = c;
                    op = candidate;
                    value = rest[candidate.Length..].Trim();
                    break;
                }
            }
        }

        if (best is null)
        {
            var known = schema.Columns.Count <= 12 ? string.Join(", ", schema.Columns.Select(c => c.Name)) : string.Join(", ", schema.Columns.Take(12).Select(c => c.Name)) + ", …";
            throw new SynthVaultException(
                $"The condition '{clause}' does not start with a known column followed by =, >= or <=.",
                hint: $"Write e.g. 'column=value', 'column>=10' or 'column=10..20'. Columns: {known}.");
        }

        return (best, op, value);
    }

    private static double ParseNumber(string text, ColumnSchema column, string clause)
    {
        text = text.Trim();
        if (column.DataType is DataType.Date or DataType.Timestamp or DataType.TimestampUtc
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return TemporalScale.ToDays(date.Ticks);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        throw new SynthVaultException(
            $"The condition '{clause}' needs a number{(column.Kind == ColumnKind.DateTime ? " or a date (yyyy-MM-dd)" : string.Empty)} but has '{text}'.",
            column: column.Name,
            hint: "Write numbers with a dot for decimals, e.g. 'age>=30' or 'amount=10.5..99'.");
    }

    private static string DescribePolicy(ColumnSchema column) =>
        column.Pii != PiiKind.None ? $"personal data, {column.Pii}"
        : column.Kind == ColumnKind.Identifier ? "an identifier"
        : column.Kind == ColumnKind.Text ? "free text"
        : $"policy {column.Policy}";
}
