using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Profiling;

/// <summary>
/// Profiles a table: per column the statistics (count, missing, distinct, min/max/mean/std, quantiles, top
/// categories), the inferred kind, the personal-data kind, the role and the default policy, with notes saying
/// why. Columns are profiled in parallel, each in one or two passes over its arrays; the result does not depend
/// on the number of threads.
/// <para>
/// Kind inference rules (defaults from <see cref="ProfilerOptions"/>, first match wins):
/// all missing → the storage type's default kind and policy Drop; Boolean storage → Boolean; dates → DateTime;
/// numbers with exactly {0, 1} → Boolean; whole numbers all distinct with ≥ 20 values and increasing or gap-free,
/// or named like a key (id, key, uuid) → Identifier; Int64 with two codes, or ≤ 20 values and a code-like name
/// (status, type, grade) → Categorical; other Int64 → Integer; Float64/Decimal → Continuous; strings averaging
/// ≥ 40 characters or ≥ 5 words with ≥ 20 % distinct → Text; strings ≥ 99 % distinct, short and without spaces →
/// Identifier; strings with ≤ max(50, 5 % of values) distinct → Categorical; other strings → Text when wordy
/// (≥ 3 words or mostly with spaces), else Identifier — never Categorical.
/// </para>
/// <para>
/// Roles: an Identifier is a Key. Label candidates are non-PII boolean or categorical columns that are binary and
/// named like a label (label, class, target, is_fraud, churn, y, ...), or multi-class (≤ 20) and so named, or
/// binary and the last column (the UCI/Kaggle convention). Only the best candidate gets the Label role (name hint
/// beats position; ties go to the later column); the others stay Features with a note.
/// </para>
/// <para>
/// Privacy: personal-data columns show no min, max or quantiles; their top categories and samples are masked by
/// <see cref="Pii.PiiMask"/>; text samples have every span <see cref="Pii.PiiScanner"/> finds masked; identifier
/// samples show only their shape. Notes and warnings never quote a value.
/// </para>
/// </summary>
public static class Profiler
{
    /// <summary>Profiles every column of <paramref name="table"/>; reports progress per column under the stage "profile".</summary>
    public static TableProfile Profile(Table table, ProfilerOptions? options = null, IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= ProfilerOptions.Default;
        options.Validate();
        var count = table.ColumnCount;
        var analyses = new ColumnAnalysis[count];
        var done = 0;
        progress?.Report(new ProgressUpdate("profile", 0, count));
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, count, parallel, i =>
        {
            analyses[i] = ColumnAnalyzer.Analyze(table[i], i == count - 1, options, ct);
            var finished = Interlocked.Increment(ref done);
            progress?.Report(new ProgressUpdate("profile", finished, count, table[i].Name));
        });

        var warnings = new List<string>();
        ChooseLabel(analyses, warnings);
        foreach (var a in analyses)
        {
            warnings.AddRange(a.Warnings);
        }

        if (count == 0)
        {
            warnings.Add("The table has no columns.");
        }
        else if (table.RowCount == 0)
        {
            warnings.Add("The table has no rows: every column is empty.");
        }

        return new TableProfile(table.RowCount, [.. analyses.Select(a => a.Profile)], warnings);
    }

    private static void ChooseLabel(ColumnAnalysis[] analyses, List<string> warnings)
    {
        ColumnAnalysis? best = null;
        var named = new List<string>();
        foreach (var a in analyses)
        {
            if (a.LabelScore == 0)
            {
                continue;
            }

            if (a.LabelScore >= 2)
            {
                named.Add(a.Profile.Name);
            }

            // Ties go to the later column: labels are usually last.
            if (best is null || a.LabelScore >= best.LabelScore)
            {
                best = a;
            }
        }

        if (best is null)
        {
            return;
        }

        foreach (var a in analyses)
        {
            if (a.LabelScore == 0)
            {
                continue;
            }

            var chosen = ReferenceEquals(a, best);
            a.Profile = a.Profile with
            {
                Role = chosen ? ColumnRole.Label : a.Profile.Role,
                Notes = [.. a.Profile.Notes, chosen ? $"label candidate ({a.LabelWhy}) → role Label" : $"label candidate ({a.LabelWhy}), not chosen: '{best.Profile.Name}' ranks higher"],
            };
        }

        if (named.Count > 1)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Several columns look like a label ({string.Join(", ", named)}); '{best.Profile.Name}' was chosen. Set \"role\" in synthvault.json if that is wrong."));
        }
    }
}
