using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Utility;

/// <summary>
/// Trains LightGBM to tell real rows from synthetic ones and reports its cross-validated ROC-AUC (DESIGN §7;
/// the "detection" metric of SDMetrics and the discriminator of the synthetic-data literature). Rows are stacked,
/// split into stratified folds with a seed, and each fold is scored by a model trained on the others.
/// </summary>
public static class DiscriminatorEvaluator
{
    /// <summary>The default seed of the fold assignment and the models.</summary>
    public const long DefaultSeed = 42;

    /// <summary>
    /// The discriminator's mean out-of-fold ROC-AUC. Tables larger than <paramref name="maxRowsPerTable"/> are
    /// sampled down (seeded) to keep the run short; both tables keep their own size otherwise (ROC-AUC does not
    /// depend on the class balance).
    /// </summary>
    public static DiscriminatorResult Evaluate(
        Table real,
        Table synthetic,
        TableSchema schema,
        int folds = 3,
        long seed = DefaultSeed,
        UtilityOptions? options = null,
        int maxRowsPerTable = 10_000,
        CancellationToken ct = default)
    {
        options ??= UtilityOptions.Default;
        if (folds < 2)
        {
            throw new SynthVaultException($"The discriminator needs at least 2 folds; {folds} were asked for.", hint: "Use 3 or 5 folds.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowsPerTable);
        EvaluationScope.Validate(real, synthetic, schema);
        var (features, _) = EvaluationScope.Columns(schema);
        if (features.Count == 0)
        {
            throw new SynthVaultException("No column can be compared by the discriminator: every column is an identifier, free text or personal data.");
        }

        var streams = new SeedStreams(seed);
        var realRows = Sample(real.RowCount, maxRowsPerTable, streams.CreateGenerator("discriminator.sample.real"));
        var synRows = Sample(synthetic.RowCount, maxRowsPerTable, streams.CreateGenerator("discriminator.sample.synthetic"));
        if (realRows.Length < folds || synRows.Length < folds)
        {
            throw new SynthVaultException($"The discriminator needs at least {folds} rows in each table for {folds} folds.", hint: "Evaluate larger tables or use fewer folds.");
        }

        // One vocabulary over both tables: a category only the synthetic data has is a real tell.
        var featurizer = Featurizer.Fit(features, [real, synthetic], options.MaxCategoriesPerColumn);
        var x = featurizer.Transform(real, realRows).Concat(featurizer.Transform(synthetic, synRows)).ToArray();
        var y = new bool[x.Length];
        Array.Fill(y, true, 0, realRows.Length);
        var fold = new int[x.Length];
        AssignFolds(fold, 0, realRows.Length, folds, streams.CreateGenerator("discriminator.folds.real"));
        AssignFolds(fold, realRows.Length, synRows.Length, folds, streams.CreateGenerator("discriminator.folds.synthetic"));

        var aucs = new double[folds];
        var settings = options with { Seed = seed };
        Parallel.For(0, folds, new ParallelOptions { CancellationToken = ct }, f =>
        {
            var train = Enumerable.Range(0, x.Length).Where(i => fold[i] != f).ToArray();
            var test = Enumerable.Range(0, x.Length).Where(i => fold[i] == f).ToArray();
            var p = GradientBoosting.BinaryProbabilities(
                [.. train.Select(i => x[i])],
                [.. train.Select(i => y[i])],
                [.. test.Select(i => x[i])],
                settings.Boosting("discriminator.fold." + f.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            aucs[f] = Metrics.RocAuc(p.Select(v => (double)v).ToArray(), test.Select(i => y[i]).ToArray());
        });

        return new DiscriminatorResult(aucs.Average(), aucs, folds, realRows.Length, synRows.Length, [.. features.Select(c => c.Name)]);
    }

    private static int[] Sample(int rows, int max, Xoshiro256 rng)
    {
        var all = Enumerable.Range(0, rows).ToArray();
        if (rows <= max)
        {
            return all;
        }

        // Partial Fisher–Yates: the first max positions become a uniform sample without replacement.
        for (var i = 0; i < max; i++)
        {
            var j = i + rng.NextInt(rows - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var sample = all[..max];
        Array.Sort(sample);
        return sample;
    }

    private static void AssignFolds(int[] fold, int start, int count, int folds, Xoshiro256 rng)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        for (var k = 0; k < count; k++)
        {
            fold[start + order[k]] = k % folds;
        }
    }
}
