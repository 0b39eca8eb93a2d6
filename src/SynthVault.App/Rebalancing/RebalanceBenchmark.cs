using System.Diagnostics;
using System.Text.Json.Serialization;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Statistics;
using SynthVault.Synthesis.Rebalancing;

namespace SynthVault.App.Rebalancing;

/// <summary>Settings of the rebalancing benchmark; the defaults follow DESIGN §5.</summary>
/// <param name="Label">The label column.</param>
/// <param name="Methods">The generators to compare (names of <see cref="MinorityGenerators"/> or of the map passed to Run).</param>
/// <param name="PositiveValue">The minority class; null = the rarest.</param>
/// <param name="TargetRatio">Minority share of the training part after resampling.</param>
/// <param name="Seed">Root seed of the split, the generators, the models and the bootstrap.</param>
/// <param name="HoldoutFraction">Share of each class held out, untouched, for scoring.</param>
/// <param name="BootstrapReplicates">Stratified bootstrap replicates of the holdout for the 95 % intervals.</param>
/// <param name="MinimumPrecision">The precision at which recall is read.</param>
/// <param name="Iterations">LightGBM boosting rounds.</param>
public sealed record RebalanceBenchOptions(
    string Label,
    IReadOnlyList<string> Methods,
    string? PositiveValue = null,
    double TargetRatio = 0.10,
    long Seed = 0,
    double HoldoutFraction = 0.3,
    int BootstrapReplicates = 1000,
    double MinimumPrecision = 0.9,
    int Iterations = 100);

/// <summary>One line of the benchmark table: a training variant scored on the real holdout.</summary>
/// <param name="Name">Display name (method, or a baseline's name).</param>
/// <param name="Method">The generator's method; null for the two baselines.</param>
/// <param name="Error">Why the variant could not run (e.g. a method that refuses categorical features); the metrics are then null.</param>
/// <param name="TrainRows">Training rows the model saw (real + generated).</param>
/// <param name="TrainPositives">Positive training rows the model saw.</param>
/// <param name="GeneratedRows">Rows the generator added.</param>
/// <param name="Threshold">Decision threshold for precision/recall/F1: 0.5, or the one tuned on a validation split of the training part.</param>
/// <param name="HoldoutRows">Holdout rows scored (always the whole, unresampled holdout).</param>
/// <param name="AveragePrecision">PR-AUC (average precision) with its bootstrap 95 % interval.</param>
/// <param name="RocAuc">ROC-AUC with its interval.</param>
/// <param name="RecallAtPrecision">Largest recall at precision ≥ the options' minimum, with its interval.</param>
/// <param name="Brier">Brier score of the predicted probabilities, with its interval.</param>
/// <param name="Precision">Precision at <paramref name="Threshold"/>.</param>
/// <param name="Recall">Recall at <paramref name="Threshold"/>.</param>
/// <param name="F1">F1 at <paramref name="Threshold"/>.</param>
/// <param name="PrCurve">Precision–recall points on the holdout, for plots.</param>
/// <param name="Privacy">Minority privacy of the generated rows (<see cref="MinorityCopyAudit"/>); null for the baselines.</param>
/// <param name="Flags">Warnings about near copies of real minority rows.</param>
/// <param name="Provenance">Generated rows' parents as row indices of the benchmark's input table.</param>
/// <param name="Seconds">Wall time of generation, training and scoring.</param>
public sealed record RebalanceBenchVariant(
    string Name,
    string? Method,
    string? Error,
    int TrainRows,
    int TrainPositives,
    int GeneratedRows,
    double Threshold,
    int HoldoutRows,
    Estimate? AveragePrecision,
    Estimate? RocAuc,
    Estimate? RecallAtPrecision,
    Estimate? Brier,
    double Precision,
    double Recall,
    double F1,
    IReadOnlyList<PrPoint> PrCurve,
    MinorityCopyReport? Privacy,
    IReadOnlyList<string> Flags,
    [property: JsonIgnore] IReadOnlyList<OversampleProvenance> Provenance,
    double Seconds);

