using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;

namespace SynthVault.Synthesis.Internal;

/// <summary>
/// A condition tied to a learned feature: a category index for equality, or numeric bounds (already intersected
/// with the observed bounds) for a range.
/// </summary>
internal readonly record struct ResolvedCondition(int Feature, int Category, double Lo, double Hi, string Clause)
{
    public bool IsCategory => Category >= 0;

    /// <summary>Clamps a sampled number into the condition after the output's rounding rule.</summary>
    public double Clamp(double value, FeatureSpec spec)
    {
        if (spec.RoundToInteger || spec.RoundToDays)
        {
            return Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), Math.Ceiling(Lo), Math.Floor(Hi));
        }

        return Math.Clamp(value, Lo, Hi);
    }
}

/// <summary>Checks sample conditions against what a model learned and ties each to its feature.</summary>
internal static class ConditionResolver
{
    public static ResolvedCondition[] Resolve(SampleConditions? conditions, FeatureSpec[] specs, PassThroughSpec[] others)
    {
        if (conditions is null || conditions.Items.Count == 0)
        {
            return [];
        }

        var result = new List<ResolvedCondition>();
        foreach (var c in conditions.Items)
        {
            var f = Array.FindIndex(specs, s => s.Name == c.Column);
            if (f < 0)
            {
                var other = Array.Find(others, o => o.Name == c.Column);
                throw other is null
                    ? new SynthVaultException($"The condition '{c.Clause}' names a column the model does not have.", column: c.Column, hint: $"Learned columns: {string.Join(", ", specs.Select(s => s.Name))}.")
                    : new SynthVaultException($"The condition '{c.Clause}' is on a column the model does not learn ({other.Action}), so it cannot be conditioned on.", column: c.Column, hint: "Condition on a learned categorical, boolean, numeric or date column.");
            }

            var spec = specs[f];
            if (spec.IsCategorical)
            {
                if (c.Kind != ConditionKind.Equal)
                {
                    throw new SynthVaultException($"The condition '{c.Clause}' asks for a range on a {spec.Kind} column.", column: c.Column, hint: $"Use '{c.Column}=value'.");
                }

                var category = FindCategory(spec, c.Value!);
                if (category < 0)
                {
                    var seen = string.Join(", ", spec.Categories.Where(k => k is not null).Take(12).Select(k => Display(spec, k!)));
                    throw new SynthVaultException(
                        $"The condition '{c.Clause}' asks for a value that never occurs in the training data, so it cannot be sampled.",
                        column: c.Column,
                        hint: $"Values seen: {seen}{(spec.Categories.Length > 12 ? ", …" : string.Empty)}.");
                }

                result.Add(new ResolvedCondition(f, category, double.NaN, double.NaN, c.Clause));
                continue;
            }

            double lo, hi;
            if (c.Kind == ConditionKind.Equal)
            {
                if (!double.TryParse(c.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    throw new SynthVaultException($"The condition '{c.Clause}' needs a number.", column: c.Column, hint: "Write e.g. 'age=30' or 'age=30..40'.");
                }

                lo = hi = v;
            }
            else
            {
                lo = c.Min;
                hi = c.Max;
            }

            if (spec.AllNull)
            {
                throw new SynthVaultException($"The condition '{c.Clause}' is on a column whose values are all missing in the training data.", column: c.Column);
            }

            var rounds = spec.RoundToInteger || spec.RoundToDays;
            var effectiveLo = Math.Max(lo, spec.Min);
            var effectiveHi = Math.Min(hi, spec.Max);
            if (effectiveLo > effectiveHi || (rounds && Math.Ceiling(effectiveLo) > Math.Floor(effectiveHi)))
            {
                throw new SynthVaultException(
                    string.Create(CultureInfo.InvariantCulture, $"The condition '{c.Clause}' cannot be met: the training values lie between {spec.Min} and {spec.Max}{(rounds ? " (whole numbers)" : string.Empty)}."),
                    column: c.Column,
                    hint: "Ask for a range that overlaps the observed values.");
            }

            result.Add(new ResolvedCondition(f, -1, effectiveLo, effectiveHi, c.Clause));
        }

        return [.. result];
    }

    private static int FindCategory(FeatureSpec spec, string value)
    {
        var cats = spec.Categories;
        for (var i = 0; i < cats.Length; i++)
        {
            if (cats[i] is { } key && Matches(spec.DataType, key, value.Trim()))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Matches(DataType type, string key, string value)
    {
        switch (type)
        {
            case DataType.String:
                return string.Equals(key, value, StringComparison.Ordinal);
            case DataType.Boolean:
                var truth = value.ToUpperInvariant() switch
                {
                    "TRUE" or "1" or "YES" or "Y" or "T" => "true",
                    "FALSE" or "0" or "NO" or "N" or "F" => "false",
                    _ => null,
                };
                return truth == key;
            case DataType.Date or DataType.Timestamp or DataType.TimestampUtc:
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d.Ticks.ToString(CultureInfo.InvariantCulture) == key
                    : key == value;
            case DataType.Decimal:
                return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m == decimal.Parse(key, CultureInfo.InvariantCulture);
            default:
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    && x == double.Parse(key, CultureInfo.InvariantCulture);
        }
    }

    private static string Display(FeatureSpec spec, string key) =>
        spec.DataType is DataType.Date or DataType.Timestamp or DataType.TimestampUtc
            ? new DateTime(long.Parse(key, CultureInfo.InvariantCulture), DateTimeKind.Unspecified).ToString("s", CultureInfo.InvariantCulture)
            : key;
}
