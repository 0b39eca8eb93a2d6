using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Randomness;
using SynthVault.Evaluation.Text;
using SynthVault.Llm.Generation;

namespace SynthVault.Llm.TextLoop;

/// <summary>Settings of <see cref="TextColumnFiller"/>.</summary>
public sealed record TextFillOptions
{
    /// <summary>Fill only a seeded sample of this many rows (the output then holds those rows); null fills every row.</summary>
    public int? Rows { get; init; }

    /// <summary>Rows decoded together per batch.</summary>
    public int RequestsPerBatch { get; init; } = 8;

    /// <summary>Tries per row before it is left empty.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Real texts of the column (scrubbed) shown as examples in each prompt.</summary>
    public int ExamplesPerPrompt { get; init; } = 3;

    /// <summary>What the texts are, for the prompt (e.g. "transaction memos"); null uses the column name.</summary>
    public string? Domain { get; init; }

    /// <summary>Shingle Jaccard at or above which a text is a near duplicate of a real text or of another filled row.</summary>
    public double NearDuplicateThreshold { get; init; } = 0.7;

    /// <summary>Character shingle length.</summary>
    public int ShingleSize { get; init; } = 5;

    /// <summary>Lowest judge score accepted (when a judge is given).</summary>
    public int MinJudgeScore { get; init; } = 3;

    /// <summary>Shortest text accepted.</summary>
    public int MinChars { get; init; } = 3;

    /// <summary>Longest text accepted.</summary>
    public int MaxChars { get; init; } = 300;

    /// <summary>Token limit per text.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Sampling temperature range; each request draws one.</summary>
    public float MinTemperature { get; init; } = 0.7f;

    /// <summary>Upper end of the temperature range.</summary>
    public float MaxTemperature { get; init; } = 1.0f;

    /// <summary>Also reject any web address.</summary>
    public bool RejectUrls { get; init; }

    /// <summary>Root seed.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Throws a <see cref="SynthVaultException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        static void Check(bool ok, string message)
        {
            if (!ok)
            {
                throw new SynthVaultException(message);
            }
        }

        Check(Rows is null or >= 1, "--rows must be at least 1.");
        Check(RequestsPerBatch is >= 1 and <= 64, "--batch must be between 1 and 64.");
        Check(MaxAttempts is >= 1 and <= 20, "--attempts must be between 1 and 20.");
        Check(ExamplesPerPrompt is >= 0 and <= 20, "--examples must be between 0 and 20.");
        Check(NearDuplicateThreshold is > 0 and <= 1, "--near-duplicate must be in (0, 1].");
        Check(MinJudgeScore is >= 1 and <= 5, "--min-score must be between 1 and 5.");
        Check(MinChars >= 1 && MaxChars >= MinChars, "--min-chars must be at least 1 and at most --max-chars.");
        Check(MaxTokens >= 16, "--max-tokens must be at least 16.");
        Check(MinTemperature >= 0 && MaxTemperature >= MinTemperature && MaxTemperature <= 5, "--temperature must be a range within [0, 5].");
    }
}

/// <summary>What <see cref="TextColumnFiller.FillAsync"/> produced.</summary>
/// <param name="Table">The rows filled (all, or the sample), with the text column replaced.</param>
/// <param name="Filled">Rows that got a text.</param>
/// <param name="Failed">Rows left empty after every attempt.</param>
/// <param name="RejectedByReason">Rejected candidates by first failing check.</param>
/// <param name="Report">The text report (mode "fill") for report.json/report.html.</param>
public sealed record TextFillResult(Table Table, int Filled, int Failed, IReadOnlyDictionary<string, int> RejectedByReason, TextRunReport Report);

/// <summary>
/// Fills a text column of a table (use b of issue 7): for each row, a prompt conditioned on the row's other values
/// (personal-data columns left out) asks for one text that fits them, e.g. a memo that fits the merchant category and
/// amount. The same critic as the loop applies: schema, the PII gate (recognizers, plus every real value of the
/// column's texts and of the personal-data columns), exact and near duplicates of the real texts and of rows filled
/// before, and the judge when one is given. A row whose candidates all fail keeps an empty value.
/// </summary>
public sealed class TextColumnFiller
{
    private const string Schema = """{"type":"object","properties":{"text":{"type":"string","minLength":1}},"required":["text"],"additionalProperties":false}""";

