using System.Text.Json;
using SynthVault.App.Rebalancing;
using SynthVault.Testing;

namespace SynthVault.App.Tests.Rebalancing;

/// <summary>Runs the demo once for all tests of the class (about 10–20 s) and removes its files afterwards.</summary>
public sealed class RebalanceDemoFixture : IDisposable
{
    private readonly TempDirectory folder = new();

    public RebalanceDemoFixture() => Result = RebalanceDemo.Run(RepoPaths.DataSamples, folder.Path, seed: 42);

    public string Folder => folder.Path;

    public RebalanceDemoResult Result { get; }

    public void Dispose() => folder.Dispose();
}

public sealed class RebalanceDemoTests(RebalanceDemoFixture fixture) : IClassFixture<RebalanceDemoFixture>
{
    [Fact]
    public void The_demo_benchmarks_the_fraud_sample_and_adult_at_two_percent_and_writes_both_reports()
    {
        var result = fixture.Result;

        Assert.Equal(Path.Combine(fixture.Folder, "rebalance"), result.OutputDirectory);
        Assert.Equal(["creditcard-fraud", "adult-2pct"], result.Cases.Select(c => c.Name));
        var fraud = result.Cases[0].Result;
        Assert.Equal((1255, 25), (fraud.Rows, fraud.Positives));
        var adult = result.Cases[1].Result;
        Assert.Equal(">50K", adult.PositiveValue);
        Assert.InRange((double)adult.Positives / adult.Rows, 0.0195, 0.0205);
        foreach (var c in result.Cases)
        {
            Assert.Equal(RebalanceDemo.BootstrapReplicates, c.Result.BootstrapReplicates);
            using var json = JsonDocument.Parse(File.ReadAllText(c.JsonPath));
            Assert.Equal(c.Result.Variants.Count, json.RootElement.GetProperty("variants").GetArrayLength());
            Assert.Contains("<svg", File.ReadAllText(c.HtmlPath));
            Assert.Equal(Path.Combine(result.OutputDirectory, c.Name + ".html"), c.HtmlPath);
        }
    }

    [Fact]
    public void Every_method_that_applies_runs_with_finite_metrics_and_random_copies_are_flagged()
    {
        var result = fixture.Result;

        Assert.Equal(
            [RebalanceBenchmark.TunedBaseline, RebalanceBenchmark.WeightedBaseline, "copula", "cart", "smote", "borderline", "adasyn", "random"],
            result.Cases[0].Result.Variants.Select(v => v.Name));
        Assert.Equal(
            [RebalanceBenchmark.TunedBaseline, RebalanceBenchmark.WeightedBaseline, "copula", "cart", "smotenc", "random"],
            result.Cases[1].Result.Variants.Select(v => v.Name));
        foreach (var variant in result.Cases.SelectMany(c => c.Result.Variants))
        {
            Assert.Null(variant.Error);
            Assert.True(double.IsFinite(variant.AveragePrecision!.Value) && double.IsFinite(variant.AveragePrecision.Lower) && double.IsFinite(variant.AveragePrecision.Upper), variant.Name);
            if (variant.Method is not null)
            {
                Assert.True(double.IsFinite(variant.Privacy!.DcrShare.Value), variant.Name);
            }
        }

        Assert.All(result.Cases, c => Assert.NotEmpty(c.Result.Variants.Single(v => v.Name == "random").Flags));
    }
}
