using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Tests.Rebalancing;

/// <summary>
/// A small fixed data set and the neighbour structure scikit-learn 1.2.1 / imbalanced-learn find on it, recorded
/// once by make_reference.py (beside this file; run with Debian's python3-sklearn and python3-imblearn). The random
/// draws of numpy cannot be reproduced, so tests compare structure: neighbour sets, danger sets, ADASYN counts.
/// Rows are 0-based; class 1 is the minority (12 of 40 rows).
/// </summary>
internal static class ImblearnReference
{
    public static readonly double[][] X =
    [
        [-0.001, -1.755, 1.018],
        [-0.045, -1.451, -0.405],
        [0.894, 0.416, -0.924],
        [-1.204, 1.462, 1.766],
        [-1.194, -1.05, -0.3],
        [0.924, 0.326, 0.944],
        [-1.18, 1.498, -0.283],
        [1.392, -0.443, 1.486],
        [2.718, 0.542, 0.712],
        [0.274, -1.527, 1.651],
        [0.505, -0.261, -0.243],
        [-0.234, 1.183, 1.022],
        [1.691, -0.466, 0.033],
        [0.528, 0.136, 1.374],
        [0.408, -0.789, 0.002],
        [-0.213, 0.332, 0.735],
        [0.6, -0.625, -0.172],
        [0.502, -0.095, 1.193],
        [-2.288, 1.049, -0.416],
        [-0.329, 0.841, -0.18],
        [0.109, 1.438, 1.503],
        [1.549, 1.677, 0.988],
        [-0.193, -1.778, 0.655],
        [-0.132, -0.309, -1.435],
        [-1.803, 0.383, 2.248],
        [0.154, -0.387, 2.029],
        [1.3, 2.056, 1.566],
        [-0.369, -1.906, -0.1],
        [-0.743, 1.072, -1.651],
        [0.568, -0.753, -1.708],
        [0.431, 2.427, 1.157],
        [0.237, 0.101, 0.253],
        [2.297, 2.53, 1.669],
        [0.804, 0.409, 0.7],
        [0.571, 0.352, 2.748],
        [3.26, 1.869, 0.658],
        [0.535, -2.064, -0.662],
        [0.269, -0.525, 1.912],
        [1.7, -0.383, -0.89],
        [-1.453, 0.555, 0.124],
    ];

    public static readonly int[] Y = [0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0];

    public static readonly int[] MinorityRows = [5, 7, 8, 11, 13, 21, 26, 30, 32, 33, 34, 35];

    /// <summary>SMOTE: the 5 nearest minority rows of each minority row (same order as <see cref="MinorityRows"/>).</summary>
    public static readonly int[][] SmoteNeighbours =
    [
        [33, 13, 7, 11, 21], [13, 5, 33, 34, 8], [35, 21, 5, 7, 33], [33, 13, 30, 5, 26], [5, 33, 7, 11, 34], [26, 32, 30, 5, 33],
        [21, 30, 32, 11, 5], [26, 21, 11, 32, 33], [26, 21, 35, 30, 8], [5, 13, 7, 11, 21], [13, 7, 5, 33, 11], [8, 32, 21, 26, 5],
    ];

    /// <summary>Borderline-SMOTE, m = 10: other-class rows among each minority row's 10 nearest rows, and the danger set.</summary>
    public static readonly int[] BorderlineOtherClassCounts = [6, 6, 2, 6, 6, 1, 1, 4, 1, 6, 5, 2];

    public static readonly int[] DangerRows = [5, 7, 11, 13, 33, 34];

    /// <summary>Borderline-SMOTE-2 (imbalanced-learn 0.12): the 5 nearest rows of any class of each danger row.</summary>
    public static readonly int[][] Borderline2Neighbours =
    [
        [33, 13, 17, 31, 7], [17, 13, 5, 37, 33], [20, 15, 19, 3, 33], [17, 5, 33, 37, 25], [5, 17, 13, 31, 15], [25, 37, 13, 17, 7],
    ];

    /// <summary>ADASYN, K = 5: gᵢ for G = 16 and G = 30 (imbalanced-learn generated 30 rows for G = 30 too).</summary>
    public static readonly int[] AdasynG16 = [2, 2, 1, 3, 2, 0, 1, 1, 0, 2, 2, 0];

    public static readonly int[] AdasynG30 = [3, 3, 2, 6, 4, 0, 2, 2, 0, 4, 4, 0];

    /// <summary>Smoothed bootstrap: h for d = 3 features and n = 40 rows, and the minority standard deviations (ddof = 0).</summary>
    public const double SmoothingConstant = 0.5718603679678214;

    public static readonly double[] MinorityStd = [0.9806304094815742, 0.9533700167767438, 0.5594466015626515];

    /// <summary>SMOTE-NC: a categorical column added to X, Med, and the 5 nearest minority rows under the Med/√2 one-hot encoding.</summary>
    public static readonly string[] Category =
    [
        "a", "b", "c", "a", "b", "c", "a", "c", "c", "a", "a", "c", "a", "c", "c", "a", "b", "c", "a", "b",
        "a", "a", "b", "c", "a", "a", "c", "a", "b", "c", "a", "b", "c", "a", "b", "a", "a", "b", "c", "a",
    ];

    public const double SmoteNcMedianStd = 0.9533700167767438;

    public static readonly int[][] SmoteNcNeighbours =
    [
        [13, 33, 7, 11, 21], [13, 5, 33, 8, 34], [35, 5, 7, 21, 33], [13, 5, 33, 30, 26], [5, 7, 33, 11, 34], [26, 30, 33, 32, 35],
        [32, 21, 30, 11, 5], [21, 26, 11, 33, 32], [26, 21, 35, 30, 8], [5, 13, 21, 7, 11], [13, 7, 5, 33, 11], [8, 21, 32, 26, 33],
    ];

    /// <summary>Columns x0, x1, x2 (Float64, continuous) and the label y (Int64, categorical).</summary>
    public static (Table Table, TableSchema Schema) Numeric()
    {
        var columns = new List<Column>();
        var schema = new List<ColumnSchema>();
        for (var j = 0; j < 3; j++)
        {
            columns.Add(new Float64Column("x" + j, [.. X.Select(r => r[j])]));
            schema.Add(new ColumnSchema("x" + j, ColumnKind.Continuous, DataType.Float64));
        }

        columns.Add(new Int64Column("y", [.. Y.Select(v => (long)v)]));
        schema.Add(new ColumnSchema("y", ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label));
        return (new Table(columns), new TableSchema(schema));
    }

    /// <summary><see cref="Numeric"/> plus the categorical column <c>cat</c>.</summary>
    public static (Table Table, TableSchema Schema) Mixed()
    {
        var (table, schema) = Numeric();
        return (table.With(StringColumn.FromValues("cat", Category)),
            new TableSchema([.. schema.Columns, new ColumnSchema("cat", ColumnKind.Categorical, DataType.String)]));
    }

    public static int MinorityIndex(int row) => Array.IndexOf(MinorityRows, row);
}
