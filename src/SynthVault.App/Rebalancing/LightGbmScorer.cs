using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.App.Rebalancing;

/// <summary>
/// Turns the learnable feature columns of a table into one float vector per row for ML.NET: numbers as they are
/// (missing = NaN, which LightGBM treats as missing), booleans 0/1, categories one-hot over the categories seen in
/// the real training rows (at most 64 per column, the most frequent; others and unseen ones all zero).
/// </summary>
internal sealed class FeatureEncoder
{
    private const int MaximumCategories = 64;
    private readonly List<(string Name, Dictionary<string, int>? Categories, int Offset)> columns = [];

    public FeatureEncoder(Table reference, TableSchema schema, string label)
    {
        var offset = 0;
        foreach (var column in reference.Columns)
        {
            if (column.Name == label || !schema.Contains(column.Name))
            {
                continue;
            }

            var cs = schema[column.Name];
            if (!cs.IsLearnable || cs.Kind is ColumnKind.Text or ColumnKind.Identifier)
            {
                continue;
            }

            var numeric = cs.Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime or ColumnKind.Boolean
                && column.IsNumeric;
            if (numeric)
            {
                columns.Add((column.Name, null, offset));
                offset++;
                continue;
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < column.Length; i++)
            {
                var v = Synthesis.Rebalancing.LabelValues.Format(column, i);
                if (v is not null)
                {
                    counts[v] = counts.TryGetValue(v, out var c) ? c + 1 : 1;
                }
            }

            var kept = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(MaximumCategories)
                .Select((kv, i) => (kv.Key, i)).ToDictionary(t => t.Key, t => t.i, StringComparer.Ordinal);
            columns.Add((column.Name, kept, offset));
            offset += kept.Count;
        }

        Width = offset;
        FeatureNames = [.. columns.Select(c => c.Name)];
    }

    public int Width { get; }

    /// <summary>The source columns used, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public float[][] Encode(Table table)
    {
        var rows = new float[table.RowCount][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new float[Width];
        }

        foreach (var (name, categories, offset) in columns)
        {
            var column = table[name];
            if (categories is null)
            {
                var values = column.ToDoubles();
                for (var i = 0; i < rows.Length; i++)
                {
                    rows[i][offset] = (float)values[i];
                }

                continue;
            }

            for (var i = 0; i < rows.Length; i++)
            {
                var v = Synthesis.Rebalancing.LabelValues.Format(column, i);
                if (v is not null && categories.TryGetValue(v, out var slot))
                {
                    rows[i][offset + slot] = 1f;
                }
            }
        }

        return rows;
    }
}

/// <summary>
/// An ML.NET LightGBM binary classifier trained deterministically (fixed seed, one thread, LightGBM's
/// deterministic mode) so the benchmark table is reproducible.
/// </summary>
internal static class LightGbmScorer
{
    /// <summary>Trains on (features, labels) and returns the predicted probability of the positive class for <paramref name="score"/>.</summary>
    public static double[] TrainAndScore(float[][] features, bool[] labels, float[][] score, int width, int seed, int iterations, double positiveWeight = 1.0)
    {
        var ml = new MLContext(seed);
        var definition = SchemaDefinition.Create(typeof(Example));
        definition[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var train = ml.Data.LoadFromEnumerable(features.Select((f, i) => new Example { Features = f, Label = labels[i] }), definition);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(Example.Label),
            FeatureColumnName = nameof(Example.Features),
            NumberOfIterations = iterations,
            Seed = seed,
            Deterministic = true,
            NumberOfThreads = 1,
            Silent = true,
            Verbose = false,
            WeightOfPositiveExamples = positiveWeight,
        });
        var model = trainer.Fit(train);
        var test = ml.Data.LoadFromEnumerable(score.Select(f => new Example { Features = f }), definition);
        var probabilities = model.Transform(test).GetColumn<float>("Probability").ToArray();
        return [.. probabilities.Select(p => (double)p)];
    }

    /// <summary>One training or scoring row for ML.NET.</summary>
    private sealed class Example
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
