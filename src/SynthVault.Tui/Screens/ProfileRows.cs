using System.Globalization;
using SynthVault.Core.Pii;
using SynthVault.Core.Profiling;
using SynthVault.Core.Schema;

namespace SynthVault.Tui.Screens;

/// <summary>One line of the data screen's table: a column's current settings beside what the profile measured.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Edited">True when a setting differs from the saved (or inferred) one.</param>
/// <param name="Settings">Kind, data type, role, policy and PII kind as they are now.</param>
/// <param name="NullPercent">Share of missing values, in percent.</param>
/// <param name="Distinct">Distinct non-missing values, with '~' when estimated.</param>
/// <param name="Samples">A few example values, masked: never a raw personal value.</param>
/// <param name="Notes">Why the profiler chose what it chose.</param>
internal sealed record ProfileRow(string Name, bool Edited, ColumnSchema Settings, double NullPercent, string Distinct, IReadOnlyList<string> Samples, IReadOnlyList<string> Notes)
{
    /// <summary>The table's column headers, in display order.</summary>
    public static IReadOnlyList<string> Headers { get; } = ["column", "kind", "type", "role", "policy", "pii", "null %", "distinct", "samples (masked)"];

    /// <summary>The cell under <see cref="Headers"/>[<paramref name="index"/>].</summary>
    public string Cell(int index) => index switch
    {
        0 => (Edited ? "*" : string.Empty) + Name,
        1 => TuiText.Name(Settings.Kind),
        2 => TuiText.Name(Settings.DataType),
        3 => TuiText.Name(Settings.Role),
        4 => TuiText.Name(Settings.Policy),
        5 => Settings.Pii == PiiKind.None ? "-" : TuiText.Name(Settings.Pii),
        6 => NullPercent.ToString(NullPercent is > 0 and < 0.1 ? "0.##" : "0.0", CultureInfo.InvariantCulture),
        7 => Distinct,
        8 => string.Join(" | ", Samples),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>
    /// The rows for a profile under the current settings. Samples come from the profiler, which already masks PII,
    /// text and identifier columns; a column the user marks as PII (or identifier) that the profiler did not is
    /// masked here too, so a real personal value is never drawn.
    /// </summary>
    public static IReadOnlyList<ProfileRow> Build(TableProfile profile, TableSchema schema, TableSchema? saved)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(schema);
        var rows = new List<ProfileRow>(schema.Columns.Count);
        foreach (var settings in schema.Columns)
        {
            var p = profile.Columns.FirstOrDefault(c => c.Name == settings.Name);
            var before = saved is not null && saved.Contains(settings.Name) ? saved[settings.Name] : settings;
            var total = p is null ? 0 : p.Count + p.NullCount;
            var nullPercent = total == 0 ? 0 : 100.0 * p!.NullCount / total;
            var distinct = p is null ? "-" : (p.DistinctIsExact ? string.Empty : "~") + p.DistinctCount.ToString("N0", CultureInfo.InvariantCulture);
            rows.Add(new ProfileRow(settings.Name, before != settings, settings, nullPercent, distinct, p is null ? [] : SafeSamples(p, settings), p?.Notes ?? []));
        }

        return rows;
    }

    /// <summary>The profiler's samples, masked again when the user's settings say the column is personal or a key.</summary>
    internal static IReadOnlyList<string> SafeSamples(ColumnProfile profile, ColumnSchema settings)
    {
        if (settings.Pii != PiiKind.None && profile.Pii == PiiKind.None)
        {
            return [.. profile.MaskedSamples.Select(v => PiiMask.Mask(v, settings.Pii))];
        }

        if (settings.Kind is ColumnKind.Identifier or ColumnKind.Text && profile.Kind is not (ColumnKind.Identifier or ColumnKind.Text) && profile.Pii == PiiKind.None)
        {
            return [.. profile.MaskedSamples.Select(PiiMask.Shape)];
        }

        return profile.MaskedSamples;
    }
}
