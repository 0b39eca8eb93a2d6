using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SynthVault.App;
using SynthVault.Synthesis;

namespace SynthVault.Cli.Commands;

/// <summary><c>synthvault fit</c>, <c>sample</c> and <c>synth</c>.</summary>
internal static class SynthesisCommands
{
    public static Command CreateFit(CliContext context)
    {
        var data = new Argument<string>("data") { Description = "The real table (CSV, TSV or Parquet)." };
        var project = ProjectOption();
        var method = MethodOption();
        var seed = SeedOption();
        var model = new Option<string>("--model", "-m") { Description = "Where to write the fitted model.", Required = true };
        var command = new Command("fit", "Fit a synthesizer to a table and save the model (fit once, sample many times).") { data, project, method, seed, model };
        command.SetAction(parse =>
        {
            var fitted = context.WithProgress("fit", p => SynthesisUseCase.Fit(parse.GetRequiredValue(data), parse.GetValue(project), parse.GetRequiredValue(method), parse.GetValue(seed), p));
            var path = parse.GetRequiredValue(model);
            SynthesisUseCase.SaveModel(fitted.Model, path);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Fitted {fitted.Model.Provenance.Method} on {fitted.Dataset.Table.RowCount:N0} rows × {fitted.Dataset.Table.ColumnCount} columns; model written to {path}."));
            context.Console.WriteLine("Note: a model holds statistics of the real data (CART leaves hold real values); keep it as protected as the data.");
            return CliApp.Success;
        });
        return command;
    }

    public static Command CreateSample(CliContext context)
    {
        var modelPath = new Argument<string>("model") { Description = "A model file written by 'synthvault fit'." };
        var rows = new Option<int>("--rows", "-n") { Description = "How many rows to sample.", Required = true };
        var seed = SeedOption();
        var where = WhereOption();
        var output = OutputOption();
        var command = new Command("sample", "Sample synthetic rows from a saved model, optionally under conditions.") { modelPath, rows, seed, where, output };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(rows);
            SynthesisUseCase.EnsureRowCount(count);
            var model = SynthesisUseCase.LoadModel(parse.GetRequiredValue(modelPath));
            var table = context.WithProgress("sample", p => SynthesisUseCase.Sample(model, count, parse.GetValue(where) ?? [], parse.GetValue(seed), p));
            var path = parse.GetRequiredValue(output);
            SynthesisUseCase.WriteTable(table, path);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {table.RowCount:N0} synthetic rows to {path}."));
            return CliApp.Success;
        });
        return command;
    }

    public static Command CreateSynth(CliContext context)
    {
        var data = new Argument<string>("data") { Description = "The real table (CSV, TSV or Parquet)." };
        var project = ProjectOption();
        var method = MethodOption();
        var rows = new Option<int?>("--rows", "-n") { Description = "How many rows to sample (default: as many as the input)." };
        var seed = SeedOption();
        var where = WhereOption();
        var output = OutputOption();
        var model = new Option<string?>("--model", "-m") { Description = "Also save the fitted model here." };
        var command = new Command("synth", "Fit and sample in one step.") { data, project, method, rows, seed, where, output, model };
        command.SetAction(parse =>
        {
            if (parse.GetValue(rows) is { } requested)
            {
                SynthesisUseCase.EnsureRowCount(requested);
            }

            var seedValue = parse.GetValue(seed);
            var (fitted, table) = context.WithProgress("synth", p =>
            {
                var f = SynthesisUseCase.Fit(parse.GetRequiredValue(data), parse.GetValue(project), parse.GetRequiredValue(method), seedValue, p);
                var t = SynthesisUseCase.Sample(f.Model, parse.GetValue(rows) ?? f.Dataset.Table.RowCount, parse.GetValue(where) ?? [], seedValue, p);
                return (f, t);
            });
            if (parse.GetValue(model) is { } modelPath)
            {
                SynthesisUseCase.SaveModel(fitted.Model, modelPath);
            }

            var path = parse.GetRequiredValue(output);
            SynthesisUseCase.WriteTable(table, path);
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Fitted {fitted.Model.Provenance.Method} on {fitted.Dataset.Table.RowCount:N0} rows; wrote {table.RowCount:N0} synthetic rows to {path}."));
            return CliApp.Success;
        });
        return command;
    }

    internal static Option<string?> ProjectOption() => new("--project", "-p")
    {
        Description = "A synthvault.json whose schema (kinds, PII, policies) to use instead of inferring one.",
    };

    internal static Option<string> MethodOption()
    {
        var option = new Option<string>("--method")
        {
            Description = "The synthesizer: cart (sequential trees, best fidelity) or copula (Gaussian copula, fastest).",
            DefaultValueFactory = _ => "cart",
        };
        option.AcceptOnlyFromAmong([.. Synthesizers.Methods]);
        return option;
    }

    internal static Option<long> SeedOption() => new("--seed", "-s")
    {
        Description = "Random seed: the same seed, data and options give the same output.",
        DefaultValueFactory = _ => 42,
    };

    private static Option<string[]> WhereOption() => new("--where", "-w")
    {
        Description = "A condition every sampled row meets, e.g. is_fraud=1, age>=30, age=30..40 (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<string> OutputOption() => new("--out", "-o")
    {
        Description = "Output file: .csv, .tsv or .parquet.",
        Required = true,
    };
}
