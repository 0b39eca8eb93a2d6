using SynthVault.Core.Data;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Neighbors;
using SynthVault.Evaluation.Privacy;

namespace SynthVault.Evaluation.Tests.Privacy;

/// <summary>
/// DCR values on small fixed inputs, checked against SciPy 1.10.1 (Debian python3-scipy). The values below were
/// computed once with:
/// <code>
/// import numpy as np; from scipy.spatial.distance import cdist
/// train = np.array([[1,10,.5],[2,14,.1],[4,11,.9],[7,20,.3],[3,18,.7],[5,12,.2]])
/// holdout = np.array([[1.5,13,.4],[6,19,.8],[2.5,10,.6],[8,15,0],[4.5,17,.5],[3.5,16,1]])
/// synth = np.array([[2,14,.1],[6.5,19.5,.75],[3,12,.45],[9,9,.95],[1.2,16.5,.3]])
/// lo, rng = train.min(0), train.max(0) - train.min(0); s = lambda x: (x - lo) / rng
/// dt = cdist(s(synth), s(train), 'cityblock') / 3; dh = cdist(s(synth), s(holdout), 'cityblock') / 3
/// dt.min(1); dh.min(1); ((dt.min(1) &lt; dh.min(1)) + .5 * (dt.min(1) == dh.min(1))).mean()   # share 0.4
/// st = np.sort(dt, 1); np.quantile(st[:, 0] / st[:, 1], 0.1)   # NNDR P10 to train; the same with dh for holdout
/// # mixed: numbers range-scaled, categories by Hamming distance times their count, over 4 columns
/// (cdist((qn-lo)/r, (tn-lo)/r, 'cityblock') + cdist(qc, tc, 'hamming') * 2) / 4
/// </code>
/// </summary>
public sealed class GowerReferenceTests
{
    private static readonly double[][] Train = [[1, 10, .5], [2, 14, .1], [4, 11, .9], [7, 20, .3], [3, 18, .7], [5, 12, .2]];
    private static readonly double[][] Holdout = [[1.5, 13, .4], [6, 19, .8], [2.5, 10, .6], [8, 15, 0], [4.5, 17, .5], [3.5, 16, 1]];
    private static readonly double[][] Synthetic = [[2, 14, .1], [6.5, 19.5, .75], [3, 12, .45], [9, 9, .95], [1.2, 16.5, .3]];

    private static readonly double[] ScipyDTrain = [0.0, 0.23194444444444448, 0.19861111111111115, 0.36527777777777776, 0.2111111111111111];
    private static readonly double[] ScipyDHoldout = [0.18611111111111112, 0.06527777777777773, 0.13749999999999996, 0.5402777777777777, 0.17500000000000004];

    private static Table ToTable(double[][] rows) => new([
        new Float64Column("a", [.. rows.Select(r => r[0])]),
        new Float64Column("b", [.. rows.Select(r => r[1])]),
        new Float64Column("c", [.. rows.Select(r => r[2])]),
    ]);

    private static readonly TableSchema Schema = new([
        new ColumnSchema("a", ColumnKind.Continuous, DataType.Float64),
        new ColumnSchema("b", ColumnKind.Continuous, DataType.Float64),
        new ColumnSchema("c", ColumnKind.Continuous, DataType.Float64),
    ]);

    [Fact]
    public void Distances_to_the_closest_record_match_SciPy()
    {
        var section = PrivacyEvaluator.Evaluate(ToTable(Train), ToTable(Holdout), ToTable(Synthetic), Schema, new PrivacyOptions(MinRowsPerClass: 1));
        var m = section.Overall;
        Assert.Equal(5, m.DcrSyntheticToTrain.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ScipyDTrain[i], m.DcrSyntheticToTrain[i], 14);
            Assert.Equal(ScipyDHoldout[i], m.DcrSyntheticToHoldout[i], 14);
        }

        Assert.Equal(0.4, m.DcrShare.Value, 14);
        Assert.Empty(section.PerClass);
    }

    [Fact]
    public void The_NNDR_tenth_percentile_matches_SciPy_and_NumPy()
    {
        var m = PrivacyEvaluator.Evaluate(ToTable(Train), ToTable(Holdout), ToTable(Synthetic), Schema).Overall;
        // numpy.quantile(ratios, 0.1) of the recorded ratios (linear interpolation).
        Assert.Equal(0.23019693654266954, m.NndrP10Train, 12);
        Assert.Equal(0.3326665500961706, m.NndrP10Holdout, 12);
    }

    [Fact]
    public void Mixed_numeric_and_categorical_distances_match_SciPy()
    {
        var train = new Table([
            new Float64Column("x", [0.0, 10.0, 4.0, 6.0]),
            new Float64Column("y", [5.0, 1.0, 3.0, 9.0]),
            StringColumn.FromValues("u", ["p", "q", "r", "p"]),
            StringColumn.FromValues("v", ["B", "B", "A", "A"]),
        ]);
        var queries = new Table([
            new Float64Column("x", [5.0, 11.0, 0.0]),
            new Float64Column("y", [4.0, 0.0, 9.0]),
            StringColumn.FromValues("u", ["r", "q", "p"]),
            StringColumn.FromValues("v", ["A", "A", "B"]),
        ]);
        double[][] scipy =
        [
            [0.65625, 0.71875, 0.05624999999999999, 0.43125],
            [0.93125, 0.30625, 0.51875, 0.65625],
            [0.125, 0.75, 0.7875, 0.4],
        ];
        var space = GowerSpace.Fit(train, [("x", true), ("y", true), ("u", false), ("v", false)]);
        var result = MixedNearestNeighbors.Search(space.Encode(queries), space.Encode(train), 2);
        for (var q = 0; q < 3; q++)
        {
            var sorted = scipy[q].Select((d, i) => (d, i)).OrderBy(t => t.d).ToArray();
            Assert.Equal(sorted[0].i, result.Index(q, 0));
            Assert.Equal(sorted[1].i, result.Index(q, 1));
            Assert.Equal(sorted[0].d, result.Distance(q, 0), 14);
            Assert.Equal(sorted[1].d, result.Distance(q, 1), 14);
        }
    }
}
