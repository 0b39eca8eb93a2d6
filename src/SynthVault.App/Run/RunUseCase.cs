using System.Diagnostics;
using System.Globalization;
using System.Text;
using SynthVault.App.Rebalancing;
using SynthVault.App.Text;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Profiling;
using SynthVault.Core.Progress;
using SynthVault.Core.Project;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Reporting;
using SynthVault.Evaluation.Text;
using SynthVault.IO;
using SynthVault.Llm;
using SynthVault.Llm.Generation;
using SynthVault.Llm.TextLoop;
using SynthVault.Synthesis;
using SynthVault.Synthesis.Rebalancing;

namespace SynthVault.App.Run;

/// <summary>
/// <c>synthvault run synthvault.json</c>: the whole flow of DESIGN §1 in one call, driven by the project file's
/// sections — load and profile, split a stratified holdout, fit, sample, rebalance (with a <c>rebalance</c> section),
/// fill the text column (with a <c>text</c> section and its model file), evaluate, and plan the cost with what this
/// run measured. Everything goes into a fresh run folder, <c>&lt;output&gt;/runs/&lt;yyyyMMdd-HHmmss&gt;-&lt;hash&gt;</c>,
/// built as a hidden temporary folder beside it and renamed at the end: a failed or cancelled run leaves nothing.
/// The folder's <c>manifest.json</c> records the tool, runtime, project, input hashes, every step's options, seed and
/// time, and the hash of every output, so <see cref="RunRequest.ReproduceManifestPath"/> can re-run and compare.
/// docs/RUN.md describes the folder and the manifest.
/// </summary>
public static class RunUseCase
{
    /// <summary>The folder under the output directory that holds run folders.</summary>
    public const string RunsFolder = "runs";

    /// <summary>The stage name of every progress update a run reports (its message says "step k/N name: …").</summary>
    public const string ProgressStage = "run";

    /// <summary>
    /// Runs the project (or reproduces a manifest). The work runs on the thread pool, so a UI thread can await it.
    /// </summary>
    /// <exception cref="SynthVaultException">A problem the user can fix: the project file, a missing data or model path, an input that changed since the manifest.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no run folder and no temporary folder is left.</exception>
    public static Task<RunResult> RunAsync(RunRequest request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.Run(() => RunCoreAsync(request, progress, cancellationToken), cancellationToken);
    }

    private static async Task<RunResult> RunCoreAsync(RunRequest request, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var plan = Plan.Create(request);
        var runs = Path.Combine(plan.OutputRoot, RunsFolder);
        var started = request.Clock.GetUtcNow();
        var runId = string.Create(CultureInfo.InvariantCulture, $"{started.UtcDateTime:yyyyMMdd-HHmmss}-{plan.ShortHash}");
        var temp = Path.Combine(runs, $".{runId}.tmp");
        try
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            Directory.CreateDirectory(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SynthVaultException($"The run folder cannot be created: {e.Message}", runs, hint: "Choose an output folder you can write to (--out, or output.directory in the project file).", inner: e);
        }

        try
        {
            var outcome = await new Runner(plan, temp, request, progress, ct).RunAsync().ConfigureAwait(false);
            var verification = plan.Recorded is null ? null : Verify(plan.Recorded, outcome.Outputs);
            var manifestPath = RunManifest.Write(
                temp, runId, started, total.Elapsed.TotalSeconds, plan.ProjectPath, plan.ProjectSha256, plan.Inputs,
                outcome.ManifestSteps, outcome.Outputs, outcome.Notes, verification);
            ct.ThrowIfCancellationRequested();
            var final = FreeName(runs, runId);
            Directory.Move(temp, final);
            string At(string file) => Path.Combine(final, file);
            return new RunResult(
                final,
                plan.ProjectPath,
                outcome.Steps,
                outcome.Verdicts,
                outcome.Notes,
                At(outcome.SyntheticFile),
                At("report.html"),
                At("report.json"),
                At(RunCostPlan.HtmlFile),
                At(Path.GetFileName(manifestPath)),
                total.Elapsed.TotalSeconds,
                verification);
        }
        catch
        {
            // No half-written output ever: the temporary folder goes, whatever stopped the run.
            TryDelete(temp);
            throw;
        }
    }

