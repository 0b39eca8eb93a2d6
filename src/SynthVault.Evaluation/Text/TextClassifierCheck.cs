using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Evaluation.Privacy;
using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Text;

/// <summary>Settings of the downstream classifier check; the defaults are the documented ones (REPORT.md).</summary>
/// <param name="WordNgramLength">Word n-grams of length 1 up to this.</param>
/// <param name="CharNgramMin">Shortest character n-gram.</param>
/// <param name="CharNgramMax">Longest character n-gram.</param>
/// <param name="MaxNgramsPerLength">Dictionary size per n-gram length (words of each length, characters of each length): the most frequent n-grams of the training texts are kept.</param>
/// <param name="L2Regularization">L2 weight of the maximum-entropy model (ML.NET's L-BFGS objective: summed log-loss + L2/2·‖w‖²).</param>
/// <param name="MaximumIterations">L-BFGS iterations at most.</param>
/// <param name="OptimizationTolerance">L-BFGS stops when the relative improvement of the objective falls below this (1e-4 reaches the same predictions as ML.NET's default 1e-7 on SMS data in a third of the time).</param>
/// <param name="Resamples">Bootstrap resamples of the eval rows.</param>
/// <param name="Confidence">Level of every interval.</param>
/// <param name="Seed">Seed of the MLContext and of the bootstrap.</param>
public sealed record TextClassifierOptions(
    int WordNgramLength = 2,
    int CharNgramMin = 3,
    int CharNgramMax = 5,
    int MaxNgramsPerLength = 20_000,
    float L2Regularization = 0.1f,
    int MaximumIterations = 100,
    float OptimizationTolerance = 1e-4f,
    int Resamples = 1000,
    double Confidence = 0.95,
    int Seed = 42)
{
    /// <summary>Throws a <see cref="SynthVaultException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (WordNgramLength < 1 || CharNgramMin < 1 || CharNgramMax < CharNgramMin)
        {
            throw new SynthVaultException($"the n-gram lengths are out of range (words 1–{WordNgramLength}, characters {CharNgramMin}–{CharNgramMax}).");
        }

        if (MaxNgramsPerLength < 1)
        {
            throw new SynthVaultException("the dictionary size per n-gram length must be at least 1.");
        }

        if (!(L2Regularization >= 0) || MaximumIterations < 1 || !(OptimizationTolerance > 0))
        {
            throw new SynthVaultException("the L2 weight must be at least 0, the iteration limit at least 1 and the tolerance above 0.");
        }

        if (Resamples < 100)
        {
            throw new SynthVaultException($"the bootstrap needs at least 100 resamples; {Resamples} were asked for.");
        }

        if (Confidence is <= 0 or >= 1)
        {
            throw new SynthVaultException($"the confidence level must lie strictly between 0 and 1; got {Confidence}.");
        }
    }
}

/// <summary>Which training set a classifier saw.</summary>
public enum TrainingVariant
{
    /// <summary>(a) The real seeds only: the baseline.</summary>
    SeedsOnly,

    /// <summary>(b) The real seeds and the synthetic texts.</summary>
    SeedsPlusSynthetic,

    /// <summary>(c) The synthetic texts only.</summary>
    SyntheticOnly,
}

/// <summary>What a comparison's interval says.</summary>
public enum DownstreamVerdict
{
    /// <summary>The 95 % interval of the macro-F1 difference lies above 0.</summary>
    Helped,

    /// <summary>The interval lies below 0.</summary>
    Hurt,

    /// <summary>The interval contains 0: no difference the intervals can see.</summary>
    NoDifference,
}

/// <summary>One classifier's scores on the real eval set.</summary>
/// <param name="Variant">What it was trained on.</param>
/// <param name="TrainingTexts">Texts it was trained on.</param>
/// <param name="Accuracy">Share of eval texts labelled right, with its bootstrap interval.</param>
/// <param name="MacroF1">Unweighted mean of the per-class F1 over the classes of the eval set.</param>
/// <param name="PerClassF1">F1 of each class of the eval set.</param>
public sealed record ClassifierScores(TrainingVariant Variant, int TrainingTexts, Estimate Accuracy, Estimate MacroF1, IReadOnlyDictionary<string, Estimate> PerClassF1);

