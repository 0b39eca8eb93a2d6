using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Neighbors;

namespace SynthVault.Evaluation.Privacy;

/// <summary>
/// The memorization and privacy audit of DESIGN §7: how much closer the synthetic rows sit to the training rows than
/// to a holdout the generator never saw, how well an attacker can tell members from non-members, and how much more
/// singling-out, linkability and attribute-inference attacks learn about training rows than about control rows —
/// overall and per class of the label.
/// </summary>
/// <remarks>
/// <para><b>Distance.</b> Every distance is the Gower distance of one <see cref="GowerSpace"/> fitted on the
/// training rows (numeric |Δ| / training range, categories 0/1, null vs null 0, null vs value 1, averaged over the
/// compared columns; identifiers, free text and never-learned PII columns are left out). The per-class audits keep
/// the overall training ranges, so their distances are on the same scale as the overall ones.</para>
/// <para><b>Equal sizes.</b> The train and holdout sets are subsampled (seeded) to the same size n = min(|train|,
/// |holdout|, <see cref="PrivacyOptions.MaxDistanceRows"/>) before any comparison: the distance to the nearest of
/// n rows shrinks as n grows, so only equal sizes make 0.5 the DCR share of a generator that copies nothing, and
/// make the identical-match shares, NNDR percentiles and attack rates of the two sides comparable.</para>
/// <para><b>DCR share</b> (as MOSTLY AI's and SynthCity's DCR tests): for each synthetic row s, d_train(s) and
/// d_holdout(s) are the distances to the nearest training and holdout row; share = mean over s of
/// [d_train &lt; d_holdout] + ½ [d_train = d_holdout] (exact equality: equal rows give bit-equal distances). Its 95 %
/// interval is a seeded cluster bootstrap that resamples the training and holdout rows together with the synthetic
/// rows each one is nearest to (<see cref="PrivacyStatistics.DcrShareInterval"/>), so it reflects which real rows
/// happened to be held out as well as which synthetic rows were drawn. The test fails when the interval's lower
/// bound is above 0.5.</para>
/// <para><b>NNDR</b> (nearest-neighbour distance ratio, after Lowe 2004 as used for synthetic data by MOSTLY AI):
/// d1 / d2 of a synthetic row's nearest and second-nearest training (or holdout) rows; 1 when both are 0 (the row
/// sits on a duplicated point and is no closer to one record than to another). The 10th percentile is reported
/// for train and holdout: a low train value next to a higher holdout value means synthetic rows hug single
/// training records.</para>
/// <para><b>Membership inference</b> (distance-based, as in Chen et al., "GAN-Leaks", CCS 2020): members are the
/// training sample, non-members the holdout sample; the attacker's score is −(distance to the nearest synthetic
/// row). Reported: the tie-aware AUROC and the TPR at FPR ≤ 1 % (Carlini et al., "Membership Inference Attacks From
/// First Principles", S&amp;P 2022, argue for the low-FPR figure).</para>
/// <para><b>Attacks</b>: see <see cref="AnonymeterAttacks"/>; the holdout is the control set.</para>
/// <para><b>Per class.</b> When a label is known (<see cref="PrivacyOptions.LabelColumn"/> or the schema's label),
/// the synthetic, train and holdout rows of each training class are audited on their own. A class with fewer than
/// <see cref="PrivacyOptions.MinRowsPerClass"/> rows in any of the three sets is left out of
/// <see cref="PrivacySection.PerClass"/>: too few rows give intervals too wide to read.</para>
/// </remarks>
public static class PrivacyEvaluator
{
    /// <summary>Audits <paramref name="synthetic"/> against its training rows and a holdout.</summary>
    /// <exception cref="SynthVaultException">A set has fewer than 2 rows, the label or a compared column is missing,
    /// or no column can be compared.</exception>
    public static PrivacySection Evaluate(
        Table train,
        Table holdout,
        Table synthetic,
        TableSchema schema,
        PrivacyOptions? options = null,
        IProgress<ProgressUpdate>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(holdout);
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new PrivacyOptions();
        RequireRows(train, "training");
        RequireRows(holdout, "holdout");
        RequireRows(synthetic, "synthetic");

        var space = GowerSpace.Fit(train, schema);
        var t = space.Encode(train);
        var h = space.Encode(holdout);
        var s = space.Encode(synthetic);
        var seeds = new SeedStreams(options.Seed);

        var label = options.LabelColumn ?? schema.Label?.Name;
        List<(string Key, int[] Train, int[] Holdout, int[] Synthetic)> classes = [];
        if (label is not null)
        {
            var trainKeys = LabelKeys(train, label, "training");
            var holdoutKeys = LabelKeys(holdout, label, "holdout");
            var syntheticKeys = LabelKeys(synthetic, label, "synthetic");
            foreach (var key in trainKeys.Distinct().Order(StringComparer.Ordinal))
            {
                classes.Add((key, RowsOf(trainKeys, key), RowsOf(holdoutKeys, key), RowsOf(syntheticKeys, key)));
            }
        }

        var steps = 1 + classes.Count;
        progress?.Report(new ProgressUpdate("privacy", 0, steps, "overall"));
        var overall = Compute(t, h, s, options, seeds.Child("overall"), ct);
        var perClass = new Dictionary<string, PrivacyMetrics>(StringComparer.Ordinal);

        // Within one class the label is constant, so guessing it is no attack: it is not a secret there.
        var classOptions = options with
        {
            InferenceSecrets = options.InferenceSecrets ?? [.. space.Columns.Select(c => c.Name).Where(c => c != label)],
        };
        var done = 1;
        foreach (var (key, tr, ho, sy) in classes)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new ProgressUpdate("privacy", done, steps, "class " + key));
            if (tr.Length >= options.MinRowsPerClass && ho.Length >= options.MinRowsPerClass && sy.Length >= options.MinRowsPerClass && Math.Min(Math.Min(tr.Length, ho.Length), sy.Length) >= 2)
            {
                perClass[key] = Compute(t.Take(tr), h.Take(ho), s.Take(sy), classOptions, seeds.Child("class:" + key), ct);
            }

