using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Schema;
using SynthVault.Testing;

namespace SynthVault.Synthesis.Tests;

/// <summary>CLI condition clauses: what they mean and how bad ones are refused.</summary>
public sealed class SampleConditionsTests
{
    private static readonly TableSchema Schema = new(
    [
        new ColumnSchema("is_fraud", ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label),
        new ColumnSchema("income", ColumnKind.Categorical, DataType.String),
        new ColumnSchema("age", ColumnKind.Integer, DataType.Int64),
        new ColumnSchema("opened", ColumnKind.DateTime, DataType.Date),
        new ColumnSchema("email", ColumnKind.Categorical, DataType.String, PiiKind.Email, Policy: ColumnPolicy.Surrogate),
    ]);

    [Fact]
    public void Equality_ranges_and_bounds_are_read_as_written()
    {
        var c = SampleConditions.Parse(["is_fraud=1", "income=>50K", "age>=30", "age<=60", "opened=2020-01-01..2020-12-31"], Schema).Items;

        Assert.Equal(4, c.Count);
        Assert.Equal(new SampleCondition("is_fraud", ConditionKind.Equal, "1", double.NaN, double.NaN, "is_fraud=1"), c[0]);
        Assert.Equal(ConditionKind.Equal, c[1].Kind);
        Assert.Equal(">50K", c[1].Value);
        Assert.Equal((30.0, 60.0), (c[2].Min, c[2].Max));
        Assert.Equal(ConditionKind.Range, c[2].Kind);
        Assert.Equal(TemporalScale.ToDays(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks), c[3].Min);
    }

    [Fact]
    public void A_single_number_on_a_numeric_column_is_a_one_value_range()
    {
        var c = SampleConditions.Parse(["age=30", "  income = <=50K "], Schema).Items;

        Assert.Equal((30.0, 30.0), (c[0].Min, c[0].Max));
        Assert.Equal("<=50K", c[1].Value);
    }

    [Theory]
    [InlineData("salary=3", "does not start with a known column")]
    [InlineData("age>30", "does not start with a known column")]
    [InlineData("age>=sixty", "needs a number")]
    [InlineData("income>=5", "range on a Categorical column")]
    [InlineData("is_fraud=", "has no value")]
    [InlineData("email=a@b.c", "not learned")]
    [InlineData("age=40..30", "impossible range")]
    public void Bad_clauses_are_refused_naming_the_clause(string clause, string expected)
    {
        var ex = Assert.Throws<SynthVaultException>(() => SampleConditions.Parse([clause], Schema));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(clause.Trim(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounds_that_exclude_each_other_are_an_impossible_range()
    {
        var ex = Assert.Throws<SynthVaultException>(() => SampleConditions.Parse(["age>=60", "age<=30"], Schema));

        Assert.Contains("impossible range", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_conditions_on_one_categorical_column_are_refused()
    {
        Assert.Throws<SynthVaultException>(() => SampleConditions.Parse(["income=>50K", "income=<=50K"], Schema));
        Assert.Throws<SynthVaultException>(() => SampleConditions.Equal("income", ">50K").AndEqual("income", "<=50K"));
    }

    [Fact]
    public void A_condition_on_a_column_the_model_does_not_have_is_refused_at_sampling()
    {
        var model = Synthesizers.Create("copula", 1).Fit(TestTables.Mixed(500, 1).Table, TestTables.Mixed(500, 1).Schema);

        var ex = Assert.Throws<SynthVaultException>(() => model.Sample(5, SampleConditions.Equal("nope", 1), 1));

        Assert.Contains("nope=1", ex.Message, StringComparison.Ordinal);
        Assert.Equal("nope", ex.Column);
    }

    [Fact]
    public void Boolean_conditions_accept_the_usual_spellings()
    {
        var (table, schema) = TestTables.Mixed(1000, 2);
        var model = Synthesizers.Create("cart", 1).Fit(table, schema);

        foreach (var value in new object[] { true, "true", "1", "yes" })
        {
            var rows = model.Sample(200, SampleConditions.Equal("flag", value), 3);
            Assert.All(((BooleanColumn)rows["flag"]).Values.ToArray(), Assert.True);
        }
    }

    [Fact]
    public void Adult_income_clause_from_the_issue_parses_against_the_real_schema()
    {
        var c = SampleConditions.Parse(["income=>50K"], TestData.AdultSchema).Items.Single();

        Assert.Equal(("income", ">50K"), (c.Column, c.Value));
    }
}
