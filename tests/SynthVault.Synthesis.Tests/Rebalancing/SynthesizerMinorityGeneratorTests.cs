using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Rebalancing;
using SynthVault.Testing;

namespace SynthVault.Synthesis.Tests.Rebalancing;

public sealed class SynthesizerMinorityGeneratorTests
{
    // 2,000 Adult rows (mixed integer and categorical columns, about a quarter ">50K") plus a row-number key that
    // must never be learned or copied.
    private static readonly Lazy<(Table Table, TableSchema Schema)> Mixed = new(() =>
    {
        var adult = TestData.Adult.Head(2000);
        var id = new Int64Column("id", [.. Enumerable.Range(0, adult.RowCount).Select(i => 1_000_000L + (i * 7L))]);
        var table = adult.With(id);
        var schema = new TableSchema([.. TestData.AdultSchema.Columns, new ColumnSchema("id", ColumnKind.Identifier, DataType.Int64, Role: ColumnRole.Key, Policy: ColumnPolicy.Regenerate)]);
        return (table, schema);
    });

    public static TheoryData<string, MinorityFitScope> Generators => new()
    {
        { "copula", MinorityFitScope.WholeTable },
        { "copula", MinorityFitScope.Minority },
        { "cart", MinorityFitScope.WholeTable },
        { "cart", MinorityFitScope.Minority },
    };

