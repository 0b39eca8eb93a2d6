namespace SynthVault.Synthesis.Tests;

/// <summary>Same seed, data and options give byte-identical rows, whatever the number of threads.</summary>
public sealed class DeterminismTests
{
    private static readonly Lazy<(Core.Data.Table Table, Core.Schema.TableSchema Schema)> Data = new(() => TestTables.Mixed(3000, 5));

    public static TheoryData<string> Methods => ["copula", "cart"];

    private static ISynthesizer Create(string method, int threads) => method == "copula"
        ? new GaussianCopulaSynthesizer(new CopulaOptions { Seed = 11, MaxDegreeOfParallelism = threads })
        : new CartSynthesizer(new CartOptions { Seed = 11, MaxDegreeOfParallelism = threads });

    [Theory]
    [MemberData(nameof(Methods))]
    public void Sampling_with_the_same_seed_gives_the_same_rows(string method)
    {
        var model = Create(method, -1).Fit(Data.Value.Table, Data.Value.Schema);

        var first = TestTables.Dump(model.Sample(5000, null, 77));
        var second = TestTables.Dump(model.Sample(5000, null, 77));
        var other = TestTables.Dump(model.Sample(5000, null, 78));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void One_thread_and_four_threads_give_identical_models_and_rows(string method)
    {
        // 40,000 rows span three partitions, so partitions really run in parallel with four threads.
        var conditions = SampleConditions.Equal("colour", "blue");
        var one = Create(method, 1).Fit(Data.Value.Table, Data.Value.Schema);
        var four = Create(method, 4).Fit(Data.Value.Table, Data.Value.Schema);

        Assert.Equal(TestTables.Dump(one.Sample(40_000, null, 5)), TestTables.Dump(four.Sample(40_000, null, 5)));
        Assert.Equal(TestTables.Dump(one.Sample(40_000, conditions, 6)), TestTables.Dump(four.Sample(40_000, conditions, 6)));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Fitting_twice_gives_the_same_provenance(string method)
    {
        var a = Create(method, -1).Fit(Data.Value.Table, Data.Value.Schema);
        var b = Create(method, -1).Fit(Data.Value.Table, Data.Value.Schema);

        Assert.Equal(a.Provenance with { OptionsJson = string.Empty }, b.Provenance with { OptionsJson = string.Empty });
        Assert.Equal(method, a.Provenance.Method);
        Assert.Equal(11, a.Provenance.FitSeed);
        Assert.Equal(3000, a.Provenance.TrainingRows);
        Assert.Equal(64, a.Provenance.TrainingDataSha256.Length);
        Assert.Contains("\"Seed\":11", a.Provenance.OptionsJson, StringComparison.Ordinal);
    }

    [Fact]
    public void The_training_hash_ignores_column_order_and_sees_a_changed_value()
    {
        var table = Data.Value.Table;
        var reordered = new Core.Data.Table(table.Columns.Reverse());
        var changedValues = table["x"].ToDoubles();
        changedValues[17] += 1;
        var changed = table.With(new Core.Data.Float64Column("x", changedValues));

        Assert.Equal(TrainingDataHash.Compute(table), TrainingDataHash.Compute(reordered));
        Assert.NotEqual(TrainingDataHash.Compute(table), TrainingDataHash.Compute(changed));
    }
}
