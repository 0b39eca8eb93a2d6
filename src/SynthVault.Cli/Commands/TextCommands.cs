using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SynthVault.App.Text;
using SynthVault.Core.Errors;
using SynthVault.Llm;
using SynthVault.Llm.TextLoop;

namespace SynthVault.Cli.Commands;

/// <summary>
/// <c>synthvault text</c>: grow a seed set with the generate → critic → review loop (<c>grow</c>), review a round's
/// sample in the terminal (<c>review</c>), and fill a table's text column (<c>fill</c>).
/// </summary>
internal static class TextCommands
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var text = new Command("text", "Synthetic text with a local model: grow a seed set in rounds, review samples, fill a text column.");
        text.Subcommands.Add(Grow(context));
        text.Subcommands.Add(Review(context));
        text.Subcommands.Add(Fill(context));
        text.Subcommands.Add(TextEvalCommand.Create(context));
        return text;
    }

    private static Command Grow(CliContext context)
    {
        var seeds = new Argument<string>("seeds") { Description = "Seed file: CSV, TSV, Parquet or JSON Lines with 30–100 real examples (text, optional label and fields)." };
        var model = ModelOption();
        var judgeModel = new Option<string?>("--judge-model") { Description = "A different GGUF model to judge realism and label fit (default: the generating model, a weaker check)." };
        var outDir = new Option<string>("--out") { Description = "Run folder; run the same command again to resume it.", Required = true };
        var target = new Option<int>("--target") { Description = "Accepted samples wanted.", DefaultValueFactory = _ => 1000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds (3–5 recommended).", DefaultValueFactory = _ => 4 };
        var review = new Option<double>("--review") { Description = "Share of each round's accepted samples sent to review.", DefaultValueFactory = _ => 0.1 };
        var reviewMode = new Option<string?>("--review-mode") { Description = "interactive (review in this terminal, the default in one), file (stop after writing the review file; the default otherwise) or auto-approve (demos; recorded as not human-reviewed)." };
        var textColumn = new Option<string?>("--text-column") { Description = "Column or key holding the text." };
        var labelColumn = new Option<string?>("--label-column") { Description = "Column or key holding the label." };
        var idColumn = new Option<string?>("--id-column") { Description = "Column or key holding the id." };
        var grid = new Option<string[]>("--grid") { Description = "A field to cross with the label so every combination gets equal requests (repeatable).", DefaultValueFactory = _ => [] };
        var domain = new Option<string?>("--domain") { Description = "What the texts are, for the prompts, e.g. \"customer support tickets\"." };
        var batch = new Option<int>("--batch") { Description = "Requests decoded together per batch.", DefaultValueFactory = _ => 4 };
        var variations = new Option<int>("--variations") { Description = "Variations asked for per request.", DefaultValueFactory = _ => 4 };
        var examples = new Option<int>("--examples") { Description = "Examples shown per prompt.", DefaultValueFactory = _ => 3 };
        var nearDuplicate = new Option<double>("--near-duplicate") { Description = "Shingle Jaccard at or above which a text is a near duplicate.", DefaultValueFactory = _ => 0.7 };
        var minScore = new Option<int>("--min-score") { Description = "Lowest judge score (1–5) accepted.", DefaultValueFactory = _ => 3 };
        var collapseMargin = new Option<double>("--collapse-margin") { Description = "Stop when a round's distinct-2 falls below the seeds' by more than this share.", DefaultValueFactory = _ => 0.3 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Token limit per generation request.", DefaultValueFactory = _ => 1024 };
        var seed = new Option<long>("--seed") { Description = "Root seed.", DefaultValueFactory = _ => 42 };
        var threads = ThreadsOption();
        var contextSize = ContextOption();
        var json = new Option<bool>("--json") { Description = "Print only a JSON summary on stdout." };
        var eval = new Option<string?>("--eval") { Description = "A real, labelled evaluation file (same columns as the seeds) instead of holding out part of the seeds; never shown to a model." };
        var evalFraction = new Option<double>("--eval-fraction") { Description = "Share of each class of a labelled seed set held out as the real evaluation set (at least 5 per class; 0 holds out nothing).", DefaultValueFactory = _ => 0.3 };
        var mode = new Option<string>("--mode") { Description = "grow (training variations) or hard (hard and edge cases for evaluation, written to hard-cases.jsonl).", DefaultValueFactory = _ => "grow" };
        var classes = new Option<string?>("--classes") { Description = "Hard mode: the classes whose boundary to probe, comma-separated (default: every label), e.g. spam,ham." };
        var adversarial = new Option<bool>("--adversarial") { Description = "Hard mode: also ask for prompt-injection and jailbreak-style inputs (for testing an LLM application)." };
        var hardIntoTraining = new Option<bool>("--hard-into-training") { Description = "Hard mode: send the hard cases to the training output and example pool instead of keeping them eval-only." };
        var targetModel = new Option<string?>("--target-model") { Description = "The model the grown texts will train or test (GGUF path or name); the report warns when it is of the generator's family." };

        var command = new Command("grow", "Grow a seed set: scrub PII, generate variations, critic (schema, duplicates, PII, judge), review a sample, repeat in rounds.")
        {
            seeds, model, judgeModel, outDir, target, rounds, review, reviewMode, textColumn, labelColumn, idColumn, grid, domain, batch, variations,
            examples, nearDuplicate, minScore, collapseMargin, maxTokens, seed, threads, contextSize, json, eval, evalFraction, mode, classes,
            adversarial, hardIntoTraining, targetModel,
        };
        command.SetAction(parse =>
        {
            var reviewChoice = ParseReviewMode(parse.GetValue(reviewMode), IsInteractive(context));
            var options = new TextLoopOptions
            {
                Target = parse.GetValue(target),
                Rounds = parse.GetValue(rounds),
                ReviewFraction = parse.GetValue(review),
                ReviewMode = reviewChoice == "auto-approve" ? ReviewMode.AutoApprove : ReviewMode.File,
                GridAttributes = parse.GetValue(grid) ?? [],
                Domain = parse.GetValue(domain),
                RequestsPerBatch = parse.GetValue(batch),
                VariationsPerRequest = parse.GetValue(variations),
                ExamplesPerPrompt = parse.GetValue(examples),
                NearDuplicateThreshold = parse.GetValue(nearDuplicate),
                MinJudgeScore = parse.GetValue(minScore),
                CollapseMargin = parse.GetValue(collapseMargin),
                MaxTokens = parse.GetValue(maxTokens),
                Seed = parse.GetValue(seed),
                EvalFraction = parse.GetValue(evalFraction),
                Mode = ParseMode(parse.GetValue(mode)),
                HardClasses = ParseClasses(parse.GetValue(classes)),
                Adversarial = parse.GetValue(adversarial),
                HardIntoTraining = parse.GetValue(hardIntoTraining),
            };
            var request = new TextGrowRequest(
                parse.GetValue(seeds)!,
                parse.GetValue(outDir)!,
                parse.GetValue(model),
                parse.GetValue(judgeModel),
                options,
                new TextSeedFileOptions(parse.GetValue(textColumn), parse.GetValue(labelColumn), parse.GetValue(idColumn)),
                ModelOptions(parse.GetValue(threads), parse.GetValue(contextSize)),
                parse.GetValue(eval),
                parse.GetValue(targetModel));
            var quiet = parse.GetValue(json);
            Action<string> log = quiet ? _ => { } : line => context.Error.WriteLine(line);
            while (true)
            {
                var outcome = context.WithProgress("text grow", progress => TextUseCases.GrowAsync(request, log, progress, CancellationToken.None).GetAwaiter().GetResult());
                if (outcome.Status == TextLoopStatus.AwaitingReview && reviewChoice == "interactive")
                {
                    var result = new ReviewSession(new TerminalReviewConsole(context.Console)).Run(ReviewQueue.Load(request.OutDirectory));
                    if (result.Pending == 0)
                    {
                        continue;
                    }
                }

                Print(context, outcome, request.OutDirectory, quiet);
                return 0;
            }
        });
        return command;
    }

    private static Command Review(CliContext context)
    {
        var dir = new Argument<string>("dir") { Description = "The run folder of 'synthvault text grow'." };
        var command = new Command("review", "Review the round waiting for review in the terminal: a(pprove), r(eject), e(dit), s(kip), q(uit); every decision is saved at once.") { dir };
        command.SetAction(parse =>
        {
            var queue = ReviewQueue.Load(parse.GetValue(dir)!);
            if (!IsInteractive(context))
            {
                throw new SynthVaultException(
                    $"'text review' needs an interactive terminal; {queue.Pending.Count} items wait in {RunFolder.ReviewFile(queue.Round)}.",
                    file: queue.RunDirectory,
                    hint: $"Write the decisions to {RunFolder.DecisionsFile(queue.Round)} instead (one JSON object per line: id, decision approve|reject|edit, editedText, secondsSpent; see docs/TEXT-LOOP.md).");
            }

            // Quitting early is normal: every decision so far is saved and the rest wait for the next session.
            new ReviewSession(new TerminalReviewConsole(context.Console)).Run(queue);
            return 0;
        });
        return command;
    }

    private static Command Fill(CliContext context)
    {
        var table = new Argument<string>("table") { Description = "The table (CSV, TSV or Parquet) whose text column to fill." };
        var column = new Option<string>("--column") { Description = "The text column to fill.", Required = true };
        var model = ModelOption();
        var judgeModel = new Option<string?>("--judge-model") { Description = "A GGUF model that judges each text (none by default)." };
        var outPath = new Option<string>("--out") { Description = "Where the filled table goes (CSV or Parquet by extension).", Required = true };
        var rows = new Option<int?>("--rows") { Description = "Fill only a seeded sample of this many rows." };
        var domain = new Option<string?>("--domain") { Description = "What the texts are, e.g. \"transaction memos\"." };
        var seed = new Option<long>("--seed") { Description = "Root seed.", DefaultValueFactory = _ => 42 };
        var threads = ThreadsOption();
        var contextSize = ContextOption();
        var command = new Command("fill", "Fill a table's text column per row, conditioned on the row's other (non-personal) values, with the same PII gate and dedup.")
        {
            table, column, model, judgeModel, outPath, rows, domain, seed, threads, contextSize,
        };
        command.SetAction(parse =>
        {
            var request = new TextFillRequest(
                parse.GetValue(table)!,
                parse.GetValue(column)!,
                parse.GetValue(outPath)!,
                parse.GetValue(model),
                parse.GetValue(judgeModel),
                new TextFillOptions { Rows = parse.GetValue(rows), Domain = parse.GetValue(domain), Seed = parse.GetValue(seed) },
                ModelOptions(parse.GetValue(threads), parse.GetValue(contextSize)));
            var outcome = context.WithProgress("text fill", progress => TextUseCases.FillAsync(request, progress, CancellationToken.None).GetAwaiter().GetResult());
            context.Out.WriteLine(string.Create(Inv, $"Filled {outcome.Filled} rows of '{request.Column}' ({outcome.Failed} left empty) → {outcome.OutPath}"));
            if (outcome.PersonalColumns.Count > 0)
            {
                context.Out.WriteLine($"Left out of the prompts as personal data: {string.Join(", ", outcome.PersonalColumns)}");
            }

            context.Out.WriteLine($"Report: {Path.Combine(outcome.ReportDirectory, "report.html")}");
            return 0;
        });
        return command;
    }

    private static Option<string?> ModelOption() => new("--model") { Description = "The generating GGUF model (copy one into models/; see models/README.md)." };

    private static Option<int?> ThreadsOption() => new("--threads") { Description = "CPU threads for the model (default: all cores)." };

    private static Option<int?> ContextOption() => new("--context") { Description = "Context tokens per sequence (default: the model's, at most 4,096)." };

    private static LocalModelOptions ModelOptions(int? threads, int? context) => new() { Threads = threads, ContextSize = context };

    private static string ParseReviewMode(string? value, bool interactive) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => interactive ? "interactive" : "file",
        "interactive" => interactive ? "interactive" : throw new SynthVaultException("--review-mode interactive needs an interactive terminal; use --review-mode file and 'synthvault text review <dir>'."),
        "file" => "file",
        "auto-approve" or "auto" => "auto-approve",
        _ => throw new SynthVaultException($"--review-mode must be interactive, file or auto-approve, got '{value}'."),
    };

    private static TextLoopMode ParseMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grow" => TextLoopMode.Grow,
        "hard" => TextLoopMode.Hard,
        _ => throw new SynthVaultException($"--mode must be grow or hard, got '{value}'."),
    };

    private static string[] ParseClasses(string? value) =>
        value is null ? [] : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static bool IsInteractive(CliContext context) =>
        context.Console.Profile.Capabilities.Interactive && !Console.IsInputRedirected;

    private static void Print(CliContext context, TextLoopOutcome outcome, string dir, bool json)
    {
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(
                new
                {
                    status = StatusName(outcome.Status),
                    message = outcome.Message,
                    kept = outcome.Kept,
                    round = outcome.Round,
                    pendingReview = outcome.PendingReview,
                    runFolder = dir,
                    output = Output(outcome, dir),
                    eval = outcome.Files?.Eval,
                },
                SummaryJson));
            return;
        }

        context.Out.WriteLine(outcome.Message);
        if (outcome.Status != TextLoopStatus.AwaitingReview)
        {
            context.Out.WriteLine($"Output: {Output(outcome, dir)} · report: {Path.Combine(dir, "report.html")}");
            if (outcome.Files?.Eval is { } evalSet)
            {
                context.Out.WriteLine($"Real evaluation set (never shown to a model): {evalSet}");
            }
        }
    }

    private static string Output(TextLoopOutcome outcome, string dir) =>
        outcome.Files?.HardCases ?? outcome.Files?.Synthetic ?? Path.Combine(dir, RunFolder.Samples);

    private static string StatusName(TextLoopStatus status) => status switch
    {
        TextLoopStatus.ModeCollapse => "mode-collapse",
        TextLoopStatus.AwaitingReview => "awaiting-review",
        _ => "completed",
    };

    /// <summary>The review screen of the terminal: Spectre panels and prompts.</summary>
    private sealed class TerminalReviewConsole(IAnsiConsole console) : IReviewConsole
    {
        public void Show(ReviewItem item, int position, int total)
        {
            var details = new List<string>();
            if (item.Label is not null)
            {
                details.Add($"label [bold]{Markup.Escape(item.Label)}[/]");
            }

            details.AddRange(item.Fields.Select(f => $"{Markup.Escape(f.Key)}={Markup.Escape(f.Value)}"));
            if (item.JudgeScore is { } score)
            {
                details.Add(string.Create(Inv, $"judge {score}/5: {Markup.Escape(item.JudgeReason ?? "")}"));
            }

            console.WriteLine();
            console.Write(new Panel(new Markup(Markup.Escape(item.Text) + "\n\n[grey]" + string.Join(" · ", details) + "[/]"))
                .Header(string.Create(Inv, $"{position}/{total} · {item.Id}")));
        }

        public ReviewKey ReadKey()
        {
            var key = console.Prompt(new TextPrompt<string>("[bold]a[/]pprove, [bold]r[/]eject, [bold]e[/]dit, [bold]s[/]kip, [bold]q[/]uit?")
                .AddChoices(["a", "r", "e", "s", "q"])
                .HideChoices());
            return key switch
            {
                "a" => ReviewKey.Approve,
                "r" => ReviewKey.Reject,
                "e" => ReviewKey.Edit,
                "s" => ReviewKey.Skip,
                _ => ReviewKey.Quit,
            };
        }

        public string? ReadEdit(string current) =>
            console.Prompt(new TextPrompt<string>("Corrected text (empty cancels):").DefaultValue(current).AllowEmpty());

        public void Message(string text) => console.MarkupLine(Markup.Escape(text));
    }
}