/// <summary>The whole benchmark: the split, and one variant per baseline and method.</summary>
public sealed record RebalanceBenchResult(
    string Label,
    string PositiveValue,
    int Rows,
    int Positives,
    double TargetRatio,
    long Seed,
    int BootstrapReplicates,
    double MinimumPrecision,
    [property: JsonIgnore] IReadOnlyList<int> TrainRowIndices,
    [property: JsonIgnore] IReadOnlyList<int> HoldoutRowIndices,
    int HoldoutPositives,
    IReadOnlyList<RebalanceBenchVariant> Variants,
    double Seconds)
{
    public int TrainRows => TrainRowIndices.Count;

    public int HoldoutRows => HoldoutRowIndices.Count;
}

/// <summary>
/// The rebalancing evaluation protocol of DESIGN §5: split first (stratified, seeded), resample only the training
/// part, train LightGBM on each variant, and score on the untouched real holdout at its natural prevalence. Two
/// baselines are always in the table: no resampling with a decision threshold tuned (max F1) on a validation split
/// of the training part — never on the holdout — and LightGBM with positive weight = negatives / positives.
/// </summary>
public static class RebalanceBenchmark
{
    /// <summary>Name of the no-resampling baseline.</summary>
    public const string TunedBaseline = "none (tuned threshold)";

    /// <summary>Name of the class-weighted baseline.</summary>
    public const string WeightedBaseline = "class-weighted";

    /// <summary>Fewest rows of the minority class in each part of the split.</summary>
    public const int MinimumPositivesPerPart = 2;

