using CsCheck;
using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Evaluation.Neighbors;

namespace SynthVault.Evaluation.Tests.Privacy;

public sealed class MixedNearestNeighborsTests
{
    /// <summary>
    /// Random mixed tables whose numbers are integers 0..8 on a scale of range 8: every scaled value k/8 and every
    /// Gower sum is exact in binary floating point, so ties are real ties whatever the summation order, and the
    /// fast search must return exactly the naive neighbours with the lowest-index tie-break.
    /// </summary>
    private static (Table Queries, Table Reference, GowerSpace Space) ExactData(int nq, int nr, int numeric, int categorical, double nullRate, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        Table Make(int rows, ref Xoshiro256 r)
        {
            var cols = new List<Column>();
            for (var j = 0; j < numeric; j++)
            {
                var v = new double[rows];
                var nulls = new bool[rows];
                for (var i = 0; i < rows; i++)
                {
                    v[i] = r.NextInt(9);
                    nulls[i] = r.NextDouble() < nullRate;
                }

                cols.Add(new Float64Column($"n{j}", v, nulls));
            }

            for (var j = 0; j < categorical; j++)
            {
                var v = new string?[rows];
                for (var i = 0; i < rows; i++)
                {
                    v[i] = r.NextDouble() < nullRate ? null : "c" + r.NextInt(3);
                }

                cols.Add(StringColumn.FromValues($"c{j}", v));
            }

            return new Table(cols);
        }

        var queries = Make(nq, ref rng);
        var reference = Make(nr, ref rng);
        // The scale comes from a table holding 0 and 8 in every numeric column, so each range is exactly 8.
        var scaleColumns = new List<Column>();
        for (var j = 0; j < numeric; j++)
        {
            scaleColumns.Add(new Float64Column($"n{j}", [0.0, 8.0]));
        }

        for (var j = 0; j < categorical; j++)
        {
            scaleColumns.Add(StringColumn.FromValues($"c{j}", ["c0", "c1"]));
        }

        var spec = Enumerable.Range(0, numeric).Select(j => ($"n{j}", true)).Concat(Enumerable.Range(0, categorical).Select(j => ($"c{j}", false))).ToList();
        return (queries, reference, GowerSpace.Fit(new Table(scaleColumns), spec));
    }

    /// <summary>The definition, one pair at a time, from the tables' own values (no shared code with the search).</summary>
    private static double NaiveDistance(Table a, int i, Table b, int j, GowerSpace space)
    {
        var sum = 0.0;
        foreach (var c in space.Columns)
        {
            var x = a[c.Name].GetValue(i);
            var y = b[c.Name].GetValue(j);
            if (x is null || y is null)
            {
                sum += x is null && y is null ? 0 : 1;
            }
            else if (c.IsNumeric)
            {
                sum += Math.Abs(Convert.ToDouble(x) - Convert.ToDouble(y)) / c.Range;
            }
            else
            {
                sum += Equals(x, y) ? 0 : 1;
            }
        }

        return sum / space.Columns.Count;
    }

    private static (int[] Index, double[] Distance) Naive(Table queries, Table reference, GowerSpace space, int k)
    {
        var index = new int[queries.RowCount * k];
        var distance = new double[queries.RowCount * k];
        for (var q = 0; q < queries.RowCount; q++)
        {
            var order = Enumerable.Range(0, reference.RowCount)
                .Select(r => (D: NaiveDistance(queries, q, reference, r, space), R: r))
                .OrderBy(t => t.D).ThenBy(t => t.R).ToList();
            for (var j = 0; j < k; j++)
            {
                index[(q * k) + j] = j < order.Count ? order[j].R : -1;
                distance[(q * k) + j] = j < order.Count ? order[j].D : double.PositiveInfinity;
            }
        }

        return (index, distance);
    }

    [Fact]
    public void The_fast_search_returns_the_naive_neighbours_on_random_mixed_data_with_nulls_and_ties()
    {
        var gen = Gen.Select(Gen.Int[1, 70], Gen.Int[1, 90], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[0, 2], Gen.ULong, Gen.Int[1, 2],
            (nq, nr, numeric, categorical, nulls, seed, k) => (nq, nr, numeric, categorical + (numeric == 0 ? 1 : 0), nulls * 0.15, seed, k));
        gen.Sample(t =>
        {
            var (nq, nr, numeric, categorical, nullRate, seed, k) = t;
            var (queries, reference, space) = ExactData(nq, nr, numeric, categorical, nullRate, seed);
            // Small blocks and tiles so that blocking, odd query pairs and chunk tails are all exercised.
            var fast = MixedNearestNeighbors.Search(space.Encode(queries), space.Encode(reference), k, new NearestNeighborOptions(QueryBlock: 5, ReferenceTile: 16));
            var (index, distance) = Naive(queries, reference, space, k);
            Assert.Equal(index, fast.Indices);
            Assert.Equal(distance, fast.Distances);
        }, iter: 60);
    }

