using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Testing;

namespace SynthVault.Synthesis.Tests;

/// <summary>
/// Conditions give exactly the rows asked for, all meeting them, also at 0.2 % prevalence (Adult cut down to
/// 15,000 rows of which 30 earn ">50K"), and the rows drawn under a condition look like the real rows that meet it.
/// </summary>
public sealed class ConditionalSamplingTests
{
    private static readonly Lazy<Table> Rare = new(() => TestTables.AdultWithRareIncome(14_970, 30));

    private static readonly Dictionary<string, Lazy<ISynthesizerModel>> RareModels = new()
    {
        ["copula"] = new(() => Synthesizers.Create("copula", 3).Fit(Rare.Value, TestData.AdultSchema)),
        ["cart"] = new(() => Synthesizers.Create("cart", 3).Fit(Rare.Value, TestData.AdultSchema)),
    };

    private static readonly Dictionary<string, Lazy<ISynthesizerModel>> AdultModels = new()
    {
        ["copula"] = new(() => Synthesizers.Create("copula", 3).Fit(AdultSplit.Train, TestData.AdultSchema)),
        ["cart"] = new(() => Synthesizers.Create("cart", 3).Fit(AdultSplit.Train, TestData.AdultSchema)),
    };

    public static TheoryData<string> Methods => ["copula", "cart"];

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_label_at_two_per_mille_is_sampled_exactly_and_looks_like_its_real_rows(string method)
    {
        var model = RareModels[method].Value;
        var conditions = SampleConditions.Parse(["income=>50K"], TestData.AdultSchema);

        var rows = model.Sample(3000, conditions, seed: 9);

        Assert.Equal(3000, rows.RowCount);
        var income = (StringColumn)rows["income"];
        Assert.All(Enumerable.Range(0, rows.RowCount), i => Assert.Equal(">50K", income[i]));

        // Real: mean education_num 11.6 among the 30 positives vs 9.9 overall (sd 2.5). The conditioned sample
        // must sit with the positives: above the overall mean by at least a third of the gap.
        var real = Rare.Value;
        var realIncome = (StringColumn)real["income"];
        var edu = real["education_num"].ToDoubles();
        var positives = edu.Where((_, i) => realIncome[i] == ">50K").Average();
        var overall = edu.Average();
        var synthetic = rows["education_num"].ToDoubles().Average();
        Assert.True(positives - overall > 1, $"positives {positives:F2}, overall {overall:F2}");
        Assert.True(synthetic > overall + ((positives - overall) / 3), $"conditioned mean {synthetic:F2}, overall {overall:F2}, positives {positives:F2}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_fraud_label_on_the_card_data_is_met_on_every_row(string method)
    {
        var model = Synthesizers.Create(method, 4).Fit(TestData.CreditCard, TestData.CreditCardSchema);

        var rows = model.Sample(1000, SampleConditions.Equal("Class", 1), seed: 5);

        Assert.Equal(1000, rows.RowCount);
        Assert.All(((Int64Column)rows["Class"]).Values.ToArray(), v => Assert.Equal(1, v));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_numeric_range_holds_on_every_row(string method)
    {
        var model = AdultModels[method].Value;

        var rows = model.Sample(2000, SampleConditions.Parse(["age=30..40"], TestData.AdultSchema), seed: 6);

        Assert.Equal(2000, rows.RowCount);
        Assert.All(((Int64Column)rows["age"]).Values.ToArray(), v => Assert.InRange(v, 30, 40));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Several_conditions_hold_together(string method)
    {
        var model = AdultModels[method].Value;
        var conditions = SampleConditions.Parse(["income=>50K", "sex=Female", "age>=30", "age<=60"], TestData.AdultSchema);

        var rows = model.Sample(1500, conditions, seed: 7);

        Assert.Equal(1500, rows.RowCount);
        var income = (StringColumn)rows["income"];
        var sex = (StringColumn)rows["sex"];
        var age = (Int64Column)rows["age"];
        for (var i = 0; i < rows.RowCount; i++)
        {
            Assert.Equal(">50K", income[i]);
            Assert.Equal("Female", sex[i]);
            Assert.InRange(age[i], 30, 60);
        }
    }

    [Fact]
    public void Cart_refuses_a_rare_condition_on_a_late_column_and_says_how_to_fix_it()
    {
        // Only 30 of 15,000 rows are "Preschool"; education is the 4th column visited, so meeting it would need
        // blind rejection.
        var model = Synthesizers.Create("cart", 3).Fit(Rare.Value.Take([.. Enumerable.Range(0, 15_000)]), TestData.AdultSchema);

        var ex = Assert.Throws<SynthVaultException>(() => model.Sample(100, SampleConditions.Equal("education", "Preschool"), seed: 1));

        Assert.Contains("education=Preschool", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VisitOrder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cart_meets_a_rare_condition_when_the_column_is_visited_first()
    {
        var options = new CartOptions { Seed = 3, VisitOrder = ["education"] };
        var model = new CartSynthesizer(options).Fit(Rare.Value, TestData.AdultSchema);

        var rows = model.Sample(500, SampleConditions.Equal("education", "Preschool"), seed: 1);

        var education = (StringColumn)rows["education"];
        Assert.All(Enumerable.Range(0, 500), i => Assert.Equal("Preschool", education[i]));
    }

    [Fact]
    public void Cart_meets_a_common_condition_on_a_late_column_by_exact_rejection()
    {
        var model = AdultModels["cart"].Value;

        var rows = model.Sample(1000, SampleConditions.Equal("sex", "Female"), seed: 8);

        var sex = (StringColumn)rows["sex"];
        var relationship = (StringColumn)rows["relationship"];
        Assert.All(Enumerable.Range(0, 1000), i => Assert.Equal("Female", sex[i]));

        // Real Adult: no woman is a "Husband"; a sampler that forced sex without conditioning the earlier
        // columns would produce husbands at about their overall 41 % share.
        var husbands = Enumerable.Range(0, 1000).Count(i => relationship[i] == "Husband") / 1000.0;
        Assert.True(husbands < 0.02, $"{husbands:P1} female husbands");
    }

    [Theory]
    [InlineData("copula", "income=rich", "never occurs")]
    [InlineData("cart", "income=rich", "never occurs")]
    [InlineData("copula", "age=200..300", "cannot be met")]
    [InlineData("cart", "age>=91", "cannot be met")]
    public void Impossible_conditions_are_refused_naming_the_clause(string method, string clause, string reason)
    {
        var model = AdultModels[method].Value;

        var ex = Assert.Throws<SynthVaultException>(() => model.Sample(10, SampleConditions.Parse([clause], TestData.AdultSchema), seed: 1));

        Assert.Contains(clause, ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
