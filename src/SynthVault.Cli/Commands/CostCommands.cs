using System.CommandLine;
using System.Globalization;
using System.Text;
using Spectre.Console;
using SynthVault.Core.Errors;
using SynthVault.Planner;
using SynthVault.Planner.Presets;

namespace SynthVault.Cli.Commands;

/// <summary>
/// <c>synthvault cost</c>: the buy-vs-generate planner. Prints both costs per 1,000 accepted samples, their breakdown,
/// the break-even, the time to deliver, a tornado table and where each input came from; <c>--json</c> prints only
/// the JSON report, <c>--html</c> writes a self-contained page.
/// </summary>
internal static class CostCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly System.Text.Json.JsonSerializerOptions ListJson = new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var presets = new Option<string[]>("--preset")
        {
            Description = "Price preset(s) to apply, in order (repeat the option). See --list-presets.",
            DefaultValueFactory = _ => [],
        };
        var judgePreset = new Option<string?>("--judge-preset") { Description = "An api preset that prices the judge (critic) model." };
        var presetFile = new Option<string?>("--preset-file") { Description = "Your own preset JSON (same shape as the built-in list); its entries override same-id built-ins." };
        var fromRun = new Option<string?>("--from-run") { Description = "A text run folder: reads its run-stats.json for acceptance, call shape, review time and rounds." };
        var bench = new Option<string?>("--bench") { Description = "Output of 'synthvault llm bench --json': prompt and generation tokens per second." };
        var benchSpeed = new Option<string>("--bench-speed")
        {
            Description = "Which bench speed to use for generation: single, batched8 or grammar.",
            DefaultValueFactory = _ => "single",
        };
        var volume = new Option<int>("--volume")
        {
            Description = "Accepted samples wanted.",
            DefaultValueFactory = _ => 1000,
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Set an input: name=value (repeatable), e.g. --set acceptanceRate=0.4 --set engine=api.",
            DefaultValueFactory = _ => [],
        };
        var range = new Option<string[]>("--range")
        {
            Description = "Tornado range for an input: name=low:high (repeatable); others use the defaults.",
            DefaultValueFactory = _ => [],
        };
        var json = new Option<bool>("--json") { Description = "Print only the JSON report on stdout." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (with the tornado chart) to this file." };
        var listPresets = new Option<bool>("--list-presets") { Description = "List the price presets with their sources and dates, then stop." };

        var command = new Command("cost", "Plan the cost per 1,000 accepted samples: buy labelled data or generate it.")
        {
            presets, judgePreset, presetFile, fromRun, bench, benchSpeed, volume, set, range, json, html, listPresets,
        };

        command.SetAction(parse =>
        {
            var clock = TimeProvider.System;
            var catalog = PresetCatalog.BuiltIn;
            if (parse.GetValue(presetFile) is { } file)
            {
                catalog = catalog.MergedWith(PresetCatalog.LoadFile(file));
            }

            if (parse.GetValue(listPresets))
            {
                ListPresets(context, catalog, PresetCatalog.Today(clock), parse.GetValue(json));
                return 0;
            }

            var wanted = parse.GetValue(volume);
            if (wanted < 1)
            {
                throw new SynthVaultException(string.Create(Inv, $"--volume must be at least 1, got {wanted}."));
            }

            var speed = ParseBenchSpeed(parse.GetValue(benchSpeed));
            var builder = new CostScenarioBuilder(clock);
            foreach (var id in parse.GetValue(presets) ?? [])
            {
                builder.ApplyPreset(catalog.Find(id));
            }

            if (parse.GetValue(judgePreset) is { } judgeId)
            {
                builder.ApplyPreset(catalog.Find(judgeId), PresetRole.Judge);
            }

            if (parse.GetValue(bench) is { } benchFile)
            {
                builder.ApplyBench(LlmBenchResult.Read(benchFile), benchFile, speed);
            }

            if (parse.GetValue(fromRun) is { } runFolder)
            {
                var statsFile = Directory.Exists(runFolder) ? Path.Combine(runFolder, MeasuredRunStats.FileName) : runFolder;
                builder.ApplyRunStats(MeasuredRunStats.Read(runFolder), statsFile);
            }

            foreach (var assignment in parse.GetValue(set) ?? [])
            {
                var (name, value) = SplitAssignment(assignment);
                builder.Set(name, value);
            }

            var ranges = (parse.GetValue(range) ?? []).Select(ParseRange).ToList();
            var report = CostReport.Create(builder.Build(), wanted, ranges);

            if (parse.GetValue(html) is { } htmlPath)
            {
                WriteAtomically(htmlPath, CostPlanHtml.Render(report));
            }

            if (parse.GetValue(json))
            {
                context.Out.WriteLine(report.ToJson());
            }
            else
            {
                Render(context.Console, report);
                if (parse.GetValue(html) is { } written)
                {
                    context.Console.MarkupLine($"[grey]HTML report written to {Markup.Escape(written)}[/]");
                }
            }

            return 0;
        });
        return command;
    }

    private static BenchThroughput ParseBenchSpeed(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "single" => BenchThroughput.Single,
        "batched8" => BenchThroughput.Batched8,
        "grammar" => BenchThroughput.Grammar,
        _ => throw new SynthVaultException($"--bench-speed must be single, batched8 or grammar, got '{text}'."),
    };

    private static (string Name, string Value) SplitAssignment(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new SynthVaultException($"--set expects name=value, got '{text}'.", hint: "For example --set acceptanceRate=0.4.");
        }

        return (text[..at].Trim(), text[(at + 1)..]);
    }

    private static InputRange ParseRange(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        var colon = at < 0 ? -1 : text.IndexOf(':', at + 1);
        if (at <= 0 || colon < 0
            || !double.TryParse(text[(at + 1)..colon], NumberStyles.Float, Inv, out var low)
            || !double.TryParse(text[(colon + 1)..], NumberStyles.Float, Inv, out var high))
        {
            throw new SynthVaultException($"--range expects name=low:high with numbers, got '{text}'.", hint: "For example --range acceptanceRate=0.3:0.7.");
        }

        return new InputRange(text[..at].Trim(), low, high);
    }

    /// <summary>Writes to a temporary file beside the target and renames it, so a failure never leaves a partial report.</summary>
    private static void WriteAtomically(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new SynthVaultException("the folder for the HTML report does not exist.", file: path, hint: "Create the folder or choose another path for --html.");
        }

        var temp = Path.Combine(folder, string.Create(Inv, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp"));
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new SynthVaultException($"could not write the HTML report: {ex.Message}", file: path, inner: ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The rename failed and the temp file is stuck: leaving it is better than masking the real error.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static void ListPresets(CliContext context, PresetCatalog catalog, DateOnly today, bool asJson)
    {
        if (asJson)
        {
            var items = catalog.Presets.Select(p => new
            {
                p.Id,
                Kind = p.Kind.ToString().ToLowerInvariant(),
                p.Title,
                AsOf = p.AsOf.ToString("yyyy-MM-dd", Inv),
                p.Estimate,
                Stale = p.IsStale(today),
                p.Source,
                p.Note,
            });
            context.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(items, ListJson));
            return;
        }

        var table = new Table().Title("Price presets").AddColumns("Id", "Kind", "Title", "As of", "Fact or estimate", "Source");
        foreach (var p in catalog.Presets)
        {
            var asOf = p.AsOf.ToString("yyyy-MM-dd", Inv) + (p.IsStale(today) ? " (stale)" : string.Empty);
            table.AddRow(Cell(p.Id), Cell(p.Kind.ToString().ToLowerInvariant()), Cell(p.Title), Cell(asOf), Cell(p.Estimate ? "estimate" : "fact"), Cell(p.Source));
        }

        context.Console.Write(table);
    }

    private static void Render(IAnsiConsole console, CostReport report)
    {
        var plan = report.Plan;
        console.Write(new Rule(string.Create(Inv, $"Buy vs generate: {plan.Volume:N0} accepted samples")).LeftJustified());
        console.MarkupLine($"[bold]{Markup.Escape(CostPlanHtml.Verdict(plan))}[/]");

        var costs = new Table().Title("Cost (USD)").AddColumns("", "per 1,000 accepted", "total for the volume", "per extra sample");
        costs.AddRow(Cell("Generate"), Money(plan.Generate.CostPer1000Usd), Money(plan.Generate.TotalUsd), Money(plan.Generate.VariableCostPerSampleUsd, "N4"));
        costs.AddRow(Cell("Buy"), Money(plan.Buy.CostPer1000Usd), Money(plan.Buy.TotalUsd), Money(plan.Buy.VariableCostPerSampleUsd, "N4"));
        console.Write(costs);

        var breakdown = new Table().Title("Breakdown per 1,000 accepted (USD)").AddColumns("Side", "Component", "Cost", "Share");
        foreach (var (side, cost) in new[] { ("generate", plan.Generate), ("buy", plan.Buy) })
        {
            foreach (var c in cost.Breakdown)
            {
                breakdown.AddRow(Cell(side), Cell(c.Label), Money(c.CostPer1000Usd), Cell(c.Share.ToString("P1", Inv)));
            }
        }

        console.Write(breakdown);
        console.MarkupLine($"[bold]Break-even:[/] {Markup.Escape(plan.BreakEven.Summary)}");

        var time = new Table().Title("Time to deliver").AddColumns("", "").HideHeaders();
        time.AddRow(Cell("Generation and judging"), Cell(string.Create(Inv, $"{plan.Time.GenerationHours:N1} machine hours")));
        time.AddRow(Cell("Human review"), Cell(string.Create(Inv, $"{plan.Time.ReviewHours:N1} working hours")));
        time.AddRow(Cell("Generate, calendar"), Cell(string.Create(Inv, $"{plan.Time.GenerateCalendarDays:N1} days")));
        time.AddRow(Cell("Buy, calendar"), Cell(plan.Time.BuyCalendarDays is { } days ? string.Create(Inv, $"{days:N1} days") : "unknown (set vendorItemsPerDay)"));
        console.Write(time);

        var dominant = new Table().Title("Inputs that dominate (elasticity: % cost change per 1 % input change)").AddColumns("Input", "Cost", "Elasticity");
        foreach (var d in plan.DominantInputs)
        {
            dominant.AddRow(Cell(d.Input), Cell(d.Side.ToString().ToLowerInvariant()), Cell(d.Elasticity.ToString("+0.00;-0.00", Inv)));
        }

        console.Write(dominant);
        console.Write(Tornado(report.Tornado));

        var inputs = new Table().Title("Inputs and where they came from")
            .AddColumn(new TableColumn("Input").NoWrap())
            .AddColumns("Value", "Unit", "Source", "Detail");
        foreach (var input in report.Inputs.Where(i => i.Relevant))
        {
            inputs.AddRow(Cell(input.Input), Cell(input.Display), Cell(input.Unit), Cell(CostPlanHtml.SourceText(input)), Cell(input.Detail));
        }

        console.Write(inputs);
        foreach (var warning in report.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }
    }

    /// <summary>The tornado as a text table: a bar of block characters around the base (│), left favouring generating.</summary>
    private static Table Tornado(IReadOnlyList<TornadoBar> bars)
    {
        const int half = 6;
        var table = new Table().Border(TableBorder.Minimal)
            .Title("Sensitivity: change in generate − buy per 1,000 (USD)")
            .Caption("left of │ favours generating; * the cheaper option changes within the range")
            .AddColumn(new TableColumn("Input"))
            .AddColumn(new TableColumn("Low → high").NoWrap())
            .AddColumn(new TableColumn("At low").RightAligned().NoWrap())
            .AddColumn(new TableColumn("At high").RightAligned().NoWrap())
            .AddColumn(new TableColumn(string.Empty).NoWrap());
        var scale = bars.Count == 0 ? 1 : Math.Max(1e-12, bars.Max(b => Math.Max(Math.Abs(b.GapAtLow - b.GapAtBase), Math.Abs(b.GapAtHigh - b.GapAtBase))));
        foreach (var bar in bars)
        {
            var low = bar.GapAtLow - bar.GapAtBase;
            var high = bar.GapAtHigh - bar.GapAtBase;
            var left = (int)Math.Round(Math.Max(0, -Math.Min(low, high)) / scale * half);
            var right = (int)Math.Round(Math.Max(0, Math.Max(low, high)) / scale * half);
            var graphic = new string(' ', half - left) + new string('█', left) + "│" + new string('█', right) + new string(' ', half - right);
            table.AddRow(
                Cell(bar.Input + (bar.DecisionFlips ? " *" : string.Empty)),
                Cell(string.Create(Inv, $"{bar.LowValue:G4} → {bar.HighValue:G4}")),
                Cell(Delta(low)),
                Cell(Delta(high)),
                Cell(graphic));
        }

        return table;
    }

    private static string Delta(double value) => value.ToString(Math.Abs(value) >= 100 ? "+#,0;-#,0;0" : "+0.00;-0.00;0.00", Inv);

    private static Text Cell(string text) => new(text);

    private static Text Money(double value, string format = "N2") => new Text(value.ToString(format, Inv)).RightJustified();
}
