using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace SynthVault.Evaluation.Utility;

/// <summary>
/// ML.NET's LightGBM trainers on in-memory feature vectors. Runs are reproducible: the MLContext and LightGBM get the
/// same seed, LightGBM runs single-threaded in deterministic mode (its multi-threaded histogram sums are not
/// bit-for-bit repeatable).
/// </summary>
internal static class GradientBoosting
{
    public static float[] BinaryProbabilities(float[][] trainX, bool[] trainY, float[][] testX, BoostingSettings settings)
    {
        var ml = new MLContext(settings.Seed);
        var train = Load(ml, trainX, trainY.Select(y => new BinaryRow { Label = y }).ToArray());
        var trainer = ml.BinaryClassification.Trainers.LightGbm(Configure(new LightGbmBinaryTrainer.Options(), settings));
        var model = trainer.Fit(train);
        var scored = model.Transform(Load(ml, testX, testX.Select(_ => new BinaryRow()).ToArray()));
        return [.. scored.GetColumn<float>("Probability")];
    }

    /// <summary>
    /// One-vs-rest class scores: one binary LightGBM per class (a class the training rows lack scores 0). LightGBM's
    /// own multiclass objective also grows one tree per class per round, so this costs the same, and it avoids
    /// ML.NET 5's key-label handling, which shifts the score slots by one.
    /// </summary>
    public static float[][] MulticlassScores(float[][] trainX, uint[] trainY, int classes, float[][] testX, BoostingSettings settings)
    {
        var result = new float[testX.Length][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new float[classes];
        }

        for (var c = 0; c < classes; c++)
        {
            var y = trainY.Select(v => v == c).ToArray();
            if (!y.Contains(true) || !y.Contains(false))
            {
                continue;
            }

            var p = BinaryProbabilities(trainX, y, testX, settings with { Seed = settings.Seed ^ (c * 7919) });
            for (var i = 0; i < p.Length; i++)
            {
                result[i][c] = p[i];
            }
        }

        return result;
    }

    public static float[] RegressionPredictions(float[][] trainX, float[] trainY, float[][] testX, BoostingSettings settings)
    {
        var ml = new MLContext(settings.Seed);
        var train = Load(ml, trainX, trainY.Select(y => new RegressionRow { Label = y }).ToArray());
        var trainer = ml.Regression.Trainers.LightGbm(Configure(new LightGbmRegressionTrainer.Options(), settings));
        var model = trainer.Fit(train);
        var scored = model.Transform(Load(ml, testX, testX.Select(_ => new RegressionRow()).ToArray()));
        return [.. scored.GetColumn<float>("Score")];
    }

    // The three option classes share their LightGBM fields through a generic base whose type arguments differ per
    // task, so each is set explicitly.
    private static LightGbmBinaryTrainer.Options Configure(LightGbmBinaryTrainer.Options o, BoostingSettings s)
    {
        (o.LabelColumnName, o.FeatureColumnName, o.NumberOfIterations, o.NumberOfLeaves, o.LearningRate) = ("Label", "Features", s.Iterations, s.Leaves, s.LearningRate);
        (o.MinimumExampleCountPerLeaf, o.NumberOfThreads, o.Seed, o.Deterministic, o.Verbose, o.Silent) = (s.MinimumExampleCountPerLeaf, 1, s.Seed, true, false, true);
        return o;
    }

    private static LightGbmRegressionTrainer.Options Configure(LightGbmRegressionTrainer.Options o, BoostingSettings s)
    {
        (o.LabelColumnName, o.FeatureColumnName, o.NumberOfIterations, o.NumberOfLeaves, o.LearningRate) = ("Label", "Features", s.Iterations, s.Leaves, s.LearningRate);
        (o.MinimumExampleCountPerLeaf, o.NumberOfThreads, o.Seed, o.Deterministic, o.Verbose, o.Silent) = (s.MinimumExampleCountPerLeaf, 1, s.Seed, true, false, true);
        return o;
    }

    private static IDataView Load<TRow>(MLContext ml, float[][] features, TRow[] rows)
        where TRow : class, IFeatureRow
    {
        var width = features.Length > 0 ? features[0].Length : 0;
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i].Features = features[i];
        }

        var schema = SchemaDefinition.Create(typeof(TRow));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Math.Max(width, 1));
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    internal interface IFeatureRow
    {
        float[] Features { get; set; }
    }

    internal sealed class BinaryRow : IFeatureRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }

    internal sealed class RegressionRow : IFeatureRow
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}

/// <summary>LightGBM settings shared by the utility and discriminator models.</summary>
internal sealed record BoostingSettings(int Iterations, int Leaves, double LearningRate, int MinimumExampleCountPerLeaf, int Seed);
