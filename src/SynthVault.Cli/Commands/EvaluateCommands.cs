using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynthVault.App;
using SynthVault.Evaluation.Reporting;

namespace SynthVault.Cli.Commands;

/// <summary><c>synthvault evaluate</c>.</summary>
internal static class EvaluateCommands
{
    public static Command Create(CliContext context)
    {
        var real = new Option<string>("--real") { Description = "The real rows the synthesizer was fitted on (CSV, TSV or Parquet).", Required = true };
        var synthetic = new Option<string>("--synthetic") { Description = "The synthetic rows.", Required = true };
        var holdout = new Option<string?>("--holdout") { Description = "Real rows the synthesizer never saw; needed for utility and privacy." };
        var label = new Option<string?>("--label") { Description = "The column to predict in the utility check (default: the inferred label)." };
        var project = SynthesisCommands.ProjectOption();
        var output = new Option<string>("--out", "-o") { Description = "Folder for report.json and report.html.", DefaultValueFactory = _ => "report" };
        var seed = SynthesisCommands.SeedOption();
        var command = new Command("evaluate", "Score synthetic data for fidelity, utility, and privacy against real rows; write report.json and report.html.")
        {
            real, synthetic, holdout, label, project, output, seed,
        };
        command.SetAction(parse =>
        {
            var request = new EvaluateRequest(
                parse.GetRequiredValue(real),
                parse.GetRequiredValue(synthetic),
                parse.GetValue(holdout),
                parse.GetValue(label),
                parse.GetValue(project),
                parse.GetRequiredValue(output),
                parse.GetValue(seed));
            var outcome = context.WithProgress("evaluate", p => EvaluateUseCase.Run(request, p));
            RenderVerdicts(context.Console, outcome.Report);
            context.Console.MarkupLine(CultureInfo.InvariantCulture, "Report: [bold]{0}[/] and [bold]{1}[/]", Markup.Escape(outcome.HtmlPath), Markup.Escape(outcome.JsonPath));
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>One row per report section: verdict, metric and the plain-language sentence.</summary>
    internal static void RenderVerdicts(IAnsiConsole console, EvaluationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("section", "verdict", "metric", "value", "threshold", "what it means");
        foreach (var v in report.Verdicts)
        {
            var color = v.Outcome switch
            {
                Verdict.Pass => "green",
                Verdict.Warn => "yellow",
                Verdict.Fail => "red",
                _ => "grey",
            };
            table.AddRow(
                Markup.Escape(v.Section),
                $"[{color}]{v.Outcome}[/]",
                Markup.Escape(v.Metric),
                double.IsFinite(v.Value) ? v.Value.ToString("0.###", CultureInfo.InvariantCulture) : "-",
                Markup.Escape(v.Threshold),
                Markup.Escape(v.Summary));
        }

        console.Write(table);
        foreach (var warning in report.Warnings)
        {
            console.MarkupLine("[yellow]warning:[/] {0}", Markup.Escape(warning));
        }
    }
}
