using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynthVault.App;
using SynthVault.Core.Profiling;
using SynthVault.Core.Project;
using SynthVault.Core.Schema;

namespace SynthVault.Cli.Commands;

/// <summary><c>synthvault profile</c> and <c>synthvault init</c>.</summary>
internal static class ProfileCommands
{
    public static Command CreateProfile(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "A CSV, TSV or Parquet file." };
        var json = new Option<bool>("--json") { Description = "Print the profile as JSON (stable keys) instead of a table." };
        var command = new Command("profile", "Infer each column's kind, role and PII kind, with statistics (PII shown masked only).") { file, json };
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(file);
            var outcome = context.WithProgress("profile", progress => ProfileUseCase.Run(path, progress));
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(outcome.Profile.ToJson());
            }
            else
            {
                Render(context.Console, outcome);
            }

            return CliApp.Success;
        });
        return command;
    }

    public static Command CreateInit(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The data file (CSV, TSV or Parquet) the project is about." };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the project file.",
            DefaultValueFactory = _ => SynthVaultProject.DefaultFileName,
        };
        var force = new Option<bool>("--force") { Description = "Replace an existing project file." };
        var command = new Command("init", "Profile a data file and write synthvault.json (inferred schema and default settings) for you to edit.") { file, output, force };
        command.SetAction(parse =>
        {
            var dataPath = parse.GetRequiredValue(file);
            var projectPath = parse.GetRequiredValue(output);
            var (project, outcome) = context.WithProgress("init", progress => ProfileUseCase.Init(dataPath, projectPath, parse.GetValue(force), progress));
            Render(context.Console, outcome);
            context.Console.MarkupLine(CultureInfo.InvariantCulture, "Wrote [bold]{0}[/]: {1} columns, label {2}. Edit it, then run [bold]synthvault run {0}[/].",
                Markup.Escape(projectPath), project.Columns.Count, Markup.Escape(project.Evaluation.Label ?? "none"));
            return CliApp.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, ProfileOutcome outcome)
    {
        var profile = outcome.Profile;
        console.MarkupLine(CultureInfo.InvariantCulture, "[bold]{0}[/]: {1:N0} rows × {2} columns ({3})",
            Markup.Escape(Path.GetFileName(outcome.Dataset.Path)), profile.RowCount, profile.Columns.Count, outcome.Dataset.Format);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("column", "type", "kind", "PII", "role", "policy", "missing", "distinct", "summary");
        foreach (var c in profile.Columns)
        {
            table.AddRow(
                Markup.Escape(c.Name),
                c.DataType.ToString(),
                c.Kind.ToString(),
                c.Pii == PiiKind.None ? "-" : $"[yellow]{c.Pii}[/]",
                c.Role == ColumnRole.Feature ? "-" : $"[bold]{c.Role}[/]",
                c.Policy.ToString(),
                profile.RowCount == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{(double)c.NullCount / profile.RowCount:P1}"),
                string.Create(CultureInfo.InvariantCulture, $"{(c.DistinctIsExact ? string.Empty : "~")}{c.DistinctCount:N0}"),
                Markup.Escape(Summary(c)));
        }

        console.Write(table);
        foreach (var warning in outcome.Warnings)
        {
            console.MarkupLine("[yellow]warning:[/] {0}", Markup.Escape(warning));
        }
    }

    /// <summary>One line per column: range and mean for numbers, top categories (masked for PII) otherwise.</summary>
    private static string Summary(ColumnProfile c)
    {
        if (c.IsAllNull)
        {
            return "all values missing";
        }

        if (c.Pii != PiiKind.None)
        {
            return c.MaskedSamples.Count > 0 ? "e.g. " + string.Join(", ", c.MaskedSamples.Take(2)) : "values hidden (PII)";
        }

        if (c.Min is { } min && c.Max is { } max)
        {
            var mean = c.Mean is { } m ? $", mean {c.FormatStatistic(m)}" : string.Empty;
            return $"{c.FormatStatistic(min)} … {c.FormatStatistic(max)}{mean}";
        }

        if (c.TopCategories.Count > 0)
        {
            var top = c.TopCategories.Take(3).Select(t => string.Create(CultureInfo.InvariantCulture, $"{Shorten(t.Value)} ({t.Count:N0})"));
            return string.Join(", ", top) + (c.DistinctCount > 3 ? ", …" : string.Empty);
        }

        return c.MeanLength is { } len ? string.Create(CultureInfo.InvariantCulture, $"mean length {len:F0} chars") : string.Empty;
    }

    private static string Shorten(string value) => value.Length <= 24 ? value : value[..23] + "…";
}
