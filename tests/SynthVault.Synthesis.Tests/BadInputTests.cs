using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Tests;

/// <summary>Degenerate tables and bad requests: a sensible result or a clear SynthVaultException, never a crash or NaN.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string> Methods => ["copula", "cart"];

    private static TableSchema SchemaOf(Table table, Func<Column, ColumnKind> kind) =>
        new([.. table.Columns.Select(c => new ColumnSchema(c.Name, kind(c), c.DataType))]);

    private static void AssertNoNaN(Table table)
    {
        foreach (var c in table.Columns.Where(c => c.IsNumeric))
        {
            var values = c.ToDoubles();
            for (var i = 0; i < values.Length; i++)
            {
                Assert.True(c.IsNull(i) || !double.IsNaN(values[i]), $"{c.Name} row {i} is NaN");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_single_row_is_reproduced_as_the_only_possible_row(string method)
    {
        var (table, schema) = TestTables.Mixed(1, 3);

        var output = Synthesizers.Create(method, 1).Fit(table, schema).Sample(50, null, 2);

        Assert.Equal(50, output.RowCount);
        AssertNoNaN(output);
        foreach (var name in new[] { "x", "count", "colour", "flag", "day", "price" })
        {
            Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(table[name].GetValue(0), output[name].GetValue(i)));
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Constant_all_missing_and_single_category_columns_come_back_as_they_were(string method)
    {
        var n = 300;
        var varying = Enumerable.Range(0, n).Select(i => (double)(i % 17)).ToArray();
        var table = new Table(
        [
            new Float64Column("constant", Enumerable.Repeat(4.5, n).ToArray()),
            new Float64Column("missing", new double[n], Enumerable.Repeat(true, n).ToArray()),
            StringColumn.FromValues("only", Enumerable.Repeat("A", n).ToArray()),
            StringColumn.FromValues("nothing", new string?[n]),
            new Float64Column("varying", varying),
        ]);
        var schema = SchemaOf(table, c => c.DataType == DataType.String ? ColumnKind.Categorical : ColumnKind.Continuous);

        var output = Synthesizers.Create(method, 1).Fit(table, schema).Sample(200, null, 3);

        AssertNoNaN(output);
        Assert.All(output["constant"].ToDoubles(), v => Assert.Equal(4.5, v));
        Assert.Equal(200, output["missing"].NullCount);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal("A", output["only"].GetValue(i)));
        Assert.Equal(200, output["nothing"].NullCount);
        Assert.All(output["varying"].ToDoubles(), v => Assert.InRange(v, 0, 16));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void More_columns_than_rows_still_fit_and_sample(string method)
    {
        var rng = new Core.Randomness.Xoshiro256(4);
        var columns = Enumerable.Range(0, 30).Select(c => (Column)new Float64Column($"c{c}", [.. Enumerable.Range(0, 8).Select(_ => rng.NextGaussian())])).ToList();
        var table = new Table(columns);

        var output = Synthesizers.Create(method, 1).Fit(table, SchemaOf(table, _ => ColumnKind.Continuous)).Sample(100, null, 5);

        Assert.Equal(30, output.ColumnCount);
        AssertNoNaN(output);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Zero_rows_give_an_empty_table_and_negative_rows_an_error(string method)
    {
        var (table, schema) = TestTables.Mixed(200, 3);
        var model = Synthesizers.Create(method, 1).Fit(table, schema);

        var empty = model.Sample(0, null, 1);
        var ex = Assert.Throws<SynthVaultException>(() => model.Sample(-5, null, 1));

        Assert.Equal(0, empty.RowCount);
        Assert.Equal(table.ColumnNames, empty.ColumnNames);
        Assert.Contains("-5", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_table_without_learnable_columns_still_gives_surrogates(string method)
    {
        var table = new Table([StringColumn.FromValues("email", ["a@b.com", "c@d.com"])]);
        var schema = new TableSchema([new ColumnSchema("email", ColumnKind.Categorical, DataType.String, PiiKind.Email, Policy: ColumnPolicy.Surrogate)]);

        var output = Synthesizers.Create(method, 1).Fit(table, schema).Sample(10, null, 1);

        Assert.Equal(10, output.RowCount);
        Assert.Equal(0, output["email"].NullCount);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Bad_training_input_gives_a_clear_error(string method)
    {
        var synthesizer = Synthesizers.Create(method, 1);
        var (table, schema) = TestTables.Mixed(50, 3);
        var text = new Table([StringColumn.FromValues("amount", ["1", "x"])]);

        var empty = Assert.Throws<SynthVaultException>(() => synthesizer.Fit(table.Head(0), schema));
        var mismatch = Assert.Throws<SynthVaultException>(() => synthesizer.Fit(table.Without(["x"]), schema));
        var wrongKind = Assert.Throws<SynthVaultException>(() => synthesizer.Fit(text, new TableSchema([new ColumnSchema("amount", ColumnKind.Continuous, DataType.String)])));

        Assert.Contains("no rows", empty.Message, StringComparison.Ordinal);
        Assert.Equal("x", mismatch.Column);
        Assert.Contains("no numeric reading", wrongKind.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_methods_and_bad_options_are_refused()
    {
        var unknown = Assert.Throws<SynthVaultException>(() => Synthesizers.Create("gan", 1));

        Assert.Contains("copula, cart", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<SynthVaultException>(() => new CartSynthesizer(new CartOptions { MinLeafSize = 0 }));
        Assert.Throws<SynthVaultException>(() => new GaussianCopulaSynthesizer(new CopulaOptions { Marginals = [] }));
        Assert.Throws<SynthVaultException>(() => new CartSynthesizer(new CartOptions { VisitOrder = ["nope"] }).Fit(TestTables.Mixed(30, 1).Table, TestTables.Mixed(30, 1).Schema));
    }

    [Fact]
    public void A_continuous_equality_that_has_no_mass_asks_for_a_range()
    {
        var (table, schema) = TestTables.Mixed(500, 3);
        var model = Synthesizers.Create("copula", 1).Fit(table, schema);

        var ex = Assert.Throws<SynthVaultException>(() => model.Sample(10, SampleConditions.Equal("x", 50.123456), 1));

        Assert.Contains("range", ex.Message, StringComparison.Ordinal);
    }
}
