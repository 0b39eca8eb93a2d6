using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynthVault.App;
using SynthVault.App.Rebalancing;
using SynthVault.App.Run;

namespace SynthVault.Cli.Commands;

/// <summary><c>synthvault demo</c>: the bundled projects through <c>synthvault run</c>, then the rebalancing benchmark.</summary>
internal static class DemoCommands
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "The data-samples folder (its demo/ folder holds the demo's project files).", DefaultValueFactory = _ => "data-samples" };
        var output = new Option<string>("--out", "-o") { Description = "Where the demo writes its outputs.", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var seed = new Option<long>("--seed", "-s")
        {
            Description = "Seed of the rebalancing benchmark; the bundled project files carry their own seeds.",
            DefaultValueFactory = _ => 42,
        };
        var command = new Command("demo", "Run the bundled projects (Adult, card fraud with rebalancing, SMS texts) through 'synthvault run', then compare rebalancing methods.") { data, output, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DemoOptions(parse.GetRequiredValue(data), parse.GetRequiredValue(output), parse.GetValue(seed));
            context.Console.MarkupLine("[bold]SynthVault demo[/]: running the project files in {0}; nothing leaves this machine.",
                Markup.Escape(Path.Combine(options.DataSamplesDirectory, DemoUseCase.ProjectsFolder)));
            var result = await context.WithSingleProgressAsync("demo", p => DemoUseCase.RunAsync(options, p, cancellationToken)).ConfigureAwait(false);
            foreach (var run in result.Runs)
            {
                context.Console.WriteLine();
                context.Console.Write(new Rule($"[bold]{Markup.Escape(run.Name)}[/]: synthvault run {Markup.Escape(run.ProjectPath)}").LeftJustified());
                RunCommands.Render(context.Console, run.Result);
            }

            foreach (var bench in result.Rebalance.Cases)
            {
                context.Console.WriteLine();
                context.Console.MarkupLine("[bold]Rebalancing benchmark, {0}[/]: {1}", Markup.Escape(bench.Name), Markup.Escape(bench.Description));
                context.Console.WriteLine(RebalanceBenchReport.ToText(bench.Result));
                context.Console.MarkupLine("Report: [bold]{0}[/]", Markup.Escape(bench.HtmlPath));
            }

            context.Console.WriteLine();
            context.Console.MarkupLine("[bold]Reports[/]:");
            foreach (var run in result.Runs)
            {
                context.Console.MarkupLine("  {0}: {1}", Markup.Escape(run.Name), Markup.Escape(run.Result.ReportHtmlPath));
            }

            context.Console.MarkupLine("  rebalancing: {0}", Markup.Escape(result.Rebalance.OutputDirectory));
            var skippedText = result.Runs.Where(r => r.Result.Steps.Any(s => s.Name == RunSteps.Text && s.Outcome == RunStepOutcome.Skipped)).Select(r => r.Name).ToList();
            if (skippedText.Count > 0)
            {
                context.Console.MarkupLine(
                    "[yellow]No GGUF model[/] was found, so the text step of {0} was skipped; every other step ran. Copy a GGUF model into models/ (see models/README.md) to fill the text column.",
                    Markup.Escape(string.Join(", ", skippedText)));
            }

            context.Console.MarkupLine(CultureInfo.InvariantCulture, "All outputs are in [bold]{0}[/] ({1:F1} s).", Markup.Escape(Path.GetFullPath(result.OutputDirectory)), result.Seconds);
            return CliApp.Success;
        });
        return command;
    }
}
