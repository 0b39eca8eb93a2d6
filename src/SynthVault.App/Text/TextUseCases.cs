using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Pii;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Text;
using SynthVault.IO;
using SynthVault.Llm;
using SynthVault.Llm.Generation;
using SynthVault.Llm.TextLoop;

namespace SynthVault.App.Text;

/// <summary>What <c>synthvault text grow</c> was asked to do.</summary>
/// <param name="SeedsPath">The seed file.</param>
/// <param name="OutDirectory">The run folder (created; resumed when it holds a run).</param>
/// <param name="ModelPath">The generating GGUF model.</param>
/// <param name="JudgeModelPath">A different GGUF model to judge with; null judges with the generator.</param>
/// <param name="Options">Loop settings.</param>
/// <param name="SeedFile">Which columns hold text, label and id.</param>
/// <param name="Model">How the models are loaded (threads, context).</param>
/// <param name="EvalPath">A real, labelled evaluation file (<c>--eval</c>, read with the same columns as the seed file); null splits one off the seeds.</param>
/// <param name="TargetModel">The model the grown texts will train or test (a GGUF path or a name), for the bias report's family warning.</param>
public sealed record TextGrowRequest(string SeedsPath, string OutDirectory, string? ModelPath, string? JudgeModelPath, TextLoopOptions Options, TextSeedFileOptions? SeedFile = null, LocalModelOptions? Model = null, string? EvalPath = null, string? TargetModel = null);

/// <summary>What <c>synthvault text fill</c> was asked to do.</summary>
/// <param name="TablePath">The table (CSV, TSV or Parquet).</param>
/// <param name="Column">The text column to fill.</param>
/// <param name="OutPath">Where the filled table goes (written atomically).</param>
/// <param name="ModelPath">The generating GGUF model.</param>
/// <param name="JudgeModelPath">A GGUF model to judge with; null runs without a judge.</param>
/// <param name="Options">Fill settings.</param>
/// <param name="Model">How the models are loaded.</param>
public sealed record TextFillRequest(string TablePath, string Column, string OutPath, string? ModelPath, string? JudgeModelPath, TextFillOptions Options, LocalModelOptions? Model = null);

/// <summary>The outcome of a fill: counts and where the files went.</summary>
/// <param name="Filled">Rows that got a text.</param>
/// <param name="Failed">Rows left empty.</param>
/// <param name="OutPath">The filled table.</param>
/// <param name="ReportDirectory">Folder of report.json and report.html.</param>
/// <param name="PersonalColumns">Columns left out of the prompts as personal data.</param>
/// <param name="RejectedByReason">Rejected candidates by reason.</param>
public sealed record TextFillOutcome(int Filled, int Failed, string OutPath, string ReportDirectory, IReadOnlyList<string> PersonalColumns, IReadOnlyDictionary<string, int> RejectedByReason);

/// <summary>
/// The text use cases behind the CLI and the TUI: load models (or take any <see cref="ITextGenerator"/>), read the
/// input, run the loop or the filler, write the outputs.
/// </summary>
public static class TextUseCases
{
    /// <summary>
    /// Grows a seed set with local GGUF models. The outcome's <see cref="TextLoopOutcome.Files"/> names the training
    /// seeds, the synthetic output and the real evaluation set: when <see cref="TextLoopOutcome.ReadyForDownstreamCheck"/>
    /// is true, that is where the end-of-run downstream check runs.
    /// </summary>
    /// <exception cref="SynthVaultException">No model file (says where to put one), bad seeds, evaluation set or options, seeds another run held out.</exception>
    public static async Task<TextLoopOutcome> GrowAsync(TextGrowRequest request, Action<string>? log, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var modelPath = ModelFiles.Resolve(request.ModelPath);
        var judgePath = request.JudgeModelPath is null ? null : ModelFiles.Resolve(request.JudgeModelPath, "--judge-model");
        request.Options.Validate();
        var input = ReadInput(request);

        // Every check on the input before the (slow) model load; none of them writes anything.
        TextLoopEngine.Check(input, request.Options, request.OutDirectory);
        using var model = LocalModel.Load(modelPath, request.Model);
        PromptBudget.Check(input, request.Options, model.ContextSize, text => model.Tokenize(text, addBos: false).Length);
        using var judgeModel = judgePath is null || judgePath == modelPath ? null : LocalModel.Load(judgePath, request.Model);
        var generator = new LocalTextGenerator(model);
        ITextGenerator judge = judgeModel is null ? generator : new LocalTextGenerator(judgeModel);
        var models = new TextLoopModels(Path.GetFileName(modelPath), Path.GetFileName(judgePath ?? modelPath));
        var provenance = new ModelProvenance(ModelIdentity.Describe(modelPath), ModelIdentity.Describe(judgePath ?? modelPath), ModelIdentity.Describe(request.TargetModel));
        return await GrowAsync(input, request.OutDirectory, generator, judge, request.Options, models, log, progress, cancellationToken, provenance).ConfigureAwait(false);
    }

    /// <summary>Grows <paramref name="seeds"/> with any generator and judge (a chat client, a scripted test double).</summary>
    public static Task<TextLoopOutcome> GrowAsync(IReadOnlyList<TextSeed> seeds, string outDirectory, ITextGenerator generator, ITextGenerator? judge, TextLoopOptions options, TextLoopModels models, Action<string>? log, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken) =>
        GrowAsync(new TextLoopInput(seeds), outDirectory, generator, judge, options, models, log, progress, cancellationToken);

