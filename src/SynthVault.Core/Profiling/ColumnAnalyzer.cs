using System.Globalization;
using System.Numerics;
using SynthVault.Core.Data;
using SynthVault.Core.Pii;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Profiling;

/// <summary>A column's profile before the table-wide label choice, with its warnings and label evidence.</summary>
internal sealed class ColumnAnalysis
{
    public required ColumnProfile Profile { get; set; }

    public List<string> Warnings { get; } = [];

    /// <summary>0 when not a label candidate; higher is a better candidate.</summary>
    public int LabelScore { get; set; }

    public string LabelWhy { get; set; } = string.Empty;
}

/// <summary>Profiles one column: statistics, kind, PII kind, samples. Runs on one thread; the profiler runs columns in parallel.</summary>
internal static class ColumnAnalyzer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static ColumnAnalysis Analyze(Column column, bool isLastColumn, ProfilerOptions options, CancellationToken ct)
    {
        var notes = new List<string>();
        var warnings = new List<string>();
        var draft = column switch
        {
            StringColumn s => Strings(s, options, warnings, ct),
            Int64Column i => Numbers(column, i.Values, options, static v => v.ToString(Inv), 1.0, ct),
            Float64Column f => Numbers(column, f.Values, options, static v => v.ToString("R", Inv), 1.0, ct),
            DecimalColumn d => Numbers(column, ToDoubles(d), options, static v => v.ToString("R", Inv), 1.0, ct),
            DateTimeColumn t => Numbers(column, t.Ticks, options, v => FormatTicks(t.DataType, v), 1.0 / TimeSpan.TicksPerDay, ct),
            BooleanColumn b => Booleans(b, options),
            _ => throw new NotSupportedException($"Column '{column.Name}' has the unsupported type {column.GetType().Name}."),
        };

        var (kind, kindNote) = KindRules.Infer(draft.Facts, options);
        notes.Add(kindNote);

        var pii = options.DetectPii ? PiiDetector.Detect(column.Name, column, options.PiiSampleSize) : PiiMatch.None("PII detection off");
        if (pii.Kind != PiiKind.None)
        {
            notes.Add($"PII {pii.Kind}: {pii.Reason}");
        }
        else if (options.DetectPii && ColumnNameHints.PiiHint(column.Name).Kind != PiiKind.None && draft.Facts.NonNull > 0)
        {
            notes.Add($"not PII: {pii.Reason}");
            warnings.Add($"Column '{column.Name}': {pii.Reason}; it is not treated as personal data. Set \"pii\" in synthvault.json if it is.");
        }

        var policy = ColumnSchema.DefaultPolicy(kind, pii.Kind);
        var count = draft.Facts.NonNull;
        var nullCount = column.Length - count;
        if (count == 0)
        {
            policy = ColumnPolicy.Drop;
            notes.Add("all values missing → policy Drop");
            warnings.Add($"Column '{column.Name}': all {column.Length.ToString("N0", Inv)} values are missing; it is dropped from the output (policy drop).");
        }
        else if (draft.Facts.Distinct == 1)
        {
            notes.Add("constant: every non-null value is the same");
            warnings.Add($"Column '{column.Name}': constant (one distinct value); it carries no information for the models.");
        }

        if (draft.NaNCount > 0)
        {
            notes.Add($"{draft.NaNCount.ToString("N0", Inv)} NaN values counted as missing");
        }

        if (draft.NonFiniteCount > 0)
        {
            notes.Add($"{draft.NonFiniteCount.ToString("N0", Inv)} infinite values left out of mean, std and quantiles");
            warnings.Add($"Column '{column.Name}': {draft.NonFiniteCount.ToString("N0", Inv)} infinite values.");
        }

        notes.AddRange(draft.ExtraNotes);

        if (kind == ColumnKind.Text && options.DetectPii && column is StringColumn texts)
        {
            NoteTextPii(texts, options.PiiSampleSize, notes, warnings);
        }

        var isPii = pii.Kind != PiiKind.None;
        var top = kind is ColumnKind.Categorical or ColumnKind.Boolean ? draft.Top(options.TopCategoryCount) : [];
        if (isPii)
        {
            top = [.. top.Select(t => t with { Value = PiiMask.Mask(t.Value, pii.Kind) })];
        }

        var samples = draft.Samples(options.SampleCount);
        var masked = new List<string>(samples.Count);
        foreach (var s in samples)
        {
            masked.Add(isPii ? PiiMask.Mask(s, pii.Kind)
                : kind == ColumnKind.Text ? Truncate(PiiScanner.MaskAll(s), 60)
                : kind == ColumnKind.Identifier ? PiiMask.Shape(s)
                : s);
        }

        if (isPii && draft.Min is not null)
        {
            notes.Add("min, max and quantiles withheld: they would be real personal values");
        }

        var profile = new ColumnProfile
        {
            Name = column.Name,
            DataType = column.DataType,
            Kind = kind,
            Pii = pii.Kind,
            PiiConfidence = pii.Confidence,
            Role = kind == ColumnKind.Identifier ? ColumnRole.Key : ColumnRole.Feature,
            Policy = policy,
            Count = count,
            NullCount = nullCount,
            DistinctCount = draft.Facts.Distinct,
            DistinctIsExact = draft.DistinctIsExact,
            Min = isPii ? null : draft.Min,
            Max = isPii ? null : draft.Max,
            Mean = draft.Mean,
            Std = draft.Std,
            Quantiles = isPii ? null : draft.Quantiles,
            QuantilesAreExact = draft.QuantilesAreExact,
            MeanLength = column.DataType == DataType.String && count > 0 ? Math.Round(draft.Facts.MeanLength, 3) : null,
            TopCategories = top,
            MaskedSamples = masked,
            Notes = notes,
        };

        var analysis = new ColumnAnalysis { Profile = profile };
        analysis.Warnings.AddRange(warnings);
        ScoreLabel(analysis, isLastColumn);
        return analysis;
    }

    /// <summary>
    /// Label candidates: non-PII Boolean or Categorical columns with values, that are either binary and named like a
    /// label (score 2) or binary and the last column (score 1: the UCI/Kaggle convention), or categorical with ≤ 20
    /// classes and named like a label (score 2). Being the last column adds 1 to a named candidate.
    /// </summary>
    private static void ScoreLabel(ColumnAnalysis a, bool isLast)
    {
        var p = a.Profile;
        if (p.Count == 0 || p.Pii != PiiKind.None || p.Kind is not (ColumnKind.Boolean or ColumnKind.Categorical) || p.DistinctCount < 2)
        {
            return;
        }

        var hint = ColumnNameHints.IsLabelHint(p.Name, out var word);
        var binary = p.DistinctCount == 2;
        if (hint && (binary || p.DistinctCount <= 20))
        {
            a.LabelScore = 2 + (isLast ? 1 : 0);
            a.LabelWhy = $"{(binary ? "binary" : $"{p.DistinctCount} classes")}, name hint '{word}'{(isLast ? ", last column" : string.Empty)}";
        }
        else if (binary && isLast)
        {
            a.LabelScore = 1;
            a.LabelWhy = "binary, last column";
        }
    }

    private static ColumnDraft Numbers<T>(Column column, ReadOnlySpan<T> values, ProfilerOptions options, Func<T, string> format, double scale, CancellationToken ct)
        where T : unmanaged, INumber<T>
    {
        var nulls = column.NullMask;
        var s = NumericSummary<T>.Compute(values, nulls, options, ct);
        var isInt = column.DataType == DataType.Int64;
        var minD = s.Count > 0 ? double.CreateTruncating(s.Min) : 0;
        var maxD = s.Count > 0 ? double.CreateTruncating(s.Max) : 0;
        var facts = new ColumnFacts
        {
            Name = column.Name,
            DataType = column.DataType,
            NonNull = s.Count,
            Distinct = s.Distinct,
            ZeroOne = s.Distinct == 2 && minD == 0 && maxD == 1,
            AllIntegral = s.AllIntegral,
            StrictlyIncreasing = s.StrictlyIncreasing,
            GapFree = isInt && s.Count > 0 && s.Distinct == s.Count && maxD - minD + 1 == s.Count,
        };

        var draft = new ColumnDraft
        {
            Facts = facts,
            DistinctIsExact = s.DistinctIsExact,
            QuantilesAreExact = s.QuantilesAreExact,
            NaNCount = s.NaNCount,
            NonFiniteCount = s.NonFiniteCount,
            Top = k => [.. s.Top(k).Select(t => new CategoryCount(format(t.Value), t.Count))],
        };

        // Copy the sample values out now: the span cannot be captured by the lambda.
        var samples = NumericSummary<T>.DistinctSamples(values, nulls, Math.Max(options.SampleCount, 0)).ConvertAll(v => format(v));
        draft.Samples = k => samples.Take(k).ToList();
        if (s.Count > 0)
        {
            draft.Min = minD * scale;
            draft.Max = maxD * scale;
            draft.Mean = double.IsNaN(s.Mean) ? null : s.Mean * scale;
            draft.Std = double.IsNaN(s.Std) ? null : s.Std * scale;
            if (s.Quantiles is { } q)
            {
                draft.Quantiles = new QuantileSet(q[0] * scale, q[1] * scale, q[2] * scale, q[3] * scale, q[4] * scale, q[5] * scale, q[6] * scale);
            }
        }

        return draft;
    }

    private static ColumnDraft Booleans(BooleanColumn column, ProfilerOptions options)
    {
        var values = column.Values;
        var hasNulls = column.HasNulls;
        long trues = 0, falses = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (hasNulls && column.IsNull(i))
            {
                continue;
            }

            if (values[i])
            {
                trues++;
            }
            else
            {
                falses++;
            }
        }

        var n = trues + falses;
        var distinct = (trues > 0 ? 1 : 0) + (falses > 0 ? 1 : 0);
        var p = n > 0 ? trues / (double)n : double.NaN;
        List<CategoryCount> top = trues >= falses
            ? [new("true", trues), new("false", falses)]
            : [new("false", falses), new("true", trues)];
        top.RemoveAll(t => t.Count == 0);
        return new ColumnDraft
        {
            Facts = new ColumnFacts { Name = column.Name, DataType = column.DataType, NonNull = n, Distinct = distinct },
            Mean = n > 0 ? p : null,
            Std = n > 1 ? Math.Sqrt(p * (1 - p) * n / (n - 1)) : null,
            Top = k => [.. top.Take(k)],
            Samples = k => [.. top.Take(Math.Min(k, 2)).Select(t => t.Value)],
        };
    }

    private static ColumnDraft Strings(StringColumn column, ProfilerOptions options, List<string> warnings, CancellationToken ct)
    {
        var dictionary = column.Dictionary;
        var counts = column.CountCodes();
        ct.ThrowIfCancellationRequested();
        long nonNull = column.Length - column.NullCount;
        long distinct = 0;
        double lengthSum = 0, wordSum = 0, whitespaceRows = 0, empty = 0;

        // Numeric-looking values are checked on at most ~20,000 distinct values (weighted by their counts).
        var used = 0;
        foreach (var c in counts)
        {
            used += c > 0 ? 1 : 0;
        }

        var numericStride = Math.Max(1, used / 20_000);
        long numericChecked = 0, numericRows = 0;
        var usedIndex = 0;
        for (var code = 0; code < counts.Length; code++)
        {
            var c = counts[code];
            if (c == 0)
            {
                continue;
            }

            distinct++;
            var value = dictionary[code];
            var (words, hasSpace) = Words(value);
            lengthSum += (double)c * value.Length;
            wordSum += (double)c * words;
            whitespaceRows += hasSpace ? c : 0;
            empty += value.Length == 0 ? c : 0;
            if (usedIndex++ % numericStride == 0)
            {
                numericChecked += c;
                numericRows += value.Length > 0 && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? c : 0;
            }
        }

        ct.ThrowIfCancellationRequested();
        var facts = new ColumnFacts
        {
            Name = column.Name,
            DataType = DataType.String,
            NonNull = nonNull,
            Distinct = distinct,
            MeanLength = nonNull > 0 ? lengthSum / nonNull : 0,
            MeanWords = nonNull > 0 ? wordSum / nonNull : 0,
            WhitespaceShare = nonNull > 0 ? whitespaceRows / nonNull : 0,
        };

        var draft = new ColumnDraft
        {
            Facts = facts,
            Top = k => TopStrings(counts, dictionary, k),
            Samples = k => SampleStrings(column, k),
        };

        if (numericChecked > 0)
        {
            var share = numericRows / (double)numericChecked;
            if (share >= 0.9 && share < 1)
            {
                warnings.Add($"Column '{column.Name}': {Percent.Of(share, 1)} of values are numbers and the rest are not, so it was read as text. If the others stand for missing values (N/A, ?, -), declare them as missing when reading.");
                draft.ExtraNotes.Add($"mixed: {Percent.Of(share, 1)} of values are numbers");
            }
            else if (share == 1 && distinct > 1)
            {
                draft.ExtraNotes.Add("every value is a number stored as text (codes with leading zeros stay text)");
            }
        }

        if (empty > 0)
        {
            draft.ExtraNotes.Add($"{empty.ToString("N0", Inv)} empty strings (kept as values, not missing)");
        }

        return draft;
    }

    /// <summary>Free text is not PII as a whole, but may contain some: count the sampled texts the scanner finds any in.</summary>
    private static void NoteTextPii(StringColumn column, int sampleSize, List<string> notes, List<string> warnings)
    {
        var codes = column.Codes;
        var stride = Math.Max(1, (column.Length - column.NullCount) / sampleSize);
        var kinds = new SortedSet<PiiKind>();
        int seen = 0, sampled = 0, withPii = 0;
        for (var i = 0; i < codes.Length && sampled < sampleSize; i++)
        {
            if (codes[i] < 0 || seen++ % stride != 0)
            {
                continue;
            }

            sampled++;
            var spans = PiiScanner.Find(column.Dictionary[codes[i]]);
            if (spans.Count > 0)
            {
                withPii++;
                foreach (var span in spans)
                {
                    kinds.Add(span.Kind);
                }
            }
        }

        if (withPii > 0)
        {
            var share = Percent.Of(withPii / (double)sampled, 1);
            notes.Add($"{share} of {sampled.ToString("N0", Inv)} sampled texts contain personal data ({string.Join(", ", kinds)})");
            warnings.Add($"Column '{column.Name}': {share} of sampled texts contain personal data ({string.Join(", ", kinds)}); the text loop scrubs it from seeds and rejects outputs that contain any.");
        }
    }

    private static List<CategoryCount> TopStrings(int[] counts, IReadOnlyList<string> dictionary, int k)
    {
        var top = new List<(int Code, int Count)>(k + 1);
        if (k == 0)
        {
            return [];
        }

        for (var code = 0; code < counts.Length; code++)
        {
            var c = counts[code];
            if (c == 0 || (top.Count == k && c < top[^1].Count))
            {
                continue;
            }

            var at = top.Count;
            while (at > 0 && (top[at - 1].Count < c || (top[at - 1].Count == c && string.CompareOrdinal(dictionary[top[at - 1].Code], dictionary[code]) > 0)))
            {
                at--;
            }

            if (at < k)
            {
                top.Insert(at, (code, c));
                if (top.Count > k)
                {
                    top.RemoveAt(k);
                }
            }
        }

        return top.ConvertAll(t => new CategoryCount(dictionary[t.Code], t.Count));
    }

    private static List<string> SampleStrings(StringColumn column, int max)
    {
        var result = new List<string>(max);
        var codes = column.Codes;
        var stride = Math.Max(1, codes.Length / 1000);
        var seen = new HashSet<int>();
        for (var i = 0; i < codes.Length && result.Count < max; i += stride)
        {
            if (codes[i] >= 0 && seen.Add(codes[i]))
            {
                result.Add(column.Dictionary[codes[i]]);
            }
        }

        return result;
    }

    private static (int Words, bool HasSpace) Words(string value)
    {
        var words = 0;
        var inWord = false;
        var space = false;
        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                words++;
            }
        }

        return (words, space);
    }

    private static double[] ToDoubles(DecimalColumn column)
    {
        var values = column.Values;
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (double)values[i];
        }

        return result;
    }

    private static string FormatTicks(DataType type, long ticks)
    {
        var date = new DateTime(ticks, DateTimeKind.Unspecified);
        return type == DataType.Date ? date.ToString("yyyy-MM-dd", Inv) : date.ToString("yyyy-MM-ddTHH:mm:ss", Inv);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");

    /// <summary>Statistics gathered for one column before kind and PII decisions.</summary>
    private sealed class ColumnDraft
    {
        public required ColumnFacts Facts { get; init; }

        public bool DistinctIsExact { get; init; } = true;

        public bool QuantilesAreExact { get; init; } = true;

        public int NaNCount { get; init; }

        public int NonFiniteCount { get; init; }

        public double? Min { get; set; }

        public double? Max { get; set; }

        public double? Mean { get; set; }

        public double? Std { get; set; }

        public QuantileSet? Quantiles { get; set; }

        public required Func<int, List<CategoryCount>> Top { get; init; }

        public Func<int, List<string>> Samples { get; set; } = _ => [];

        public List<string> ExtraNotes { get; } = [];
    }
}