    private static RunVerification Verify(RecordedManifest recorded, IReadOnlyList<ManifestOutput> outputs)
    {
        var mine = outputs.ToDictionary(o => o.File, StringComparer.Ordinal);
        var checks = new List<RunFileCheck>();
        var excluded = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var expected in recorded.Outputs)
        {
            if (expected.ComparableSha256 is null)
            {
                excluded[expected.File] = expected.Reason;
                continue;
            }

            var actual = mine.TryGetValue(expected.File, out var o) ? o.ComparableSha256 : null;
            checks.Add(new RunFileCheck(expected.File, expected.ComparableSha256, actual));
        }

        return new RunVerification(recorded.Path, checks, excluded);
    }

    private static string FreeName(string runs, string runId)
    {
        var final = Path.Combine(runs, runId);
        for (var i = 2; Directory.Exists(final) || File.Exists(final); i++)
        {
            final = Path.Combine(runs, string.Create(CultureInfo.InvariantCulture, $"{runId}-{i}"));
        }

        return final;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open elsewhere: the original error matters more than the leftover hidden folder.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>Everything settled before the first step: the project, its inputs and their hashes, the output folder.</summary>
    private sealed record Plan(
        string ProjectPath,
        SynthVaultProject Project,
        byte[] ProjectBytes,
        string ProjectSha256,
        string DataPath,
        string? ModelPath,
        IReadOnlyList<ManifestInput> Inputs,
        string OutputRoot,
        string ShortHash,
        RecordedManifest? Recorded)
    {
        public static Plan Create(RunRequest request)
        {
            RecordedManifest? recorded = null;
            string projectPath;
            byte[] bytes;
            if (request.ReproduceManifestPath is { } manifestPath)
            {
                recorded = RunManifest.Read(manifestPath);
                projectPath = Path.GetFullPath(request.ProjectPath ?? recorded.ProjectPath);
                if (!File.Exists(recorded.ProjectCopyPath))
                {
                    throw new SynthVaultException("is missing: a reproduction uses the project copy the run kept beside its manifest.", recorded.ProjectCopyPath, hint: "Reproduce from a complete run folder.");
                }

                bytes = File.ReadAllBytes(recorded.ProjectCopyPath);
                if (RunManifest.Sha256(bytes) != recorded.ProjectSha256)
                {
                    throw new SynthVaultException("differs from the project the manifest records (its SHA-256 changed), so the recorded options cannot be trusted.", recorded.ProjectCopyPath, hint: "Restore the run folder's project.json, or start a new run with 'synthvault run <project>'.");
                }
            }
            else
            {
                if (string.IsNullOrWhiteSpace(request.ProjectPath))
                {
                    throw new SynthVaultException("No project file was given.", hint: "Pass a synthvault.json (create one with 'synthvault init <data file>'), or --reproduce <manifest.json>.");
                }

                projectPath = Path.GetFullPath(request.ProjectPath);
                _ = ProjectFiles.Load(projectPath);
                bytes = File.ReadAllBytes(projectPath);
            }

            var project = SynthVaultProject.Parse(DecodeUtf8(bytes), projectPath);
            var dataPath = ProjectFiles.ResolveDataPath(projectPath, project);
            if (!File.Exists(dataPath))
            {
                throw new SynthVaultException(
                    $"does not exist (data.path \"{project.Data.Path}\" in {Path.GetFileName(projectPath)}, resolved from the project file's folder).",
                    dataPath,
                    hint: "Fix data.path in the project file; a relative path is taken from the folder the project file is in.");
            }

            var projectDir = Path.GetDirectoryName(projectPath) ?? ".";
            var modelPath = project.Text is { } text ? Path.GetFullPath(Path.Combine(projectDir, text.Model)) : null;
            var inputs = new List<ManifestInput> { Input("data", dataPath, project.Data.Path) };
            var textWillRun = modelPath is not null && File.Exists(modelPath) && recorded?.OutcomeOf(RunSteps.Text) is not RunStepOutcome.Skipped;
            if (textWillRun)
            {
                inputs.Add(Input("model", modelPath!, project.Text!.Model));
            }

            if (recorded is not null)
            {
                CheckInputs(recorded, inputs);
            }

            var outputRoot = request.OutputDirectory is { } over
                ? Path.GetFullPath(over)
                : Path.GetFullPath(Path.Combine(projectDir, project.Output.Directory));
            var identity = new StringBuilder(RunManifest.Sha256(bytes));
            foreach (var input in inputs)
            {
                identity.Append('\n').Append(input.Sha256);
            }

            var shortHash = RunManifest.Sha256(Encoding.UTF8.GetBytes(identity.ToString()))[..8];
            return new Plan(projectPath, project, bytes, RunManifest.Sha256(bytes), dataPath, textWillRun ? modelPath : null, inputs, outputRoot, shortHash, recorded)
            {
                MissingModelPath = modelPath is not null && !textWillRun ? modelPath : null,
            };
        }

        /// <summary>The text section's model path when the text step will not run because the file is missing (or the reproduced run skipped it).</summary>
        public string? MissingModelPath { get; init; }

        private static ManifestInput Input(string role, string path, string projectValue) =>
            new(role, path, projectValue, RunManifest.Sha256File(path), new FileInfo(path).Length);

        private static void CheckInputs(RecordedManifest recorded, List<ManifestInput> inputs)
        {
            foreach (var expected in recorded.Inputs)
            {
                var actual = inputs.FirstOrDefault(i => i.Role == expected.Role);
                if (actual is null)
                {
                    throw new SynthVaultException(
                        $"was an input of the recorded run ({expected.Role}) but is missing now.", expected.Path,
                        hint: "Reproduce needs every recorded input unchanged; restore it, or start a new run.");
                }

                if (!string.Equals(actual.Sha256, expected.Sha256, StringComparison.Ordinal))
                {
                    throw new SynthVaultException(
                        $"has changed since the recorded run: its SHA-256 is {actual.Sha256[..12]}…, the manifest records {expected.Sha256[..12]}…; refusing to reproduce from different input.",
                        actual.Path,
                        hint: "Restore the original file to reproduce that run, or start a new run with 'synthvault run <project>'.");
                }
            }
        }

        private static string DecodeUtf8(byte[] bytes)
        {
            var span = bytes.AsSpan();
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                span = span[3..];
            }

            return Encoding.UTF8.GetString(span);
        }
    }

    /// <summary>What the steps produced, for the manifest and the result.</summary>
    private sealed record Outcome(
        IReadOnlyList<RunStepResult> Steps,
        IReadOnlyList<ManifestStep> ManifestSteps,
        IReadOnlyList<RunVerdict> Verdicts,
        IReadOnlyList<string> Notes,
        IReadOnlyList<ManifestOutput> Outputs,
        string SyntheticFile);

    /// <summary>Runs the steps of one plan into the temporary folder.</summary>
    private sealed class Runner
    {
        private readonly Plan plan;
        private readonly string folder;
        private readonly RunRequest request;
        private readonly CancellationToken ct;
        private readonly StepProgress progress;
        private readonly SeedStreams streams;
        private readonly List<RunStepResult> steps = [];
        private readonly List<ManifestStep> manifestSteps = [];
        private readonly List<string> notes = [];

        public Runner(Plan plan, string folder, RunRequest request, IProgress<ProgressUpdate>? outer, CancellationToken ct)
        {
            this.plan = plan;
            this.folder = folder;
            this.request = request;
            this.ct = ct;
            var names = new List<string> { RunSteps.Load, RunSteps.Split, RunSteps.Fit, RunSteps.Sample };
            if (plan.Project.Rebalance is not null)
            {
                names.Add(RunSteps.Rebalance);
            }

            if (plan.Project.Text is not null)
            {
                names.Add(RunSteps.Text);
            }

            if (TextCheckLabel is not null)
            {
                names.Add(RunSteps.TextCheck);
            }

            names.AddRange([RunSteps.Evaluate, RunSteps.Cost]);
            progress = new StepProgress(outer, names);
            streams = new SeedStreams(plan.Project.Synthesis.Seed);
        }

        private SynthVaultProject Project => plan.Project;

        /// <summary>The label the text column's downstream check predicts; null when there is no text section or no label.</summary>
        private string? TextCheckLabel =>
            Project.Text is { } text && (Project.Evaluation.Label ?? Project.Columns.FirstOrDefault(c => c.Role == ColumnRole.Label)?.Name) is { } label && label != text.Column
                ? label
                : null;

        public async Task<Outcome> RunAsync()
        {
            var project = Project;

            // 1. Load and profile.
            var watch = Begin(RunSteps.Load);
            var dataset = WithProject(() => DatasetFiles.Load(plan.DataPath, progress, ct));
            var table = dataset.Table;
            var schema = project.ToSchema();
            WithProject(() =>
            {
                schema.EnsureMatches(table, plan.DataPath);
                return 0;
            });
            var profile = Profiler.Profile(table, progress: progress, ct: ct);
            AtomicFile.WriteAllText(Path.Combine(folder, "profile.json"), profile.ToJson());
            notes.AddRange(dataset.Warnings.Select(w => $"{Path.GetFileName(plan.DataPath)}: {w}"));
            PiiNotes(profile, schema);
            AtomicFile.WriteAllBytes(Path.Combine(folder, RunManifest.ProjectCopyName), plan.ProjectBytes);
            Done(RunSteps.Load, watch, Inv($"{table.RowCount:N0} rows × {table.ColumnCount} columns from {Path.GetFileName(plan.DataPath)} ({dataset.Format})"), null,
                new() { ["data"] = project.Data.Path, ["rows"] = table.RowCount, ["columns"] = table.ColumnCount });

            // 2. Split a stratified holdout off the real rows.
            watch = Begin(RunSteps.Split);
            var label = project.Evaluation.Label ?? schema.Label?.Name;
            var splitSeed = SeedFor(RunSteps.Split);
            var (trainRows, holdoutRows) = TableSplit.Split(table, label, project.Evaluation.HoldoutFraction, unchecked((ulong)splitSeed));
            var train = table.Take(trainRows);
            var holdout = table.Take(holdoutRows);
            Done(RunSteps.Split, watch, Inv($"{train.RowCount:N0} rows to fit, {holdout.RowCount:N0} held out{(label is null ? string.Empty : $", stratified by '{label}'")}"), splitSeed,
                new() { ["holdoutFraction"] = project.Evaluation.HoldoutFraction, ["stratifiedBy"] = label, ["trainRows"] = train.RowCount, ["holdoutRows"] = holdout.RowCount });

            // 3. Fit.
            watch = Begin(RunSteps.Fit);
            var method = project.Synthesis.Method.ToString().ToLowerInvariant();
            var fitSeed = SeedFor(RunSteps.Fit);
            var model = Synthesizers.Create(method, fitSeed).Fit(train, schema, progress, ct);
            var fitSeconds = watch.Elapsed.TotalSeconds;
            Done(RunSteps.Fit, watch, Inv($"{method} on {train.RowCount:N0} rows"), fitSeed, new() { ["method"] = method, ["rootSeed"] = project.Synthesis.Seed });

            // 4. Sample.
            watch = Begin(RunSteps.Sample);
            var rows = project.Synthesis.Rows ?? train.RowCount;
            var sampleSeed = SeedFor(RunSteps.Sample);
            var synthetic = SynthesisUseCase.Sample(model, rows, [], sampleSeed, progress, ct);
            var sampleSeconds = watch.Elapsed.TotalSeconds;
            Done(RunSteps.Sample, watch, Inv($"{synthetic.RowCount:N0} synthetic rows"), sampleSeed, new() { ["rows"] = rows, ["rowsFromProject"] = project.Synthesis.Rows });

            // 5. Rebalance the synthetic rows.
            if (project.Rebalance is { } rebalance)
            {
                watch = Begin(RunSteps.Rebalance);
                synthetic = RebalanceSynthetic(synthetic, schema, rebalance, watch);
                sampleSeconds += watch.Elapsed.TotalSeconds;
            }

            // 6. Fill the text column.
            TextMeasurement? textMeasured = null;
            if (project.Text is { } text)
            {
                watch = Begin(RunSteps.Text);
                (synthetic, textMeasured) = await FillText(synthetic, train, schema, text, watch).ConfigureAwait(false);
            }

            // 6b. Does the text column help a classifier on real texts? (Seeds-only baseline without a model.)
            if (project.Text is { } checkedText && TextCheckLabel is { } textLabel)
            {
                watch = Begin(RunSteps.TextCheck);
                CheckText(train, holdout, synthetic, checkedText, textLabel, textMeasured is not null, watch);
            }

            // 7. Write the synthetic table and evaluate it against the fitted part and the holdout.
            watch = Begin(RunSteps.Evaluate);
            var syntheticFile = "synthetic" + (project.Output.Format == OutputFormat.Parquet ? ".parquet" : ".csv");
            TableFile.Write(synthetic, Path.Combine(folder, syntheticFile), cancellationToken: ct);
            var evaluateSeed = SeedFor(RunSteps.Evaluate);
            var dataName = Path.GetFileName(plan.DataPath);
            var evaluation = WithProject(() => EvaluateUseCase.Evaluate(
                train, synthetic, holdout, schema, label, folder, evaluateSeed,
                ($"{dataName} (fitted part)", syntheticFile, $"{dataName} (holdout part)"), progress, ct));
            var verdicts = evaluation.Report.Verdicts.Select(v => new RunVerdict(
                v.Section, v.Outcome.ToString().ToLowerInvariant(), v.Metric, double.IsFinite(v.Value) ? v.Value : null, v.Threshold, v.Summary)).ToList();
            var failed = verdicts.Count(v => v.Outcome == "fail");
            Done(RunSteps.Evaluate, watch, Inv($"{string.Join(", ", verdicts.Select(v => $"{v.Section} {v.Outcome}"))}; report.html"), evaluateSeed,
                new() { ["label"] = label, ["syntheticFile"] = syntheticFile, ["failedSections"] = failed });

            // 8. Plan the cost with what this run measured.
            watch = Begin(RunSteps.Cost);
            var (_, costNotes) = RunCostPlan.Write(folder, new TabularMeasurement(train.RowCount, synthetic.RowCount, fitSeconds, sampleSeconds), textMeasured, request.Clock);
            if (textMeasured is not null)
            {
                notes.AddRange(costNotes);
            }

            Done(RunSteps.Cost, watch, textMeasured is null ? "tabular machine time per 1,000 rows (measured); cost-plan.html" : "tabular machine time and the text column's buy-vs-generate plan; cost-plan.html", null,
                new() { ["volume"] = textMeasured?.Rows });

            ct.ThrowIfCancellationRequested();
            var outputs = RunManifest.DescribeOutputs(folder, textMeasured is not null);
            return new Outcome(steps, manifestSteps, verdicts, notes, outputs, syntheticFile);
        }

        private Table RebalanceSynthetic(Table synthetic, TableSchema schema, RebalanceSection section, Stopwatch watch)
        {
            var seed = SeedFor(RunSteps.Rebalance);
            var method = section.Method.ToString().ToLowerInvariant();
            var options = new Dictionary<string, object?> { ["label"] = section.Label, ["positive"] = section.Positive, ["ratio"] = section.Ratio, ["method"] = method };
            var present = new TableSchema([.. schema.Columns.Where(c => synthetic.Contains(c.Name))]);
            var labelSchema = WithProject(() => RebalanceSchema.ForLabel(present, synthetic, section.Label));
            var labelColumn = LabelValues.LabelColumn(synthetic, section.Label);
            var positive = WithProject(() => LabelValues.ResolvePositive(labelColumn, section.Positive));
            var share = LabelValues.PositiveMask(labelColumn, positive).Count(b => b) / (double)Math.Max(1, synthetic.RowCount);
            if (share >= section.Ratio)
            {
                var why = Inv($"the synthetic rows already hold {share * 100:0.##} % of class '{positive}', at or above the target {section.Ratio * 100:0.##} %");
                notes.Add($"rebalance skipped: {why}.");
                Skip(RunSteps.Rebalance, watch, why, seed, options);
                return synthetic;
            }

            // The generators learn from the synthetic rows only, so no real row is copied or interpolated into the
            // output; the fitted model already carries what the real rows taught it.
            var result = WithProject(() => Rebalancer.Rebalance(
                synthetic, labelSchema, new RebalanceOptions(section.Label, section.Ratio, positive, seed), MinorityGenerators.Create(method), progress, ct));
            TableFile.Write(result.Provenance, Path.Combine(folder, "rebalance-provenance.csv"), cancellationToken: ct);
            Done(RunSteps.Rebalance, watch, Inv($"{method}: +{result.GeneratedRows:N0} rows of '{positive}', {result.ShareBefore * 100:0.#} % → {result.ShareAfter * 100:0.#} %"), seed, options);
            return result.Combined;
        }

        private async Task<(Table Table, TextMeasurement? Measured)> FillText(Table synthetic, Table train, TableSchema schema, TextSection section, Stopwatch watch)
        {
            var seed = SeedFor(RunSteps.Text);
            var options = new Dictionary<string, object?> { ["column"] = section.Column, ["model"] = section.Model, ["rounds"] = section.Rounds, ["reviewFraction"] = section.ReviewFraction };
            if (plan.ModelPath is not { } modelPath)
            {
                var missing = plan.MissingModelPath ?? section.Model;
                var why = plan.Recorded?.OutcomeOf(RunSteps.Text) == RunStepOutcome.Skipped
                    ? "the reproduced run skipped it"
                    : $"no GGUF model at {missing}";
                notes.Add(plan.Recorded?.OutcomeOf(RunSteps.Text) == RunStepOutcome.Skipped
                    ? $"text step skipped, as in the reproduced run; column '{section.Column}' is left empty."
                    : $"no GGUF model at {missing}: the text step was skipped and column '{section.Column}' is left empty; every other step ran. Copy a GGUF model there (see models/README.md) to fill it.");
                Skip(RunSteps.Text, watch, why, seed, options);
                return (synthetic, null);
            }

            using var local = request.TextGeneratorFactory is null ? LocalModel.Load(modelPath) : null;
            ITextGenerator inner = request.TextGeneratorFactory?.Invoke(modelPath) ?? new LocalTextGenerator(local!);
            var measuring = new MeasuringTextGenerator(inner);

            // The filler reads the column's real texts from the table it fills (as scrubbed prompt examples, as the
            // near-duplicate reference and as the leak dictionary) and rebuilds the column from generated texts only.
            // The synthetic column is empty, so it is given the real texts of the fitted part: none of them can reach
            // the output, and every output text is checked against them.
            var input = synthetic.With(RealTexts(train, section.Column, synthetic.RowCount, seed));
            var personal = schema.Columns.Where(c => c.Pii != PiiKind.None && synthetic.Contains(c.Name)).Select(c => c.Name)
                .Union(TextUseCases.PersonalColumns(synthetic, section.Column), StringComparer.Ordinal).ToList();
            var fillOptions = new TextFillOptions { Seed = seed, MaxAttempts = section.Rounds };
            var models = new TextLoopModels(Path.GetFileName(modelPath), null);
            var result = await new TextColumnFiller(measuring, judge: null, fillOptions, models, request.Clock)
                .FillAsync(input, section.Column, personal, progress, ct).ConfigureAwait(false);
            var textFolder = Path.Combine(folder, "text");
            Directory.CreateDirectory(textFolder);
            TextReportWriter.WriteFiles(result.Report, textFolder);
            var candidates = result.Report.Rounds.Sum(r => (long)r.Candidates);
            Done(RunSteps.Text, watch, Inv($"'{section.Column}': {result.Filled:N0} of {synthetic.RowCount:N0} rows filled with {Path.GetFileName(modelPath)} ({result.Failed:N0} left empty); text/report.html"), seed, options);
            if (result.Failed > 0)
            {
                notes.Add(Inv($"text step: {result.Failed:N0} rows of '{section.Column}' are empty: every candidate for them was rejected (text/report.html says why)."));
            }

            var measured = new TextMeasurement(Path.GetFileName(modelPath), synthetic.RowCount, result.Filled, candidates, measuring.PromptTokens, measuring.GeneratedTokens, measuring.Seconds, section.ReviewFraction);
            return (result.Table, measured);
        }

        private void CheckText(Table train, Table holdout, Table synthetic, TextSection section, string label, bool generated, Stopwatch watch)
        {
            var seed = SeedFor(RunSteps.TextCheck);
            var options = new Dictionary<string, object?> { ["column"] = section.Column, ["label"] = label, ["withSynthetic"] = generated, ["targetModel"] = section.TargetModel };
            var seeds = WithProject(() => LabelledTextSet.FromTable(Labelled(train, section.Column, label), section.Column, label, "fitted part"));
            var eval = WithProject(() => LabelledTextSet.FromTable(Labelled(holdout, section.Column, label), section.Column, label, "holdout part"));
            var generatedSet = generated
                ? WithProject(() => LabelledTextSet.FromTable(Labelled(synthetic, section.Column, label), section.Column, label, "synthetic"))
                : null;
            var models = new SynthVault.Evaluation.Text.ModelProvenance(generated && plan.ModelPath is { } model ? Path.GetFileName(model) : null, null, ModelIdentity.Describe(section.TargetModel));
            var outcome = TextEvalUseCase.Run(seeds, generatedSet, eval, Path.Combine(folder, "text-check"), new TextEvalSettings(seed, Models: models), progress, ct);
            notes.AddRange(outcome.Warnings.Select(w => "text check: " + w));
            var downstream = outcome.Report.Downstream;
            var baseline = downstream.Variants[0];
            var detail = Inv($"seeds-only macro-F1 {baseline.MacroF1.Value:0.000} [{baseline.MacroF1.Lower:0.000}, {baseline.MacroF1.Upper:0.000}] on {downstream.EvalTexts:N0} real holdout texts");
            if (downstream.Comparisons.Count > 0)
            {
                detail += "; " + string.Join(" ", downstream.Comparisons.Select(c => c.Sentence));
            }
            else
            {
                notes.Add(Inv($"text check: without generated texts the report holds the seeds-only baseline (macro-F1 {baseline.MacroF1.Value:0.000} predicting '{label}' from '{section.Column}'); generated texts must beat it on the same real holdout texts to earn a place in training."));
            }

            Done(RunSteps.TextCheck, watch, detail + "; text-check/report.html", seed, options);
        }

        /// <summary>The rows whose text and label are both present.</summary>
        private static Table Labelled(Table table, string textColumn, string label)
        {
            var text = table[textColumn];
            var target = table[label];
            var rows = new List<int>(table.RowCount);
            for (var i = 0; i < table.RowCount; i++)
            {
                if (!text.IsNull(i) && !target.IsNull(i) && !string.IsNullOrWhiteSpace(Convert.ToString(text.GetValue(i), CultureInfo.InvariantCulture)))
                {
                    rows.Add(i);
                }
            }

            return table.Take(rows.ToArray());
        }

        /// <summary>The fitted part's distinct non-empty texts, in a seeded order, one per synthetic row (the rest empty).</summary>
        private static StringColumn RealTexts(Table train, string column, int rows, long seed)
        {
            var texts = new List<string>();
            if (train.TryGetColumn(column, out var source))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var r = 0; r < source.Length; r++)
                {
                    if (source.GetValue(r) is string s && !string.IsNullOrWhiteSpace(s) && seen.Add(s))
                    {
                        texts.Add(s);
                    }
                }
            }

            var rng = new SeedStreams(seed).CreateGenerator("real-texts");
            for (var i = texts.Count - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (texts[i], texts[j]) = (texts[j], texts[i]);
            }

            var builder = new StringColumnBuilder(column, rows);
            for (var r = 0; r < rows; r++)
            {
                builder.Append(r < texts.Count ? texts[r] : null);
            }

            return builder.Build();
        }

        private void PiiNotes(TableProfile profile, TableSchema schema)
        {
            foreach (var c in profile.Columns)
            {
                if (c.Pii != PiiKind.None && schema.Contains(c.Name) && schema[c.Name] is { Pii: PiiKind.None, Policy: ColumnPolicy.Synthesize, Kind: not ColumnKind.Text })
                {
                    notes.Add($"column '{c.Name}' looks like personal data ({c.Pii}) but the project marks it \"pii\": \"none\", so its values are learned; check it in {Path.GetFileName(plan.ProjectPath)}.");
                }
            }
        }

        private long SeedFor(string step) =>
            plan.Recorded?.SeedOf(step) ?? unchecked((long)streams.DeriveSeed(step));

        private Stopwatch Begin(string step)
        {
            ct.ThrowIfCancellationRequested();
            progress.Begin(step);
            return Stopwatch.StartNew();
        }

        private void Done(string step, Stopwatch watch, string detail, long? seed, Dictionary<string, object?> options) =>
            Record(step, RunStepOutcome.Done, watch, detail, seed, options);

        private void Skip(string step, Stopwatch watch, string detail, long? seed, Dictionary<string, object?> options) =>
            Record(step, RunStepOutcome.Skipped, watch, detail, seed, options);

        private void Record(string step, RunStepOutcome outcome, Stopwatch watch, string detail, long? seed, Dictionary<string, object?> options)
        {
            var seconds = watch.Elapsed.TotalSeconds;
            steps.Add(new RunStepResult(step, outcome, detail, seed, seconds));
            manifestSteps.Add(new ManifestStep(step, outcome, detail, seed, seconds, new SortedDictionary<string, object?>(options, StringComparer.Ordinal)));
            progress.End();
        }

        /// <summary>Errors without a file are about the project's settings: name the project file.</summary>
        private T WithProject<T>(Func<T> work)
        {
            try
            {
                return work();
            }
            catch (SynthVaultException e) when (e.File is null)
            {
                throw e.WithFile(plan.ProjectPath);
            }
        }

        private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One progress stream for the whole run: overall fraction over the steps, and "step k/N name: inner" as the message.</summary>
    private sealed class StepProgress(IProgress<ProgressUpdate>? outer, List<string> names) : IProgress<ProgressUpdate>
    {
        private const long Unit = 1000;
        private int index = -1;

        public void Begin(string step)
        {
            index = names.IndexOf(step);
            outer?.Report(new ProgressUpdate(ProgressStage, index * Unit, names.Count * Unit, Label()));
        }

        public void End() => outer?.Report(new ProgressUpdate(ProgressStage, (index + 1) * Unit, names.Count * Unit, Label() + ": done"));

        public void Report(ProgressUpdate value)
        {
            ArgumentNullException.ThrowIfNull(value);
            var inner = value.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $"{value.Stage} {value.Fraction:P0}") : value.Stage;
            outer?.Report(new ProgressUpdate(ProgressStage, (index * Unit) + (long)(value.Fraction * Unit), names.Count * Unit, $"{Label()}: {inner}"));
        }

        private string Label() => string.Create(CultureInfo.InvariantCulture, $"step {index + 1}/{names.Count} {names[index]}");
    }
}