    /// <summary>
    /// Grows the rows of <paramref name="input"/> (seed file rows and, optionally, a real evaluation set) with any
    /// generator and judge. When the run ends with a real evaluation set, its report gains the downstream classifier
    /// check (seeds only, seeds + synthetic, synthetic only, scored on the real eval rows) and the generator-bias
    /// comparison; <paramref name="modelNames"/> names the models for the bias report's warnings (null: <paramref name="models"/>' file names).
    /// </summary>
    public static Task<TextLoopOutcome> GrowAsync(TextLoopInput input, string outDirectory, ITextGenerator generator, ITextGenerator? judge, TextLoopOptions options, TextLoopModels models, Action<string>? log, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken, ModelProvenance? modelNames = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        var names = modelNames ?? new ModelProvenance(models.Generator, models.Judge, null);
        var engine = new TextLoopEngine(generator, judge, options, models, log)
        {
            CompleteFinalReport = (report, files) => WithDownstreamCheck(report, files, names, options.Seed, log, cancellationToken),
        };
        return engine.RunAsync(input, outDirectory, progress, cancellationToken);
    }

    /// <summary>
    /// The end-of-run check of issue #12 on the run's own files: the scrubbed training seeds, the kept synthetic
    /// samples and the scrubbed real eval rows (the same placeholders on both sides, so the comparison is fair).
    /// </summary>
    internal static TextRunReport WithDownstreamCheck(TextRunReport report, TextRunFiles files, ModelProvenance models, long seed, Action<string>? log, CancellationToken cancellationToken)
    {
        TextEvalOutcome outcome;
        try
        {
            var seeds = LabelledTextFile.Read(files.TrainingSeeds, "text", "label", "seed");
            var synthetic = files.Synthetic is null || !File.ReadLines(files.Synthetic).Any(l => l.Length > 0)
                ? null
                : LabelledTextFile.Read(files.Synthetic, "text", "label", "synthetic");
            var eval = LabelledTextFile.Read(files.Eval!, "text", "label", "eval");
            outcome = TextEvalUseCase.Run(seeds, synthetic, eval, null, new TextEvalSettings(seed, Models: models, MeasureLoopNumbers: false), null, cancellationToken);
        }
        catch (SynthVaultException ex)
        {
            // The run's outputs are complete and valid; a check that cannot run (say, the kept samples carry a label
            // the seeds lack) is reported, not allowed to undo them.
            var warning = "The downstream check could not run: " + ex.Message;
            log?.Invoke(warning);
            return report with { Warnings = [.. report.Warnings, warning] };
        }

        var downstream = outcome.Report.Downstream;
        foreach (var comparison in downstream.Comparisons)
        {
            log?.Invoke("Downstream check on the real eval set: " + comparison.Sentence);
        }

        return report with
        {
            Downstream = downstream,
            Bias = outcome.Report.Bias,
            Warnings = [.. report.Warnings, .. outcome.Warnings.Where(w => !report.Warnings.Contains(w))],
        };
    }

    /// <summary>Reads the seed file and, when the request names one, the evaluation file (same column options).</summary>
    public static TextLoopInput ReadInput(TextGrowRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rows = TextSeedFile.Read(request.SeedsPath, request.SeedFile);
        var eval = request.EvalPath is null ? null : TextSeedFile.Read(request.EvalPath, request.SeedFile);
        return new TextLoopInput(rows, request.SeedsPath, eval, request.EvalPath);
    }

    /// <summary>Fills a table's text column with local GGUF models.</summary>
    public static async Task<TextFillOutcome> FillAsync(TextFillRequest request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var modelPath = ModelFiles.Resolve(request.ModelPath);
        var judgePath = request.JudgeModelPath is null ? null : ModelFiles.Resolve(request.JudgeModelPath, "--judge-model");
        request.Options.Validate();
        using var model = LocalModel.Load(modelPath, request.Model);
        using var judgeModel = judgePath is null || judgePath == modelPath ? null : LocalModel.Load(judgePath, request.Model);
        var generator = new LocalTextGenerator(model);
        ITextGenerator? judge = judgePath is null ? null : judgeModel is null ? generator : new LocalTextGenerator(judgeModel);
        var models = new TextLoopModels(Path.GetFileName(modelPath), judgePath is null ? null : Path.GetFileName(judgePath));
        return await FillAsync(request, generator, judge, models, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fills a table's text column with any generator and judge.</summary>
    public static async Task<TextFillOutcome> FillAsync(TextFillRequest request, ITextGenerator generator, ITextGenerator? judge, TextLoopModels models, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var table = TableFile.Read(request.TablePath, progress: progress, cancellationToken: cancellationToken).Table;
        var personal = PersonalColumns(table, request.Column);
        var result = await new TextColumnFiller(generator, judge, request.Options, models).FillAsync(table, request.Column, personal, progress, cancellationToken).ConfigureAwait(false);
        TableFile.Write(result.Table, request.OutPath, cancellationToken: cancellationToken);
        var reportDirectory = ReportDirectoryFor(request.OutPath);
        Directory.CreateDirectory(reportDirectory);
        TextReportWriter.WriteFiles(result.Report, reportDirectory);
        return new TextFillOutcome(result.Filled, result.Failed, request.OutPath, reportDirectory, personal, result.RejectedByReason);
    }

    /// <summary>Where <c>text fill</c> writes its report: a folder next to the output named after it ("out.csv" → "out-text-report").</summary>
    public static string ReportDirectoryFor(string outPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, Path.GetFileNameWithoutExtension(outPath) + "-text-report");

    /// <summary>Columns whose values are personal data (the profiler's detector), never shown to a model.</summary>
    internal static IReadOnlyList<string> PersonalColumns(Table table, string textColumn)
    {
        var personal = new List<string>();
        foreach (var c in table.Columns)
        {
            if (c.Name != textColumn && PiiDetector.Detect(c.Name, c).Kind != PiiKind.None)
            {
                personal.Add(c.Name);
            }
        }

        return personal;
    }
}
