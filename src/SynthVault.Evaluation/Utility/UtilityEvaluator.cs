using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Utility;

/// <summary>
/// Train-on-synthetic/test-on-real (TSTR) against train-on-real/test-on-real (TRTR) with LightGBM (DESIGN §7).
/// Both models see the same features (one vocabulary, fitted on the real training rows) and are scored on the
/// same real holdout, so the ratio isolates what the synthetic rows lost.
/// </summary>
public static class UtilityEvaluator
{
    /// <summary>Holdouts smaller than this give intervals too wide to read much into; the result says so.</summary>
    public const int SmallHoldoutRows = 100;

    /// <summary>
    /// Scores TSTR and TRTR for <paramref name="label"/>. Bad tables or a label that cannot be predicted (missing,
    /// an identifier, free text) throw <see cref="SynthVaultException"/>; a label with one class, or one that the
    /// holdout or the synthetic rows leave with one class, gives a result with Status "skipped" and the reason.
    /// </summary>
    public static UtilityResult Evaluate(
        Table trainReal,
        Table synthetic,
        Table holdout,
        TableSchema schema,
        string label,
        UtilityOptions? options = null,
        CancellationToken ct = default)
    {
        options ??= UtilityOptions.Default;
        ArgumentException.ThrowIfNullOrEmpty(label);
        EvaluationScope.Validate(trainReal, synthetic, schema, "real training", "synthetic");
        EvaluationScope.Validate(trainReal, holdout, schema, "real training", "holdout");
        var (scored, _) = EvaluationScope.Columns(schema);
        var task = TaskOf(schema, label);
        var warnings = new List<string>();
        if (holdout.RowCount < SmallHoldoutRows)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"The holdout has only {holdout.RowCount} rows (fewer than {SmallHoldoutRows}): intervals are wide and the utility numbers are noisy."));
        }

        var features = scored.Where(c => c.Name != label).ToList();
        if (features.Count == 0)
        {
            return UtilityResult.Skipped(label, "There is no feature column besides the label to learn from.", task, holdout.RowCount, warnings);
        }

        var featurizer = Featurizer.Fit(features, [trainReal], options.MaxCategoriesPerColumn);
        ct.ThrowIfCancellationRequested();
        return task == UtilityTask.Regression
            ? Regression(trainReal, synthetic, holdout, label, featurizer, options, warnings, ct)
            : Classification(trainReal, synthetic, holdout, label, featurizer, options, warnings, ct);
    }

    private static UtilityTask TaskOf(TableSchema schema, string label)
    {
        if (!schema.Contains(label))
        {
            throw new SynthVaultException($"The label column '{label}' is not in the schema.", column: label, hint: "Name a column of the table, or set a column's role to Label in synthvault.json.");
        }

        var column = schema[label];
        var reason = EvaluationScope.ExclusionReason(column);
        if (reason is not null)
        {
            throw new SynthVaultException($"The column cannot be a utility label: {reason}.", column: label, hint: "Choose a categorical, boolean or numeric column as the label.");
        }

        return column.Kind switch
        {
            ColumnKind.Categorical or ColumnKind.Boolean => UtilityTask.BinaryClassification,
            ColumnKind.Integer or ColumnKind.Continuous => UtilityTask.Regression,
            _ => throw new SynthVaultException($"A {column.Kind} column cannot be a utility label.", column: label, hint: "Choose a categorical, boolean or numeric column as the label."),
        };
    }

    private static UtilityResult Classification(
        Table trainReal,
        Table synthetic,
        Table holdout,
        string label,
        Featurizer featurizer,
        UtilityOptions options,
        List<string> warnings,
        CancellationToken ct)
    {
        var trainKeys = Keys(trainReal[label]);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in trainKeys)
        {
            if (key is not null)
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var classes = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
        {
            return UtilityResult.Skipped(label, $"The label '{label}' has {classes.Length} class(es) in the real training rows; a classifier needs at least two.", UtilityTask.BinaryClassification, holdout.RowCount, warnings);
        }

        var task = classes.Length == 2 ? UtilityTask.BinaryClassification : UtilityTask.MulticlassClassification;
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var (trainRows, trainY) = Labelled(trainKeys, classIndex, "real training", label, warnings);
        var (synRows, synY) = Labelled(Keys(synthetic[label]), classIndex, "synthetic", label, warnings);
        var (holdRows, holdY) = Labelled(Keys(holdout[label]), classIndex, "holdout", label, warnings);
        if (synY.Distinct().Count() < 2)
        {
            return UtilityResult.Skipped(label, $"The synthetic rows hold fewer than two classes of '{label}', so no model can be trained on them.", task, holdRows.Count, warnings);
        }

        if (holdY.Distinct().Count() < 2)
        {
            return UtilityResult.Skipped(label, $"The holdout holds fewer than two classes of '{label}', so ROC-AUC is undefined.", task, holdRows.Count, warnings);
        }

        var xTrain = featurizer.Transform(trainReal, trainRows);
        var xSyn = featurizer.Transform(synthetic, synRows);
        var xHold = featurizer.Transform(holdout, holdRows);
        ct.ThrowIfCancellationRequested();
        if (task == UtilityTask.BinaryClassification)
        {
            // The rarer class is the positive one (fraud, default, ">50K"): PR-AUC is about finding it.
            var positive = counts[classes[1]] <= counts[classes[0]] ? 1 : 0;
            var holdLabels = holdY.Select(y => y == positive).ToArray();
            var trtrP = GradientBoosting.BinaryProbabilities(xTrain, [.. trainY.Select(y => y == positive)], xHold, options.Boosting("utility.trtr"));
            ct.ThrowIfCancellationRequested();
            var tstrP = GradientBoosting.BinaryProbabilities(xSyn, [.. synY.Select(y => y == positive)], xHold, options.Boosting("utility.tstr"));
            var trtr = BinaryScores(trainRows.Count, trtrP, holdLabels, options, "utility.trtr.bootstrap");
            var tstr = BinaryScores(synRows.Count, tstrP, holdLabels, options, "utility.tstr.bootstrap");
            return new UtilityResult(label, "ok", null, task, classes[positive], classes, holdRows.Count, "rocAuc", trtr, tstr, Ratio(tstr.RocAuc, trtr.RocAuc), warnings);
        }

        var k = classes.Length;
        var trtrS = GradientBoosting.MulticlassScores(xTrain, [.. trainY.Select(y => (uint)y)], k, xHold, options.Boosting("utility.trtr"));
        ct.ThrowIfCancellationRequested();
        var tstrS = GradientBoosting.MulticlassScores(xSyn, [.. synY.Select(y => (uint)y)], k, xHold, options.Boosting("utility.tstr"));
        var holdArray = holdY.ToArray();
        var trtrM = MulticlassScores(trainRows.Count, trtrS, holdArray, k, options, "utility.trtr.bootstrap");
        var tstrM = MulticlassScores(synRows.Count, tstrS, holdArray, k, options, "utility.tstr.bootstrap");
        return new UtilityResult(label, "ok", null, task, null, classes, holdRows.Count, "rocAuc", trtrM, tstrM, Ratio(tstrM.RocAuc, trtrM.RocAuc), warnings);
    }

    private static UtilityResult Regression(
        Table trainReal,
        Table synthetic,
        Table holdout,
        string label,
        Featurizer featurizer,
        UtilityOptions options,
        List<string> warnings,
        CancellationToken ct)
    {
        var (trainRows, trainY) = Numeric(trainReal[label].ToDoubles(), "real training", label, warnings);
        var (synRows, synY) = Numeric(synthetic[label].ToDoubles(), "synthetic", label, warnings);
        var (holdRows, holdY) = Numeric(holdout[label].ToDoubles(), "holdout", label, warnings);
        if (trainRows.Count < 2 || synRows.Count < 2 || holdRows.Count < 2 || holdY.Distinct().Count() < 2)
        {
            return UtilityResult.Skipped(label, $"Too few rows with a value of '{label}' (or a constant holdout) to fit and score a regression.", UtilityTask.Regression, holdRows.Count, warnings);
        }

        var xHold = featurizer.Transform(holdout, holdRows);
        var trtrP = GradientBoosting.RegressionPredictions(featurizer.Transform(trainReal, trainRows), [.. trainY.Select(v => (float)v)], xHold, options.Boosting("utility.trtr"));
        ct.ThrowIfCancellationRequested();
        var tstrP = GradientBoosting.RegressionPredictions(featurizer.Transform(synthetic, synRows), [.. synY.Select(v => (float)v)], xHold, options.Boosting("utility.tstr"));
        var actual = holdY.ToArray();
        var trtr = RegressionScores(trainRows.Count, trtrP, actual, options, "utility.trtr.bootstrap");
        var tstr = RegressionScores(synRows.Count, tstrP, actual, options, "utility.tstr.bootstrap");
        return new UtilityResult(label, "ok", null, UtilityTask.Regression, null, [], holdRows.Count, "r2", trtr, tstr, Ratio(tstr.R2, trtr.R2), warnings);
    }

    private static ModelScores BinaryScores(int trainRows, float[] probabilities, bool[] labels, UtilityOptions options, string stream)
    {
        var p = probabilities.Select(v => (double)v).ToArray();
        var correct = 0;
        for (var i = 0; i < p.Length; i++)
        {
            correct += (p[i] >= 0.5) == labels[i] ? 1 : 0;
        }

        var interval = options.BootstrapResamples > 0
            ? Bootstrap.Interval(p, labels, (s, l) => Metrics.RocAuc(s, l), options.BootstrapResamples, 0.95, Derive(options, stream))
            : new Estimate(Metrics.RocAuc(p, labels), double.NaN, double.NaN);
        return new ModelScores(
            trainRows,
            Metrics.RocAuc(p, labels),
            Metrics.AveragePrecision(p, labels),
            Metrics.F1(p, labels, 0.5),
            correct / (double)p.Length,
            double.NaN,
            double.NaN,
            interval,
            Metrics.ThinCurve(Metrics.PrecisionRecallCurve(p, labels), options.PrCurvePoints));
    }

    private static ModelScores MulticlassScores(int trainRows, float[][] scores, int[] truth, int classes, UtilityOptions options, string stream)
    {
        double MacroAuc(int[] rows)
        {
            var aucs = new List<double>();
            for (var c = 0; c < classes; c++)
            {
                var s = rows.Select(r => (double)scores[r][c]).ToArray();
                var l = rows.Select(r => truth[r] == c).ToArray();
                var auc = Metrics.RocAuc(s, l);
                if (!double.IsNaN(auc))
                {
                    aucs.Add(auc);
                }
            }

            return aucs.Count == 0 ? double.NaN : aucs.Average();
        }

        var all = Enumerable.Range(0, truth.Length).ToArray();
        var predicted = scores.Select(ArgMax).ToArray();
        var aps = new List<double>();
        var f1s = new List<double>();
        for (var c = 0; c < classes; c++)
        {
            var s = scores.Select(v => (double)v[c]).ToArray();
            var l = truth.Select(t => t == c).ToArray();
            var ap = Metrics.AveragePrecision(s, l);
            if (!double.IsNaN(ap))
            {
                aps.Add(ap);
            }

            // Macro F1 over the classes present in the truth or the predictions (scikit-learn's label set).
            if (l.Any(x => x) || predicted.Contains(c))
            {
                f1s.Add(Metrics.F1(predicted.Select(v => v == c ? 1.0 : 0.0).ToArray(), l, 0.5));
            }
        }

        var accuracy = truth.Where((t, i) => predicted[i] == t).Count() / (double)truth.Length;
        var interval = options.BootstrapResamples > 0
            ? Bootstrap.Interval(truth.Length, MacroAuc, options.BootstrapResamples, 0.95, Derive(options, stream))
            : new Estimate(MacroAuc(all), double.NaN, double.NaN);
        return new ModelScores(trainRows, MacroAuc(all), aps.Count == 0 ? double.NaN : aps.Average(), f1s.Average(), accuracy, double.NaN, double.NaN, interval, []);
    }

    private static ModelScores RegressionScores(int trainRows, float[] predictions, double[] actual, UtilityOptions options, string stream)
    {
        var p = predictions.Select(v => (double)v).ToArray();
        var interval = options.BootstrapResamples > 0
            ? Bootstrap.Interval(
                actual.Length,
                rows => Metrics.R2(rows.Select(r => actual[r]).ToArray(), rows.Select(r => p[r]).ToArray()),
                options.BootstrapResamples,
                0.95,
                Derive(options, stream))
            : new Estimate(Metrics.R2(actual, p), double.NaN, double.NaN);
        return new ModelScores(trainRows, double.NaN, double.NaN, double.NaN, double.NaN, Metrics.R2(actual, p), Metrics.MeanAbsoluteError(actual, p), interval, []);
    }

    private static int ArgMax(float[] v)
    {
        var best = 0;
        for (var i = 1; i < v.Length; i++)
        {
            if (v[i] > v[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static double Ratio(double tstr, double trtr) => trtr > 0 && !double.IsNaN(tstr) ? tstr / trtr : double.NaN;

    private static long Derive(UtilityOptions options, string stream) => unchecked((long)new Core.Randomness.SeedStreams(options.Seed).DeriveSeed(stream));

    internal static string?[] Keys(Column column)
    {
        var keys = new string?[column.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Featurizer.Key(column, i);
        }

        return keys;
    }

    private static (List<int> Rows, List<int> Y) Labelled(string?[] keys, Dictionary<string, int> classIndex, string table, string label, List<string> warnings)
    {
        var rows = new List<int>(keys.Length);
        var y = new List<int>(keys.Length);
        int missing = 0, unknown = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is null)
            {
                missing++;
            }
            else if (classIndex.TryGetValue(keys[i]!, out var c))
            {
                rows.Add(i);
                y.Add(c);
            }
            else
            {
                unknown++;
            }
        }

        if (missing > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{missing} {table} row(s) without a value of '{label}' were left out."));
        }

        if (unknown > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{unknown} {table} row(s) with a class of '{label}' that the real training rows do not have were left out."));
        }

        return (rows, y);
    }

    private static (List<int> Rows, List<double> Y) Numeric(double[] values, string table, string label, List<string> warnings)
    {
        var rows = new List<int>(values.Length);
        var y = new List<double>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                rows.Add(i);
                y.Add(values[i]);
            }
        }

        if (rows.Count < values.Length)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{values.Length - rows.Count} {table} row(s) without a value of '{label}' were left out."));
        }

        return (rows, y);
    }
}
