using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using SynthVault.App.Run;
using SynthVault.Core.Errors;

namespace SynthVault.Cli.Commands;

/// <summary>
/// <c>synthvault run &lt;project&gt;</c>: the whole flow driven by a project file, into a run folder with a manifest;
/// <c>--reproduce manifest.json</c> re-runs a recorded run and compares its output hashes.
/// </summary>
internal static class RunCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create(CliContext context)
    {
        var project = new Argument<string?>("project")
        {
            Description = "The project file (synthvault.json). Optional with --reproduce: the manifest names it.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string?>("--out", "-o") { Description = "Output folder instead of the project's output.directory; the run goes to <out>/runs/<time>-<hash>." };
        var reproduce = new Option<string?>("--reproduce") { Description = "A manifest.json of an earlier run: re-run with its recorded options and seeds and check that every deterministic output hashes the same." };
        var json = new Option<bool>("--json") { Description = "Print only the run result as JSON on stdout." };
        var command = new Command("run", "Run the whole flow of a project file: profile, split, fit, sample, rebalance, text, evaluate, cost plan; writes a run folder with manifest.json.")
        {
            project, output, reproduce, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var projectPath = parse.GetValue(project);
            var manifest = parse.GetValue(reproduce);
            if (string.IsNullOrWhiteSpace(projectPath) && string.IsNullOrWhiteSpace(manifest))
            {
                throw new SynthVaultException("run needs a project file.", hint: "Pass one, e.g. 'synthvault run synthvault.json' (create it with 'synthvault init <data file>'), or --reproduce <manifest.json>.");
            }

            var request = new RunRequest(projectPath, parse.GetValue(output), manifest);
            var asJson = parse.GetValue(json);
            if (!asJson)
            {
                context.Console.MarkupLine(manifest is null
                    ? $"[bold]SynthVault run[/]: {Markup.Escape(projectPath!)}; nothing leaves this machine."
                    : $"[bold]SynthVault run[/]: reproducing {Markup.Escape(manifest)}.");
            }

            var result = await context.WithSingleProgressAsync("run", p => RunUseCase.RunAsync(request, p, cancellationToken)).ConfigureAwait(false);
            if (asJson)
            {
                context.Out.WriteLine(JsonSerializer.Serialize(result, Json));
            }
            else
            {
                Render(context.Console, result);
            }

            if (result.Verification is { AllMatch: false } verification)
            {
                var differing = verification.Checked.Where(c => !c.Matches).Select(c => c.File).ToList();
                throw new SynthVaultException(
                    string.Create(CultureInfo.InvariantCulture, $"the reproduction differs from the recorded run in {differing.Count} file(s): {string.Join(", ", differing)}."),
                    verification.ManifestPath,
                    hint: $"Compare the files in {result.RunDirectory} with the recorded run folder.");
            }

            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The human summary: steps, verdicts, notes and where the outputs are.</summary>
    internal static void Render(IAnsiConsole console, RunResult result)
    {
        var steps = new Table().Border(TableBorder.Rounded).AddColumns("#", "step", "outcome", "detail", "seconds");
        for (var i = 0; i < result.Steps.Count; i++)
        {
            var s = result.Steps[i];
            steps.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(s.Name),
                s.Outcome == RunStepOutcome.Done ? "[green]done[/]" : "[yellow]skipped[/]",
                Markup.Escape(s.Detail),
                s.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        console.Write(steps);
        var verdicts = new Table().Border(TableBorder.Rounded).AddColumns("section", "verdict", "metric", "value", "threshold", "what it means");
        foreach (var v in result.Verdicts)
        {
            var color = v.Outcome switch
            {
                "pass" => "green",
                "warn" => "yellow",
                "fail" => "red",
                _ => "grey",
            };
            verdicts.AddRow(
                Markup.Escape(v.Section),
                $"[{color}]{v.Outcome}[/]",
                Markup.Escape(v.Metric),
                v.Value is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture) : "-",
                Markup.Escape(v.Threshold),
                Markup.Escape(v.Summary));
        }

        console.Write(verdicts);
        foreach (var note in result.Notes)
        {
            console.MarkupLine("[yellow]note:[/] {0}", Markup.Escape(note));
        }

        if (result.Verification is { } verification)
        {
            var same = verification.Checked.Count(c => c.Matches);
            console.MarkupLine(
                verification.AllMatch
                    ? "[green]Reproduced:[/] {0} of {1} compared files hash exactly as recorded ({2} left out: timings, LLM text, measured speeds; see manifest.json)."
                    : "[red]Not reproduced:[/] {0} of {1} compared files hash as recorded.",
                same,
                verification.Checked.Count,
                verification.Excluded.Count);
        }

        console.MarkupLine("Report: [bold]{0}[/]", Markup.Escape(result.ReportHtmlPath));
        console.MarkupLine("Cost plan: {0}", Markup.Escape(result.CostPlanPath));
        console.MarkupLine("Run folder: {0} (manifest.json records inputs, options, seeds and output hashes)", Markup.Escape(result.RunDirectory));
    }
}