/// <summary>A variant against the seeds-only baseline: the paired bootstrap of the macro-F1 difference.</summary>
/// <param name="Variant">The variant compared.</param>
/// <param name="Baseline">Always <see cref="TrainingVariant.SeedsOnly"/>.</param>
/// <param name="MacroF1Difference">Variant minus baseline, with the interval from the same resampled eval rows.</param>
/// <param name="AccuracyDifference">The same for accuracy (shown, not judged).</param>
/// <param name="Verdict">Helped / hurt only when the interval excludes 0.</param>
/// <param name="Sentence">The verdict in one plain sentence.</param>
public sealed record ClassifierComparison(TrainingVariant Variant, TrainingVariant Baseline, Estimate MacroF1Difference, Estimate AccuracyDifference, DownstreamVerdict Verdict, string Sentence);

/// <summary>The featurizer and model every variant used, recorded so that a reader can rebuild it.</summary>
/// <param name="Featurizer">The text features.</param>
/// <param name="Trainer">The multiclass trainer and its fixed options.</param>
/// <param name="Bootstrap">How the intervals were drawn.</param>
/// <param name="Seed">Seed of the MLContext and the bootstrap.</param>
public sealed record ClassifierSettings(string Featurizer, string Trainer, string Bootstrap, int Seed);

/// <summary>
/// Did the synthetic texts help a real task? The same classifier trained on (a) the seeds, (b) seeds + synthetic and
/// (c) synthetic only, each scored on a real eval set none of them saw.
/// </summary>
/// <param name="Settings">Model and bootstrap settings.</param>
/// <param name="Classes">The seeds' classes (ordinal order).</param>
/// <param name="EvalTexts">Texts in the eval set.</param>
/// <param name="EvalClasses">Eval texts per class.</param>
/// <param name="Variants">Scores of each variant that ran, (a) first.</param>
/// <param name="Comparisons">(b) vs (a) and (c) vs (a) when a synthetic set was given.</param>
/// <param name="EvalLeak">Synthetic texts that copy eval texts (null when not checked).</param>
/// <param name="Notes">What a reader should know (no synthetic set, a class the synthetic set lacks…).</param>
public sealed record TextDownstreamResult(
    ClassifierSettings Settings,
    IReadOnlyList<string> Classes,
    int EvalTexts,
    IReadOnlyDictionary<string, int> EvalClasses,
    IReadOnlyList<ClassifierScores> Variants,
    IReadOnlyList<ClassifierComparison> Comparisons,
    EvalLeakResult? EvalLeak,
    IReadOnlyList<string> Notes);

/// <summary>
/// The downstream check of synthetic text (issue #12): one ML.NET text classifier — word 1–2-grams and character
/// 3–5-grams, L2-normalised, into an L-BFGS maximum-entropy (multinomial logistic) model with fixed options and one
/// thread — trained on three sets and scored on a labelled real eval set. Accuracy, macro-F1 and per-class F1 carry
/// percentile-bootstrap intervals over the eval rows (Efron and Tibshirani 1993, ch. 13); every model is scored on
/// the same resampled rows, so the difference of two models is a paired bootstrap, and a variant "helped" or "hurt"
/// only when the interval of its macro-F1 difference from the seeds-only model excludes 0.
/// Same inputs and seed give the same numbers.
/// </summary>
public static class TextClassifierCheck
{
    /// <summary>
    /// Trains and scores the variants. <paramref name="synthetic"/> null runs only the seeds-only baseline.
    /// </summary>
    /// <exception cref="SynthVaultException">
    /// Seeds with one class or a class with fewer than 2 texts; an eval or synthetic label the seeds lack (each names
    /// the file, the class and its first row).
    /// </exception>
    public static TextDownstreamResult Run(
        LabelledTextSet seeds,
        LabelledTextSet? synthetic,
        LabelledTextSet eval,
        TextClassifierOptions? options = null,
        EvalLeakResult? evalLeak = null,
        IProgress<ProgressUpdate>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(eval);
        options ??= new TextClassifierOptions();
        options.Validate();
        var classes = Validate(seeds, synthetic, eval);
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < classes.Count; c++)
        {
            classIndex[classes[c]] = c;
        }

