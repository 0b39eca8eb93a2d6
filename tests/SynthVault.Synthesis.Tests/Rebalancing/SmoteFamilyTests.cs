using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Rebalancing;
using static SynthVault.Synthesis.Tests.Rebalancing.ImblearnReference;

namespace SynthVault.Synthesis.Tests.Rebalancing;

public sealed class SmoteFamilyTests
{
    // With 2,000 draws over at most 60 (seed, neighbour) pairs, a given pair is missed with probability
    // (1 − 1/60)^2000 ≈ 4e-15, so the observed pairs are the full neighbour structure.
    private const int ManyRows = 2000;

    [Fact]
    public void Smote_draws_exactly_the_pairs_of_each_minority_row_and_its_five_nearest_minority_rows()
    {
        var (table, schema) = Numeric();

        var result = new SmoteGenerator().Generate(table, schema, "y", "1", ManyRows, seed: 1, CancellationToken.None);

        var observed = ObservedPairs(result);
        Assert.Equal(MinorityRows.Order(), observed.Keys.Order());
        foreach (var (seed, partners) in observed)
        {
            Assert.Equal(SmoteNeighbours[MinorityIndex(seed)].Order(), partners.Order());
        }
    }

    [Fact]
    public void Smote_rows_lie_on_the_segment_between_their_two_parents()
    {
        var (table, schema) = Numeric();

        var result = new SmoteGenerator().Generate(table, schema, "y", "1", 500, seed: 2, CancellationToken.None);

        for (var r = 0; r < result.Rows.RowCount; r++)
        {
            var p = result.Provenance[r];
            Assert.Equal("smote", p.Method);
            Assert.InRange(p.Gap!.Value, 0.0, 1.0 - 1e-17);
            for (var j = 0; j < 3; j++)
            {
                var a = X[p.ParentA!.Value][j];
                var b = X[p.ParentB!.Value][j];
                Assert.Equal(a + (p.Gap.Value * (b - a)), ((Float64Column)result.Rows["x" + j])[r], 12);
            }

            Assert.Equal(1L, ((Int64Column)result.Rows["y"])[r]);
        }
    }

    [Fact]
    public void Smote_returns_exactly_the_requested_number_of_rows_with_the_input_columns_and_types()
    {
        var (table, schema) = Numeric();

        var result = new SmoteGenerator().Generate(table, schema, "y", "1", 37, seed: 3, CancellationToken.None);

        Assert.Equal(37, result.Rows.RowCount);
        Assert.Equal(37, result.Provenance.Count);
        Assert.Equal(table.ColumnNames, result.Rows.ColumnNames);
        Assert.Equal(table.Columns.Select(c => c.DataType), result.Rows.Columns.Select(c => c.DataType));
    }

    [Fact]
    public void Borderline_smote_finds_the_same_danger_set_as_imbalanced_learn()
    {
        var (table, schema) = Numeric();

        var danger = new BorderlineSmoteGenerator(kind: 1).DangerRows(table, schema, "y", "1");

        Assert.Equal(DangerRows, danger);
    }

    [Fact]
    public void Borderline_smote_1_starts_only_from_danger_rows_and_pairs_them_with_their_nearest_minority_rows()
    {
        var (table, schema) = Numeric();

        var result = new BorderlineSmoteGenerator(kind: 1).Generate(table, schema, "y", "1", ManyRows, seed: 4, CancellationToken.None);

        var observed = ObservedPairs(result);
        Assert.Equal(DangerRows, observed.Keys.Order());
        foreach (var (seed, partners) in observed)
        {
            Assert.Equal(SmoteNeighbours[MinorityIndex(seed)].Order(), partners.Order());
        }
    }

    [Fact]
    public void Borderline_smote_2_pairs_danger_rows_with_their_nearest_rows_of_any_class_and_stays_near_the_minority_side()
    {
        var (table, schema) = Numeric();

        var result = new BorderlineSmoteGenerator(kind: 2).Generate(table, schema, "y", "1", ManyRows, seed: 5, CancellationToken.None);

        var observed = ObservedPairs(result);
        Assert.Equal(DangerRows, observed.Keys.Order());
        foreach (var (seed, partners) in observed)
        {
            Assert.Equal(Borderline2Neighbours[Array.IndexOf(DangerRows, seed)].Order(), partners.Order());
        }

        var towardsMajority = result.Provenance.Where(p => Y[p.ParentB!.Value] == 0).ToList();
        Assert.NotEmpty(towardsMajority);
        Assert.All(towardsMajority, p => Assert.InRange(p.Gap!.Value, 0.0, 0.5));
        Assert.All(result.Provenance, p => Assert.Equal(1, Y[p.ParentA!.Value]));
        Assert.All(Enumerable.Range(0, result.Rows.RowCount), r => Assert.Equal(1L, ((Int64Column)result.Rows["y"])[r]));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(30)]
    public void Adasyn_allocates_the_same_counts_per_minority_row_as_imbalanced_learn(int requested)
    {
        var (table, schema) = Numeric();

        var g = new AdasynGenerator().Allocation(table, schema, "y", "1", requested);

        Assert.Equal(requested == 16 ? AdasynG16 : AdasynG30, g);
    }

