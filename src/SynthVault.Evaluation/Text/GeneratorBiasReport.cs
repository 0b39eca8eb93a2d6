using System.Globalization;
using SynthVault.Core.Pii;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Evaluation.Statistics;

namespace SynthVault.Evaluation.Text;

/// <summary>Settings of the generator-bias report.</summary>
/// <param name="TopK">Rows per n-gram table.</param>
/// <param name="MaxNgram">Longest n-gram scored (words).</param>
/// <param name="PriorStrength">α₀ of the informative Dirichlet prior: the combined corpus' n-gram shares scaled to this many pseudo-counts.</param>
/// <param name="MinTexts">An n-gram is listed only when it occurs in at least this many distinct texts of the side it is over-represented in, so that no phrase unique to one real text reaches the report.</param>
/// <param name="MinZ">Only n-grams with |z| at least this are listed (1.96: two-sided 5 %).</param>
/// <param name="MaxPhraseWords">A listed n-gram is extended into the phrase around it up to this many words.</param>
/// <param name="TypeTokenDraws">Seeded token samples averaged for the equal-size type-token ratio.</param>
/// <param name="Seed">Seed of the token samples.</param>
public sealed record GeneratorBiasOptions(
    int TopK = 15,
    int MaxNgram = 3,
    double PriorStrength = 1000,
    int MinTexts = 5,
    double MinZ = 1.96,
    int MaxPhraseWords = 12,
    int TypeTokenDraws = 10,
    long Seed = 42);

/// <summary>Which models made and judged the texts, and which model the texts will train; names only.</summary>
/// <param name="Generator">The generating model (a file name or "architecture name" from its GGUF header).</param>
/// <param name="Judge">The judging model; null when none judged.</param>
/// <param name="Target">The model the synthetic texts are meant to train or evaluate, when it is an LLM; null when not known.</param>
public sealed record ModelProvenance(string? Generator, string? Judge, string? Target);

/// <summary>Mean and deciles of a length.</summary>
/// <param name="Mean">Mean.</param>
/// <param name="P10">10th percentile (linear interpolation, NumPy's default).</param>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
public sealed record LengthSummary(double Mean, double P10, double P50, double P90);

/// <summary>A length in the real and the synthetic texts, with the two-sample KS statistic between them.</summary>
/// <param name="Real">The real texts.</param>
/// <param name="Synthetic">The synthetic texts.</param>
/// <param name="Ks">sup |F_real − F_synthetic| (0 = same distribution, 1 = disjoint).</param>
public sealed record LengthComparison(LengthSummary Real, LengthSummary Synthetic, double Ks);

/// <summary>Surface features of one set of texts.</summary>
/// <param name="Texts">Texts measured.</param>
/// <param name="Tokens">Word tokens (<see cref="TextTokens.Words"/>).</param>
/// <param name="Vocabulary">Distinct word tokens.</param>
/// <param name="TypeTokenRatio">Distinct ÷ all tokens in samples of the same number of tokens for both sets (the smaller set's token count; whole texts in a seeded random order), so that size does not decide it.</param>
/// <param name="PunctuationPerChar">Punctuation characters ÷ all characters.</param>
/// <param name="PunctuationByKind">Per kind (<see cref="GeneratorBiasReport.PunctuationKinds"/>: exclamation, question, period, comma, ellipsis, colon, semicolon, apostrophe, quote, dash, bracket, other), occurrences ÷ all characters; a run of dots counts once as an ellipsis.</param>
/// <param name="UppercaseLetters">Uppercase letters ÷ letters.</param>
/// <param name="AllCapsTokens">Tokens of two or more letters, all uppercase, ÷ such tokens.</param>
/// <param name="CapitalisedSentences">Sentences whose first letter is uppercase ÷ sentences starting with a letter.</param>
/// <param name="TextsWithDigits">Share of texts holding a digit.</param>
/// <param name="NumberTokens">Word tokens holding a digit ÷ word tokens.</param>
/// <param name="Entities">Share of texts holding each kind PiiScanner finds (email, phone, url, creditCard, iban, usSsn, ipAddress).</param>
public sealed record SurfaceFeatures(
    int Texts,
    int Tokens,
    int Vocabulary,
    double TypeTokenRatio,
    double PunctuationPerChar,
    IReadOnlyDictionary<string, double> PunctuationByKind,
    double UppercaseLetters,
    double AllCapsTokens,
    double CapitalisedSentences,
    double TextsWithDigits,
    double NumberTokens,
    IReadOnlyDictionary<string, double> Entities);

