using SynthVault.Core.Data;
using SynthVault.Core.Profiling;
using SynthVault.Core.Schema;
using SynthVault.Testing;

namespace SynthVault.Core.Tests.Profiling;

public sealed class ProfilerRealDataTests
{
    private static readonly Lazy<TableProfile> Adult = new(() => Profiler.Profile(TestData.Adult));
    private static readonly Lazy<TableProfile> CreditCard = new(() => Profiler.Profile(TestData.CreditCard));

    [Fact]
    public void The_Adult_census_profile_gives_the_known_schema_with_income_as_the_label()
    {
        var profile = Adult.Value;

        // TestData.AdultSchema was written by hand from the data dictionary; the profiler must reach it unaided.
        Assert.Equal(TestData.AdultSchema.Columns, profile.ToSchema().Columns);
        Assert.Equal(ColumnKind.Integer, profile["age"].Kind);
        Assert.Equal(ColumnKind.Integer, profile["education_num"].Kind);
        Assert.Equal(ColumnKind.Categorical, profile["education"].Kind);
        Assert.Equal(ColumnRole.Label, profile["income"].Role);
        Assert.Equal(ColumnRole.Feature, profile["sex"].Role);
        Assert.All(profile.Columns, c => Assert.Equal(PiiKind.None, c.Pii));
        Assert.Contains(profile["income"].Notes, n => n.Contains("binary, last column", StringComparison.Ordinal));
    }

    [Fact]
    public void Adult_statistics_match_reference_values_computed_in_Python()
    {
        // Reference: Python 3 statistics.mean/stdev and numpy-type-7 quantiles over data-samples/adult/adult.csv.
        var age = Adult.Value["age"];
        Assert.Equal(30_162, age.Count);
        Assert.Equal(0, age.NullCount);
        Assert.Equal(72, age.DistinctCount);
        Assert.Equal(17, age.Min);
        Assert.Equal(90, age.Max);
        Assert.Equal(38.437901995888865, age.Mean!.Value, 1e-9);
        Assert.Equal(13.134664776855985, age.Std!.Value, 1e-9);

        var fnlwgt = Adult.Value["fnlwgt"];
        Assert.Equal(20_263, fnlwgt.DistinctCount);
        double[] expected = [27158.49, 39494.8, 117627.25, 178425.0, 237628.5, 379674.15, 511154.19];
        Assert.All(expected.Zip(fnlwgt.Quantiles!.Values), p => Assert.Equal(p.First, p.Second, 1e-6));

        var education = Adult.Value["education"];
        Assert.Equal(16, education.DistinctCount);
        Assert.Equal([new("HS-grad", 9840), new("Some-college", 6678), new("Bachelors", 5044)], education.TopCategories.Take(3));
        Assert.Equal([new("<=50K", 22654), new(">50K", 7508)], Adult.Value["income"].TopCategories);
    }

    [Fact]
    public void Card_fraud_features_are_continuous_and_Class_is_a_boolean_label()
    {
        var profile = CreditCard.Value;

        Assert.All(profile.Columns.Where(c => c.Name != "Class"), c => Assert.Equal(ColumnKind.Continuous, c.Kind));
        var label = profile["Class"];

        // Class holds exactly {0, 1}: Boolean, where the hand-written TestData schema says Categorical; both suit a label.
        Assert.Equal(ColumnKind.Boolean, label.Kind);
        Assert.Equal(ColumnRole.Label, label.Role);
        Assert.Equal([new("0", 1230), new("1", 492)], label.TopCategories);
        Assert.Contains(label.Notes, n => n.Contains("name hint 'class'", StringComparison.Ordinal));

        // Reference: Python statistics and type-7 quantiles of the Amount column.
        var amount = profile["Amount"];
        Assert.Equal(984, amount.DistinctCount);
        Assert.Equal(94.535656213705, amount.Mean!.Value, 1e-9);
        Assert.Equal(226.03250079344366, amount.Std!.Value, 1e-9);
        Assert.Equal(18.955, amount.Quantiles!.P50, 1e-9);
        Assert.Equal(1098.5779, amount.Quantiles.P99, 1e-9);
    }

    [Fact]
    public void Free_text_in_the_SMS_corpus_is_Text_and_its_samples_show_no_phone_number()
    {
        var sms = TestData.SmsSpam();
        var table = new Table([
            StringColumn.FromValues("label", [.. sms.Select(m => m.Label)]),
            StringColumn.FromValues("message", [.. sms.Select(m => m.Text)]),
        ]);

        var profile = Profiler.Profile(table, new ProfilerOptions { SampleCount = 50 });

        Assert.Equal(ColumnKind.Text, profile["message"].Kind);
        Assert.Equal(PiiKind.None, profile["message"].Pii);
        Assert.Contains(profile.Warnings, w => w.StartsWith("Column 'message':", StringComparison.Ordinal) && w.Contains("of sampled texts contain personal data (", StringComparison.Ordinal) && w.Contains("Phone", StringComparison.Ordinal));
        Assert.Equal(ColumnRole.Label, profile["label"].Role);
        Assert.DoesNotContain(profile["message"].MaskedSamples, s => s.Contains("09061701461", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(s, @"\b0\d{10}\b"));
    }

    [Fact]
    public void The_profile_is_the_same_whatever_the_number_of_threads()
    {
        var serial = Profiler.Profile(TestData.Adult, new ProfilerOptions { MaxDegreeOfParallelism = 1 });

        Assert.Equal(serial.ToJson(), Adult.Value.ToJson());
    }
}
