using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynthVault.App;
using SynthVault.App.Rebalancing;

namespace SynthVault.Cli.Commands;

/// <summary><c>synthvault demo</c>: the main job on the bundled data-samples.</summary>
internal static class DemoCommands
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "The data-samples folder.", DefaultValueFactory = _ => "data-samples" };
        var output = new Option<string>("--out", "-o") { Description = "Where the demo writes its outputs.", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var seed = SynthesisCommands.SeedOption();
        var method = SynthesisCommands.MethodOption();
        var command = new Command("demo", "Run the main job on the bundled data-samples: profile, synthesize, evaluate, benchmark rare-class rebalancing, report.") { data, output, seed, method };
        command.SetAction(parse =>
        {
            var options = new DemoOptions(parse.GetRequiredValue(data), parse.GetRequiredValue(output), parse.GetValue(seed), parse.GetRequiredValue(method));
            context.Console.MarkupLine("[bold]SynthVault demo[/]: synthesizing the bundled data sets with {0}; nothing leaves this machine.", Markup.Escape(options.Method));
            var result = context.WithProgress("demo", p => DemoUseCase.Run(options, p));
            foreach (var d in result.Datasets)
            {
                context.Console.WriteLine();
                context.Console.MarkupLine(CultureInfo.InvariantCulture, "[bold]{0}[/]: fitted on {1:N0} rows, {2:N0} held out, {3:N0} synthetic rows in {4:F1} s",
                    Markup.Escape(d.Name), d.TrainRows, d.HoldoutRows, d.SyntheticRows, d.Elapsed.TotalSeconds);
                EvaluateCommands.RenderVerdicts(context.Console, d.Evaluation.Report);
                context.Console.MarkupLine("Report: [bold]{0}[/]", Markup.Escape(d.Evaluation.HtmlPath));
            }

            foreach (var bench in result.Rebalance.Cases)
            {
                context.Console.WriteLine();
                context.Console.MarkupLine("[bold]Rebalancing, {0}[/]: {1}", Markup.Escape(bench.Name), Markup.Escape(bench.Description));
                context.Console.WriteLine(RebalanceBenchReport.ToText(bench.Result));
                context.Console.MarkupLine("Report: [bold]{0}[/]", Markup.Escape(bench.HtmlPath));
            }

            foreach (var note in result.Notes)
            {
                context.Console.MarkupLine("[yellow]note:[/] {0}", Markup.Escape(note));
            }

            context.Console.MarkupLine("All outputs are in [bold]{0}[/].", Markup.Escape(Path.GetFullPath(result.OutputDirectory)));
            return CliApp.Success;
        });
        return command;
    }
}