/// <summary>One row of an n-gram table.</summary>
/// <param name="Phrase">The scored n-gram extended to the phrase around it (while ≥ 90 % of its texts agree on the next word).</param>
/// <param name="Ngram">The n-gram that was scored.</param>
/// <param name="Z">Its z-score: positive = more frequent in the synthetic texts.</param>
/// <param name="SyntheticCount">Occurrences of the phrase in the synthetic texts.</param>
/// <param name="RealCount">Occurrences of the phrase in the real texts.</param>
/// <param name="SyntheticTexts">Share of synthetic texts holding the phrase.</param>
/// <param name="RealTexts">Share of real texts holding the phrase.</param>
public sealed record NgramBias(string Phrase, string Ngram, double Z, int SyntheticCount, int RealCount, double SyntheticTexts, double RealTexts);

/// <summary>How the synthetic texts differ from the real ones on the surface, and the model warnings.</summary>
/// <param name="Characters">Length in characters.</param>
/// <param name="Words">Length in words.</param>
/// <param name="Real">Features of the real texts.</param>
/// <param name="Synthetic">Features of the synthetic texts.</param>
/// <param name="TypeTokenSample">Tokens per sample of the type-token ratio.</param>
/// <param name="OverRepresented">N-grams most over-represented in the synthetic texts (largest z first).</param>
/// <param name="UnderRepresented">N-grams most under-represented in the synthetic texts (most negative z first).</param>
/// <param name="Options">The settings used.</param>
/// <param name="Models">The model names given.</param>
/// <param name="Warnings">Judge = generator, target family = generator family.</param>
public sealed record GeneratorBiasResult(
    LengthComparison Characters,
    LengthComparison Words,
    SurfaceFeatures Real,
    SurfaceFeatures Synthetic,
    int TypeTokenSample,
    IReadOnlyList<NgramBias> OverRepresented,
    IReadOnlyList<NgramBias> UnderRepresented,
    GeneratorBiasOptions Options,
    ModelProvenance? Models,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Where a generator's texts differ from the real ones: lengths, vocabulary, punctuation, casing, numbers, entity kinds,
/// and the n-grams (1–3 words) most over- and under-represented by the weighted log-odds ratio with an informative
/// Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words", Political Analysis 16(4), eqs. 16–22): with
/// counts y and totals n of the synthetic (s) and real (r) texts and a prior α_w = α₀ · (y_w^s + y_w^r) / (n^s + n^r),
/// δ_w = log((y_w^s + α_w) / (n^s + α₀ − y_w^s − α_w)) − log((y_w^r + α_w) / (n^r + α₀ − y_w^r − α_w)),
/// σ²(δ_w) ≈ 1/(y_w^s + α_w) + 1/(y_w^r + α_w), z = δ_w / σ. N-grams of all lengths share one vocabulary.
/// </summary>
public static class GeneratorBiasReport
{
    /// <summary>The punctuation kinds reported, in order (the keys of <see cref="SurfaceFeatures.PunctuationByKind"/>).</summary>
    public static IReadOnlyList<string> PunctuationKinds { get; } = ["exclamation", "question", "period", "comma", "ellipsis", "colon", "semicolon", "apostrophe", "quote", "dash", "bracket", "other"];

    /// <summary>The characters each punctuation kind counts, for display, in the order of <see cref="PunctuationKinds"/>.</summary>
    public static IReadOnlyList<string> PunctuationSymbols { get; } = ["!", "?", ".", ",", "… or ..", ":", ";", "' ‘ ’", "\" “ ”", "- – —", "( ) [ ]", "other"];

    /// <summary>The entity kinds reported, in order.</summary>
    public static IReadOnlyList<string> EntityKinds { get; } = ["email", "phone", "url", "creditCard", "iban", "usSsn", "ipAddress"];

    /// <summary>Compares <paramref name="synthetic"/> with <paramref name="real"/>.</summary>
    public static GeneratorBiasResult Run(IReadOnlyList<string> real, IReadOnlyList<string> synthetic, ModelProvenance? models = null, GeneratorBiasOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(synthetic);
        options ??= new GeneratorBiasOptions();
        if (real.Count == 0 || synthetic.Count == 0)
        {
            throw new ArgumentException("both sets need at least one text");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxNgram, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TopK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TypeTokenDraws, 1);
        if (!(options.PriorStrength > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PriorStrength, "the prior strength α₀ must be positive");
        }

        var realWords = real.Select(t => TextTokens.Words(t).ToArray()).ToArray();
        var synWords = synthetic.Select(t => TextTokens.Words(t).ToArray()).ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        var sample = Math.Min(realWords.Sum(w => w.Length), synWords.Sum(w => w.Length));
        var streams = new SeedStreams(options.Seed);
        var realFeatures = Features(real, realWords, sample, streams.Child("real"), options.TypeTokenDraws);
        var synFeatures = Features(synthetic, synWords, sample, streams.Child("synthetic"), options.TypeTokenDraws);
        cancellationToken.ThrowIfCancellationRequested();
        var characters = Compare([.. real.Select(t => (double)t.Length)], [.. synthetic.Select(t => (double)t.Length)]);
        var words = Compare([.. realWords.Select(w => (double)w.Length)], [.. synWords.Select(w => (double)w.Length)]);
        var (over, under) = Ngrams(realWords, synWords, options, cancellationToken);
        return new GeneratorBiasResult(characters, words, realFeatures, synFeatures, sample, over, under, options, models, ModelWarnings(models));
    }

    /// <summary>
    /// The warnings a reader of synthetic-text results should see about the models: the judge is the generator (it
    /// tends to approve its own style), and the target model is of the generator's family (it may reward the family's
    /// habits rather than the task).
    /// </summary>
    public static IReadOnlyList<string> ModelWarnings(ModelProvenance? models)
    {
        var warnings = new List<string>();
        if (models is null)
        {
            return warnings;
        }

        if (models.Generator is { Length: > 0 } g && models.Judge is { Length: > 0 } j && string.Equals(ModelFamily.Key(g), ModelFamily.Key(j), StringComparison.Ordinal))
        {
            warnings.Add($"The judge model is the generator model ({g}): a model tends to rate its own style highly, so its judgements are weak evidence of realism. Judge with a model of another family.");
        }

        if (ModelFamily.FromName(models.Generator) is { } gf && ModelFamily.FromName(models.Target) is { } tf && gf == tf)
        {
            warnings.Add($"The target model ({models.Target}) is of the generator's family ({gf}): it may find the generator's phrasing familiar, so results on these texts can flatter it. Prefer a generator of another family.");
        }

        return warnings;
    }

    /// <summary>The n-gram vocabulary with its counts, then both tails of the z-scores turned into phrase rows.</summary>
    private static (List<NgramBias> Over, List<NgramBias> Under) Ngrams(string[][] realWords, string[][] synWords, GeneratorBiasOptions options, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, NgramCount>(StringComparer.Ordinal);
        long nReal = Count(realWords, counts, options.MaxNgram, synthetic: false);
        long nSyn = Count(synWords, counts, options.MaxNgram, synthetic: true);
        cancellationToken.ThrowIfCancellationRequested();
        var a0 = options.PriorStrength;
        var total = (double)(nReal + nSyn);
        var scored = new List<(string Ngram, double Z, NgramCount Count)>(counts.Count);
        foreach (var (ngram, c) in counts)
        {
            // Monroe et al. 2008, eqs. 16 (prior from the combined corpus), 19–20 (δ with the prior's pseudo-counts),
            // 21 (approximate variance) and 22 (z).
            var aw = a0 * (c.Synthetic + c.Real) / total;
            var delta = Math.Log((c.Synthetic + aw) / (nSyn + a0 - c.Synthetic - aw)) - Math.Log((c.Real + aw) / (nReal + a0 - c.Real - aw));
            var variance = (1.0 / (c.Synthetic + aw)) + (1.0 / (c.Real + aw));
            scored.Add((ngram, delta / Math.Sqrt(variance), c));
        }

        // Ties broken by the n-gram text, so the order never depends on the dictionary's.
        scored.Sort((x, y) => x.Z != y.Z ? y.Z.CompareTo(x.Z) : string.CompareOrdinal(x.Ngram, y.Ngram));
        var over = Rows(scored, synWords, realWords, options, positive: true);
        scored.Reverse();
        var under = Rows(scored, realWords, synWords, options, positive: false);
        return (over, under);
    }

    /// <summary>Walks the scores in order, keeps n-grams frequent enough in their own side, extends each to its phrase, drops repeats.</summary>
    private static List<NgramBias> Rows(List<(string Ngram, double Z, NgramCount Count)> scored, string[][] own, string[][] other, GeneratorBiasOptions options, bool positive)
    {
        var rows = new List<NgramBias>();
        var phrases = new List<string[]>();
        foreach (var (ngram, z, count) in scored)
        {
            if (rows.Count >= options.TopK || (positive ? z < options.MinZ : z > -options.MinZ))
            {
                break;
            }

            if ((positive ? count.SyntheticTexts : count.RealTexts) < options.MinTexts)
            {
                continue;
            }

            var tokens = ngram.Split(' ');
            if (phrases.Any(p => IndexOf(p, tokens) >= 0))
            {
                continue;
            }

            var phrase = Extend(tokens, own, options);
            if (phrases.Any(p => IndexOf(p, phrase) >= 0))
            {
                continue;
            }

            phrases.Add(phrase);
            var (ownCount, ownTexts) = Occurrences(own, phrase);
            var (otherCount, otherTexts) = Occurrences(other, phrase);
            rows.Add(positive
                ? new NgramBias(string.Join(' ', phrase), ngram, z, ownCount, otherCount, ownTexts / (double)own.Length, otherTexts / (double)other.Length)
                : new NgramBias(string.Join(' ', phrase), ngram, z, otherCount, ownCount, otherTexts / (double)other.Length, ownTexts / (double)own.Length));
        }

        return rows;
    }

    /// <summary>
    /// Grows the n-gram one word at a time to the left or right while at least 90 % of the texts holding it agree on
    /// that word and at least <see cref="GeneratorBiasOptions.MinTexts"/> texts remain, so a planted sentence is shown
    /// whole rather than as its overlapping trigrams.
    /// </summary>
    private static string[] Extend(string[] tokens, string[][] texts, GeneratorBiasOptions options)
    {
        var phrase = tokens;
        while (phrase.Length < options.MaxPhraseWords)
        {
            var left = new Dictionary<string, int>(StringComparer.Ordinal);
            var right = new Dictionary<string, int>(StringComparer.Ordinal);
            var holding = 0;
            foreach (var words in texts)
            {
                var at = IndexOf(words, phrase);
                if (at < 0)
                {
                    continue;
                }

                holding++;
                if (at > 0)
                {
                    left[words[at - 1]] = left.GetValueOrDefault(words[at - 1]) + 1;
                }

                if (at + phrase.Length < words.Length)
                {
                    right[words[at + phrase.Length]] = right.GetValueOrDefault(words[at + phrase.Length]) + 1;
                }
            }

            var (bestLeft, leftCount) = Best(left);
            var (bestRight, rightCount) = Best(right);
            var needed = Math.Max(options.MinTexts, Math.Ceiling(0.9 * holding));
            if (leftCount >= needed && leftCount >= rightCount)
            {
                phrase = [bestLeft!, .. phrase];
            }
            else if (rightCount >= needed)
            {
                phrase = [.. phrase, bestRight!];
            }
            else
            {
                break;
            }
        }

        return phrase;
    }

    private static (string? Word, int Count) Best(Dictionary<string, int> counts)
    {
        string? word = null;
        var best = 0;
        foreach (var (w, c) in counts)
        {
            if (c > best || (c == best && word is not null && string.CompareOrdinal(w, word) < 0))
            {
                (word, best) = (w, c);
            }
        }

        return (word, best);
    }

    private static (int Count, int Texts) Occurrences(string[][] texts, string[] phrase)
    {
        int count = 0, holding = 0;
        foreach (var words in texts)
        {
            var inText = 0;
            for (var i = 0; i + phrase.Length <= words.Length; i++)
            {
                if (Matches(words, i, phrase))
                {
                    inText++;
                }
            }

            count += inText;
            holding += inText > 0 ? 1 : 0;
        }

        return (count, holding);
    }

    private static int IndexOf(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            if (Matches(words, i, phrase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Matches(string[] words, int start, string[] phrase)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            if (!string.Equals(words[start + k], phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds every 1…<paramref name="maxN"/>-gram of the texts to <paramref name="counts"/>; returns the number of n-grams.</summary>
    private static long Count(string[][] texts, Dictionary<string, NgramCount> counts, int maxN, bool synthetic)
    {
        long total = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in texts)
        {
            seen.Clear();
            for (var n = 1; n <= maxN; n++)
            {
                for (var i = 0; i + n <= words.Length; i++)
                {
                    var key = n == 1 ? words[i] : string.Join(' ', words, i, n);
                    if (!counts.TryGetValue(key, out var c))
                    {
                        c = new NgramCount();
                        counts[key] = c;
                    }

                    var first = seen.Add(key);
                    if (synthetic)
                    {
                        c.Synthetic++;
                        c.SyntheticTexts += first ? 1 : 0;
                    }
                    else
                    {
                        c.Real++;
                        c.RealTexts += first ? 1 : 0;
                    }

                    total++;
                }
            }
        }

        return total;
    }

    private static LengthComparison Compare(double[] real, double[] synthetic) =>
        new(Summary(real), Summary(synthetic), Metrics.KsStatistic(real, synthetic));

    private static LengthSummary Summary(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return new LengthSummary(sorted.Average(), Bootstrap.Quantile(sorted, 0.1), Bootstrap.Quantile(sorted, 0.5), Bootstrap.Quantile(sorted, 0.9));
    }

    private static SurfaceFeatures Features(IReadOnlyList<string> texts, string[][] words, int sample, SeedStreams streams, int draws)
    {
        long chars = 0, punctuation = 0, letters = 0, upper = 0, capsTokens = 0, letterTokens = 0, sentences = 0, capitalised = 0, numberTokens = 0, tokens = 0;
        var kinds = new long[PunctuationKinds.Count];
        var entities = new int[EntityKinds.Count];
        var withDigits = 0;
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        var scan = new PiiScanOptions(IncludeUrls: true);
        for (var t = 0; t < texts.Count; t++)
        {
            var text = texts[t];
            chars += text.Length;
            var hasDigit = false;
            for (var i = 0; i < text.Length; i++)
            {
                var ch = text[i];
                hasDigit |= char.IsDigit(ch);
                if (char.IsLetter(ch))
                {
                    letters++;
                    upper += char.IsUpper(ch) ? 1 : 0;
                }
                else if (char.IsPunctuation(ch) || ch is '"' or '\'')
                {
                    punctuation++;
                    if (ch == '.' && i + 1 < text.Length && text[i + 1] == '.')
                    {
                        // A run of dots is one ellipsis: count it once and skip the rest of the run.
                        kinds[4]++;
                        while (i + 1 < text.Length && text[i + 1] == '.')
                        {
                            i++;
                            punctuation++;
                        }

                        continue;
                    }

                    kinds[PunctuationKind(ch)]++;
                }
            }

            withDigits += hasDigit ? 1 : 0;
            (capsTokens, letterTokens) = AddCaps(text, capsTokens, letterTokens);
            (sentences, capitalised) = AddSentences(text, sentences, capitalised);
            foreach (var w in words[t])
            {
                tokens++;
                vocabulary.Add(w);
                foreach (var ch in w)
                {
                    if (char.IsDigit(ch))
                    {
                        numberTokens++;
                        break;
                    }
                }
            }

            var found = new bool[EntityKinds.Count];
            foreach (var span in PiiScanner.Find(text, scan))
            {
                var k = EntityIndex(span.Kind);
                if (k >= 0)
                {
                    found[k] = true;
                }
            }

            for (var k = 0; k < found.Length; k++)
            {
                entities[k] += found[k] ? 1 : 0;
            }
        }

        var byKind = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var k = 0; k < kinds.Length; k++)
        {
            byKind[PunctuationKinds[k]] = Ratio(kinds[k], chars);
        }

        var entityShares = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var k = 0; k < entities.Length; k++)
        {
            entityShares[EntityKinds[k]] = entities[k] / (double)texts.Count;
        }

        return new SurfaceFeatures(
            texts.Count,
            (int)tokens,
            vocabulary.Count,
            TypeTokenRatio(words, sample, streams, draws),
            Ratio(punctuation, chars),
            byKind,
            Ratio(upper, letters),
            Ratio(capsTokens, letterTokens),
            Ratio(capitalised, sentences),
            withDigits / (double)texts.Count,
            Ratio(numberTokens, tokens),
            entityShares);
    }

    /// <summary>
    /// Distinct ÷ <paramref name="sample"/> tokens, averaged over <paramref name="draws"/> seeded draws. A draw takes
    /// whole texts in a random order until it holds <paramref name="sample"/> tokens (the last text cut short), so
    /// words keep their clustering within texts in both sets; the smaller set is always read whole.
    /// </summary>
    private static double TypeTokenRatio(string[][] words, int sample, SeedStreams streams, int draws)
    {
        if (sample == 0)
        {
            return double.NaN;
        }

        var order = new int[words.Length];
        var sum = 0.0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < draws; d++)
        {
            var rng = streams.CreateGenerator("type-token", d);
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            distinct.Clear();
            var taken = 0;
            for (var i = 0; i < order.Length && taken < sample; i++)
            {
                // Fisher–Yates, one position at a time: texts come out in a uniformly random order.
                var j = i + rng.NextInt(order.Length - i);
                (order[i], order[j]) = (order[j], order[i]);
                var text = words[order[i]];
                for (var w = 0; w < text.Length && taken < sample; w++, taken++)
                {
                    distinct.Add(text[w]);
                }
            }

            sum += distinct.Count / (double)sample;
        }

        return sum / draws;
    }

    private static (long Caps, long Tokens) AddCaps(string text, long caps, long tokens)
    {
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            int letters = 0, upper = 0;
            foreach (var ch in token)
            {
                if (char.IsLetter(ch))
                {
                    letters++;
                    upper += char.IsUpper(ch) ? 1 : 0;
                }
            }

            if (letters >= 2)
            {
                tokens++;
                caps += upper == letters ? 1 : 0;
            }
        }

        return (caps, tokens);
    }

    /// <summary>Sentences start the text and follow a run of . ! ? … and white space; one that starts with a digit or symbol is not counted.</summary>
    private static (long Sentences, long Capitalised) AddSentences(string text, long sentences, long capitalised)
    {
        var atStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (atStart && char.IsLetterOrDigit(ch))
            {
                if (char.IsLetter(ch))
                {
                    sentences++;
                    capitalised += char.IsUpper(ch) ? 1 : 0;
                }

                atStart = false;
            }
            else if (ch is '.' or '!' or '?' or '…' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))
            {
                atStart = true;
            }
            else if (ch is '\n')
            {
                atStart = true;
            }
        }

        return (sentences, capitalised);
    }

    private static int PunctuationKind(char ch) => ch switch
    {
        '!' => 0,
        '?' => 1,
        '.' => 2,
        ',' => 3,
        '…' => 4,
        ':' => 5,
        ';' => 6,
        '\'' or '‘' or '’' => 7,
        '"' or '“' or '”' => 8,
        '-' or '–' or '—' => 9,
        '(' or ')' or '[' or ']' => 10,
        _ => 11,
    };

    private static int EntityIndex(PiiKind kind) => kind switch
    {
        PiiKind.Email => 0,
        PiiKind.Phone => 1,
        PiiKind.Other => 2,
        PiiKind.CreditCard => 3,
        PiiKind.Iban => 4,
        PiiKind.UsSsn => 5,
        PiiKind.IpAddress => 6,
        _ => -1,
    };

    private static double Ratio(long part, long whole) => whole == 0 ? double.NaN : part / (double)whole;

    private sealed class NgramCount
    {
        public int Synthetic;
        public int Real;
        public int SyntheticTexts;
        public int RealTexts;
    }
}

/// <summary>
/// A coarse model family from a model's name ("Qwen2.5-1.5B-Instruct-Q4_K_M.gguf" → "qwen", "Meta-Llama-3.1-8B" →
/// "llama"), to warn when a generator and a target model share habits. GGUF readers pass "general.name" or the file
/// name; the engine takes strings only.
/// </summary>
public static class ModelFamily
{
    private static readonly HashSet<string> Vendors = new(StringComparer.Ordinal) { "meta", "microsoft", "google", "mistralai", "hf", "the", "unsloth", "bartowski", "thebloke", "nousresearch" };

    /// <summary>The first word of the name that is not a vendor, letters only, lower case; null when there is none.</summary>
    public static string? FromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var ch in Key(name))
        {
            if (char.IsLetter(ch))
            {
                current.Append(ch);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words.FirstOrDefault(w => !Vendors.Contains(w));
    }

    /// <summary>The name without folder and ".gguf", lower case: two spellings of one model compare equal.</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var file = name.Replace('\\', '/');
        file = file[(file.LastIndexOf('/') + 1)..].Trim();
        if (file.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            file = file[..^5];
        }

        return file.ToLower(CultureInfo.InvariantCulture);
    }
}
