using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynthVault.App.Text;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Text;

namespace SynthVault.Cli.Commands;

/// <summary>
/// <c>synthvault text eval</c>: does a synthetic text set help a real classifier, and where does the generator's style
/// differ from the seeds'? A subcommand of <see cref="TextCommands"/>.
/// </summary>
internal static class TextEvalCommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(CliContext context)
    {
        var seeds = new Option<string>("--seeds") { Description = "Real labelled seeds: JSON Lines, CSV, TSV or Parquet with a text and a label column.", Required = true };
        var synthetic = new Option<string?>("--synthetic") { Description = "Labelled synthetic texts (same formats). Without it only the seeds-only baseline is reported." };
        var eval = new Option<string>("--eval") { Description = "A labelled REAL eval set that no model trains on.", Required = true };
        var textColumn = new Option<string?>("--text-column") { Description = "Column or key holding the text, in all three files (default: text, message, sms, body…)." };
        var labelColumn = new Option<string?>("--label-column") { Description = "Column or key holding the label, in all three files (default: label, category, class…)." };
        var outDir = new Option<string?>("--out") { Description = "Folder for report.json and report.html (written atomically; nothing is written without it)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the classifiers, the bootstrap and the samples.", DefaultValueFactory = _ => 42 };
        var generatorModel = new Option<string?>("--generator-model") { Description = "The model that wrote the synthetic texts (GGUF path or name), for the bias warnings." };
        var judgeModel = new Option<string?>("--judge-model") { Description = "The model that judged them (GGUF path or name)." };
        var targetModel = new Option<string?>("--target-model") { Description = "The model the texts are meant to train or test (GGUF path or name)." };
        var json = new Option<bool>("--json") { Description = "Print only the report as JSON (the keys of report.json) on stdout." };
        var command = new Command("eval", "Train one text classifier on the seeds, seeds + synthetic and synthetic only; score each on a real eval set with bootstrap intervals; report the generator's biases.")
        {
            seeds, synthetic, eval, textColumn, labelColumn, outDir, seed, generatorModel, judgeModel, targetModel, json,
        };
        command.SetAction(parse =>
        {
            var models = new ModelProvenance(
                ModelIdentity.Describe(parse.GetValue(generatorModel)),
                ModelIdentity.Describe(parse.GetValue(judgeModel)),
                ModelIdentity.Describe(parse.GetValue(targetModel)));
            var request = new TextEvalRequest(
                parse.GetValue(seeds)!,
                parse.GetValue(synthetic),
                parse.GetValue(eval)!,
                parse.GetValue(outDir),
                parse.GetValue(textColumn),
                parse.GetValue(labelColumn),
                new TextEvalSettings(Seed: parse.GetValue(seed), Models: models.Generator is null && models.Judge is null && models.Target is null ? null : models));
            var outcome = context.WithProgress("text eval", progress => TextEvalUseCase.Run(request, progress, CancellationToken.None));
            foreach (var warning in outcome.Warnings)
            {
                context.Error.WriteLine("warning: " + warning);
            }

            if (parse.GetValue(json))
            {
                context.Out.WriteLine(TextEvalReportWriter.ToJson(outcome.Report));
                return 0;
            }

            Render(context, outcome);
            return 0;
        });
        return command;
    }

    private static void Render(CliContext context, TextEvalOutcome outcome)
    {
        var d = outcome.Report.Downstream;
        context.Console.MarkupLine(Markup.Escape(string.Create(
            Inv,
            $"Downstream check on {d.EvalTexts:N0} real eval texts ({string.Join(", ", d.EvalClasses.Select(kv => string.Create(Inv, $"{kv.Key} {kv.Value}")))}); 95 % bootstrap intervals over the eval rows.")));
        var grid = new Spectre.Console.Table().AddColumns("trained on", "texts", Markup.Escape("accuracy [95 %]"), Markup.Escape("macro-F1 [95 %]"));
        foreach (var v in d.Variants)
        {
            grid.AddRow(
                Markup.Escape(TextClassifierCheck.VariantName(v.Variant)),
                v.TrainingTexts.ToString("N0", Inv),
                Markup.Escape(Format(v.Accuracy)),
                Markup.Escape(Format(v.MacroF1)));
        }

        context.Console.Write(grid);
        foreach (var c in d.Comparisons)
        {
            var colour = c.Verdict switch { DownstreamVerdict.Helped => "green", DownstreamVerdict.Hurt => "red", _ => "grey" };
            context.Console.MarkupLine($"[{colour}]{Markup.Escape(TextClassifierCheck.VerdictName(c.Verdict))}[/]: {Markup.Escape(c.Sentence)}");
        }

        foreach (var note in d.Notes)
        {
            context.Console.MarkupLine("[yellow]note:[/] " + Markup.Escape(note));
        }

        if (outcome.Report.Bias is { } bias && bias.OverRepresented.Count > 0)
        {
            context.Console.MarkupLine(Markup.Escape("Most over-represented in the synthetic text: " + string.Join(", ", bias.OverRepresented.Take(3).Select(r => string.Create(Inv, $"\"{r.Phrase}\" (z {r.Z:0.0})")))));
        }

        if (outcome.HtmlPath is not null)
        {
            context.Console.MarkupLine($"Report: {Markup.Escape(outcome.HtmlPath)}");
        }
    }

    private static string Format(Estimate e) => string.Create(Inv, $"{e.Value:0.000} [{e.Lower:0.000}, {e.Upper:0.000}]");
}
