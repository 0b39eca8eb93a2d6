using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Tests;

/// <summary>
/// A small, test-only judge of synthetic data, with SDMetrics-style definitions (the full evaluation lives in
/// SynthVault.Evaluation): column shapes (KSComplement = 1 − two-sample KS statistic for numbers,
/// TVComplement = 1 − ½ Σ|p_real − p_syn| for categories), column pair trends (CorrelationSimilarity =
/// 1 − |ρ_real − ρ_syn| / 2 for two numbers, Pearson; ContingencySimilarity = 1 − ½ Σ|p_real(a,b) − p_syn(a,b)|
/// otherwise, numbers in 10 equal-width bins over the real range), quality = mean of the two averages, every pair
/// counted. Utility: LightGBM ROC-AUC trained on synthetic vs on real, both scored on a real holdout.
/// Discriminator: LightGBM telling real from synthetic, 3-fold cross-validated ROC-AUC. Privacy: the share of
/// synthetic rows identical to a training row vs to a holdout row.
/// </summary>
internal static class QualityProbe
{
    public static bool IsNumeric(ColumnSchema c) => c.Kind is ColumnKind.Continuous or ColumnKind.Integer or ColumnKind.DateTime;

    public static double QualityScore(Table real, Table synthetic, TableSchema schema)
    {
        var cols = schema.Columns.Where(c => c.Kind != ColumnKind.Identifier && synthetic.Contains(c.Name)).ToList();
        var shapes = cols.Select(c => ColumnShape(real[c.Name], synthetic[c.Name], IsNumeric(c))).Average();
        var pairs = new List<double>();
        for (var i = 0; i < cols.Count; i++)
        {
            for (var j = i + 1; j < cols.Count; j++)
            {
                pairs.Add(PairTrend(real, synthetic, cols[i], cols[j]));
            }
        }

        return pairs.Count == 0 ? shapes : (shapes + pairs.Average()) / 2;
    }

    public static double ColumnShape(Column real, Column synthetic, bool numeric) =>
        numeric ? 1 - KolmogorovSmirnov(Present(real.ToDoubles()), Present(synthetic.ToDoubles())) : TvComplement(Keys(real), Keys(synthetic));

    public static double PairTrend(Table real, Table synthetic, ColumnSchema a, ColumnSchema b)
    {
        if (IsNumeric(a) && IsNumeric(b))
        {
            var rr = Pearson(real[a.Name].ToDoubles(), real[b.Name].ToDoubles());
            var rs = Pearson(synthetic[a.Name].ToDoubles(), synthetic[b.Name].ToDoubles());
            return 1 - (Math.Abs(rr - rs) / 2);
        }

        var ra = Discretize(real[a.Name], real[a.Name], IsNumeric(a));
        var rb = Discretize(real[b.Name], real[b.Name], IsNumeric(b));
        var sa = Discretize(synthetic[a.Name], real[a.Name], IsNumeric(a));
        var sb = Discretize(synthetic[b.Name], real[b.Name], IsNumeric(b));
        return TvComplement([.. ra.Zip(rb, (x, y) => x + "\u0001" + y)], [.. sa.Zip(sb, (x, y) => x + "\u0001" + y)]);
    }

    public static double TvComplement(IReadOnlyList<string> real, IReadOnlyList<string> synthetic)
    {
        var pr = Frequencies(real);
        var ps = Frequencies(synthetic);
        var sum = pr.Keys.Union(ps.Keys).Sum(k => Math.Abs(pr.GetValueOrDefault(k) - ps.GetValueOrDefault(k)));
        return 1 - (sum / 2);
    }

    public static double KolmogorovSmirnov(double[] a, double[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 0 : 1;
        }

        Array.Sort(a);
        Array.Sort(b);
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x)
            {
                i++;
            }

