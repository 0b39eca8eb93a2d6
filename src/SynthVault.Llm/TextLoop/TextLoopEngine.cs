using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Evaluation.Text;
using SynthVault.Llm.Generation;

namespace SynthVault.Llm.TextLoop;

/// <summary>How a call of <see cref="TextLoopEngine.RunAsync(TextLoopInput, string, IProgress{ProgressUpdate}, CancellationToken)"/> ended.</summary>
public enum TextLoopStatus
{
    /// <summary>The target was reached or every round ran.</summary>
    Completed,

    /// <summary>Stopped early: diversity fell below the seeds' by more than the margin (mode collapse).</summary>
    ModeCollapse,

    /// <summary>A round's review sample waits for a person; run again once the decisions are in.</summary>
    AwaitingReview,
}

/// <summary>The result of <see cref="TextLoopEngine.RunAsync(TextLoopInput, string, IProgress{ProgressUpdate}, CancellationToken)"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Message">One or two sentences for the user (what happened, what to do next).</param>
/// <param name="Kept">Samples in the output (samples.jsonl).</param>
/// <param name="Round">The round the run is in (or ended in).</param>
/// <param name="PendingReview">Items still waiting for a decision (0 unless awaiting review).</param>
/// <param name="Files">Where the run's data sets are: the inputs of the end-of-run downstream check.</param>
public sealed record TextLoopOutcome(TextLoopStatus Status, string Message, int Kept, int Round, int PendingReview, TextRunFiles? Files = null)
{
    /// <summary>
    /// True when the run stopped (not waiting for review) and has a real evaluation set: the moment to call the
    /// downstream check (train on <see cref="TextRunFiles.TrainingSeeds"/> plus <see cref="TextRunFiles.Synthetic"/>,
    /// score on <see cref="TextRunFiles.Eval"/>).
    /// </summary>
    public bool ReadyForDownstreamCheck => Status != TextLoopStatus.AwaitingReview && Files?.Eval is not null;
}

/// <summary>
/// The data sets of a text run folder, for the end-of-run downstream check (a classifier trained on the real seeds
/// with and without the synthetic samples, scored on the real evaluation rows). Every path is absolute.
/// </summary>
/// <param name="RunDirectory">The run folder.</param>
/// <param name="TrainingSeeds">seeds-train.jsonl: the real seed rows the loop used, after the evaluation split (scrubbed).</param>
/// <param name="Synthetic">samples.jsonl: the accepted synthetic training output; null for a hard-mode run whose hard cases stay eval-only.</param>
/// <param name="Eval">eval.jsonl: the real evaluation rows (scrubbed), never seen by a model; null when there is none (unlabelled seeds, --eval-fraction 0).</param>
/// <param name="HardCases">hard-cases.jsonl: eval-only hard cases of a hard-mode run; null otherwise.</param>
public sealed record TextRunFiles(string RunDirectory, string TrainingSeeds, string? Synthetic, string? Eval, string? HardCases);

/// <summary>Names of the models for the report and the checkpoint.</summary>
/// <param name="Generator">The generating model (file name or client name).</param>
/// <param name="Judge">The judge; null when there is none.</param>
public sealed record TextLoopModels(string Generator, string? Judge);

/// <summary>
/// The loop that grows a small real seed set into many synthetic samples (issue 7): seeds are scrubbed of personal
/// data; each batch of requests asks the generator for variations (attribute grid, varied sampler, JSON through the
/// grammar); the critic rejects invalid output, personal data, exact and near duplicates (of seeds, of every accepted
/// sample, of batch mates) and what the judge scores low; each round sends a stratified sample to review; approved
/// samples join the examples of later rounds; a round whose diversity collapses stops the run. Everything lands in a
/// run folder (docs/TEXT-LOOP.md) and is checkpointed after every batch, so a killed run resumes where it stopped
/// and produces exactly what an uninterrupted run would.
/// </summary>
public sealed class TextLoopEngine
{
    private readonly ITextGenerator generator;
    private readonly ITextGenerator? judgeGenerator;
    private readonly TextLoopOptions options;
    private readonly TextLoopModels models;
    private readonly Action<string>? log;
    private readonly TimeProvider clock;