    [Fact]
    public void Adasyn_generates_g_i_rows_from_each_minority_row_towards_its_minority_neighbours()
    {
        var (table, schema) = Numeric();

        var result = new AdasynGenerator().Generate(table, schema, "y", "1", 30, seed: 6, CancellationToken.None);

        Assert.Equal(AdasynG30.Sum(), result.Rows.RowCount);
        for (var i = 0; i < MinorityRows.Length; i++)
        {
            var seed = MinorityRows[i];
            Assert.Equal(AdasynG30[i], result.Provenance.Count(p => p.ParentA == seed));
        }

        Assert.All(result.Provenance, p => Assert.Contains(p.ParentB!.Value, SmoteNeighbours[MinorityIndex(p.ParentA!.Value)]));
    }

    [Fact]
    public void Smote_nc_uses_the_median_standard_deviation_of_the_minority_as_the_category_penalty()
    {
        var (table, schema) = Mixed();

        Assert.Equal(SmoteNcMedianStd, SmoteNcGenerator.MedianStandardDeviation(table, schema, "y", "1"), 14);
    }

    [Fact]
    public void Smote_nc_finds_the_same_neighbours_as_imbalanced_learn_0_12_and_takes_the_most_frequent_neighbour_category()
    {
        var (table, schema) = Mixed();

        var result = new SmoteNcGenerator().Generate(table, schema, "y", "1", ManyRows, seed: 7, CancellationToken.None);

        var observed = ObservedPairs(result);
        foreach (var (seed, partners) in observed)
        {
            Assert.Equal(SmoteNcNeighbours[MinorityIndex(seed)].Order(), partners.Order());
        }

        var cat = (StringColumn)result.Rows["cat"];
        for (var r = 0; r < result.Rows.RowCount; r++)
        {
            var votes = SmoteNcNeighbours[MinorityIndex(result.Provenance[r].ParentA!.Value)].GroupBy(n => Category[n]).ToList();
            var top = votes.Max(g => g.Count());
            Assert.Contains(cat[r], votes.Where(g => g.Count() == top).Select(g => g.Key));
        }
    }

    [Fact]
    public void Smote_nc_breaks_ties_between_neighbour_categories_at_random()
    {
        // With k = 4 the neighbours are the first four of the recorded five (same metric), and several seeds see a
        // 2-2 vote between two categories: both must appear.
        var (table, schema) = Mixed();
        var tiedSeeds = MinorityRows.Where(s =>
        {
            var counts = SmoteNcNeighbours[MinorityIndex(s)].Take(4).GroupBy(n => Category[n]).Select(g => g.Count()).ToList();
            return counts.Count == 2 && counts[0] == 2;
        }).ToList();
        Assert.NotEmpty(tiedSeeds);

        var result = new SmoteNcGenerator(kNeighbors: 4).Generate(table, schema, "y", "1", ManyRows, seed: 8, CancellationToken.None);

        var cat = (StringColumn)result.Rows["cat"];
        foreach (var seed in tiedSeeds)
        {
            var expected = SmoteNcNeighbours[MinorityIndex(seed)].Take(4).Select(n => Category[n]).Distinct().Order();
            var seen = Enumerable.Range(0, result.Rows.RowCount).Where(r => result.Provenance[r].ParentA == seed).Select(r => cat[r]!).Distinct().Order();
            Assert.Equal(expected, seen);
        }
    }