    /// <summary>The built-in generators for the given method names.</summary>
    public static IReadOnlyDictionary<string, IMinorityGenerator> Generators(IEnumerable<string> methods, MinorityGeneratorOptions? options = null) =>
        methods.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(m => m, m => MinorityGenerators.Create(m, options), StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs the benchmark.</summary>
    public static RebalanceBenchResult Run(
        Table data, TableSchema schema, RebalanceBenchOptions options, IReadOnlyDictionary<string, IMinorityGenerator> generators,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generators);
        Validate(options, generators);
        var total = Stopwatch.StartNew();
        schema.EnsureMatches(data);
        var labelColumn = LabelValues.LabelColumn(data, options.Label);

        var positive = LabelValues.ResolvePositive(labelColumn, options.PositiveValue);
        var isPositive = LabelValues.PositiveMask(labelColumn, positive);
        var streams = new SeedStreams(options.Seed);
        var (trainIdx, holdoutIdx) = StratifiedSplit(isPositive, Enumerable.Range(0, data.RowCount).ToArray(), options.HoldoutFraction, streams.CreateGenerator("split"), options.Label);
        var train = data.Take(trainIdx);
        var holdout = data.Take(holdoutIdx);
        var trainLabels = trainIdx.Select(i => isPositive[i]).ToArray();
        var holdoutLabels = holdoutIdx.Select(i => isPositive[i]).ToArray();
        var trainPositives = trainLabels.Count(b => b);
        var holdoutPositives = holdoutLabels.Count(b => b);
        if (trainPositives < MinimumPositivesPerPart || holdoutPositives < MinimumPositivesPerPart)
        {
            throw new SynthVaultException(
                $"Too few rows of class '{positive}' for the benchmark: the split leaves {trainPositives} to train on and {holdoutPositives} to score; it needs at least {MinimumPositivesPerPart} in each (a threshold-tuning split and the copy audit compare within the class).",
                column: options.Label, hint: "Use a table with more rows of the class, or a larger --holdout share.");
        }

        var trainShare = (double)trainPositives / trainIdx.Length;
        if (options.TargetRatio <= trainShare)
        {
            throw new SynthVaultException(
                $"The training part is already at {trainShare * 100:0.##} % minority rows, at or above the target {options.TargetRatio * 100:0.##} %.",
                column: options.Label, hint: "Ask for a higher --ratio.");
        }

        var encoder = new FeatureEncoder(train, schema, options.Label);
        var holdoutFeatures = encoder.Encode(holdout);
        var steps = 2 + generators.Count;
        var done = 0;
        var seed = (int)(streams.DeriveSeed("lightgbm") & 0x7FFFFFFF);
        var variants = new List<RebalanceBenchVariant>();

        progress?.Report(new ProgressUpdate("bench", done, steps, TunedBaseline));
        variants.Add(TunedThresholdBaseline(train, trainLabels, holdoutFeatures, holdoutLabels, encoder, options, streams, seed));
        progress?.Report(new ProgressUpdate("bench", ++done, steps, WeightedBaseline));
        var weight = (trainIdx.Length - trainPositives) / (double)trainPositives;
        variants.Add(Score(WeightedBaseline, null, encoder.Encode(train), trainLabels, holdoutFeatures, holdoutLabels, encoder.Width, options, streams, seed, weight, 0.5, Stopwatch.StartNew()));
        progress?.Report(new ProgressUpdate("bench", ++done, steps));

        var needed = Rebalancer.RowsNeeded(trainIdx.Length, trainPositives, options.TargetRatio, options.Label);
        var holdoutMinority = holdout.Take(Positions(holdoutLabels, true));
        var trainMinority = train.Take(Positions(trainLabels, true));
        foreach (var method in options.Methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var generator = generators[method];
            progress?.Report(new ProgressUpdate("bench", done, steps, method));
            var watch = Stopwatch.StartNew();
            MinorityGeneration generated;
            try
            {
                generated = generator.Generate(train, schema, options.Label, positive, needed, options.Seed, cancellationToken);
            }
            catch (SynthVaultException ex)
            {
                variants.Add(Failed(method, ex.Message, trainIdx.Length, trainPositives, holdoutIdx.Length));
                progress?.Report(new ProgressUpdate("bench", ++done, steps));
                continue;
            }

            // Parents are rows of the training part; map them back to rows of the input table.
            var provenance = generated.Provenance.Select(p => p with
            {
                ParentA = p.ParentA is { } a ? trainIdx[a] : null,
                ParentB = p.ParentB is { } b ? trainIdx[b] : null,
            }).ToList();
            var features = encoder.Encode(train).Concat(encoder.Encode(generated.Rows)).ToArray();
            var labels = trainLabels.Concat(Enumerable.Repeat(true, generated.Rows.RowCount)).ToArray();
            var variant = Score(method, generator.Method, features, labels, holdoutFeatures, holdoutLabels, encoder.Width, options, streams, seed, 1.0, 0.5, watch);
            var privacy = MinorityCopyAudit.Evaluate(
                generated.Rows, trainMinority, holdoutMinority, schema,
                new MinorityCopyOptions(unchecked((long)streams.DeriveSeed("minority-privacy")), options.BootstrapReplicates), cancellationToken);
            variants.Add(variant with
            {
                GeneratedRows = generated.Rows.RowCount,
                Privacy = privacy,
                Flags = Flags(privacy),
                Provenance = provenance,
                Seconds = watch.Elapsed.TotalSeconds,
            });
            progress?.Report(new ProgressUpdate("bench", ++done, steps));
        }

        return new RebalanceBenchResult(
            options.Label, positive, data.RowCount, isPositive.Count(b => b), options.TargetRatio, options.Seed, options.BootstrapReplicates,
            options.MinimumPrecision, trainIdx, holdoutIdx, holdoutPositives, variants, total.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The split <see cref="Run"/> makes for these options: ascending rows of the training part and of the holdout.
    /// Lets a caller tune or select on the training part alone, never on the holdout.
    /// </summary>
    public static (int[] Train, int[] Holdout) Split(Table data, RebalanceBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var labelColumn = LabelValues.LabelColumn(data, options.Label);

        var isPositive = LabelValues.PositiveMask(labelColumn, LabelValues.ResolvePositive(labelColumn, options.PositiveValue));
        return StratifiedSplit(isPositive, Enumerable.Range(0, data.RowCount).ToArray(), options.HoldoutFraction, new SeedStreams(options.Seed).CreateGenerator("split"), options.Label);
    }

    /// <summary>
    /// Splits each class separately: round(fraction · class size) rows of each class go to the holdout (at least one
    /// and at most all but one), drawn by a seeded shuffle. Both parts keep the input order.
    /// </summary>
    internal static (int[] Train, int[] Holdout) StratifiedSplit(bool[] isPositive, int[] rows, double fraction, Xoshiro256 rng, string label)
    {
        var holdout = new List<int>();
        var train = new List<int>();
        foreach (var cls in new[] { true, false })
        {
            var members = rows.Where(r => isPositive[r] == cls).ToArray();
            if (members.Length < 2)
            {
                throw new SynthVaultException(
                    $"The {(cls ? "minority" : "majority")} class has {members.Length} row(s); a split needs at least 2 (one to train on, one to score).",
                    column: label, hint: "Use more data for the benchmark.");
            }

            var take = Math.Clamp((int)Math.Round(fraction * members.Length, MidpointRounding.AwayFromZero), 1, members.Length - 1);
            for (var i = 0; i < take; i++)
            {
                var j = i + rng.NextInt(members.Length - i);
                (members[i], members[j]) = (members[j], members[i]);
            }

            holdout.AddRange(members.Take(take));
            train.AddRange(members.Skip(take));
        }

        return ([.. train.Order()], [.. holdout.Order()]);
    }

    private static RebalanceBenchVariant TunedThresholdBaseline(
        Table train, bool[] trainLabels, float[][] holdoutFeatures, bool[] holdoutLabels, FeatureEncoder encoder,
        RebalanceBenchOptions options, SeedStreams streams, int seed)
    {
        var watch = Stopwatch.StartNew();
        var all = Enumerable.Range(0, train.RowCount).ToArray();
        var (inner, validation) = StratifiedSplit(trainLabels, all, 0.25, streams.CreateGenerator("threshold-split"), options.Label);
        var trainFeatures = encoder.Encode(train);
        var validationScores = LightGbmScorer.TrainAndScore(
            [.. inner.Select(i => trainFeatures[i])], [.. inner.Select(i => trainLabels[i])], [.. validation.Select(i => trainFeatures[i])],
            encoder.Width, seed, options.Iterations);
        var threshold = Metrics.BestF1Threshold(validationScores, validation.Select(i => trainLabels[i]).ToArray());
        return Score(TunedBaseline, null, trainFeatures, trainLabels, holdoutFeatures, holdoutLabels, encoder.Width, options, streams, seed, 1.0, threshold, watch);
    }

    private static RebalanceBenchVariant Score(
        string name, string? method, float[][] features, bool[] labels, float[][] holdoutFeatures, bool[] holdoutLabels, int width,
        RebalanceBenchOptions options, SeedStreams streams, int seed, double positiveWeight, double threshold, Stopwatch watch)
    {
        var scores = LightGbmScorer.TrainAndScore(features, labels, holdoutFeatures, width, seed, options.Iterations, positiveWeight);
        var (ap, roc, recall, brier) = Intervals(holdoutLabels, scores, options, streams);
        var (p, r, f1) = Metrics.PrecisionRecallF1(scores, holdoutLabels, threshold);
        return new RebalanceBenchVariant(
            name, method, null, labels.Length, labels.Count(b => b), 0, threshold, holdoutLabels.Length, ap, roc, recall, brier, p, r, f1,
            Metrics.ThinCurve(Metrics.PrecisionRecallCurve(scores, holdoutLabels), 200), null, [], [], watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Point estimates on the holdout and 95 % percentile intervals from a stratified bootstrap of its rows
    /// (<see cref="Bootstrap.StratifiedIntervals"/>): positives and negatives are resampled separately, so every
    /// replicate keeps the natural prevalence, and every variant is scored on the same replicates (paired).
    /// </summary>
    private static (Estimate Ap, Estimate Roc, Estimate Recall, Estimate Brier) Intervals(bool[] labels, double[] scores, RebalanceBenchOptions options, SeedStreams streams)
    {
        var estimates = Bootstrap.StratifiedIntervals(
            [Positions(labels, true), Positions(labels, false)],
            rows =>
            {
                var s = new double[rows.Length];
                var l = new bool[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    s[i] = scores[rows[i]];
                    l[i] = labels[rows[i]];
                }

                // One curve serves both curve metrics: a sort per replicate saved.
                var curve = Metrics.PrecisionRecallCurve(s, l);
                return [Metrics.AveragePrecision(curve), Metrics.RocAuc(s, l), Metrics.RecallAtPrecision(curve, options.MinimumPrecision), Metrics.Brier(s, l)];
            },
            options.BootstrapReplicates,
            0.95,
            unchecked((long)streams.DeriveSeed("bootstrap")));
        return (estimates[0], estimates[1], estimates[2], estimates[3]);
    }

    /// <summary>
    /// Flags a method whose rows copy real minority rows: more than 1 % identical to a training minority row; a
    /// near-copy rate above both 10 % and twice what chance gives (the rate near unseen holdout rows, scaled by how
    /// many more training rows there are: a generator that copies nothing lands near either set in proportion to its
    /// size); or a DCR share whose lower bound exceeds 0.5 (closer to the training rows than to unseen ones).
    /// </summary>
    internal static List<string> Flags(MinorityCopyReport privacy)
    {
        ArgumentNullException.ThrowIfNull(privacy);
        var flags = new List<string>();
        if (privacy.IdenticalCopyRate > 0.01)
        {
            flags.Add($"{privacy.IdenticalCopyRate * 100:0.#} % of generated rows are identical to a real training minority row");
        }

        var chance = privacy.NearCopyRateHoldout * privacy.TrainRows / Math.Max(1, privacy.HoldoutRows);
        if (privacy.NearCopyRate > Math.Max(0.10, 2 * chance))
        {
            flags.Add($"{privacy.NearCopyRate * 100:0.#} % of generated rows nearly copy a real training minority row (Gower distance ≤ {privacy.NearCopyEpsilon:0.####}; near unseen rows: {privacy.NearCopyRateHoldout * 100:0.#} %)");
        }

        if (privacy.DcrShare.Lower > 0.5)
        {
            flags.Add($"generated rows sit closer to training minority rows than to unseen ones (DCR share {privacy.DcrShare.Value:0.00}, 95 % CI {privacy.DcrShare.Lower:0.00}–{privacy.DcrShare.Upper:0.00})");
        }

        return flags;
    }

    private static RebalanceBenchVariant Failed(string method, string error, int trainRows, int trainPositives, int holdoutRows) =>
        new(method, method, error, trainRows, trainPositives, 0, double.NaN, holdoutRows, null, null, null, null, double.NaN, double.NaN, double.NaN, [], null, [], [], 0);

    private static void Validate(RebalanceBenchOptions options, IReadOnlyDictionary<string, IMinorityGenerator> generators)
    {
        if (options.HoldoutFraction is <= 0 or >= 1 || double.IsNaN(options.HoldoutFraction))
        {
            throw new SynthVaultException($"The holdout fraction must be between 0 and 1 (exclusive); got {options.HoldoutFraction}.", hint: "Use e.g. --holdout 0.3.");
        }

        if (options.BootstrapReplicates < 1)
        {
            throw new SynthVaultException($"The bootstrap needs at least 1 replicate; got {options.BootstrapReplicates}.", hint: "Use e.g. --bootstrap 1000.");
        }

        if (options.Iterations < 1)
        {
            throw new SynthVaultException($"LightGBM needs at least 1 boosting round; got {options.Iterations}.");
        }

        _ = Rebalancer.RowsNeeded(100, 0, options.TargetRatio, options.Label);
        foreach (var method in options.Methods)
        {
            if (!generators.ContainsKey(method))
            {
                throw new SynthVaultException($"There is no rebalancing method '{method}'.", hint: $"Methods: {string.Join(", ", generators.Keys)}.");
            }
        }
    }

    private static int[] Positions(bool[] labels, bool value) => [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] == value)];
}
