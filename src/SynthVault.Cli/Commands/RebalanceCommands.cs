using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SynthVault.App.Rebalancing;
using SynthVault.Core.Errors;
using SynthVault.IO;
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

    private sealed class RebalanceGroup(CliContext context)
    {
        private readonly Option<string> label = new("--label") { Description = "The label column (the class to rebalance).", Required = true };
        private readonly Option<string?> positive = new("--positive") { Description = "The minority class value (default: the rarest class)." };
        private readonly Option<double> ratio = new("--ratio") { Description = "Minority share wanted after rebalancing, e.g. 0.10.", DefaultValueFactory = _ => 0.10 };
        private readonly Option<long> seed = new("--seed") { Description = "Root seed: the same seed and input give the same output.", DefaultValueFactory = _ => 0 };
        private readonly Option<int> kNeighbors = new("--k-neighbors") { Description = "Neighbours to interpolate with (SMOTE family, ADASYN).", DefaultValueFactory = _ => 5 };
        private readonly Option<int> mNeighbors = new("--m-neighbors") { Description = "Neighbours that decide Borderline-SMOTE's danger set.", DefaultValueFactory = _ => 10 };
        private readonly Option<double?> shrinkage = new("--shrinkage") { Description = "Random over-sampling: smooth the copies with this shrinkage (imbalanced-learn's smoothed bootstrap)." };
        private readonly Option<bool> json = new("--json") { Description = "Print a JSON summary on stdout instead of tables." };

        public Command Build()
        {
            var group = new Command("rebalance", "Add generated rows of the rare class until it reaches a target share (smote, smotenc, borderline, borderline2, adasyn, random).");
            var data = new Argument<string>("data") { Description = "Input table (.csv, .tsv or .parquet)." };
            var method = new Option<string>("--method") { Description = $"Generator: {string.Join(", ", MinorityGenerators.Methods)}.", DefaultValueFactory = _ => "smote" };
            var output = new Option<string>("--out") { Description = "Output file: the original rows, then the generated ones.", Required = true };
            var provenance = new Option<string?>("--provenance") { Description = "Provenance sidecar (default: <out>.provenance.csv): per row is_synthetic, method, parent_a, parent_b, gap." };
            group.Arguments.Add(data);
            foreach (var option in new Option[] { label, positive, ratio, method, seed, output, provenance, kNeighbors, mNeighbors, shrinkage, json })
            {
                group.Options.Add(option);
            }

            group.SetAction(parse => Rebalance(parse, data, method, output, provenance));
            return group;
        }

        public Command BuildBench()
        {
            var bench = new Command("rebalance-bench", "Compare rebalancing methods: stratified split, resample the training part only, LightGBM, score on the untouched holdout with bootstrap intervals.");
            var data = new Argument<string>("data") { Description = "Input table (.csv, .tsv or .parquet)." };
            var methods = new Option<string>("--methods") { Description = "Comma-separated generators to compare.", DefaultValueFactory = _ => string.Join(",", MinorityGenerators.Methods) };
            var holdout = new Option<double>("--holdout") { Description = "Share of each class held out for scoring.", DefaultValueFactory = _ => 0.3 };
            var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replicates for the 95 % intervals.", DefaultValueFactory = _ => 1000 };
            var downsample = new Option<double?>("--downsample-positive") { Description = "First keep only this share of minority rows (seeded), e.g. 0.02 to make a rare-class case." };
            var jsonOut = new Option<string?>("--out-json") { Description = "Write the full result as JSON to this file." };
            var html = new Option<string?>("--html") { Description = "Write an HTML page with the table and PR curves to this file." };
            bench.Arguments.Add(data);
            foreach (var option in new Option[] { label, positive, ratio, methods, seed, holdout, bootstrap, downsample, kNeighbors, mNeighbors, shrinkage, jsonOut, html, json })
            {
                bench.Options.Add(option);
            }

            bench.SetAction(parse => Bench(parse, data, methods, holdout, bootstrap, downsample, jsonOut, html));
            return bench;
        }

        private int Rebalance(ParseResult parse, Argument<string> dataArgument, Option<string> methodOption, Option<string> outputOption, Option<string?> provenanceOption)
        {
            var path = parse.GetValue(dataArgument)!;
            var output = parse.GetValue(outputOption)!;
            var provenancePath = parse.GetValue(provenanceOption) ?? Path.ChangeExtension(output, null) + ".provenance.csv";
            var generator = MinorityGenerators.Create(parse.GetValue(methodOption)!, GeneratorOptions(parse));
            var table = Read(path);
            var labelName = parse.GetValue(label)!;
            var schema = RebalanceSchema.Infer(table, labelName);
            var options = new RebalanceOptions(labelName, parse.GetValue(ratio), parse.GetValue(positive), parse.GetValue(seed));
            var result = context.WithProgress("rebalance", progress => Wrap(path, () => Rebalancer.Rebalance(table, schema, options, generator, progress)));
            TableFile.Write(result.Combined, output);
            TableFile.Write(result.Provenance, provenancePath);
            var summary = new
            {
                input = path,
                output,
                provenance = provenancePath,
                method = result.Method,
                label = labelName,
                positive = result.PositiveValue,
                rows_before = result.OriginalRows,
                positives_before = result.OriginalPositives,
                share_before = result.ShareBefore,
                generated = result.GeneratedRows,
                rows_after = result.Combined.RowCount,
                share_after = result.ShareAfter,
                seed = options.Seed,
            };
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(summary, IndentedJson));
                return CliApp.Success;
            }

            context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[green]{result.GeneratedRows:N0}[/] {Markup.Escape(result.Method)} rows of {Markup.Escape(labelName)} = '{Markup.Escape(result.PositiveValue)}' added: {result.ShareBefore * 100:0.##} % → {result.ShareAfter * 100:0.##} % of {result.Combined.RowCount:N0} rows."));
            context.Console.MarkupLine($"Wrote {Markup.Escape(output)} and {Markup.Escape(provenancePath)}.");
            return CliApp.Success;
        }

        private int Bench(
            ParseResult parse, Argument<string> dataArgument, Option<string> methodsOption, Option<double> holdoutOption, Option<int> bootstrapOption,
            Option<double?> downsampleOption, Option<string?> jsonOutOption, Option<string?> htmlOption)
        {
            var path = parse.GetValue(dataArgument)!;
            var labelName = parse.GetValue(label)!;
            var methodNames = parse.GetValue(methodsOption)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (methodNames.Length == 0)
            {
                throw new SynthVaultException("--methods names no method.", hint: $"Use e.g. --methods {string.Join(",", MinorityGenerators.Methods)}.");
            }

            var generators = RebalanceBenchmark.Generators(methodNames, GeneratorOptions(parse));
            var table = Read(path);
            if (parse.GetValue(downsampleOption) is { } share)
            {
                var positiveValue = LabelValues.ResolvePositive(table[labelName], parse.GetValue(positive), path);
                table = RareClassSample.Take(table, labelName, positiveValue, share, parse.GetValue(seed));
            }

            var schema = RebalanceSchema.Infer(table, labelName);
            var options = new RebalanceBenchOptions(
                labelName, methodNames, parse.GetValue(positive), parse.GetValue(ratio), parse.GetValue(seed), parse.GetValue(holdoutOption), parse.GetValue(bootstrapOption));
            var result = context.WithProgress("rebalance-bench", progress => Wrap(path, () => RebalanceBenchmark.Run(table, schema, options, generators, progress)));
            if (parse.GetValue(jsonOutOption) is { } jsonPath)
            {
                WriteText(jsonPath, RebalanceBenchReport.ToJson(result));
            }

            if (parse.GetValue(htmlOption) is { } htmlPath)
            {
                WriteText(htmlPath, RebalanceBenchReport.ToHtmlPage(result));
            }

            if (parse.GetValue(json))
            {
                context.Out.WriteLine(RebalanceBenchReport.ToJson(result));
                return CliApp.Success;
            }

            Render(result);
            return CliApp.Success;
        }

        private void Render(RebalanceBenchResult result)
        {
            context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{result.Label} = '{result.PositiveValue}': {result.Positives:N0} of {result.Rows:N0} rows. Holdout {result.HoldoutRows:N0} rows ({result.HoldoutPositives} positive), never resampled; training resampled to {result.TargetRatio * 100:0.##} %; 95 % intervals from {result.BootstrapReplicates} bootstrap replicates.")));
            var grid = new Spectre.Console.Table().AddColumns("variant", "PR-AUC (95 % CI)", $"recall @ P{result.MinimumPrecision.ToString("0.##", CultureInfo.InvariantCulture)}", "ROC-AUC", "Brier", "F1", "DCR share", "near copies");
            foreach (var v in result.Variants)
            {
                if (v.Error is not null)
                {
                    grid.AddRow(Markup.Escape(v.Name), "[grey]skipped[/]", Markup.Escape(v.Error), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
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
                    v.Privacy is { } q ? (q.NearCopyRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "-");
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

            return new MinorityGeneratorOptions(k, m, s);
        }

        private static Core.Data.Table Read(string path) => TableFile.Read(path).Table;

        private static T Wrap<T>(string path, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (SynthVaultException e)
            {
                throw e.WithFile(path);
            }
        }

        // Reports are written whole or not at all: a temporary file beside the target, then a rename.
        private static void WriteText(string path, string text)
        {
            var full = Path.GetFullPath(path);
            var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
            try
            {
                File.WriteAllText(temp, text);
                File.Move(temp, full, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Delete(temp);
                throw new SynthVaultException($"The file cannot be written: {e.Message}", file: path, inner: e);
            }
        }
    }

    /// <summary><c>synthvault rebalance-bench</c>, registered as its own top-level command.</summary>
    public static Command CreateBench(CliContext context) => new RebalanceGroup(context).BuildBench();
}
