using System.Diagnostics;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;

namespace SynthVault.App.Rebalancing;

/// <summary>One rare-class case of the demo and the reports written for it.</summary>
/// <param name="Name">The case name, also the report files' stem.</param>
/// <param name="Description">What the table is, in words.</param>
/// <param name="Result">The benchmark table.</param>
/// <param name="JsonPath">The JSON report.</param>
/// <param name="HtmlPath">The HTML page with the table and PR curves.</param>
/// <param name="Elapsed">Wall time of the case, reading included.</param>
public sealed record RebalanceDemoCase(string Name, string Description, RebalanceBenchResult Result, string JsonPath, string HtmlPath, TimeSpan Elapsed);

/// <summary>What the rebalancing part of the demo produced.</summary>
/// <param name="OutputDirectory">The folder holding the reports (<c>&lt;out&gt;/rebalance</c>).</param>
/// <param name="Cases">The fraud sample and the Adult 2 % case, in that order.</param>
/// <param name="Elapsed">Wall time of both cases.</param>
public sealed record RebalanceDemoResult(string OutputDirectory, IReadOnlyList<RebalanceDemoCase> Cases, TimeSpan Elapsed);

/// <summary>
/// The rebalancing part of <c>synthvault demo</c> (issue #5): the benchmark of <see cref="RebalanceBenchmark"/> on
/// the bundled card-fraud sample (all normal transactions, 25 real frauds) and on Adult with "&gt;50K" downsampled
/// to 2 % (<see cref="RareClassSample"/>), each with the model-based generators and the imbalanced-learn baselines
/// that apply to its columns (SMOTE, Borderline-SMOTE and ADASYN need all-numeric features; SMOTE-NC needs a
/// categorical one). Reports go to <c>&lt;out&gt;/rebalance/&lt;case&gt;.json</c> and <c>.html</c>.
/// <para>
/// To stay fast the demo draws <see cref="BootstrapReplicates"/> bootstrap replicates instead of the command's 1,000:
/// the intervals' end points then move by about a hundredth between seeds, which a demo can live with; run
/// <c>synthvault rebalance-bench</c> for the full intervals.
/// </para>
/// </summary>
public static class RebalanceDemo
{
    /// <summary>Bootstrap replicates per interval in the demo.</summary>
    public const int BootstrapReplicates = 200;

    /// <summary>The folder under the demo's output folder that holds the reports.</summary>
    public const string Folder = "rebalance";

    /// <summary>Runs both cases and writes their reports.</summary>
    /// <param name="dataSamplesDirectory">The bundled data-samples folder.</param>
    /// <param name="outputDirectory">The demo's output folder; reports go to its <see cref="Folder"/> subfolder.</param>
    /// <param name="seed">Root seed of the demo.</param>
    /// <param name="progress">Progress of the benchmark steps.</param>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    public static RebalanceDemoResult Run(
        string dataSamplesDirectory, string outputDirectory, long seed, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSamplesDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        if (!Directory.Exists(dataSamplesDirectory))
        {
            throw new SynthVaultException("The data-samples folder was not found.", dataSamplesDirectory, hint: "Run the demo from the repository root, or pass --data <folder>.");
        }

        var clock = Stopwatch.StartNew();
        var folder = Path.Combine(outputDirectory, Folder);
        var streams = new SeedStreams(seed);
        var cases = new List<RebalanceDemoCase>
        {
            Case(
                "creditcard-fraud",
                "ULB card-fraud sample: every normal transaction and 25 of its frauds",
                new RebalanceBenchRequest(
                    Path.Combine(dataSamplesDirectory, "creditcard-fraud", "creditcard_rare.csv"), Label: "Class", PositiveValue: "1",
                    Methods: ["copula", "cart", "smote", "borderline", "adasyn", "random"], Seed: Derive(streams, "creditcard-fraud"), BootstrapReplicates: BootstrapReplicates),
                folder, progress, cancellationToken),
        };
        cancellationToken.ThrowIfCancellationRequested();
        cases.Add(Case(
            "adult-2pct",
            "UCI Adult with income >50K downsampled to 2 % of the rows",
            new RebalanceBenchRequest(
                Path.Combine(dataSamplesDirectory, "adult", "adult.csv"), Label: "income", PositiveValue: ">50K",
                Methods: ["copula", "cart", "smotenc", "random"], Seed: Derive(streams, "adult-2pct"), BootstrapReplicates: BootstrapReplicates, DownsamplePositive: 0.02),
            folder, progress, cancellationToken));
        return new RebalanceDemoResult(folder, cases, clock.Elapsed);
    }

    private static RebalanceDemoCase Case(string name, string description, RebalanceBenchRequest request, string folder, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        progress?.Report(new ProgressUpdate("rebalance", 0, 1, name));
        var result = RebalanceUseCase.Bench(request, progress, cancellationToken).Result;
        var (json, html) = RebalanceUseCase.WriteBenchReports(result, folder, name + ".json", name + ".html");
        return new RebalanceDemoCase(name, description, result, json, html, clock.Elapsed);
    }

    private static long Derive(SeedStreams streams, string name) => unchecked((long)streams.DeriveSeed(name));
}