        var truth = new int[eval.Count];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = classIndex[eval.Labels[i]];
        }

        var notes = new List<string>();
        var variants = new List<(TrainingVariant Variant, int Count, int[] Predictions)>();
        var plan = synthetic is null
            ? new[] { TrainingVariant.SeedsOnly }
            : [TrainingVariant.SeedsOnly, TrainingVariant.SeedsPlusSynthetic, TrainingVariant.SyntheticOnly];
        if (synthetic is null)
        {
            notes.Add("No synthetic set: this is the baseline a generated set must beat.");
        }
        else
        {
            var missing = classes.Where(c => !synthetic.Labels.Contains(c, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                notes.Add($"The synthetic set has no text of class {string.Join(", ", missing.Select(m => "'" + m + "'"))}: the synthetic-only model can never predict it.");
            }
        }

        // The variants train in parallel, each single-threaded with its own MLContext and the same seed, so the scores do
        // not depend on the thread count.
        var predictions = new int[plan.Length][];
        var trained = 0;
        progress?.Report(new ProgressUpdate("classifier", 0, plan.Length, "training " + string.Join(", ", plan.Select(VariantName))));
        Parallel.For(0, plan.Length, new ParallelOptions { CancellationToken = cancellationToken }, v =>
        {
            var (texts, labels) = Training(plan[v], seeds, synthetic);
            predictions[v] = Predict(texts, labels, eval.Texts, classes, options);
            progress?.Report(new ProgressUpdate("classifier", Interlocked.Increment(ref trained), plan.Length, "trained on " + VariantName(plan[v])));
        });
        for (var v = 0; v < plan.Length; v++)
        {
            variants.Add((plan[v], plan[v] switch { TrainingVariant.SeedsOnly => seeds.Count, TrainingVariant.SeedsPlusSynthetic => seeds.Count + synthetic!.Count, _ => synthetic!.Count }, predictions[v]));
        }

        progress?.Report(new ProgressUpdate("classifier", plan.Length, plan.Length, "bootstrap"));
        var evalClasses = eval.ClassCounts();
        var scored = new int[evalClasses.Count];
        var at = 0;
        foreach (var c in evalClasses.Keys)
        {
            scored[at++] = classIndex[c];
        }

        // One vector of statistics per resample: per variant accuracy, macro-F1 and each class's F1, then for each
        // later variant its macro-F1 and accuracy difference from (a). All are read from the same resamples.
        var width = 2 + scored.Length;
        var count = (variants.Count * width) + (2 * (variants.Count - 1));
        var predicted = variants.Select(v => v.Predictions).ToArray();
        var estimates = Bootstrap.StratifiedIntervals(
            [Enumerable.Range(0, eval.Count).ToArray()],
            rows => Statistics(rows, truth, predicted, classes.Count, scored, count),
            options.Resamples,
            options.Confidence,
            options.Seed);

        var results = new List<ClassifierScores>();
        for (var v = 0; v < variants.Count; v++)
        {
            var perClass = new SortedDictionary<string, Estimate>(StringComparer.Ordinal);
            for (var k = 0; k < scored.Length; k++)
            {
                perClass[classes[scored[k]]] = estimates[(v * width) + 2 + k];
            }

            results.Add(new ClassifierScores(variants[v].Variant, variants[v].Count, estimates[v * width], estimates[(v * width) + 1], perClass));
        }

        var comparisons = new List<ClassifierComparison>();
        for (var v = 1; v < variants.Count; v++)
        {
            var f1 = estimates[(variants.Count * width) + (2 * (v - 1))];
            var acc = estimates[(variants.Count * width) + (2 * (v - 1)) + 1];
            var verdict = f1.Lower > 0 ? DownstreamVerdict.Helped : f1.Upper < 0 ? DownstreamVerdict.Hurt : DownstreamVerdict.NoDifference;
            comparisons.Add(new ClassifierComparison(variants[v].Variant, TrainingVariant.SeedsOnly, f1, acc, verdict, Sentence(variants[v].Variant, f1, verdict, options.Confidence)));
        }

        if (evalLeak is { Flagged: > 0 } leak)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{leak.Flagged} synthetic texts copy or nearly copy an eval text: the scores of the variants trained on synthetic text are inflated by them."));
        }

        var settings = new ClassifierSettings(
            string.Create(CultureInfo.InvariantCulture, $"word {1}–{options.WordNgramLength}-grams + character {options.CharNgramMin}–{options.CharNgramMax}-grams (lower-cased, term counts), L2-normalised (ML.NET FeaturizeText + ProduceNgrams)"),
            string.Create(CultureInfo.InvariantCulture, $"L-BFGS maximum entropy (ML.NET LbfgsMaximumEntropy): L2 {options.L2Regularization}, L1 0, at most {options.MaximumIterations} iterations, 1 thread"),
            string.Create(CultureInfo.InvariantCulture, $"percentile bootstrap over the eval rows, {options.Resamples} resamples, {options.Confidence:P0} intervals; every model scored on the same resamples (paired)"),
            options.Seed);
        return new TextDownstreamResult(settings, classes, eval.Count, evalClasses, results, comparisons, evalLeak, notes);
    }

    /// <summary>The human name of a variant: "seeds only", "seeds + synthetic", "synthetic only".</summary>
    public static string VariantName(TrainingVariant variant) => variant switch
    {
        TrainingVariant.SeedsOnly => "seeds only",
        TrainingVariant.SeedsPlusSynthetic => "seeds + synthetic",
        _ => "synthetic only",
    };

    /// <summary>The human name of a verdict.</summary>
    public static string VerdictName(DownstreamVerdict verdict) => verdict switch
    {
        DownstreamVerdict.Helped => "helped",
        DownstreamVerdict.Hurt => "hurt",
        _ => "no difference the intervals can see",
    };

    private static string Sentence(TrainingVariant variant, Estimate difference, DownstreamVerdict verdict, double confidence)
    {
        var what = string.Create(
            CultureInfo.InvariantCulture,
            $"{char.ToUpperInvariant(VariantName(variant)[0])}{VariantName(variant)[1..]} vs seeds only: macro-F1 {difference.Value:+0.000;-0.000;0.000} ({confidence:P0} interval {difference.Lower:+0.000;-0.000;0.000} to {difference.Upper:+0.000;-0.000;0.000})");
        return verdict switch
        {
            DownstreamVerdict.Helped => what + ": helped — the whole interval lies above 0.",
            DownstreamVerdict.Hurt => what + ": hurt — the whole interval lies below 0.",
            _ => what + ": no difference the intervals can see — the interval contains 0, so this eval set cannot tell the two apart.",
        };
    }

    private static (IReadOnlyList<string> Texts, IReadOnlyList<string> Labels) Training(TrainingVariant variant, LabelledTextSet seeds, LabelledTextSet? synthetic) => variant switch
    {
        TrainingVariant.SeedsOnly => (seeds.Texts, seeds.Labels),
        TrainingVariant.SeedsPlusSynthetic => ([.. seeds.Texts, .. synthetic!.Texts], [.. seeds.Labels, .. synthetic.Labels]),
        _ => (synthetic!.Texts, synthetic.Labels),
    };

    private static List<string> Validate(LabelledTextSet seeds, LabelledTextSet? synthetic, LabelledTextSet eval)
    {
        if (seeds.Count == 0)
        {
            throw new SynthVaultException("the seed set has no texts.", file: seeds.Source);
        }

        if (eval.Count == 0)
        {
            throw new SynthVaultException("the eval set has no texts.", file: eval.Source);
        }

        var counts = seeds.ClassCounts();
        if (counts.Count < 2)
        {
            throw new SynthVaultException(
                $"the seed set has one class ('{counts.Keys.First()}'); a classifier needs at least two.",
                file: seeds.Source,
                hint: "Add examples of the other classes, or check --label-column.");
        }

        foreach (var (label, n) in counts)
        {
            if (n < 2)
            {
                throw new SynthVaultException(
                    $"class '{label}' has {n} example in the seed set; every class needs at least 2.",
                    file: seeds.Source,
                    row: FirstRow(seeds, label),
                    hint: "Add examples of that class or remove it.");
            }
        }

        CheckSubset(eval, counts, "eval", "The eval set may only hold classes the seeds teach; remove those rows or add seeds of that class.");
        if (synthetic is not null)
        {
            CheckSubset(synthetic, counts, "synthetic", "A generated text must carry one of the seeds' labels; fix or remove that row.");
        }

        return [.. counts.Keys];
    }

    private static void CheckSubset(LabelledTextSet set, IReadOnlyDictionary<string, int> known, string role, string hint)
    {
        for (var i = 0; i < set.Count; i++)
        {
            if (!known.ContainsKey(set.Labels[i]))
            {
                throw new SynthVaultException(
                    $"class '{set.Labels[i]}' of the {role} set is not a class of the seeds ({string.Join(", ", known.Keys)}).",
                    file: set.Source,
                    row: set.Rows[i],
                    hint: hint);
            }
        }
    }

    private static long FirstRow(LabelledTextSet set, string label)
    {
        for (var i = 0; i < set.Count; i++)
        {
            if (set.Labels[i] == label)
            {
                return set.Rows[i];
            }
        }

        return 0;
    }

    /// <summary>The statistics of one resample (see the layout in <see cref="Run"/>).</summary>
    private static double[] Statistics(int[] rows, int[] truth, int[][] predictions, int classes, int[] scored, int count)
    {
        var result = new double[count];
        var width = 2 + scored.Length;
        var tp = new int[classes];
        var fp = new int[classes];
        var fn = new int[classes];
        for (var v = 0; v < predictions.Length; v++)
        {
            Array.Clear(tp);
            Array.Clear(fp);
            Array.Clear(fn);
            var right = 0;
            var p = predictions[v];
            foreach (var r in rows)
            {
                if (p[r] == truth[r])
                {
                    right++;
                    tp[truth[r]]++;
                }
                else
                {
                    fn[truth[r]]++;
                    if (p[r] >= 0)
                    {
                        fp[p[r]]++;
                    }
                }
            }

            result[v * width] = right / (double)rows.Length;
            var sum = 0.0;
            var defined = 0;
            for (var k = 0; k < scored.Length; k++)
            {
                var c = scored[k];
                var denominator = (2 * tp[c]) + fp[c] + fn[c];

                // F1 = 2TP / (2TP + FP + FN); undefined (left out of the mean) only when a class is absent from the
                // resample and never predicted, which sklearn would count as 0 with a warning.
                var f1 = denominator == 0 ? double.NaN : 2.0 * tp[c] / denominator;
                result[(v * width) + 2 + k] = f1;
                if (!double.IsNaN(f1))
                {
                    sum += f1;
                    defined++;
                }
            }

            result[(v * width) + 1] = defined == 0 ? double.NaN : sum / defined;
        }

        for (var v = 1; v < predictions.Length; v++)
        {
            result[(predictions.Length * width) + (2 * (v - 1))] = result[(v * width) + 1] - result[1];
            result[(predictions.Length * width) + (2 * (v - 1)) + 1] = result[v * width] - result[0];
        }

        return result;
    }

    /// <summary>Trains one classifier and returns the predicted class index of each eval text.</summary>
    private static int[] Predict(IReadOnlyList<string> texts, IReadOnlyList<string> labels, IReadOnlyList<string> evalTexts, IReadOnlyList<string> classes, TextClassifierOptions options)
    {
        var ml = new MLContext(options.Seed);
        var train = ml.Data.LoadFromEnumerable(texts.Select((t, i) => new TextRow { Text = t, Label = labels[i] }).ToArray());

        // The key order is fixed by the seeds' classes, so key k + 1 is class k whatever order the training rows come in,
        // and a class a training set lacks still has its slot.
        var keys = ml.Data.LoadFromEnumerable(classes.Select(c => new KeyRow { Label = c }).ToArray());
        var charColumns = new List<string>();
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(TextRow.Label), keyData: keys)
            .Append(ml.Transforms.Text.FeaturizeText(
                "WordFeatures",
                new TextFeaturizingEstimator.Options
                {
                    CaseMode = TextNormalizingEstimator.CaseMode.Lower,
                    KeepDiacritics = true,
                    KeepPunctuations = true,
                    KeepNumbers = true,
                    StopWordsRemoverOptions = null,
                    WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.WordNgramLength, UseAllLengths = true, MaximumNgramsCount = [.. Enumerable.Repeat(options.MaxNgramsPerLength, options.WordNgramLength)], Weighting = NgramExtractingEstimator.WeightingCriteria.Tf },
                    CharFeatureExtractor = null,
                    Norm = TextFeaturizingEstimator.NormFunction.None,
                },
                nameof(TextRow.Text)))
            .Append(ml.Transforms.Text.NormalizeText("Normalized", nameof(TextRow.Text), TextNormalizingEstimator.CaseMode.Lower, keepDiacritics: true, keepPunctuations: true, keepNumbers: true))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", "Normalized", useMarkerCharacters: true));
        for (var n = options.CharNgramMin; n <= options.CharNgramMax; n++)
        {
            var name = "Char" + n.ToString(CultureInfo.InvariantCulture);
            charColumns.Add(name);
            pipeline = pipeline.Append(ml.Transforms.Text.ProduceNgrams(name, "Chars", ngramLength: n, useAllLengths: false, maximumNgramsCount: options.MaxNgramsPerLength, weighting: NgramExtractingEstimator.WeightingCriteria.Tf));
        }

        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "LabelKey",
            FeatureColumnName = "Features",
            L1Regularization = 0,
            L2Regularization = options.L2Regularization,
            MaximumNumberOfIterations = options.MaximumIterations,
            OptimizationTolerance = options.OptimizationTolerance,
            NumberOfThreads = 1,
        });
        pipeline = pipeline
            .Append(ml.Transforms.Concatenate("RawFeatures", ["WordFeatures", .. charColumns]))
            .Append(ml.Transforms.NormalizeLpNorm("Features", "RawFeatures"))

            // L-BFGS passes over the data many times: cache the features once instead of re-tokenising every pass.
            .AppendCacheCheckpoint(ml)
            .Append(trainer);
        var model = pipeline.Fit(train);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(evalTexts.Select(t => new TextRow { Text = t, Label = string.Empty }).ToArray()));
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        var result = new int[predicted.Length];
        for (var i = 0; i < result.Length; i++)
        {
            // Key 0 is "missing"; a linear model always picks a class, so it does not occur, and is counted as wrong if it did.
            result[i] = predicted[i] == 0 ? -1 : (int)predicted[i] - 1;
        }

        return result;
    }

    /// <summary>One class name, for the key order.</summary>
    private sealed class KeyRow
    {
        public string Label { get; set; } = string.Empty;
    }

    /// <summary>One text and its label, as ML.NET loads it.</summary>
    private sealed class TextRow
    {
        public string Text { get; set; } = string.Empty;

        public string Label { get; set; } = string.Empty;
    }
}