            done++;
        }

        progress?.Report(new ProgressUpdate("privacy", steps, steps, "done"));
        return new PrivacySection(overall, perClass);
    }

    /// <summary>The metrics of one audit unit (all rows, or one class), on encoded rows.</summary>
    internal static PrivacyMetrics Compute(MixedMatrix train, MixedMatrix holdout, MixedMatrix synthetic, PrivacyOptions options, SeedStreams seeds, CancellationToken ct)
    {
        var n = Math.Min(Math.Min(train.Rows, holdout.Rows), options.MaxDistanceRows);
        var t = Sample(train, n, seeds.DeriveSeed("train-sample"));
        var h = Sample(holdout, n, seeds.DeriveSeed("holdout-sample"));
        var s = Sample(synthetic, Math.Min(synthetic.Rows, options.MaxDistanceRows), seeds.DeriveSeed("synthetic-sample"));
        var nn = new NearestNeighborOptions(options.MaxDegreeOfParallelism);

        var toTrain = MixedNearestNeighbors.Search(s, t, Math.Min(2, t.Rows), nn, ct);
        var toHoldout = MixedNearestNeighbors.Search(s, h, Math.Min(2, h.Rows), nn, ct);
        var scores = new double[s.Rows];
        var nndrTrain = new double[s.Rows];
        var nndrHoldout = new double[s.Rows];
        for (var i = 0; i < s.Rows; i++)
        {
            double dt = toTrain.Distance(i), dh = toHoldout.Distance(i);
            scores[i] = dt < dh ? 1.0 : dt == dh ? 0.5 : 0.0;
            nndrTrain[i] = Nndr(toTrain, i);
            nndrHoldout[i] = Nndr(toHoldout, i);
        }

        var dcr = PrivacyStatistics.DcrShareInterval(
            Winners(toTrain), Winners(toHoldout), scores, t.Rows, h.Rows, options.BootstrapResamples, seeds.DeriveSeed("dcr-bootstrap"));

        ct.ThrowIfCancellationRequested();
        var identicalTrain = new RowMatcher(t).Share(s);
        var identicalHoldout = new RowMatcher(h).Share(s);

        // Membership inference: the closer a real row is to the synthetic data, the more "member" it looks.
        var members = MixedNearestNeighbors.Search(t, s, 1, nn, ct);
        var nonMembers = MixedNearestNeighbors.Search(h, s, 1, nn, ct);
        var memberScores = Negated(members.Distances);
        var nonMemberScores = Negated(nonMembers.Distances);

        ct.ThrowIfCancellationRequested();
        var attacks = AnonymeterAttacks.Run(s, t, h, options, seeds.Child("attacks"), ct);

        var shown = Sampling.Subset(s.Rows, Math.Min(s.Rows, options.MaxReportedDistances), seeds.DeriveSeed("reported-distances"));
        var dcrTrain = new double[shown.Length];
        var dcrHoldout = new double[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            dcrTrain[i] = toTrain.Distance(shown[i]);
            dcrHoldout[i] = toHoldout.Distance(shown[i]);
        }

        return new PrivacyMetrics(
            TrainRows: t.Rows,
            HoldoutRows: h.Rows,
            SyntheticRows: s.Rows,
            IdenticalMatchShareTrain: identicalTrain,
            IdenticalMatchShareHoldout: identicalHoldout,
            DcrShare: dcr,
            NndrP10Train: PrivacyStatistics.Quantile(nndrTrain, 0.10),
            NndrP10Holdout: PrivacyStatistics.Quantile(nndrHoldout, 0.10),
            MiaAuroc: PrivacyStatistics.Auroc(memberScores, nonMemberScores),
            MiaTprAtFpr1: PrivacyStatistics.TprAtFpr(memberScores, nonMemberScores, 0.01),
            Attacks: attacks,
            DcrSyntheticToTrain: dcrTrain,
            DcrSyntheticToHoldout: dcrHoldout);
    }

    internal static MixedMatrix Sample(MixedMatrix m, int count, ulong seed) =>
        count >= m.Rows ? m : m.Take(Sampling.Subset(m.Rows, count, seed));

    /// <summary>The nearest reference row of every query.</summary>
    internal static int[] Winners(NeighborResult result)
    {
        var n = result.Indices.Length / result.K;
        var winners = new int[n];
        for (var i = 0; i < n; i++)
        {
            winners[i] = result.Index(i);
        }

        return winners;
    }

    private static double Nndr(NeighborResult result, int query)
    {
        if (result.K < 2)
        {
            return double.NaN;
        }

        var d1 = result.Distance(query, 0);
        var d2 = result.Distance(query, 1);
        return d2 == 0 ? 1.0 : d1 / d2;
    }

    private static double[] Negated(double[] values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = -values[i];
        }

        return result;
    }

    private static void RequireRows(Table table, string what)
    {
        if (table.RowCount < 2)
        {
            throw new SynthVaultException(
                string.Create(CultureInfo.InvariantCulture, $"The {what} table has {table.RowCount} row(s); the privacy audit needs at least 2."),
                hint: "Audit a larger sample, or hold out more rows.");
        }
    }

    /// <summary>The class of every row as text (null as "(null)"), so classes match across tables of any storage type.</summary>
    internal static string[] LabelKeys(Table table, string label, string what)
    {
        if (!table.TryGetColumn(label, out var column))
        {
            throw new SynthVaultException($"The {what} table has no label column.", column: label, hint: "Evaluate tables with the same columns, or name another label.");
        }

        var keys = new string[table.RowCount];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = column is StringColumn strings
                ? strings[i] ?? "(null)"
                : Convert.ToString(column.GetValue(i), CultureInfo.InvariantCulture) ?? "(null)";
        }

        return keys;
    }

    private static int[] RowsOf(string[] keys, string key)
    {
        var rows = new List<int>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] == key)
            {
                rows.Add(i);
            }
        }

        return [.. rows];
    }
}