            while (j < b.Length && b[j] <= x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs((i / (double)a.Length) - (j / (double)b.Length)));
        }

        return d;
    }

    public static double Pearson(double[] x, double[] y)
    {
        double mx = 0, my = 0;
        var n = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                mx += x[i];
                my += y[i];
                n++;
            }
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsNaN(x[i]) && !double.IsNaN(y[i]))
            {
                sxy += (x[i] - mx) * (y[i] - my);
                sxx += (x[i] - mx) * (x[i] - mx);
                syy += (y[i] - my) * (y[i] - my);
            }
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }

    /// <summary>(TRTR, TSTR) ROC-AUC of LightGBM predicting <paramref name="label"/> = <paramref name="positive"/>.</summary>
    public static (double Trtr, double Tstr) Utility(Table train, Table holdout, Table synthetic, TableSchema schema, string label, string positive, int seed)
    {
        var featurizer = new Featurizer(train, schema, label);
        var ml = new MLContext(seed);
        var test = featurizer.Load(ml, holdout, label, positive);
        var trtr = Auc(ml, featurizer.Load(ml, train, label, positive), test, seed);
        var tstr = Auc(ml, featurizer.Load(ml, synthetic, label, positive), test, seed);
        return (trtr, tstr);
    }

    /// <summary>Mean ROC-AUC over 3 folds of LightGBM telling real rows (label true) from synthetic ones.</summary>
    public static double DiscriminatorAuc(Table real, Table synthetic, TableSchema schema, int seed, int folds = 3)
    {
        var featurizer = new Featurizer(real, schema, null);
        var rows = new List<Row>();
        rows.AddRange(featurizer.Rows(real).Select(f => new Row { Label = true, Features = f }));
        rows.AddRange(featurizer.Rows(synthetic).Select(f => new Row { Label = false, Features = f }));
        var rng = new Xoshiro256((ulong)seed);
        var fold = new int[rows.Count];
        var perm = Enumerable.Range(0, rows.Count).ToArray();
        for (var i = perm.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }

        for (var i = 0; i < perm.Length; i++)
        {
            fold[perm[i]] = i % folds;
        }

        var ml = new MLContext(seed);
        var aucs = new List<double>();
        for (var k = 0; k < folds; k++)
        {
            var trainRows = rows.Where((_, i) => fold[i] != k).ToList();
            var testRows = rows.Where((_, i) => fold[i] == k).ToList();
            aucs.Add(Auc(ml, featurizer.Load(ml, trainRows), featurizer.Load(ml, testRows), seed));
        }

        return aucs.Average();
    }

    /// <summary>Shares of synthetic rows equal (every column) to some training row and to some holdout row.</summary>
    public static (double Train, double Holdout) IdenticalShares(Table synthetic, Table train, Table holdout)
    {
        var names = synthetic.ColumnNames.ToArray();
        var trainKeys = RowKeys(train, names).ToHashSet(StringComparer.Ordinal);
        var holdoutKeys = RowKeys(holdout, names).ToHashSet(StringComparer.Ordinal);
        var keys = RowKeys(synthetic, names).ToList();
        return (keys.Count(trainKeys.Contains) / (double)keys.Count, keys.Count(holdoutKeys.Contains) / (double)keys.Count);
    }

    private static IEnumerable<string> RowKeys(Table table, string[] names)
    {
        var cols = names.Select(n => table[n]).ToArray();
        for (var r = 0; r < table.RowCount; r++)
        {
            yield return string.Join("\u0001", cols.Select(c => Convert.ToString(c.GetValue(r), System.Globalization.CultureInfo.InvariantCulture) ?? "\u0002"));
        }
    }

    private static double Auc(MLContext ml, IDataView train, IDataView test, int seed)
    {
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            NumberOfIterations = 100,
            NumberOfLeaves = 31,
            LearningRate = 0.1,
            MinimumExampleCountPerLeaf = 20,
            Seed = seed,
            NumberOfThreads = 1,
            Verbose = false,
            Silent = true,
        });
        var model = trainer.Fit(train);
        return ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(test)).AreaUnderRocCurve;
    }

    private static double[] Present(double[] values) => [.. values.Where(v => !double.IsNaN(v))];

    private static List<string> Keys(Column c) =>
        [.. Enumerable.Range(0, c.Length).Select(i => Convert.ToString(c.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "\u0002")];

    private static Dictionary<string, double> Frequencies(IReadOnlyList<string> values) =>
        values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count() / (double)values.Count, StringComparer.Ordinal);

    private static List<string> Discretize(Column column, Column reference, bool numeric)
    {
        if (!numeric)
        {
            return Keys(column);
        }

        var refValues = Present(reference.ToDoubles());
        var lo = refValues.Min();
        var hi = refValues.Max();
        var width = (hi - lo) / 10;
        return [.. column.ToDoubles().Select(v => double.IsNaN(v) ? "nan" : width <= 0 ? "0" : Math.Clamp((int)Math.Floor((v - lo) / width), 0, 9).ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    internal sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    /// <summary>Numbers as they are (NaN = missing), categories one-hot over the reference table's categories.</summary>
    private sealed class Featurizer
    {
        private readonly List<(string Name, bool Numeric, Dictionary<string, int>? Index, int Offset)> columns = [];

        public Featurizer(Table reference, TableSchema schema, string? exclude)
        {
            var offset = 0;
            foreach (var c in schema.Columns.Where(c => c.Name != exclude && c.Kind != ColumnKind.Identifier && reference.Contains(c.Name)))
            {
                if (IsNumeric(c))
                {
                    columns.Add((c.Name, true, null, offset++));
                }
                else
                {
                    var index = Keys(reference[c.Name]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);
                    columns.Add((c.Name, false, index, offset));
                    offset += index.Count;
                }
            }

            Width = offset;
        }

        public int Width { get; }

        public IEnumerable<float[]> Rows(Table table)
        {
            var data = columns.Select(c => c.Numeric ? (object)table[c.Name].ToDoubles() : Keys(table[c.Name])).ToArray();
            for (var r = 0; r < table.RowCount; r++)
            {
                var f = new float[Width];
                for (var k = 0; k < columns.Count; k++)
                {
                    var (_, numeric, index, offset) = columns[k];
                    if (numeric)
                    {
                        f[offset] = (float)((double[])data[k])[r];
                    }
                    else if (index!.TryGetValue(((List<string>)data[k])[r], out var i))
                    {
                        f[offset + i] = 1;
                    }
                }

                yield return f;
            }
        }

        public IDataView Load(MLContext ml, Table table, string label, string positive)
        {
            var labels = Keys(table[label]);
            return Load(ml, [.. Rows(table).Select((f, i) => new Row { Label = labels[i] == positive, Features = f })]);
        }

        public IDataView Load(MLContext ml, List<Row> rows)
        {
            var definition = SchemaDefinition.Create(typeof(Row));
            definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Width);
            return ml.Data.LoadFromEnumerable(rows, definition);
        }
    }
}
