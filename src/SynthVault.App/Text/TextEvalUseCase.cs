using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Evaluation.Text;

namespace SynthVault.App.Text;

/// <summary>How <c>text eval</c> measures; the defaults are the documented ones.</summary>
/// <param name="Seed">Seed of the classifiers, the bootstrap and every sample.</param>
/// <param name="Classifier">Classifier and bootstrap settings (its own seed is replaced by <paramref name="Seed"/>).</param>
/// <param name="Bias">Bias report settings (its own seed is replaced by <paramref name="Seed"/>).</param>
/// <param name="LeakThreshold">Shingle Jaccard at or above which a synthetic text is a near copy of an eval text.</param>
/// <param name="Models">Generator, judge and target model names for the bias warnings (see <see cref="ModelIdentity.Describe"/>).</param>
/// <param name="Loop">Diversity and memorization numbers from the text loop; null measures them here when <paramref name="MeasureLoopNumbers"/>.</param>
/// <param name="MeasureLoopNumbers">Measure diversity (both sets at the same size) and copies of the seeds when <paramref name="Loop"/> is null.</param>
public sealed record TextEvalSettings(
    long Seed = 42,
    TextClassifierOptions? Classifier = null,
    GeneratorBiasOptions? Bias = null,
    double LeakThreshold = EvalLeakCheck.DefaultThreshold,
    ModelProvenance? Models = null,
    TextLoopNumbers? Loop = null,
    bool MeasureLoopNumbers = true);

/// <summary>What <c>synthvault text eval</c> was asked to do.</summary>
/// <param name="SeedsPath">The real labelled seeds (JSON Lines, CSV, TSV or Parquet).</param>
/// <param name="SyntheticPath">The labelled synthetic texts; null reports the seeds-only baseline.</param>
/// <param name="EvalPath">The labelled real eval set, never used for training.</param>
/// <param name="OutDirectory">Where report.json and report.html go; null writes nothing.</param>
/// <param name="TextColumn">The text column (or JSON key) of all three files; null picks by name.</param>
/// <param name="LabelColumn">The label column (or JSON key) of all three files; null picks by name.</param>
/// <param name="Settings">How to measure.</param>
public sealed record TextEvalRequest(
    string SeedsPath,
    string? SyntheticPath,
    string EvalPath,
    string? OutDirectory = null,
    string? TextColumn = null,
    string? LabelColumn = null,
    TextEvalSettings? Settings = null);

/// <summary>The outcome of <c>text eval</c>: the report, where it was written, and the warnings to print.</summary>
/// <param name="Report">Everything measured.</param>
/// <param name="JsonPath">report.json; null when nothing was written.</param>
/// <param name="HtmlPath">report.html; null when nothing was written.</param>
/// <param name="Warnings">Eval leaks and model warnings, one sentence each.</param>
public sealed record TextEvalOutcome(TextEvalReport Report, string? JsonPath, string? HtmlPath, IReadOnlyList<string> Warnings);

/// <summary>
/// Did the synthetic text earn its place? Reads the three labelled sets, checks the synthetic set for copies of eval
/// texts, trains the downstream classifiers, compares the generator's surface habits with the seeds', measures
/// diversity and copies of the seeds, and writes report.json and report.html — all or nothing: bad input stops
/// before any file is written. Shared by the CLI, <c>text grow</c>, <c>run</c>, the demo and the TUI.
/// </summary>
public static class TextEvalUseCase
{
    /// <summary>Reads the files named in <paramref name="request"/> and evaluates them.</summary>
    /// <exception cref="SynthVaultException">A missing or malformed file, a bad set of classes, an empty text (names the file and row).</exception>
    public static TextEvalOutcome Run(TextEvalRequest request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress?.Report(new ProgressUpdate("read", 0, 3, "reading the labelled texts"));
        var seeds = LabelledTextFile.Read(request.SeedsPath, request.TextColumn, request.LabelColumn, "seed");
        var synthetic = request.SyntheticPath is null ? null : LabelledTextFile.Read(request.SyntheticPath, request.TextColumn, request.LabelColumn, "synthetic");
        var eval = LabelledTextFile.Read(request.EvalPath, request.TextColumn, request.LabelColumn, "eval");
        progress?.Report(new ProgressUpdate("read", 3, 3));
        return Run(seeds, synthetic, eval, request.OutDirectory, request.Settings, progress, cancellationToken);
    }

