using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SynthVault.App.Rebalancing;
using SynthVault.Core.Errors;
using SynthVault.Synthesis.Rebalancing;

namespace SynthVault.Cli.Commands;

/// <summary>
/// <c>synthvault rebalance</c> (add generated minority rows until a target share) and <c>synthvault rebalance-bench</c>
/// (the evaluation protocol of DESIGN §5 on a real holdout).
/// </summary>
internal static class RebalanceCommands
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    public static Command Create(CliContext context) => new RebalanceGroup(context).Build();

    /// <summary><c>synthvault rebalance-bench</c>, registered as its own top-level command.</summary>
    public static Command CreateBench(CliContext context) => new RebalanceGroup(context).BuildBench();

    private sealed class RebalanceGroup(CliContext context)
    {
        private readonly Option<string?> project = SynthesisCommands.ProjectOption();
        private readonly Option<string?> label = new("--label") { Description = "The label column (default: the project file's rebalance label)." };
        private readonly Option<string?> positive = new("--positive") { Description = "The minority class value (default: the rarest class)." };
        private readonly Option<double?> ratio = new("--ratio") { Description = $"Minority share wanted after rebalancing, between the current share and 1 (default {RebalanceUseCase.DefaultRatio.ToString(CultureInfo.InvariantCulture)})." };
        private readonly Option<long> seed = new("--seed") { Description = "Root seed: the same seed and input give the same output.", DefaultValueFactory = _ => 0 };
        private readonly Option<int> kNeighbors = new("--k-neighbors") { Description = "Neighbours to interpolate with (SMOTE family, ADASYN).", DefaultValueFactory = _ => 5 };
        private readonly Option<int> mNeighbors = new("--m-neighbors") { Description = "Neighbours that decide Borderline-SMOTE's danger set.", DefaultValueFactory = _ => 10 };
        private readonly Option<double?> shrinkage = new("--shrinkage") { Description = "Random over-sampling: smooth the copies with this shrinkage (imbalanced-learn's smoothed bootstrap)." };
        private readonly Option<string> fitOn = new("--fit-on") { Description = "copula and cart: fit on the whole table and sample label = positive ('all'), or on the minority rows only ('minority').", DefaultValueFactory = _ => "all" };
        private readonly Option<bool> json = new("--json") { Description = "Print a JSON summary on stdout instead of tables." };

        public Command Build()
        {
            var command = new Command("rebalance", $"Add generated rows of the rare class until it reaches a target share ({string.Join(", ", MinorityGenerators.Methods)}).");
            var data = new Argument<string>("data") { Description = "Input table (.csv, .tsv or .parquet)." };
            var method = new Option<string?>("--method") { Description = $"Generator: {string.Join(", ", MinorityGenerators.Methods)} (default: the project file's, else {RebalanceUseCase.DefaultMethod})." };
            var output = new Option<string>("--out") { Description = "Output file (.csv or .parquet): the original rows unchanged, then the generated ones.", Required = true };
            var provenance = new Option<string?>("--provenance") { Description = "Provenance sidecar (default: <out without extension>.provenance.csv): per output row is_synthetic, method, parent_a, parent_b (0-based input rows), gap." };
            fitOn.AcceptOnlyFromAmong("all", "minority");
            command.Arguments.Add(data);
            foreach (var option in new Option[] { label, positive, ratio, method, seed, output, provenance, project, fitOn, kNeighbors, mNeighbors, shrinkage, json })
            {
                command.Options.Add(option);
            }

            command.SetAction(parse =>
            {
                var request = new RebalanceRequest(
                    parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(provenance), parse.GetValue(project), parse.GetValue(label),
                    parse.GetValue(positive), parse.GetValue(ratio), parse.GetValue(method), parse.GetValue(seed), GeneratorOptions(parse));
                var outcome = context.WithProgress("rebalance", p => RebalanceUseCase.Rebalance(request, p));
                return Summarize(outcome, parse.GetValue(json));
            });
            return command;
        }

        public Command BuildBench()
        {
            var command = new Command("rebalance-bench", "Compare rebalancing methods: stratified split, resample the training part only, LightGBM, score on the untouched holdout with bootstrap intervals.");
            var data = new Argument<string>("data") { Description = "Input table (.csv, .tsv or .parquet)." };
            var methods = new Option<string>("--methods") { Description = "Comma-separated generators to compare.", DefaultValueFactory = _ => string.Join(",", MinorityGenerators.Methods) };
            var holdout = new Option<double>("--holdout") { Description = "Share of each class held out for scoring.", DefaultValueFactory = _ => 0.3 };
            var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replicates for the 95 % intervals.", DefaultValueFactory = _ => 1000 };
            var downsample = new Option<double?>("--downsample-positive") { Description = "First keep only this share of minority rows (seeded), e.g. 0.02 to make a rare-class case." };
            var output = new Option<string?>("--out") { Description = $"Folder for {RebalanceUseCase.BenchJsonFile} and {RebalanceUseCase.BenchHtmlFile} (PR curves); created if missing." };
            fitOn.AcceptOnlyFromAmong("all", "minority");
            command.Arguments.Add(data);
            foreach (var option in new Option[] { label, positive, ratio, methods, seed, holdout, bootstrap, downsample, output, project, fitOn, kNeighbors, mNeighbors, shrinkage, json })
            {
                command.Options.Add(option);
            }

            command.SetAction(parse =>
            {
                var methodNames = parse.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (methodNames.Length == 0)
                {
                    throw new SynthVaultException("--methods names no method.", hint: $"Use e.g. --methods {string.Join(",", MinorityGenerators.Methods)}.");
                }

                var request = new RebalanceBenchRequest(
                    parse.GetValue(data)!, parse.GetValue(project), parse.GetValue(label), methodNames, parse.GetValue(positive), parse.GetValue(ratio),
                    parse.GetValue(seed), parse.GetValue(holdout), parse.GetValue(bootstrap), parse.GetValue(downsample), parse.GetValue(output), GeneratorOptions(parse));
                var outcome = context.WithProgress("rebalance-bench", p => RebalanceUseCase.Bench(request, p));
                if (parse.GetValue(json))
                {
                    context.Out.WriteLine(RebalanceBenchReport.ToJson(outcome.Result));
                    return CliApp.Success;
                }

                Render(outcome.Result);
                if (outcome.JsonPath is not null)
                {
                    context.Console.MarkupLine($"Wrote {Markup.Escape(outcome.JsonPath)} and {Markup.Escape(outcome.HtmlPath!)}.");
                }

                return CliApp.Success;
            });
            return command;
        }

        private int Summarize(RebalanceOutcome outcome, bool asJson)
        {
            var result = outcome.Result;
            if (asJson)
            {
                var summary = new
                {
                    input = outcome.DataPath,
                    output = outcome.OutputPath,
                    provenance = outcome.ProvenancePath,
                    method = result.Method,
                    label = outcome.Label,
                    positive = result.PositiveValue,
                    ratio = outcome.Ratio,
                    rows_before = result.OriginalRows,
                    positives_before = result.OriginalPositives,
                    share_before = result.ShareBefore,
                    generated = result.GeneratedRows,
                    rows_after = result.Combined.RowCount,
                    share_after = result.ShareAfter,
                    seed = outcome.Seed,
                };
                context.Out.WriteLine(JsonSerializer.Serialize(summary, IndentedJson));
                return CliApp.Success;
            }

            context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]{result.GeneratedRows:N0}[/] {Markup.Escape(result.Method)} rows of {Markup.Escape(outcome.Label)} = '{Markup.Escape(result.PositiveValue)}' added: {result.ShareBefore * 100:0.##} % → {result.ShareAfter * 100:0.##} % of {result.Combined.RowCount:N0} rows."));
            context.Console.MarkupLine($"Wrote {Markup.Escape(outcome.OutputPath)} and {Markup.Escape(outcome.ProvenancePath)}.");
            return CliApp.Success;
        }

        private void Render(RebalanceBenchResult result)
        {
            context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{result.Label} = '{result.PositiveValue}': {result.Positives:N0} of {result.Rows:N0} rows. Holdout {result.HoldoutRows:N0} rows ({result.HoldoutPositives} positive), never resampled; training resampled to {result.TargetRatio * 100:0.##} %; 95 % intervals from {result.BootstrapReplicates} bootstrap replicates.")));
            var grid = new Spectre.Console.Table().AddColumns("variant", "PR-AUC (95 % CI)", $"recall @ P{result.MinimumPrecision.ToString("0.##", CultureInfo.InvariantCulture)}", "ROC-AUC", "Brier", "F1", "DCR share", "near copies", "identical");
            foreach (var v in result.Variants)
            {
                if (v.Error is not null)
                {
                    grid.AddRow(Markup.Escape(v.Name), "[grey]skipped[/]", Markup.Escape(v.Error), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
                    continue;
                }

                grid.AddRow(
                    (v.Flags.Count > 0 ? "[red]! [/]" : string.Empty) + Markup.Escape(v.Name),
                    Markup.Escape(RebalanceBenchReport.Format(v.AveragePrecision)),
                    Markup.Escape(RebalanceBenchReport.Format(v.RecallAtPrecision)),
                    Markup.Escape(RebalanceBenchReport.Format(v.RocAuc)),
                    Markup.Escape(RebalanceBenchReport.Format(v.Brier)),
                    v.F1.ToString("0.000", CultureInfo.InvariantCulture),
                    v.Privacy is { } p ? Markup.Escape(RebalanceBenchReport.Format(p.DcrShare)) : "-",
                    v.Privacy is { } q ? (q.NearCopyRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-",
                    v.Privacy is { } r ? (r.IdenticalCopyRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-");
            }

            context.Console.Write(grid);
            foreach (var v in result.Variants)
            {
                foreach (var flag in v.Flags)
                {
                    context.Console.MarkupLine($"[red]![/] {Markup.Escape(v.Name)}: {Markup.Escape(flag)}");
                }
            }
        }

        private MinorityGeneratorOptions GeneratorOptions(ParseResult parse)
        {
            var k = parse.GetValue(kNeighbors);
            var m = parse.GetValue(mNeighbors);
            if (k < 1)
            {
                throw new SynthVaultException("--k-neighbors must be at least 1.");
            }

            if (m < 1)
            {
                throw new SynthVaultException("--m-neighbors must be at least 1.");
            }

            var s = parse.GetValue(shrinkage);
            if (s is < 0)
            {
                throw new SynthVaultException("--shrinkage must be at least 0.");
            }

            var scope = parse.GetValue(fitOn) == "minority" ? MinorityFitScope.Minority : MinorityFitScope.WholeTable;
            return new MinorityGeneratorOptions(k, m, s, scope);
        }
    }
}