    /// <summary>
    /// A loop generating with <paramref name="generator"/> and judging with <paramref name="judge"/> (the same object is
    /// allowed, and warned about; null runs without a judge).
    /// </summary>
    public TextLoopEngine(ITextGenerator generator, ITextGenerator? judge, TextLoopOptions? options = null, TextLoopModels? models = null, Action<string>? log = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        this.generator = generator;
        judgeGenerator = judge;
        this.options = options ?? new TextLoopOptions();
        this.models = models ?? new TextLoopModels("generator", judge is null ? null : ReferenceEquals(judge, generator) ? "generator" : "judge");
        this.log = log;
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Completes the final report of a finished run that holds a real evaluation set: the downstream classifier check
    /// and the generator-bias comparison (issue #12) live in the App layer, which reads the run's files and returns
    /// the report with those sections added. Not called while a round waits for review, nor in eval-only hard mode.
    /// </summary>
    public Func<TextRunReport, TextRunFiles, TextRunReport>? CompleteFinalReport { get; init; }

    /// <summary>
    /// Runs (or resumes) the loop on <paramref name="seeds"/> in <paramref name="runDirectory"/> until the target is
    /// reached, every round ran, diversity collapses, or a review waits for a person.
    /// </summary>
    /// <exception cref="SynthVaultException">Bad options or seeds, or a run folder started with other seeds or options.</exception>
    public Task<TextLoopOutcome> RunAsync(IReadOnlyList<TextSeed> seeds, string runDirectory, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken) =>
        RunAsync(new TextLoopInput(seeds), runDirectory, progress, cancellationToken);

    /// <summary>
    /// Runs (or resumes) the loop on the rows of <paramref name="input"/>: a labelled set first loses its real
    /// evaluation set (<see cref="EvalGuard"/>), or uses the one the input names. Every check on the input runs before
    /// the run folder is created, so a refused run writes nothing.
    /// </summary>
    /// <exception cref="SynthVaultException">Bad options, seeds or evaluation set, seeds an earlier run held out, or a run folder started with other seeds or options.</exception>
    public async Task<TextLoopOutcome> RunAsync(TextLoopInput input, string runDirectory, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        var prepared = Prepare(input, options, runDirectory);
        try
        {
            Directory.CreateDirectory(runDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SynthVaultException($"cannot create the run folder: {e.Message}", file: runDirectory, hint: "Choose an --out folder you can write to.", inner: e);
        }

        var run = new Run(this, input, prepared, runDirectory, progress);
        return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every check <see cref="RunAsync(TextLoopInput, string, IProgress{ProgressUpdate}, CancellationToken)"/> makes
    /// before it writes anything (options, seeds, the evaluation split and the earlier runs' evaluation rows, hard-mode
    /// classes), without running: call it before loading a model so that bad input fails fast.
    /// </summary>
    /// <exception cref="SynthVaultException">As for RunAsync.</exception>
    public static EvalPlan Check(TextLoopInput input, TextLoopOptions options, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        return Prepare(input, options, runDirectory).Plan;
    }

    private static Prepared Prepare(TextLoopInput input, TextLoopOptions options, string runDirectory)
    {
        options.Validate();
        ValidateSeeds(input.Rows, input.RowsSource, "seed");
        if (input.Eval is not null)
        {
            ValidateSeeds(input.Eval, input.EvalSource, "evaluation");
        }

        var plan = EvalGuard.Plan(input, options, runDirectory);

        // Seeds and evaluation rows are scrubbed together: the real values of both go into the leak dictionary, so an
        // output repeating a phone number of an evaluation row is rejected like one repeating a seed's.
        var scrubbed = SeedScrubber.Scrub([.. plan.Seeds, .. plan.Eval]);
        var train = scrubbed.Seeds.Take(plan.Seeds.Count).ToList();
        var eval = scrubbed.Seeds.Skip(plan.Seeds.Count).ToList();
        var grid = options.Mode == TextLoopMode.Hard
            ? AttributeGrid.BuildHard(train, options, input.RowsSource)
            : AttributeGrid.Build(train, options.GridAttributes, scrubbed.PersonalFields);
        return new Prepared(plan, scrubbed, train, eval, grid);
    }

    /// <summary>The checked input: the evaluation plan, the scrubbed rows of both parts, the request grid.</summary>
    private sealed record Prepared(EvalPlan Plan, ScrubbedSeeds Scrubbed, IReadOnlyList<TextSeed> Train, IReadOnlyList<TextSeed> Eval, AttributeGrid Grid);

    private static void ValidateSeeds(IReadOnlyList<TextSeed> seeds, string? file, string what)
    {
        if (seeds.Count == 0)
        {
            throw new SynthVaultException($"the {what} set is empty.", file: file, hint: "Give 30 to 100 real examples.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < seeds.Count; i++)
        {
            if (!ids.Add(seeds[i].Id))
            {
                throw new SynthVaultException($"{what} id '{seeds[i].Id}' appears twice.", file: file, row: seeds[i].Row ?? i + 1, hint: "Give every example a unique id, or leave the id column out so row numbers are used.");
            }

            if (string.IsNullOrWhiteSpace(seeds[i].Text))
            {
                throw new SynthVaultException($"a {what} row has no text.", file: file, row: seeds[i].Row ?? i + 1, hint: "Remove empty examples from the file.");
            }
        }
    }

    /// <summary>One execution: the in-memory picture of the run folder, rebuilt on every start.</summary>
    private sealed class Run
    {
        private readonly TextLoopEngine loop;
        private readonly TextLoopOptions o;
        private readonly TextLoopInput input;
        private readonly EvalPlan plan;
        private readonly IReadOnlyList<TextSeed> seeds;
        private readonly IReadOnlyList<TextSeed> trainSeeds;
        private readonly IReadOnlyList<TextSeed> evalRows;
        private readonly NearDuplicateIndex evalIndex;
        private readonly bool hardOnly;
        private readonly string dir;
        private readonly IProgress<ProgressUpdate>? progress;
        private readonly SeedStreams streams;
        private readonly ScrubbedSeeds scrubbed;
        private readonly PiiGate gate;
        private readonly AttributeGrid grid;
        private readonly LlmJudge? judge;
        private readonly NearDuplicateIndex index;
        private readonly ExamplePool pool = new();
        private readonly List<AcceptedSample> accepted = [];
        private readonly Dictionary<string, ReviewRecord> applied = new(StringComparer.Ordinal);
        private LoopState state = new();

        public Run(TextLoopEngine loop, TextLoopInput input, Prepared prepared, string dir, IProgress<ProgressUpdate>? progress)
        {
            this.loop = loop;
            o = loop.options;
            this.input = input;
            plan = prepared.Plan;
            seeds = plan.Seeds;
            trainSeeds = prepared.Train;
            evalRows = prepared.Eval;
            hardOnly = o.Mode == TextLoopMode.Hard && !o.HardIntoTraining;
            this.dir = dir;
            this.progress = progress;
            streams = new SeedStreams(o.Seed);
            scrubbed = prepared.Scrubbed;
            gate = new PiiGate(scrubbed.Leaks, o.RejectUrls);
            grid = prepared.Grid;
            evalIndex = new NearDuplicateIndex(o.EvalCopyThreshold, o.ShingleSize, seed: streams.Child("dedup-eval").RootSeed);
            judge = loop.judgeGenerator is null ? null : new LlmJudge(loop.judgeGenerator, o.Domain, o.JudgeMaxTokens);
            index = new NearDuplicateIndex(o.NearDuplicateThreshold, o.ShingleSize, seed: streams.Child("dedup").RootSeed);
        }

        public async Task<TextLoopOutcome> ExecuteAsync(CancellationToken ct)
        {
            Restore();
            if (state.Phase == LoopPhase.Finished)
            {
                return new TextLoopOutcome(
                    state.StopReason?.StartsWith("mode collapse", StringComparison.Ordinal) == true ? TextLoopStatus.ModeCollapse : TextLoopStatus.Completed,
                    $"This run already finished: {state.StopReason} The output is {OutputFile}.",
                    Kept().Count,
                    state.Round,
                    0,
                    Files());
            }

            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (state.Rounds.Count < state.Round)
                {
                    StartRound();
                }

                var round = state.Current;
                if (state.Phase == LoopPhase.Generating)
                {
                    var maxBatches = MaxBatches(round.Quota);
                    while (round.Accepted < round.Quota && state.NextBatch < maxBatches)
                    {
                        await RunBatchAsync(state.Round, state.NextBatch, ct).ConfigureAwait(false);
                        state.NextBatch++;
                        round.Batches = state.NextBatch;
                        state.Save(dir);
                        progress?.Report(new ProgressUpdate(R($"round {state.Round}"), Math.Min(round.Accepted, round.Quota), round.Quota, R($"{round.Accepted} accepted of {round.Candidates} candidates")));
                    }

                    if (round.Accepted < round.Quota)
                    {
                        Warn(R($"Round {state.Round} accepted {round.Accepted} of its quota of {round.Quota} after {round.Candidates} candidates (the limit is {o.MaxCandidatesPerSample} per sample); see rejected.jsonl for why."));
                    }

                    WriteReviewFile(round);
                }

                if (state.Phase == LoopPhase.AwaitingReview)
                {
                    var queue = ReviewQueue.Load(dir, state.Round);
                    if (o.ReviewMode == ReviewMode.AutoApprove)
                    {
                        foreach (var item in queue.Pending)
                        {
                            queue.Record(new ReviewRecord(item.Id, ReviewDecision.Approve, null, null, Auto: true));
                        }

                        queue.Save();
                    }

                    if (!queue.IsComplete)
                    {
                        var pending = queue.Pending.Count;
                        return new TextLoopOutcome(
                            TextLoopStatus.AwaitingReview,
                            R($"Round {state.Round}: review {pending} of {queue.Items.Count} items with 'synthvault text review {dir}' then run the same command again to continue."),
                            Kept().Count,
                            state.Round,
                            pending,
                            Files());
                    }

                    ApplyDecisions(round, queue.Decisions);
                }

                if (EndRound(round) is { } outcome)
                {
                    return outcome;
                }
            }
        }

        private int MaxBatches(int quota) => (int)Math.Ceiling(quota * (double)o.MaxCandidatesPerSample / o.CandidatesPerBatch);

        /// <summary>Checks the folder belongs to this run, drops lines of a batch that was cut short, and rebuilds memory.</summary>
        private void Restore()
        {
            var fingerprint = Fingerprint(input.Rows);
            var settings = Settings();
            var saved = LoopState.Load(dir);
            if (saved is null)
            {
                if (File.Exists(Path.Combine(dir, RunFolder.Accepted)))
                {
                    throw new SynthVaultException("the run folder has accepted samples but no state.json.", file: dir, hint: "Use an empty --out folder for a new run.");
                }

                state = new LoopState { SeedFingerprint = fingerprint, Settings = settings, EvalGuard = GuardState() };
                StartWarnings();
                state.Save(dir);
            }
            else
            {
                if (saved.Version != LoopState.CurrentVersion)
                {
                    throw new SynthVaultException(R($"the run folder was written by a SynthVault with checkpoint version {saved.Version}; this one reads version {LoopState.CurrentVersion}."), file: dir);
                }

                if (saved.SeedFingerprint != fingerprint)
                {
                    throw new SynthVaultException("the run folder was started from different seeds.", file: dir, hint: "Resume with the same seed file, or use a new --out folder.");
                }

                var changed = settings.Keys.Union(saved.Settings.Keys)
                    .Where(k => settings.GetValueOrDefault(k) != saved.Settings.GetValueOrDefault(k))
                    .Select(k => $"{k} (was {saved.Settings.GetValueOrDefault(k) ?? "unset"}, now {settings.GetValueOrDefault(k) ?? "unset"})")
                    .ToList();
                if (changed.Count > 0)
                {
                    throw new SynthVaultException($"the run folder was started with other options: {string.Join("; ", changed)}.", file: dir, hint: "Resume with the same options, or use a new --out folder.");
                }

                state = saved;
            }

            // The seeds the loop used and the real evaluation rows, scrubbed (same content on every start).
            RunFolder.Rewrite(Path.Combine(dir, RunFolder.TrainingSeeds), trainSeeds.Select(t => new RealRowLine(t.Id, t.Row, "train", t.Text, t.Label, t.Fields)));
            if (plan.Source != EvalSetSource.None)
            {
                RunFolder.Rewrite(Path.Combine(dir, RunFolder.Eval), evalRows.Select(e => new RealRowLine(e.Id, e.Row, "eval", e.Text, e.Label, e.Fields)));
            }

            foreach (var seed in trainSeeds)
            {
                index.Add("seed:" + seed.Id, seed.Text);
                pool.Add(new PoolExample("seed:" + seed.Id, seed.Text, seed.Label, seed.Fields));
            }

            // Evaluation rows only ever reject: a separate index, never the example pool. Both the real text and the
            // scrubbed one (which is what a model imitating the style would write, placeholders included) are indexed.
            for (var i = 0; i < evalRows.Count; i++)
            {
                var id = "eval:" + evalRows[i].Where;
                evalIndex.Add(id, plan.Eval[i].Text);
                if (evalRows[i].Text != plan.Eval[i].Text)
                {
                    evalIndex.Add(id, evalRows[i].Text);
                }
            }

            var acceptedPath = Path.Combine(dir, RunFolder.Accepted);
            var rejectedPath = Path.Combine(dir, RunFolder.Rejected);
            var lines = RunFolder.ReadLines<AcceptedSample>(acceptedPath);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var kept = lines.Where(a => state.Covers(a.Round, a.Batch) && ids.Add(a.Id)).ToList();
            if (kept.Count != lines.Count || HasTornLine(acceptedPath))
            {
                RunFolder.Rewrite(acceptedPath, kept);
            }

            var rejectedLines = RunFolder.ReadLines<RejectedSample>(rejectedPath);
            var rejectedIds = new HashSet<string>(StringComparer.Ordinal);
            var rejectedKept = rejectedLines.Where(r => state.Covers(r.Round, r.Batch) && rejectedIds.Add(r.Id)).ToList();
            if (rejectedKept.Count != rejectedLines.Count || HasTornLine(rejectedPath))
            {
                RunFolder.Rewrite(rejectedPath, rejectedKept);
            }

            // Rebuild in the order an uninterrupted run built it: each round's samples, then that round's review.
            foreach (var r in state.Rounds)
            {
                foreach (var a in kept.Where(a => a.Round == r.Round))
                {
                    accepted.Add(a);
                    index.Add(a.Id, a.Text);
                }

                if (r.ReviewApplied)
                {
                    foreach (var decision in RunFolder.ReadLines<ReviewRecord>(Path.Combine(dir, RunFolder.DecisionsFile(r.Round))))
                    {
                        AddDecision(decision, recount: null);
                    }
                }
            }
        }

        private static bool HasTornLine(string path) => File.Exists(path) && new FileInfo(path).Length > 0 && !File.ReadAllText(path).EndsWith('\n');

        private void StartWarnings()
        {
            if (loop.judgeGenerator is null)
            {
                Warn("No judge: realism and label fit are not checked; only schema, duplicates and personal data are.");
            }
            else if (ReferenceEquals(loop.judgeGenerator, loop.generator) || loop.models.Judge == loop.models.Generator)
            {
                Warn("The judge is the generating model: it tends to rate its own phrasing as natural. Give a different judge model for a stronger check.");
            }

            if (seeds.Count < 30)
            {
                Warn(R($"Only {seeds.Count} seeds: 30 to 100 real examples give the generator enough variety to start from."));
            }

            foreach (var note in plan.Notes)
            {
                Warn(note);
            }

            if (plan.Source != EvalSetSource.None)
            {
                var from = plan.Source == EvalSetSource.File ? "from " + Path.GetFileName(input.EvalSource ?? "the evaluation file") : R($"held out of the seeds ({o.EvalFraction:0%} per class)");
                Log(R($"Real evaluation set: {plan.Eval.Count} rows {from} ({string.Join(", ", plan.EvalByClass.Select(kv => $"{kv.Key} {kv.Value}"))}) in {RunFolder.Eval}; never shown to a model; {seeds.Count} rows are seeds."));
            }

            if (o.Mode == TextLoopMode.Hard)
            {
                if (loop.judgeGenerator is null)
                {
                    Warn("Hard mode without a judge: nothing checks that a hard case still carries its intended label; review them all before using them.");
                }

                Log(hardOnly
                    ? $"Hard mode: hard cases go to {RunFolder.HardCases}, tagged eval-only; they never join the training output or the example pool."
                    : $"Hard mode with --hard-into-training: hard cases go to {RunFolder.Samples} and the example pool, tagged split \"train\"; do not also use them for evaluation.");
            }

            if (o.ReviewMode == ReviewMode.AutoApprove && o.ReviewFraction > 0)
            {
                Warn("Review is auto-approved: no person looked at the samples; run-stats.json and the report say so.");
            }

            if (scrubbed.Found.Count > 0)
            {
                Log(R($"Seeds scrubbed before prompting: {string.Join(", ", scrubbed.Found.Select(f => $"{f.Value} {f.Key}"))}; {scrubbed.Leaks.Count} real values are held (in memory only) for the PII gate."));
            }
        }

        private EvalGuardState GuardState() => new()
        {
            Source = plan.Source switch { EvalSetSource.Split => "split", EvalSetSource.File => "file", _ => "none" },
            File = plan.Source == EvalSetSource.File && input.EvalSource is not null ? Path.GetFileName(input.EvalSource) : null,
            Fraction = plan.Source == EvalSetSource.Split ? o.EvalFraction : null,
            Rows = plan.Eval.Count,
            ByClass = new SortedDictionary<string, int>(plan.EvalByClass.ToDictionary(), StringComparer.Ordinal),
            Hashes = [.. plan.EvalHashes],
        };

        /// <summary>The file the kept samples go to: hard-cases.jsonl for eval-only hard cases, else samples.jsonl.</summary>
        private string OutputFile => hardOnly ? RunFolder.HardCases : RunFolder.Samples;

        private TextRunFiles Files()
        {
            var full = Path.GetFullPath(dir);
            return new TextRunFiles(
                full,
                Path.Combine(full, RunFolder.TrainingSeeds),
                hardOnly ? null : Path.Combine(full, RunFolder.Samples),
                plan.Source == EvalSetSource.None ? null : Path.Combine(full, RunFolder.Eval),
                hardOnly ? Path.Combine(full, RunFolder.HardCases) : null);
        }

        private void StartRound()
        {
            var kept = Kept().Count;
            var roundsLeft = o.Rounds - state.Round + 1;
            var quota = (int)Math.Ceiling(Math.Max(0, o.Target - kept) / (double)roundsLeft);
            state.Rounds.Add(new RoundCounters { Round = state.Round, Quota = quota });
            state.NextBatch = 0;
            state.Phase = LoopPhase.Generating;
            state.Save(dir);
        }

        private async Task RunBatchAsync(int round, int batch, CancellationToken ct)
        {
            var counters = state.Current;
            var requests = new List<GenerationRequest>(o.RequestsPerBatch);
            var meta = new List<(GridCell Cell, SampleProvenance Provenance)>(o.RequestsPerBatch);
            var schema = Prompts.GenerationSchema(o.VariationsPerRequest, o.MinChars, o.MaxChars);
            for (var q = 0; q < o.RequestsPerBatch; q++)
            {
                var g = (batch * o.RequestsPerBatch) + q;
                var cell = grid.CellFor(streams, round, g);
                var rng = streams.CreateGenerator(R($"request.r{round}"), g);
                var temperature = (float)(o.MinTemperature + ((o.MaxTemperature - o.MinTemperature) * rng.NextDouble()));
                var topP = (float)(o.MinTopP + ((o.MaxTopP - o.MinTopP) * rng.NextDouble()));
                var seed = (uint)(streams.DeriveSeed(R($"sampler.r{round}"), g) & 0x7FFF_FFFF);
                var examples = cell.HardKind is null ? pool.Choose(cell, o.ExamplesPerPrompt, ref rng) : pool.ChooseForHard(cell, o.ExamplesPerPrompt, ref rng);
                requests.Add(new GenerationRequest
                {
                    Messages = Prompts.Generation(o.Domain, cell, examples, o.VariationsPerRequest),
                    Sampler = new SamplerOptions { Temperature = temperature, TopP = topP, Seed = seed },
                    MaxTokens = o.MaxTokens,
                    JsonSchema = schema,
                });
                meta.Add((cell, new SampleProvenance(seed, temperature, topP, [.. examples.Select(e => e.Id)])));
            }

            var results = await loop.generator.GenerateAsync(requests, ct).ConfigureAwait(false);
            if (results.Count != requests.Count)
            {
                throw new InvalidOperationException("the generator returned a different number of results than requests");
            }

            var newAccepted = new List<AcceptedSample>();
            var newRejected = new List<RejectedSample>();
            var survivors = new List<(string Id, string Text, GridCell Cell, SampleProvenance Provenance, List<CheckOutcome> Checks, ShingledText Shingled)>();
            long promptTokens = 0, outputTokens = 0;
            var candidates = 0;
            for (var q = 0; q < results.Count; q++)
            {
                var result = results[q];
                promptTokens += result.PromptTokens > 0 ? result.PromptTokens : EstimateTokens(requests[q]);
                outputTokens += result.GeneratedTokens > 0 ? result.GeneratedTokens : (result.Text.Length + 3) / 4;
                var requestId = R($"r{round}-b{batch:D4}-q{q}");
                var texts = Prompts.ParseVariations(result.Text);
                if (texts is null || (result.SchemaErrors is { Count: > 0 } && texts.Count == 0))
                {
                    candidates++;
                    var detail = result.Finish == FinishReason.Length ? "the answer hit the token limit before the JSON was complete" : "the answer is not the JSON asked for";
                    newRejected.Add(new RejectedSample(requestId + "-v*", round, batch, Redacted(result.Text), "schema", [new CheckOutcome("schema", false, detail)]));
                    counters.Reject("schema");
                    continue;
                }

                for (var v = 0; v < texts.Count; v++)
                {
                    candidates++;
                    var id = R($"{requestId}-v{v}");
                    var text = texts[v]?.Trim();
                    var checks = new List<CheckOutcome>();
                    if (string.IsNullOrEmpty(text) || text.Length < o.MinChars || text.Length > o.MaxChars)
                    {
                        checks.Add(new CheckOutcome("schema", false, text is null ? "no \"text\" string" : R($"{text.Length} characters, outside {o.MinChars}–{o.MaxChars}")));
                        newRejected.Add(new RejectedSample(id, round, batch, Redacted(text ?? ""), "schema", checks));
                        counters.Reject("schema");
                        continue;
                    }

                    checks.Add(new CheckOutcome("schema", true, null));
                    var findings = gate.Check(text);
                    if (findings.Count > 0)
                    {
                        var leak = findings.Any(f => f.IsLeak);
                        var reason = leak ? "pii-leak" : "pii";
                        var kinds = findings.Select(f => f.Kind).Distinct(StringComparer.Ordinal).ToList();
                        checks.Add(new CheckOutcome("pii", false, (leak ? "repeats a real value from the input: " : "personal data: ") + string.Join(", ", kinds)));
                        newRejected.Add(new RejectedSample(id, round, batch, gate.Redact(text, findings), reason, checks));
                        counters.Reject(reason);
                        foreach (var kind in kinds)
                        {
                            counters.RejectedPii[kind] = counters.RejectedPii.GetValueOrDefault(kind) + 1;
                        }

                        continue;
                    }

                    checks.Add(new CheckOutcome("pii", true, null));

                    // Before the duplicate checks and the judge: a near copy of a real evaluation row must never reach
                    // the judge's prompt, and must be named as what it is.
                    if (evalRows.Count > 0)
                    {
                        if (evalIndex.FindMatch(evalIndex.Prepare(text)) is { } evalMatch)
                        {
                            checks.Add(new CheckOutcome(EvalCopyReason, false, EvalDetail(evalMatch)));
                            newRejected.Add(new RejectedSample(id, round, batch, text, EvalCopyReason, checks));
                            counters.Reject(EvalCopyReason);
                            continue;
                        }

                        checks.Add(new CheckOutcome(EvalCopyReason, true, null));
                    }

                    var shingled = index.Prepare(text);
                    if (index.FindMatch(shingled) is { } match)
                    {
                        Duplicate(id, text, match, checks, newRejected, counters, round, batch);
                        continue;
                    }

                    checks.Add(new CheckOutcome("near-duplicate", true, null));
                    survivors.Add((id, text, meta[q].Cell, meta[q].Provenance, checks, shingled));
                }
            }

            IReadOnlyList<JudgeVerdict> verdicts = [];
            if (judge is not null && survivors.Count > 0)
            {
                verdicts = await judge.JudgeAsync([.. survivors.Select(s => new JudgeInput(s.Text, s.Cell.Label, s.Cell.Fields) { HardKind = s.Cell.HardKind, Contrast = s.Cell.Contrast })], ct).ConfigureAwait(false);
                counters.JudgeCalls += verdicts.Count;
                for (var i = 0; i < verdicts.Count; i++)
                {
                    counters.JudgePromptTokens += verdicts[i].PromptTokens > 0 ? verdicts[i].PromptTokens : 0;
                    counters.JudgeOutputTokens += verdicts[i].OutputTokens;
                }
            }

            var batchIndex = new NearDuplicateIndex(o.NearDuplicateThreshold, o.ShingleSize, seed: streams.Child("dedup").RootSeed);
            for (var i = 0; i < survivors.Count; i++)
            {
                var s = survivors[i];
                int? score = null;
                string? why = null;
                if (judge is not null)
                {
                    var verdict = verdicts[i];

                    // A hard case whose label the judge disputes is not a hard case of that label: its own reason.
                    if (s.Cell.HardKind is not null && verdict.Valid && !verdict.LabelFits)
                    {
                        s.Checks.Add(new CheckOutcome(LabelMismatchReason, false, $"the judge does not read it as \"{s.Cell.Label}\" (against \"{s.Cell.Contrast}\"): {verdict.Reason}"));
                        newRejected.Add(new RejectedSample(s.Id, round, batch, s.Text, LabelMismatchReason, s.Checks));
                        counters.Reject(LabelMismatchReason);
                        continue;
                    }

                    var fails = !verdict.Valid ? verdict.Reason
                        : verdict.Score < o.MinJudgeScore ? R($"score {verdict.Score} < {o.MinJudgeScore}: {verdict.Reason}")
                        : o.RequireLabelFit && s.Cell.Label is not null && !verdict.LabelFits ? $"does not fit label \"{s.Cell.Label}\": {verdict.Reason}"
                        : null;
                    if (fails is not null)
                    {
                        s.Checks.Add(new CheckOutcome("judge", false, fails));
                        newRejected.Add(new RejectedSample(s.Id, round, batch, s.Text, "judge", s.Checks));
                        counters.Reject("judge");
                        continue;
                    }

                    score = verdict.Score;
                    why = verdict.Reason;
                    s.Checks.Add(new CheckOutcome("judge", true, R($"score {verdict.Score}: {verdict.Reason}")));
                }

                if (batchIndex.FindMatch(s.Shingled) is { } mate)
                {
                    Duplicate(s.Id, s.Text, mate, s.Checks, newRejected, counters, round, batch, "batch mate ");
                    continue;
                }

                batchIndex.Add(s.Id, s.Shingled);
                newAccepted.Add(new AcceptedSample(
                    s.Id, round, batch, s.Text, s.Cell.Label, s.Cell.Fields, score, why, s.Checks, s.Provenance,
                    s.Cell.HardKind is null ? null : hardOnly ? HardCases.EvalOnly : HardCases.Train,
                    s.Cell.HardKind,
                    s.Cell.Contrast));
            }

            // Durable first, then the checkpoint that counts them (the caller saves state.json).
            RunFolder.Append(Path.Combine(dir, RunFolder.Accepted), newAccepted);
            RunFolder.Append(Path.Combine(dir, RunFolder.Rejected), newRejected);
            foreach (var a in newAccepted)
            {
                accepted.Add(a);
                index.Add(a.Id, a.Text);
            }

            counters.Candidates += candidates;
            counters.Accepted += newAccepted.Count;
            counters.GenerationCalls += requests.Count;
            counters.PromptTokens += promptTokens;
            counters.OutputTokens += outputTokens;
        }

        private static string EvalDetail(NearMatch match)
        {
            var what = "eval " + match.Id["eval:".Length..];
            return match.Exact ? $"same text as {what}" : R($"Jaccard {match.Jaccard:0.00} with {what}");
        }

        private static void Duplicate(string id, string text, NearMatch match, List<CheckOutcome> checks, List<RejectedSample> rejected, RoundCounters counters, int round, int batch, string of = "")
        {
            var reason = match.Exact ? "exact-duplicate" : "near-duplicate";
            var what = match.Id.StartsWith("seed:", StringComparison.Ordinal) ? "seed " + match.Id[5..] : of + match.Id;
            checks.Add(new CheckOutcome(reason, false, match.Exact ? $"same text as {what}" : R($"Jaccard {match.Jaccard:0.00} with {what}")));
            rejected.Add(new RejectedSample(id, round, batch, text, reason, checks));
            counters.Reject(reason);
        }

        private string Redacted(string text) => gate.Redact(text);

        private static int EstimateTokens(GenerationRequest request) =>
            ((request.Messages?.Sum(m => m.Text.Length) ?? request.Prompt?.Length ?? 0) + 3) / 4;

        /// <summary>Picks the review sample and writes it (or skips review when there is nothing to sample).</summary>
        private void WriteReviewFile(RoundCounters round)
        {
            var items = ReviewSample(round.Round);
            round.ReviewItems = items.Count;
            if (items.Count == 0)
            {
                round.ReviewApplied = true;
                state.Phase = LoopPhase.AwaitingReview;
                RunFolder.Rewrite(Path.Combine(dir, RunFolder.ReviewFile(round.Round)), Array.Empty<ReviewItem>());
                state.Save(dir);
                return;
            }

            RunFolder.Rewrite(Path.Combine(dir, RunFolder.ReviewFile(round.Round)), items);
            state.Phase = LoopPhase.AwaitingReview;
            state.Save(dir);
            Log(R($"Round {round.Round}: {items.Count} samples for review in {RunFolder.ReviewFile(round.Round)}."));
        }

        /// <summary>
        /// A stratified sample of the round's accepted samples: sorted by stratum (label and attributes, then judge
        /// score) with a seeded random order inside each, then every k-th taken from a random start (systematic sampling),
        /// which allocates the sample to strata in proportion to their size (Cochran, <i>Sampling Techniques</i>, ch. 8).
        /// </summary>
        private List<ReviewItem> ReviewSample(int round)
        {
            var pool = accepted.Where(a => a.Round == round).ToList();
            if (pool.Count == 0 || o.ReviewFraction <= 0)
            {
                return [];
            }

            var n = Math.Clamp((int)Math.Round(o.ReviewFraction * pool.Count, MidpointRounding.AwayFromZero), 1, pool.Count);
            var rng = streams.CreateGenerator("review", round);
            var keyed = pool.Select(a => (Stratum: new GridCell(a.Label, a.Fields).Key + "|" + (a.JudgeScore ?? 0).ToString(CultureInfo.InvariantCulture), Tie: rng.NextDouble(), Sample: a)).ToList();
            keyed.Sort((x, y) =>
            {
                var byStratum = string.CompareOrdinal(x.Stratum, y.Stratum);
                return byStratum != 0 ? byStratum : x.Tie.CompareTo(y.Tie);
            });
            var step = pool.Count / (double)n;
            var start = rng.NextDouble() * step;
            var items = new List<ReviewItem>(n);
            for (var i = 0; i < n; i++)
            {
                var a = keyed[Math.Min(pool.Count - 1, (int)(start + (i * step)))].Sample;
                var reasons = a.Checks.Select(c => c.Detail is null ? c.Check + ": passed" : c.Check + ": " + c.Detail);
                if (a.HardKind is not null)
                {
                    reasons = reasons.Prepend($"hard case ({a.HardKind}): must still be \"{a.Label}\", not \"{a.Contrast}\"");
                }

                items.Add(new ReviewItem(a.Id, a.Round, a.Text, a.Label, a.Fields, a.JudgeScore, a.JudgeReason, [.. reasons]));
            }

            return items;
        }

        private void ApplyDecisions(RoundCounters round, IReadOnlyList<ReviewRecord> decisions)
        {
            round.Approved = round.Edited = round.ReviewRejected = round.HumanDecisions = round.AutoApproved = 0;
            round.ReviewSeconds = 0;
            foreach (var d in decisions)
            {
                AddDecision(d, round);
            }

            round.ReviewApplied = true;
        }

        /// <summary>Applies one decision to memory (pool, index, output) and, when <paramref name="recount"/> is given, to its counters.</summary>
        private void AddDecision(ReviewRecord decision, RoundCounters? recount)
        {
            var sample = accepted.FirstOrDefault(a => a.Id == decision.Id);
            if (sample is null)
            {
                return;
            }

            var effective = decision;
            if (decision.Decision == ReviewDecision.Edit)
            {
                var problem = EditProblem(sample, decision.EditedText ?? "");
                if (problem is not null)
                {
                    effective = decision with { Decision = ReviewDecision.Reject };
                    if (recount is not null)
                    {
                        Warn($"The edit of {decision.Id} was not kept ({problem}); the sample is dropped.");
                    }
                }
            }

            applied[decision.Id] = effective;
            if (recount is not null)
            {
                if (decision.Auto)
                {
                    recount.AutoApproved++;
                }
                else
                {
                    recount.HumanDecisions++;
                    recount.ReviewSeconds += decision.SecondsSpent ?? 0;
                }
            }

            switch (effective.Decision)
            {
                case ReviewDecision.Approve:
                    if (!hardOnly)
                    {
                        pool.Add(new PoolExample(sample.Id, sample.Text, sample.Label, sample.Fields));
                    }

                    if (recount is not null)
                    {
                        recount.Approved++;
                    }

                    break;
                case ReviewDecision.Edit:
                    if (!hardOnly)
                    {
                        pool.Add(new PoolExample(sample.Id, effective.EditedText!, sample.Label, sample.Fields));
                    }

                    index.Add(sample.Id, effective.EditedText!);
                    if (recount is not null)
                    {
                        recount.Approved++;
                        recount.Edited++;
                    }

                    break;
                default:
                    if (recount is not null)
                    {
                        recount.ReviewRejected++;
                    }

                    break;
            }
        }

        /// <summary>Why an edited text cannot be kept (personal data, a duplicate, the length limits), or null.</summary>
        private string? EditProblem(AcceptedSample sample, string edited)
        {
            if (edited.Length < o.MinChars || edited.Length > o.MaxChars)
            {
                return R($"{edited.Length} characters, outside {o.MinChars}–{o.MaxChars}");
            }

            var findings = gate.Check(edited);
            if (findings.Count > 0)
            {
                return "personal data: " + string.Join(", ", findings.Select(f => f.Kind).Distinct(StringComparer.Ordinal));
            }

            if (evalRows.Count > 0 && evalIndex.FindMatch(evalIndex.Prepare(edited)) is { } evalMatch)
            {
                return EvalCopyReason + ": " + EvalDetail(evalMatch);
            }

            return index.FindMatch(index.Prepare(edited), sample.Id) is { } match
                ? (match.Exact ? "same text as " : "near duplicate of ") + (match.Id.StartsWith("seed:", StringComparison.Ordinal) ? "seed " + match.Id[5..] : match.Id)
                : null;
        }

        /// <summary>The output: accepted samples not rejected in review, with edits applied, in acceptance order.</summary>
        private List<OutputSample> Kept()
        {
            var output = new List<OutputSample>(accepted.Count);
            foreach (var a in accepted)
            {
                string? review = null;
                var text = a.Text;
                if (applied.TryGetValue(a.Id, out var d))
                {
                    if (d.Decision == ReviewDecision.Reject)
                    {
                        continue;
                    }

                    review = d.Auto ? "auto-approved" : d.Decision == ReviewDecision.Edit ? "edited" : "approved";
                    text = d.Decision == ReviewDecision.Edit ? d.EditedText! : a.Text;
                }

                output.Add(new OutputSample(a.Id, a.Round, text, a.Label, a.Fields, a.JudgeScore, review, a.Split, a.HardKind, a.Contrast));
            }

            return output;
        }

        /// <summary>Dashboard line, mode-collapse check, output files; returns an outcome when the run stops.</summary>
        private TextLoopOutcome? EndRound(RoundCounters round)
        {
            var kept = Kept();
            var roundTexts = kept.Where(k => k.Round == round.Round).Select(k => k.Text).ToList();
            var size = Math.Min(trainSeeds.Count, roundTexts.Count);
            DiversitySnapshot? diversity = null, baseline = null;
            var collapse = false;
            if (size >= 2)
            {
                var diversityOptions = new DiversityOptions(o.ShingleSize, Seed: o.Seed);
                diversity = DiversityMetrics.Measure(DiversityMetrics.Subsample(roundTexts, size, (long)streams.DeriveSeed("diversity-round", round.Round)), diversityOptions);
                baseline = DiversityMetrics.Measure(DiversityMetrics.Subsample([.. trainSeeds.Select(s => s.Text)], size, (long)streams.DeriveSeed("diversity-seeds", round.Round)), diversityOptions);
                collapse = size >= o.MinTextsForCollapseCheck && diversity.Distinct2 < baseline.Distinct2 * (1 - o.CollapseMargin);
            }

            var keptInRound = round.Accepted - round.ReviewRejected;
            round.Summary = new TextRoundSummary(
                round.Round,
                round.Candidates,
                round.Accepted,
                new SortedDictionary<string, int>(round.RejectedByReason, StringComparer.Ordinal),
                round.ReviewItems,
                round.Approved,
                round.Edited,
                round.ReviewRejected,
                round.Candidates == 0 ? double.NaN : keptInRound / (double)round.Candidates,
                diversity,
                baseline,
                collapse);
            Log(Dashboard(round, diversity, baseline));

            string? stop = null;
            var status = TextLoopStatus.Completed;
            if (collapse)
            {
                stop = R($"mode collapse: distinct-2 of round {round.Round} is {diversity!.Distinct2:0.000}, below the seeds' {baseline!.Distinct2:0.000} (at {size} texts each) by more than {o.CollapseMargin:0%}. Stopped early; the samples kept so far are in the output. Try more or more varied seeds, a higher temperature, or a lower --collapse-margin only if this variety is what you want.");
                status = TextLoopStatus.ModeCollapse;
            }
            else if (kept.Count >= o.Target)
            {
                stop = R($"target reached: {kept.Count} samples kept (target {o.Target}) after {round.Round} round(s).");
            }
            else if (state.Round >= o.Rounds)
            {
                stop = R($"all {o.Rounds} rounds ran: {kept.Count} samples kept of the target {o.Target}.");
            }

            if (stop is not null)
            {
                state.Phase = LoopPhase.Finished;
                state.StopReason = stop;
                Log(stop);
            }

            WriteOutputs(kept, stop);
            if (stop is null)
            {
                state.Round++;
                state.NextBatch = 0;
                state.Phase = LoopPhase.Generating;
            }

            state.Save(dir);
            return stop is null ? null : new TextLoopOutcome(status, stop, kept.Count, round.Round, 0, Files());
        }

        private string Dashboard(RoundCounters r, DiversitySnapshot? d, DiversitySnapshot? b)
        {
            var rejected = r.RejectedByReason.Values.Sum();
            var sb = new StringBuilder();
            sb.Append(R($"round {r.Round}/{o.Rounds}: {r.Candidates} candidates, {r.Accepted} accepted, {rejected} rejected"));
            if (rejected > 0)
            {
                sb.Append(" (").Append(string.Join(", ", r.RejectedByReason.Select(kv => R($"{kv.Key} {kv.Value}")))).Append(')');
            }

            if (r.ReviewItems > 0)
            {
                sb.Append(R($"; review {r.ReviewItems}: {r.Approved} approved ({r.Edited} edited), {r.ReviewRejected} rejected"));
                if (r.AutoApproved > 0)
                {
                    sb.Append(" [auto-approved, not human-reviewed]");
                }
            }

            if (d is not null && b is not null)
            {
                sb.Append(R($" | at {d.Count} texts vs seeds: distinct-1/2/3 {d.Distinct1:0.00}/{d.Distinct2:0.00}/{d.Distinct3:0.00} ({b.Distinct1:0.00}/{b.Distinct2:0.00}/{b.Distinct3:0.00})"));
                sb.Append(R($", compression {d.CompressionRatio:0.00} ({b.CompressionRatio:0.00}), self-BLEU {d.SelfBleu:0.00} ({b.SelfBleu:0.00}), similarity {d.MeanPairwiseSimilarity:0.00} ({b.MeanPairwiseSimilarity:0.00})"));
            }

            return sb.ToString();
        }

        private void WriteOutputs(List<OutputSample> kept, string? stop)
        {
            RunFolder.Rewrite(Path.Combine(dir, OutputFile), kept);
            WriteRunStats(kept.Count);
            var report = BuildReport(kept, stop);
            var files = Files();
            if (stop is not null && files.Eval is not null && files.Synthetic is not null && loop.CompleteFinalReport is { } complete)
            {
                report = complete(report, files);
            }

            TextReportWriter.WriteFiles(report, dir);
        }

        /// <summary>run-stats.json in the shape SynthVault.Planner.MeasuredRunStats reads (version 1), plus extra keys it ignores.</summary>
        private void WriteRunStats(int kept)
        {
            var rounds = state.Rounds;
            var candidates = rounds.Sum(r => r.Candidates);
            var calls = rounds.Sum(r => r.GenerationCalls);
            var acceptedCount = rounds.Sum(r => r.Accepted);
            var human = rounds.Sum(r => r.HumanDecisions);
            var seconds = rounds.Sum(r => r.ReviewSeconds);
            var path = Path.Combine(dir, RunFolder.RunStats);
            if (kept == 0 || candidates == 0 || calls == 0)
            {
                Warn("run-stats.json is not written: no sample was kept, so there is no acceptance rate to measure.");
                return;
            }

            var stats = new SortedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["schemaVersion"] = 1,
                ["acceptanceRate"] = kept / (double)candidates,
                ["samplesPerCall"] = Math.Max(1, candidates / (double)calls),
                ["promptTokensPerCall"] = rounds.Sum(r => r.PromptTokens) / (double)calls,
                ["outputTokensPerSample"] = Math.Max(1e-9, rounds.Sum(r => r.OutputTokens) / (double)candidates),
                ["reviewSecondsPerItem"] = human > 0 ? seconds / human : null,
                ["reviewFraction"] = acceptedCount == 0 ? 0 : human / (double)acceptedCount,

                // The loop never regenerates a rejected sample: every kept sample is one generate→critique pass.
                ["rounds"] = 1.0,
                ["humanReviewed"] = human > 0,
                ["autoApproved"] = rounds.Sum(r => r.AutoApproved),
                ["reviewMode"] = o.ReviewMode == ReviewMode.AutoApprove ? "auto-approve" : "file",
                ["candidates"] = candidates,
                ["accepted"] = acceptedCount,
                ["kept"] = kept,
                ["generationCalls"] = calls,
                ["loopRounds"] = rounds.Count,
                ["judgePromptTokensPerSample"] = rounds.Sum(r => r.JudgeCalls) == 0 ? 0 : rounds.Sum(r => r.JudgePromptTokens) / (double)rounds.Sum(r => r.JudgeCalls),
                ["judgeOutputTokensPerSample"] = rounds.Sum(r => r.JudgeCalls) == 0 ? 0 : rounds.Sum(r => r.JudgeOutputTokens) / (double)rounds.Sum(r => r.JudgeCalls),
            };
            RunFolder.WriteJson(path, stats);
        }

        private TextRunReport BuildReport(List<OutputSample> kept, string? stop)
        {
            var texts = kept.Select(k => k.Text).ToList();
            var seedTexts = trainSeeds.Select(s => s.Text).ToList();
            var size = Math.Min(seedTexts.Count, texts.Count);
            var diversityOptions = new DiversityOptions(o.ShingleSize, Seed: o.Seed);
            var outputDiversity = size >= 2 ? DiversityMetrics.Measure(DiversityMetrics.Subsample(texts, size, (long)streams.DeriveSeed("diversity-output")), diversityOptions) : null;
            var seedDiversity = seedTexts.Count >= 2 ? DiversityMetrics.Measure(DiversityMetrics.Subsample(seedTexts, size >= 2 ? size : seedTexts.Count, (long)streams.DeriveSeed("diversity-seeds-output")), diversityOptions) : null;

            // Memorization is measured against the real, unscrubbed seed and evaluation texts: held in memory, reported as numbers only.
            var memorization = texts.Count == 0 ? null : MemorizationMetrics.Measure(texts, [.. seeds.Select(s => s.Text), .. plan.Eval.Select(e => e.Text)], new MemorizationOptions(Seed: o.Seed));
            var outputFindings = new SortedDictionary<string, int>(StringComparer.Ordinal);
            var leaks = 0;
            foreach (var t in texts)
            {
                var findings = gate.Check(t);
                leaks += findings.Any(f => f.IsLeak) ? 1 : 0;
                foreach (var kind in findings.Where(f => !f.IsLeak).Select(f => f.Kind).Distinct(StringComparer.Ordinal))
                {
                    outputFindings[kind] = outputFindings.GetValueOrDefault(kind) + 1;
                }
            }

            var rejectedPii = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var (kind, count) in state.Rounds.SelectMany(r => r.RejectedPii))
            {
                rejectedPii[kind] = rejectedPii.GetValueOrDefault(kind) + count;
            }

            var human = state.Rounds.Sum(r => r.HumanDecisions);
            var labels = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in seeds.Where(s => s.Label is not null))
            {
                labels[s.Label!] = labels.GetValueOrDefault(s.Label!) + 1;
            }

            return new TextRunReport(
                new TextReportMetadata("SynthVault", typeof(TextRunReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", TextRunReport.CurrentReportVersion, loop.clock.GetUtcNow(), o.Seed, "grow", loop.models.Generator, judge is null ? null : loop.models.Judge, judge is not null && (ReferenceEquals(loop.judgeGenerator, loop.generator) || loop.models.Judge == loop.models.Generator)),
                new TextSeedSummary(seeds.Count, labels, new SortedDictionary<string, int>(scrubbed.Found.ToDictionary(), StringComparer.Ordinal), scrubbed.Leaks.Count),
                [.. state.Rounds.Where(r => r.Summary is not null).Select(r => r.Summary!)],
                texts.Count,
                outputDiversity,
                seedDiversity,
                memorization,
                new TextPiiSummary(rejectedPii, outputFindings, leaks),
                new TextReviewSummary(
                    o.ReviewFraction <= 0 ? "none" : o.ReviewMode == ReviewMode.AutoApprove ? "auto-approve" : "file",
                    human > 0,
                    state.Rounds.Sum(r => r.ReviewItems),
                    state.Rounds.Sum(r => r.Approved),
                    state.Rounds.Sum(r => r.ReviewRejected),
                    state.Rounds.Sum(r => r.Edited),
                    human > 0 ? state.Rounds.Sum(r => r.ReviewSeconds) / human : null),
                stop ?? R($"in progress: round {state.Round} of {o.Rounds} done."),
                [.. state.Warnings]);
        }

        private SortedDictionary<string, string> Settings()
        {
            var s = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["generator"] = loop.models.Generator,
                ["judge"] = judge is null ? "none" : loop.models.Judge ?? "judge",
                ["target"] = R($"{o.Target}"),
                ["rounds"] = R($"{o.Rounds}"),
                ["reviewFraction"] = R($"{o.ReviewFraction}"),
                ["requestsPerBatch"] = R($"{o.RequestsPerBatch}"),
                ["variationsPerRequest"] = R($"{o.VariationsPerRequest}"),
                ["examplesPerPrompt"] = R($"{o.ExamplesPerPrompt}"),
                ["grid"] = string.Join(",", o.GridAttributes),
                ["domain"] = o.Domain ?? "",
                ["nearDuplicateThreshold"] = R($"{o.NearDuplicateThreshold}"),
                ["shingleSize"] = R($"{o.ShingleSize}"),
                ["minJudgeScore"] = R($"{o.MinJudgeScore}"),
                ["requireLabelFit"] = R($"{o.RequireLabelFit}"),
                ["rejectUrls"] = R($"{o.RejectUrls}"),
                ["collapseMargin"] = R($"{o.CollapseMargin}"),
                ["minTextsForCollapseCheck"] = R($"{o.MinTextsForCollapseCheck}"),
                ["temperature"] = R($"{o.MinTemperature}-{o.MaxTemperature}"),
                ["topP"] = R($"{o.MinTopP}-{o.MaxTopP}"),
                ["maxTokens"] = R($"{o.MaxTokens}"),
                ["judgeMaxTokens"] = R($"{o.JudgeMaxTokens}"),
                ["chars"] = R($"{o.MinChars}-{o.MaxChars}"),
                ["maxCandidatesPerSample"] = R($"{o.MaxCandidatesPerSample}"),
                ["seed"] = R($"{o.Seed}"),
                ["eval"] = EvalGuard.Describe(plan, o),
                ["evalCopyThreshold"] = R($"{o.EvalCopyThreshold}"),
                ["mode"] = o.Mode == TextLoopMode.Hard ? "hard" : "grow",
            };
            if (o.Mode == TextLoopMode.Hard)
            {
                // Only in hard mode, so that a grow run's settings (and the folders of earlier versions) stay as they were.
                s["hardClasses"] = string.Join(",", o.HardClasses);
                s["adversarial"] = R($"{o.Adversarial}");
                s["hardIntoTraining"] = R($"{o.HardIntoTraining}");
            }

            return s;
        }

        private static string Fingerprint(IReadOnlyList<TextSeed> seeds)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var s in seeds)
            {
                var line = new StringBuilder().Append(s.Id).Append('\u001f').Append(s.Text).Append('\u001f').Append(s.Label ?? "\u0000");
                foreach (var (k, v) in s.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    line.Append('\u001f').Append(k).Append('=').Append(v);
                }

                sha.AppendData(Encoding.UTF8.GetBytes(line.Append('\u001e').ToString()));
            }

            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }

        private void Warn(string message)
        {
            if (!state.Warnings.Contains(message))
            {
                state.Warnings.Add(message);
            }

            Log("warning: " + message);
        }

        private void Log(string line)
        {
            RunFolder.AppendText(Path.Combine(dir, RunFolder.Log), line);
            loop.log?.Invoke(line);
        }

        private static string R(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The critic's reason for a candidate that is a near copy of a real evaluation row.</summary>
    public const string EvalCopyReason = "near-copy-of-eval";

    /// <summary>The critic's reason for a hard case the judge does not read as its intended label.</summary>
    public const string LabelMismatchReason = "label-mismatch";
}