    /// <summary>Evaluates labelled sets already in memory (e.g. the kept samples at the end of <c>text grow</c>).</summary>
    /// <param name="seeds">The real seeds.</param>
    /// <param name="synthetic">The synthetic texts; null for the seeds-only baseline.</param>
    /// <param name="eval">The real eval set.</param>
    /// <param name="outDirectory">Where report.json and report.html go; null writes nothing.</param>
    /// <param name="settings">How to measure.</param>
    /// <param name="progress">Progress of the steps.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    public static TextEvalOutcome Run(
        LabelledTextSet seeds,
        LabelledTextSet? synthetic,
        LabelledTextSet eval,
        string? outDirectory,
        TextEvalSettings? settings,
        IProgress<ProgressUpdate>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(eval);
        settings ??= new TextEvalSettings();
        var seed = unchecked((int)settings.Seed);
        var leak = synthetic is null ? null : EvalLeakCheck.Run(synthetic, eval, settings.LeakThreshold, cancellationToken);
        var downstream = TextClassifierCheck.Run(seeds, synthetic, eval, (settings.Classifier ?? new TextClassifierOptions()) with { Seed = seed }, leak, progress, cancellationToken);

        GeneratorBiasResult? bias = null;
        var loop = settings.Loop;
        if (synthetic is not null)
        {
            progress?.Report(new ProgressUpdate("bias", 0, 1, "comparing the generator's habits with the seeds'"));
            bias = GeneratorBiasReport.Run(seeds.Texts, synthetic.Texts, settings.Models, (settings.Bias ?? new GeneratorBiasOptions()) with { Seed = settings.Seed }, cancellationToken);
            if (loop is null && settings.MeasureLoopNumbers)
            {
                progress?.Report(new ProgressUpdate("diversity", 0, 1, "diversity and copies of the seeds"));
                loop = LoopNumbers(seeds.Texts, synthetic.Texts, settings.Seed);
            }
        }

        var warnings = new List<string>();
        if (leak is { Flagged: > 0 })
        {
            warnings.Add(leak.Describe() + " A model trained on them has seen the exam: remove them or generate again.");
        }

        warnings.AddRange(GeneratorBiasReport.ModelWarnings(settings.Models));
        var metadata = new TextEvalMetadata(
            "SynthVault",
            typeof(TextEvalReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            TextEvalReport.CurrentReportVersion,
            DateTimeOffset.UtcNow,
            settings.Seed,
            Path.GetFileName(seeds.Source),
            synthetic is null ? null : Path.GetFileName(synthetic.Source),
            Path.GetFileName(eval.Source));
        var report = new TextEvalReport(metadata, downstream, bias, loop, warnings);
        if (outDirectory is null)
        {
            return new TextEvalOutcome(report, null, null, warnings);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (json, html) = TextEvalReportWriter.WriteFiles(report, outDirectory);
        return new TextEvalOutcome(report, json, html, warnings);
    }

    /// <summary>Diversity of both sets at the smaller one's size (seeded samples) and copies of the seeds in the synthetic set.</summary>
    private static TextLoopNumbers? LoopNumbers(IReadOnlyList<string> seeds, IReadOnlyList<string> synthetic, long seed)
    {
        var size = Math.Min(seeds.Count, synthetic.Count);
        if (size < 2)
        {
            return null;
        }

        var output = DiversityMetrics.Measure(DiversityMetrics.Subsample(synthetic, size, seed));
        var baseline = DiversityMetrics.Measure(DiversityMetrics.Subsample(seeds, size, seed));
        return new TextLoopNumbers(output, baseline, MemorizationMetrics.Measure(synthetic, seeds));
    }
}