    private readonly ITextGenerator generator;
    private readonly ITextGenerator? judgeGenerator;
    private readonly TextFillOptions options;
    private readonly TextLoopModels models;
    private readonly TimeProvider clock;

    /// <summary>A filler generating with <paramref name="generator"/> and, when given, judging with <paramref name="judge"/>.</summary>
    public TextColumnFiller(ITextGenerator generator, ITextGenerator? judge = null, TextFillOptions? options = null, TextLoopModels? models = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        this.generator = generator;
        judgeGenerator = judge;
        this.options = options ?? new TextFillOptions();
        this.models = models ?? new TextLoopModels("generator", judge is null ? null : "judge");
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>Fills <paramref name="column"/> of <paramref name="table"/>; <paramref name="personalColumns"/> never reach a prompt.</summary>
    /// <exception cref="SynthVaultException">The column is missing or not text, or an option is out of range.</exception>
    public async Task<TextFillResult> FillAsync(Table table, string column, IReadOnlyCollection<string> personalColumns, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(personalColumns);
        options.Validate();
        if (!table.TryGetColumn(column, out var target))
        {
            throw new SynthVaultException($"the table has no column '{column}'.", column: column, hint: "Columns: " + string.Join(", ", table.ColumnNames));
        }

        if (target is not StringColumn)
        {
            throw new SynthVaultException($"column '{column}' holds {target.DataType} values, not text.", column: column, hint: "Pick a text column with --column.");
        }

        var streams = new SeedStreams(options.Seed);
        var rows = ChooseRows(table.RowCount, streams);
        var real = new List<TextSeed>();
        for (var r = 0; r < table.RowCount; r++)
        {
            if (target.GetValue(r) is string s && !string.IsNullOrWhiteSpace(s))
            {
                real.Add(new TextSeed(r.ToString(CultureInfo.InvariantCulture), s));
            }
        }

        var scrubbed = SeedScrubber.Scrub(real);
        foreach (var name in personalColumns.Where(table.Contains))
        {
            var c = table[name];
            for (var r = 0; r < c.Length; r++)
            {
                if (Format(c.GetValue(r)) is { Length: > 0 } value)
                {
                    scrubbed.Leaks.Add(Core.Schema.PiiKind.Other, value);
                }
            }
        }

        var gate = new PiiGate(scrubbed.Leaks, options.RejectUrls);
        var index = new NearDuplicateIndex(options.NearDuplicateThreshold, options.ShingleSize, seed: streams.Child("dedup").RootSeed);
        foreach (var s in scrubbed.Seeds)
        {
            index.Add("real:" + s.Id, s.Text);
        }

        var judge = judgeGenerator is null ? null : new LlmJudge(judgeGenerator, options.Domain ?? column, 128);
        var conditioning = table.Columns.Where(c => c.Name != column && !personalColumns.Contains(c.Name)).ToList();
        var filled = new string?[rows.Length];
        var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var rejectedPii = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var pending = Enumerable.Range(0, rows.Length).ToList();
        int candidates = 0, calls = 0;
        for (var attempt = 0; attempt < options.MaxAttempts && pending.Count > 0; attempt++)
        {
            var failed = new List<int>();
            for (var start = 0; start < pending.Count; start += options.RequestsPerBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = pending.Skip(start).Take(options.RequestsPerBatch).ToList();
                var requests = new List<GenerationRequest>(batch.Count);
                var fieldsOf = new List<Dictionary<string, string>>(batch.Count);
                foreach (var i in batch)
                {
                    var row = rows[i];
                    var rng = streams.CreateGenerator(R($"fill.a{attempt}"), row);
                    var fields = conditioning.Select(c => (c.Name, Value: Format(c.GetValue(row)))).Where(f => f.Value.Length > 0).ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
                    fieldsOf.Add(fields);
                    var examples = Sample(scrubbed.Seeds, options.ExamplesPerPrompt, ref rng);
                    requests.Add(new GenerationRequest
                    {
                        Messages = Prompt(column, fields, examples),
                        Sampler = new SamplerOptions
                        {
                            Temperature = (float)(options.MinTemperature + ((options.MaxTemperature - options.MinTemperature) * rng.NextDouble())),
                            Seed = (uint)(streams.DeriveSeed(R($"fill.sampler.a{attempt}"), row) & 0x7FFF_FFFF),
                        },
                        MaxTokens = options.MaxTokens,
                        JsonSchema = Schema,
                    });
                }

                var results = await generator.GenerateAsync(requests, cancellationToken).ConfigureAwait(false);
                calls += requests.Count;
                var survivors = new List<(int Slot, string Text, ShingledText Shingled)>();
                for (var k = 0; k < batch.Count; k++)
                {
                    candidates++;
                    var reason = Check(Parse(results[k].Text), gate, index, out var text, out var shingled, rejectedPii);
                    if (reason is not null)
                    {
                        rejected[reason] = rejected.GetValueOrDefault(reason) + 1;
                        failed.Add(batch[k]);
                        continue;
                    }

                    survivors.Add((k, text!, shingled!));
                }

                IReadOnlyList<JudgeVerdict> verdicts = [];
                if (judge is not null && survivors.Count > 0)
                {
                    verdicts = await judge.JudgeAsync([.. survivors.Select(s => new JudgeInput(s.Text, null, fieldsOf[s.Slot]))], cancellationToken).ConfigureAwait(false);
                }

                var batchIndex = new NearDuplicateIndex(options.NearDuplicateThreshold, options.ShingleSize, seed: streams.Child("dedup").RootSeed);
                for (var j = 0; j < survivors.Count; j++)
                {
                    var s = survivors[j];
                    var reason = judge is not null && (!verdicts[j].Valid || verdicts[j].Score < options.MinJudgeScore) ? "judge"
                        : batchIndex.FindMatch(s.Shingled) is { } m ? (m.Exact ? "exact-duplicate" : "near-duplicate")
                        : null;
                    if (reason is not null)
                    {
                        rejected[reason] = rejected.GetValueOrDefault(reason) + 1;
                        failed.Add(batch[s.Slot]);
                        continue;
                    }

                    var id = R($"row:{rows[batch[s.Slot]]}");
                    batchIndex.Add(id, s.Shingled);
                    index.Add(id, s.Shingled);
                    filled[batch[s.Slot]] = s.Text;
                }

                progress?.Report(new ProgressUpdate("fill", filled.Count(f => f is not null), rows.Length));
            }

            failed.Sort();
            pending = failed;
        }

        var builder = new StringColumnBuilder(column);
        foreach (var f in filled)
        {
            builder.Append(f);
        }

        var output = table.Take(rows).With(builder.Build());
        var texts = filled.Where(f => f is not null).Select(f => f!).ToList();
        var report = Report(texts, real, scrubbed, gate, rejected, rejectedPii, candidates, pending.Count);
        return new TextFillResult(output, texts.Count, pending.Count, rejected, report);
    }

    private int[] ChooseRows(int rowCount, SeedStreams streams)
    {
        if (options.Rows is not { } wanted || wanted >= rowCount)
        {
            return [.. Enumerable.Range(0, rowCount)];
        }

        var rng = streams.CreateGenerator("fill.rows");
        var all = Enumerable.Range(0, rowCount).ToArray();
        for (var i = 0; i < wanted; i++)
        {
            var j = i + rng.NextInt(rowCount - i);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var chosen = all[..wanted];
        Array.Sort(chosen);
        return chosen;
    }

    private string? Check(string? text, PiiGate gate, NearDuplicateIndex index, out string? kept, out ShingledText? shingled, SortedDictionary<string, int> rejectedPii)
    {
        kept = text?.Trim();
        shingled = null;
        if (string.IsNullOrEmpty(kept) || kept.Length < options.MinChars || kept.Length > options.MaxChars)
        {
            return "schema";
        }

        var findings = gate.Check(kept);
        if (findings.Count > 0)
        {
            foreach (var kind in findings.Select(f => f.Kind).Distinct(StringComparer.Ordinal))
            {
                rejectedPii[kind] = rejectedPii.GetValueOrDefault(kind) + 1;
            }

            return findings.Any(f => f.IsLeak) ? "pii-leak" : "pii";
        }

        shingled = index.Prepare(kept);
        return index.FindMatch(shingled) is { } match ? (match.Exact ? "exact-duplicate" : "near-duplicate") : null;
    }

    private static string? Parse(string answer)
    {
        var json = Prompts.ExtractObject(answer);
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private IReadOnlyList<ChatMessage> Prompt(string column, Dictionary<string, string> fields, List<TextSeed> examples)
    {
        var what = options.Domain ?? $"'{column}' value";
        var sb = new StringBuilder();
        if (examples.Count > 0)
        {
            sb.Append("Examples of ").Append(what).Append(":\n");
            foreach (var e in examples)
            {
                sb.Append("- ").Append(Prompts.OneLine(e.Text)).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("Write one new, realistic ").Append(what).Append(" for this record: ")
            .Append(string.Join(", ", fields.Select(f => $"{f.Key}={f.Value}")))
            .Append(". It must fit the record's values. Reply in JSON: {\"text\": \"...\"}.");
        return
        [
            new ChatMessage(ChatRole.System, "You write realistic synthetic data. Never copy an example. Never write real personal data: write a placeholder such as [NAME], [PHONE], [EMAIL] or [NUMBER] instead."),
            new ChatMessage(ChatRole.User, sb.ToString()),
        ];
    }

    private static List<TextSeed> Sample(IReadOnlyList<TextSeed> seeds, int count, ref Xoshiro256 rng)
    {
        if (seeds.Count == 0 || count == 0)
        {
            return [];
        }

        var chosen = new List<TextSeed>(count);
        var used = new HashSet<int>();
        while (chosen.Count < Math.Min(count, seeds.Count))
        {
            var i = rng.NextInt(seeds.Count);
            if (used.Add(i))
            {
                chosen.Add(seeds[i]);
            }
        }

        return chosen;
    }

    private TextRunReport Report(List<string> texts, List<TextSeed> real, ScrubbedSeeds scrubbed, PiiGate gate, SortedDictionary<string, int> rejected, SortedDictionary<string, int> rejectedPii, int candidates, int failed)
    {
        var realTexts = real.Select(r => r.Text).ToList();
        var size = Math.Min(realTexts.Count, texts.Count);
        var diversityOptions = new DiversityOptions(options.ShingleSize, Seed: options.Seed);
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

        var warnings = new List<string>();
        if (failed > 0)
        {
            warnings.Add(R($"{failed} rows are left empty: every one of their {options.MaxAttempts} candidates was rejected."));
        }

        if (judgeGenerator is null)
        {
            warnings.Add("No judge: realism is not checked; only schema, duplicates and personal data are.");
        }
        else if (ReferenceEquals(judgeGenerator, generator))
        {
            warnings.Add("The judge is the generating model: give a different judge model for a stronger check.");
        }

        if (realTexts.Count == 0)
        {
            warnings.Add("The column had no real texts: prompts had no examples, and memorization could not be measured.");
        }

        var summary = new TextRoundSummary(1, candidates, texts.Count, rejected, 0, 0, 0, 0, candidates == 0 ? double.NaN : texts.Count / (double)candidates, null, null, false);
        return new TextRunReport(
            new TextReportMetadata("SynthVault", typeof(TextRunReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", TextRunReport.CurrentReportVersion, clock.GetUtcNow(), options.Seed, "fill", models.Generator, judgeGenerator is null ? null : models.Judge, judgeGenerator is not null && ReferenceEquals(judgeGenerator, generator)),
            new TextSeedSummary(real.Count, new Dictionary<string, int>(), new SortedDictionary<string, int>(scrubbed.Found.ToDictionary(), StringComparer.Ordinal), scrubbed.Leaks.Count),
            [summary],
            texts.Count,
            size >= 2 ? DiversityMetrics.Measure(DiversityMetrics.Subsample(texts, size, options.Seed), diversityOptions) : null,
            size >= 2 ? DiversityMetrics.Measure(DiversityMetrics.Subsample(realTexts, size, options.Seed + 1), diversityOptions) : null,
            texts.Count > 0 && realTexts.Count > 0 ? MemorizationMetrics.Measure(texts, realTexts, new MemorizationOptions(Seed: options.Seed)) : null,
            new TextPiiSummary(rejectedPii, outputFindings, leaks),
            new TextReviewSummary("none", false, 0, 0, 0, 0, null),
            R($"filled {texts.Count} of {texts.Count + failed} rows."),
            warnings);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string R(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