    [Fact]
    public void Random_over_sampling_copies_minority_rows()
    {
        var (table, schema) = Numeric();

        var result = new RandomOverSampler().Generate(table, schema, "y", "1", 200, seed: 9, CancellationToken.None);

        for (var r = 0; r < result.Rows.RowCount; r++)
        {
            var parent = result.Provenance[r].ParentA!.Value;
            Assert.Equal(1, Y[parent]);
            Assert.Null(result.Provenance[r].ParentB);
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(X[parent][j], ((Float64Column)result.Rows["x" + j])[r]);
            }
        }
    }

    [Fact]
    public void Smoothed_random_over_sampling_adds_noise_of_shrinkage_times_h_times_the_class_deviation()
    {
        var (table, schema) = Numeric();
        Assert.Equal(SmoothingConstant, RandomOverSampler.SmoothingConstant(3, 40), 14);

        // Two far majority rows widen the observed ranges so that clamping never trims the noise; n becomes 42.
        var wide = new Table([
            new Float64Column("x0", [-100, 100]), new Float64Column("x1", [-100, 100]), new Float64Column("x2", [-100, 100]), new Int64Column("y", [0, 0]),
        ]);
        table = TableConcat.Vertical([table, wide]);
        var h = RandomOverSampler.SmoothingConstant(3, 42);

        var result = new RandomOverSampler(shrinkage: 0.8).Generate(table, schema, "y", "1", 20_000, seed: 10, CancellationToken.None);

        for (var j = 0; j < 3; j++)
        {
            var noise = Enumerable.Range(0, result.Rows.RowCount)
                .Select(r => ((Float64Column)result.Rows["x" + j])[r] - X[result.Provenance[r].ParentA!.Value][j]).ToArray();
            var sd = Math.Sqrt(noise.Select(v => v * v).Average());
            // The root mean square of 20,000 normal draws is within 2 % of σ with overwhelming probability
            // (its relative standard error is 1/√(2n) = 0.5 %).
            Assert.Equal(0.8 * h * MinorityStd[j], sd, 0.02 * 0.8 * h * MinorityStd[j]);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_rows_and_a_shorter_run_is_a_prefix_of_a_longer_one()
    {
        var (table, schema) = Numeric();
        var generator = new SmoteGenerator();

        var first = generator.Generate(table, schema, "y", "1", 5000, seed: 11, CancellationToken.None);
        var again = generator.Generate(table, schema, "y", "1", 5000, seed: 11, CancellationToken.None);
        var shorter = generator.Generate(table, schema, "y", "1", 3000, seed: 11, CancellationToken.None);
        var other = generator.Generate(table, schema, "y", "1", 5000, seed: 12, CancellationToken.None);

        Assert.Equal(first.Provenance, again.Provenance);
        Assert.Equal(((Float64Column)first.Rows["x0"]).Values.ToArray(), ((Float64Column)again.Rows["x0"]).Values.ToArray());
        Assert.Equal(first.Provenance.Take(3000), shorter.Provenance);
        Assert.NotEqual(first.Provenance, other.Provenance);
    }

    [Fact]
    public void Integer_columns_stay_integers_within_their_observed_range_and_dates_fall_on_days()
    {
        var (table, schema) = Numeric();
        var ages = new long[40];
        var days = new long[40];
        for (var i = 0; i < 40; i++)
        {
            ages[i] = 20 + (i * 7 % 41);
            days[i] = new DateTime(2020, 1, 1).AddDays(i * 3).Ticks;
        }

        table = table.With(new Int64Column("age", ages)).With(new DateTimeColumn("day", DataType.Date, days));
        schema = new TableSchema([.. schema.Columns, new ColumnSchema("age", ColumnKind.Integer, DataType.Int64), new ColumnSchema("day", ColumnKind.DateTime, DataType.Date)]);

        var result = new SmoteGenerator().Generate(table, schema, "y", "1", 300, seed: 13, CancellationToken.None);

        var age = (Int64Column)result.Rows["age"];
        var day = (DateTimeColumn)result.Rows["day"];
        for (var r = 0; r < result.Rows.RowCount; r++)
        {
            var p = result.Provenance[r];
            var (a, b) = (ages[p.ParentA!.Value], ages[p.ParentB!.Value]);
            Assert.Equal((long)Math.Round(a + (p.Gap!.Value * (b - a)), MidpointRounding.AwayFromZero), age[r]);
            Assert.InRange(age[r], ages.Min(), ages.Max());
            Assert.Equal(TimeSpan.Zero, day[r].TimeOfDay);
        }
    }

    [Fact]
    public void Categories_stay_valid_and_columns_that_must_not_be_learned_stay_empty()
    {
        var (table, schema) = Mixed();
        table = table
            .With(new BooleanColumn("flag", [.. Enumerable.Range(0, 40).Select(i => i % 3 == 0)]))
            .With(StringColumn.FromValues("email", [.. Enumerable.Range(0, 40).Select(i => $"person{i}@example.org")]));
        schema = new TableSchema([
            .. schema.Columns,
            new ColumnSchema("flag", ColumnKind.Boolean, DataType.Boolean),
            new ColumnSchema("email", ColumnKind.Categorical, DataType.String, PiiKind.Email, Policy: ColumnPolicy.Surrogate),
        ]);

        var result = new SmoteNcGenerator().Generate(table, schema, "y", "1", 400, seed: 14, CancellationToken.None);

        var cat = (StringColumn)result.Rows["cat"];
        Assert.All(Enumerable.Range(0, 400), r => Assert.Contains(cat[r], new[] { "a", "b", "c" }));
        Assert.Equal(0, result.Rows["flag"].NullCount);
        Assert.Equal(400, result.Rows["email"].NullCount);
    }

    [Fact]
    public void A_missing_numeric_value_stays_missing_when_the_seed_row_lacks_it()
    {
        var (table, schema) = Numeric();
        var x0 = X.Select(r => r[0]).ToArray();
        var nulls = new bool[40];
        nulls[5] = true; // a minority row
        table = table.With(new Float64Column("x0", x0, nulls));

        var result = new SmoteGenerator().Generate(table, schema, "y", "1", 500, seed: 15, CancellationToken.None);

        var column = (Float64Column)result.Rows["x0"];
        for (var r = 0; r < 500; r++)
        {
            var p = result.Provenance[r];
            Assert.Equal(p.ParentA == 5, column.IsNull(r));
            if (p.ParentB == 5 && p.ParentA != 5)
            {
                Assert.Equal(x0[p.ParentA!.Value], column[r]);
            }
        }
    }

    [Theory]
    [InlineData("smote")]
    [InlineData("borderline")]
    [InlineData("adasyn")]
    public void Interpolating_methods_refuse_categorical_features_and_point_to_smotenc(string method)
    {
        var (table, schema) = Mixed();

        var ex = Assert.Throws<SynthVaultException>(() => MinorityGenerators.Create(method).Generate(table, schema, "y", "1", 10, 1, CancellationToken.None));

        Assert.Contains("'cat'", ex.Message);
        Assert.Contains("smotenc", ex.Message);
    }

    [Fact]
    public void Smote_nc_refuses_all_numeric_data_and_points_to_smote()
    {
        var (table, schema) = Numeric();

        var ex = Assert.Throws<SynthVaultException>(() => new SmoteNcGenerator().Generate(table, schema, "y", "1", 10, 1, CancellationToken.None));

        Assert.Contains("--method smote", ex.Message);
    }

    [Fact]
    public void Too_few_minority_rows_for_the_neighbours_is_a_clear_error_with_a_way_out()
    {
        var (table, schema) = Numeric();
        var keep = Enumerable.Range(0, 40).Where(i => Y[i] == 0 || i is 5 or 7 or 8 or 11).ToArray();
        var small = table.Take(keep);

        var ex = Assert.Throws<SynthVaultException>(() => new SmoteGenerator().Generate(small, schema, "y", "1", 10, 1, CancellationToken.None));

        Assert.Contains("at least 6 rows of class '1' for 5 neighbours; there are 4", ex.Message);
        Assert.Contains("--k-neighbors 3", ex.Message);
        Assert.Equal(10, new SmoteGenerator(kNeighbors: 3).Generate(small, schema, "y", "1", 10, 1, CancellationToken.None).Rows.RowCount);
    }

    [Fact]
    public void Borderline_smote_says_so_when_no_minority_row_is_on_the_border()
    {
        // Two far-apart clusters: every minority row's 10 nearest rows are minority rows, so none is in danger.
        var xs = Enumerable.Range(0, 40).Select(i => i < 12 ? 100.0 + i : (double)i).ToArray();
        var table = new Table([new Float64Column("x", xs), new Int64Column("y", [.. Enumerable.Range(0, 40).Select(i => i < 12 ? 1L : 0L)])]);
        var schema = new TableSchema([new ColumnSchema("x", ColumnKind.Continuous, DataType.Float64), new ColumnSchema("y", ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label)]);

        var ex = Assert.Throws<SynthVaultException>(() => new BorderlineSmoteGenerator().Generate(table, schema, "y", "1", 10, 1, CancellationToken.None));

        Assert.Contains("on the class border", ex.Message);
    }

    [Fact]
    public void An_unknown_method_lists_the_known_ones()
    {
        var ex = Assert.Throws<SynthVaultException>(() => MinorityGenerators.Create("smoat"));

        Assert.Contains("smote, smotenc, borderline, borderline2, adasyn, random", ex.Message);
    }

    private static Dictionary<int, HashSet<int>> ObservedPairs(MinorityGeneration result)
    {
        var pairs = new Dictionary<int, HashSet<int>>();
        foreach (var p in result.Provenance)
        {
            if (!pairs.TryGetValue(p.ParentA!.Value, out var set))
            {
                pairs[p.ParentA.Value] = set = [];
            }

            set.Add(p.ParentB!.Value);
        }

        return pairs;
    }
}