    [Fact]
    public void The_fast_search_matches_the_naive_distances_on_continuous_data()
    {
        // Continuous values: the sums are rounded, but in the same column order on both sides, so equal to 1e-12.
        var rng = new Random(7);
        Table Make(int rows) => new([
            new Float64Column("a", [.. Enumerable.Range(0, rows).Select(_ => rng.NextDouble() - 0.5)]),
            new Float64Column("b", [.. Enumerable.Range(0, rows).Select(_ => rng.NextDouble() * 100)]),
            new Int64Column("c", [.. Enumerable.Range(0, rows).Select(_ => (long)rng.Next(1000))]),
            StringColumn.FromValues("d", [.. Enumerable.Range(0, rows).Select(_ => "v" + rng.Next(4))]),
        ]);
        var queries = Make(120);
        var reference = Make(333);
        var space = GowerSpace.Fit(reference, [("a", true), ("b", true), ("c", true), ("d", false)]);
        var fast = MixedNearestNeighbors.Search(space.Encode(queries), space.Encode(reference), 2);
        var (index, distance) = Naive(queries, reference, space, 2);
        Assert.Equal(index, fast.Indices);
        for (var i = 0; i < distance.Length; i++)
        {
            Assert.Equal(distance[i], fast.Distances[i], 1e-12);
        }
    }

    [Fact]
    public void Results_do_not_depend_on_threads_or_blocking()
    {
        var (queries, reference, space) = ExactData(300, 500, 3, 2, 0.1, 99);
        var q = space.Encode(queries);
        var r = space.Encode(reference);
        var single = MixedNearestNeighbors.Search(q, r, 2, new NearestNeighborOptions(MaxDegreeOfParallelism: 1, QueryBlock: 300, ReferenceTile: 4096));
        var parallel = MixedNearestNeighbors.Search(q, r, 2, new NearestNeighborOptions(MaxDegreeOfParallelism: 4, QueryBlock: 3, ReferenceTile: 32));
        Assert.Equal(single.Indices, parallel.Indices);
        Assert.Equal(single.Distances, parallel.Distances);
    }

    [Fact]
    public void Equal_distances_go_to_the_lowest_reference_index()
    {
        var reference = new Table([StringColumn.FromValues("c", ["x", "y", "y", "x", "y"])]);
        var queries = new Table([StringColumn.FromValues("c", ["y", "x"])]);
        var space = GowerSpace.Fit(reference, [("c", false)]);
        var result = MixedNearestNeighbors.Search(space.Encode(queries), space.Encode(reference), 2);
        Assert.Equal([1, 2, 0, 3], result.Indices);
        Assert.Equal([0.0, 0.0, 0.0, 0.0], result.Distances);
    }

    [Fact]
    public void A_reference_set_of_one_row_leaves_the_second_neighbour_empty()
    {
        var reference = new Table([new Float64Column("x", [1.0])]);
        var queries = new Table([new Float64Column("x", [3.0])]);
        var space = GowerSpace.Fit(reference, [("x", true)]);
        var result = MixedNearestNeighbors.Search(space.Encode(queries), space.Encode(reference), 2);
        Assert.Equal(0, result.Index(0, 0));
        // A constant training column has range 1: the distance is the raw difference.
        Assert.Equal(2.0, result.Distance(0, 0));
        Assert.Equal(-1, result.Index(0, 1));
        Assert.True(double.IsPositiveInfinity(result.Distance(0, 1)));
    }

    [Fact]
    public void Only_one_or_two_neighbours_can_be_asked_for()
    {
        var t = new Table([new Float64Column("x", [1.0, 2.0])]);
        var space = GowerSpace.Fit(t, [("x", true)]);
        var m = space.Encode(t);
        Assert.Throws<ArgumentOutOfRangeException>(() => MixedNearestNeighbors.Search(m, m, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MixedNearestNeighbors.Search(m, m, 0));
    }
}