    [Theory]
    [MemberData(nameof(Generators))]
    public void Generated_rows_are_exactly_as_many_as_asked_of_the_positive_class_with_the_input_columns_and_types(string method, MinorityFitScope scope)
    {
        var (table, schema) = Mixed.Value;

        var result = new SynthesizerMinorityGenerator(method, scope).Generate(table, schema, "income", ">50K", 137, seed: 5, CancellationToken.None);

        var rows = result.Rows;
        Assert.Equal(137, rows.RowCount);
        Assert.Equal(table.ColumnNames, rows.ColumnNames);
        Assert.All(table.Columns, c => Assert.Equal(c.GetType(), rows[c.Name].GetType()));
        var income = (StringColumn)rows["income"];
        Assert.All(Enumerable.Range(0, 137), i => Assert.Equal(">50K", income[i]));
        Assert.Equal(137, result.Provenance.Count);
        Assert.All(result.Provenance, p => Assert.Equal(OversampleProvenance.ModelBased(method), p));
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Categories_stay_valid_integers_stay_in_range_and_keys_are_never_filled(string method, MinorityFitScope scope)
    {
        var (table, schema) = Mixed.Value;

        var rows = new SynthesizerMinorityGenerator(method, scope).Generate(table, schema, "income", ">50K", 300, seed: 9, CancellationToken.None).Rows;

        foreach (var column in schema.Columns.Where(c => c.Kind == ColumnKind.Categorical))
        {
            var real = ((StringColumn)table[column.Name]).Dictionary.ToHashSet(StringComparer.Ordinal);
            var generated = (StringColumn)rows[column.Name];
            Assert.All(Enumerable.Range(0, generated.Length), i => Assert.True(generated.IsNull(i) || real.Contains(generated[i]!), $"{column.Name}: {generated[i]}"));
        }

        foreach (var column in schema.Columns.Where(c => c.Kind == ColumnKind.Integer))
        {
            var real = ((Int64Column)table[column.Name]).Values.ToArray();
            var generated = (Int64Column)rows[column.Name];
            Assert.Equal(0, generated.NullCount);
            Assert.All(generated.Values.ToArray(), v => Assert.InRange(v, real.Min(), real.Max()));
        }

        Assert.Equal(300, rows["id"].NullCount); // a generated key would look like a real record's
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void The_same_seed_gives_the_same_rows_and_another_seed_other_rows(string method, MinorityFitScope scope)
    {
        var (table, schema) = Mixed.Value;
        var generator = new SynthesizerMinorityGenerator(method, scope);

        var a = generator.Generate(table, schema, "income", ">50K", 80, seed: 11, CancellationToken.None).Rows;
        var b = generator.Generate(table, schema, "income", ">50K", 80, seed: 11, CancellationToken.None).Rows;
        var c = generator.Generate(table, schema, "income", ">50K", 80, seed: 12, CancellationToken.None).Rows;

        Assert.Equal(((Int64Column)a["age"]).Values.ToArray(), ((Int64Column)b["age"]).Values.ToArray());
        Assert.Equal(((StringColumn)a["occupation"]).Codes.ToArray().Select(i => ((StringColumn)a["occupation"]).Dictionary[i]), ((StringColumn)b["occupation"]).Codes.ToArray().Select(i => ((StringColumn)b["occupation"]).Dictionary[i]));
        Assert.NotEqual(((Int64Column)a["age"]).Values.ToArray(), ((Int64Column)c["age"]).Values.ToArray());
    }

    [Fact]
    public void The_whole_table_cart_model_learns_what_sets_the_positive_class_apart()
    {
        // Adult's positives are older and more often married than its negatives. Rows drawn on income = >50K should
        // follow the positives: mean age within 3 years of the real positives' (their standard error here is about
        // 0.5 years, so 3 years leaves room for the model's smoothing), and well above the negatives' mean.
        var (table, schema) = Mixed.Value;
        var income = (StringColumn)table["income"];
        var age = (Int64Column)table["age"];
        var positives = Enumerable.Range(0, table.RowCount).Where(i => income[i] == ">50K").Select(i => (double)age[i]).ToArray();
        var negatives = Enumerable.Range(0, table.RowCount).Where(i => income[i] != ">50K").Select(i => (double)age[i]).ToArray();

        var rows = new SynthesizerMinorityGenerator("cart").Generate(table, schema, "income", ">50K", 1000, seed: 3, CancellationToken.None).Rows;

        var generated = ((Int64Column)rows["age"]).Values.ToArray().Average(v => (double)v);
        Assert.InRange(generated, positives.Average() - 3, positives.Average() + 3);
        Assert.True(generated > negatives.Average() + 3);
    }

    [Fact]
    public void Too_few_rows_of_the_class_is_a_clear_error()
    {
        var table = new Table([
            new Float64Column("x", [1, 2, 3, 4, 5, 6, 7, 8]),
            new Int64Column("y", [0, 0, 0, 0, 0, 0, 1, 1]),
        ]);
        var schema = new TableSchema([new ColumnSchema("x", ColumnKind.Continuous, DataType.Float64), new ColumnSchema("y", ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label)]);

        var ex = Assert.Throws<SynthVaultException>(() => new SynthesizerMinorityGenerator("cart").Generate(table, schema, "y", "1", 5, seed: 1, CancellationToken.None));

        Assert.Contains("at least 3 rows of class '1'", ex.Message);
        Assert.Equal("y", ex.Column);
    }

    [Fact]
    public void The_model_based_methods_are_registered_and_fit_the_whole_table_by_default()
    {
        Assert.Equal(["copula", "cart"], MinorityGenerators.Methods.Take(2));
        var cart = Assert.IsType<SynthesizerMinorityGenerator>(MinorityGenerators.Create("cart"));
        Assert.Equal(MinorityFitScope.WholeTable, cart.Scope);
        Assert.Equal(SynthesizerMinorityGenerator.DefaultCartLeafSize, cart.CartLeafSize);
        var copula = Assert.IsType<SynthesizerMinorityGenerator>(MinorityGenerators.Create("COPULA", new MinorityGeneratorOptions(ModelFit: MinorityFitScope.Minority)));
        Assert.Equal("copula", copula.Method);
        Assert.Equal(MinorityFitScope.Minority, copula.Scope);
        Assert.Throws<SynthVaultException>(() => new SynthesizerMinorityGenerator("gan"));
    }

    [Fact]
    public void Rebalancing_with_cart_reaches_the_ratio_and_marks_the_rows_model_based()
    {
        var (table, schema) = Mixed.Value;

        var result = Rebalancer.Rebalance(table, schema, new RebalanceOptions("income", 0.5, ">50K", Seed: 2), MinorityGenerators.Create("cart"));

        Assert.True(result.ShareAfter >= 0.5);
        Assert.Equal(table.RowCount + result.GeneratedRows, result.Combined.RowCount);
        var provenance = result.Provenance;
        var last = provenance.RowCount - 1;
        Assert.Equal("cart", provenance["method"].GetValue(last));
        Assert.True(provenance["parent_a"].IsNull(last));
        Assert.True(provenance["parent_b"].IsNull(last));
    }
}
