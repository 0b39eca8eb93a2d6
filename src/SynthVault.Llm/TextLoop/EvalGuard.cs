using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SynthVault.Core.Errors;
using SynthVault.Core.Randomness;
using SynthVault.Evaluation.Text;

namespace SynthVault.Llm.TextLoop;

/// <summary>What the loop starts from: the rows of the seed file and, when the user gave one, a real evaluation set.</summary>
/// <param name="Rows">Every row of the seed file. With labels and no <paramref name="Eval"/>, the evaluation set is split off these.</param>
/// <param name="RowsSource">The seed file as the user named it (for messages); null when the rows did not come from a file.</param>
/// <param name="Eval">A real evaluation set the user named (<c>--eval</c>); null splits one off <paramref name="Rows"/>.</param>
/// <param name="EvalSource">The evaluation file as the user named it.</param>
public sealed record TextLoopInput(IReadOnlyList<TextSeed> Rows, string? RowsSource = null, IReadOnlyList<TextSeed>? Eval = null, string? EvalSource = null);

/// <summary>Where the real evaluation set of a run came from.</summary>
public enum EvalSetSource
{
    /// <summary>No evaluation set: unlabelled seeds, or <c>--eval-fraction 0</c>.</summary>
    None,

    /// <summary>A stratified, seeded share of the seed file's rows.</summary>
    Split,

    /// <summary>A file the user named with <c>--eval</c>.</summary>
    File,
}

/// <summary>The guard's decision: which rows are seeds, which are the real evaluation set, and what to tell the user.</summary>
/// <param name="Source">Where the evaluation set came from.</param>
/// <param name="Seeds">The rows the loop may show to a model (the training part), in file order.</param>
/// <param name="Eval">The real evaluation rows, in file order: never in a prompt, never judged, never an example.</param>
/// <param name="EvalHashes">SHA-256 (hex) of each distinct evaluation text after <see cref="TextTokens.Normalize"/>, sorted.</param>
/// <param name="EvalByClass">Evaluation rows per label.</param>
/// <param name="Notes">Warnings for the log and the report (no labels, a class missing from the evaluation file, …).</param>
public sealed record EvalPlan(EvalSetSource Source, IReadOnlyList<TextSeed> Seeds, IReadOnlyList<TextSeed> Eval, IReadOnlyList<string> EvalHashes, IReadOnlyDictionary<string, int> EvalByClass, IReadOnlyList<string> Notes);

/// <summary>
/// The real-data evaluation guard of <c>text grow</c>. A labelled seed set first loses a stratified, seeded share of
/// each class (default 30 %, at least <see cref="MinEvalPerClass"/> per class, at least <see cref="MinSeedsPerClass"/>
/// left as seeds) to a real evaluation set, or the user names one with <c>--eval</c>. Those rows never reach a prompt,
/// the judge or the example pool; a candidate close to one is rejected (<c>near-copy-of-eval</c>). Copies of a text
/// stay on one side: the split is over distinct normalised texts, so a duplicated message cannot be both seed and
/// evaluation row. Every run records the hashes of its evaluation rows in its state.json, and a run whose seeds hold
/// an evaluation row of another run in the same parent folder is refused (docs/TEXT-LOOP.md, "The evaluation guard").
/// </summary>
public static class EvalGuard
{
    /// <summary>Fewest evaluation rows per class: fewer gives the downstream check no usable per-class numbers.</summary>
    public const int MinEvalPerClass = 5;

    /// <summary>Fewest seeds per class left after the split: the generator needs examples of every class it is asked for.</summary>
    public const int MinSeedsPerClass = 2;

    private const int MaxListed = 20;

    /// <summary>SHA-256 (lower-case hex) of <paramref name="text"/> after <see cref="TextTokens.Normalize"/>: case and spacing do not matter.</summary>
    public static string Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TextTokens.Normalize(text))));
    }

    /// <summary>
    /// Decides the seeds and the evaluation set of a run in <paramref name="runDirectory"/>, and refuses seeds that an
    /// earlier run in the same parent folder held out. Reads, never writes.
    /// </summary>
    /// <exception cref="SynthVaultException">A class too small to split, one class only, an evaluation file with a class the seeds lack, or seeds that are evaluation rows (here or of an earlier run); each names the file, the class or the rows.</exception>
    public static EvalPlan Plan(TextLoopInput input, TextLoopOptions options, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(runDirectory);
        var notes = new List<string>();
        var labelled = input.Rows.Any(r => r.Label is not null);
        EvalPlan plan;
        if (input.Eval is not null)
        {
            plan = FromFile(input, labelled, notes);
        }
        else if (!labelled)
        {
            notes.Add("The seed set has no labels: no real evaluation set is held out, and the downstream classifier check needs labelled seeds (name the label with --label-column).");
            plan = None(input.Rows, notes);
        }
        else if (options.EvalFraction <= 0)
        {
            notes.Add("--eval-fraction 0: no real evaluation set is held out, so nothing can check the synthetic data against real data the generator never saw.");
            plan = None(input.Rows, notes);
        }
        else
        {
            plan = Split(input.Rows, input.RowsSource, options.EvalFraction, options.Seed, notes);
        }

        CheckEarlierRuns(plan.Seeds, input.RowsSource, runDirectory);
        return plan;
    }

    /// <summary>How the plan is recorded among the run's settings: a resumed run must hold out the same rows.</summary>
    internal static string Describe(EvalPlan plan, TextLoopOptions options) => plan.Source switch
    {
        EvalSetSource.Split => string.Create(CultureInfo.InvariantCulture, $"split {options.EvalFraction}"),
        EvalSetSource.File => "file sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", plan.Eval.Select(e => Hash(e.Text) + "\u001f" + e.Label)))))[..16],
        _ => "none",
    };

    private static EvalPlan None(IReadOnlyList<TextSeed> rows, List<string> notes) =>
        new(EvalSetSource.None, rows, [], [], new SortedDictionary<string, int>(StringComparer.Ordinal), notes);

    /// <summary>
    /// Stratified split over distinct texts: per class, the distinct texts are shuffled (Fisher–Yates, seeded per class
    /// name, so adding a class does not reshuffle the others) and the first max(5, round(share × n)) go to evaluation,
    /// keeping at least 2 as seeds. Copies of a text go wherever the text goes.
    /// </summary>
    private static EvalPlan Split(IReadOnlyList<TextSeed> rows, string? source, double fraction, long seed, List<string> notes)
    {
        var groups = new List<Group>();
        var byHash = new Dictionary<string, Group>(StringComparer.Ordinal);
        var rowGroup = new Group[rows.Count];
        var conflicts = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var hash = Hash(rows[i].Text);
            if (!byHash.TryGetValue(hash, out var g))
            {
                g = new Group(hash);
                byHash[hash] = g;
                groups.Add(g);
            }

            if (rows[i].Label is { } label)
            {
                if (g.Label is null)
                {
                    g.Label = label;
                }
                else if (g.Label != label && !g.Conflict)
                {
                    g.Conflict = true;
                    conflicts++;
                }
            }

            g.Rows.Add(i);
            rowGroup[i] = g;
        }

        var classes = groups.Where(g => g.Label is not null).GroupBy(g => g.Label!, StringComparer.Ordinal).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        if (classes.Count == 1)
        {
            throw new SynthVaultException(
                $"the seed set has one class ('{classes[0].Key}'); a real evaluation set needs at least two classes.",
                file: source,
                hint: "Add examples of another class, give a labelled evaluation file with --eval, or use --eval-fraction 0 to grow without a held-out set.");
        }

        var tooSmall = classes.Where(c => c.Count() < MinEvalPerClass + MinSeedsPerClass).ToList();
        if (tooSmall.Count > 0)
        {
            var what = string.Join("; ", tooSmall.Select(c =>
            {
                var rowCount = c.Sum(g => g.Rows.Count);
                return rowCount == c.Count()
                    ? string.Create(CultureInfo.InvariantCulture, $"class '{c.Key}' has {rowCount} example(s)")
                    : string.Create(CultureInfo.InvariantCulture, $"class '{c.Key}' has {rowCount} examples but only {c.Count()} distinct text(s)");
            }));
            throw new SynthVaultException(
                string.Create(CultureInfo.InvariantCulture, $"{what}: holding out at least {MinEvalPerClass} per class for evaluation and keeping at least {MinSeedsPerClass} as seeds needs {MinEvalPerClass + MinSeedsPerClass}."),
                file: source,
                hint: "Add real examples of that class, give a real evaluation set with --eval FILE, or use --eval-fraction 0 to grow without one.");
        }

        if (conflicts > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{conflicts} text(s) of the seed file appear with more than one label; each stays on one side of the evaluation split with all its copies, under its first label."));
        }

        var streams = new SeedStreams(seed).Child("eval-split");
        foreach (var c in classes)
        {
            var members = c.ToArray();
            var rng = streams.CreateGenerator("class:" + c.Key);
            for (var i = members.Length - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            var take = Math.Clamp((int)Math.Round(members.Length * fraction, MidpointRounding.AwayFromZero), MinEvalPerClass, members.Length - MinSeedsPerClass);
            for (var i = 0; i < take; i++)
            {
                members[i].Eval = true;
            }
        }

        var seeds = new List<TextSeed>(rows.Count);
        var eval = new List<TextSeed>();
        for (var i = 0; i < rows.Count; i++)
        {
            var g = rowGroup[i];
            if (g.Eval)
            {
                eval.Add(rows[i].Label is null ? rows[i] with { Label = g.Label } : rows[i]);
            }
            else
            {
                seeds.Add(rows[i]);
            }
        }

        return new EvalPlan(EvalSetSource.Split, seeds, eval, [.. groups.Where(g => g.Eval).Select(g => g.Hash).Order(StringComparer.Ordinal)], CountByClass(eval), notes);
    }

    private static EvalPlan FromFile(TextLoopInput input, bool labelled, List<string> notes)
    {
        var eval = input.Eval!;
        var file = input.EvalSource;
        if (eval.Count == 0)
        {
            throw new SynthVaultException("the evaluation file has no rows.", file: file, hint: "Give real, labelled examples that are not in the seed file.");
        }

        var seedClasses = input.Rows.Where(r => r.Label is not null).GroupBy(r => r.Label!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (labelled)
        {
            if (eval.FirstOrDefault(e => e.Label is null) is { } unlabelled)
            {
                throw new SynthVaultException("a row of the evaluation file has no label, but the seeds are labelled.", file: file, row: unlabelled.Row, hint: "Label every evaluation row with one of the seed classes.");
            }

            if (seedClasses.Count == 1)
            {
                throw new SynthVaultException($"the seed set has one class ('{seedClasses.Keys.First()}'); the downstream check needs at least two.", file: input.RowsSource, hint: "Add examples of another class.");
            }

            var small = seedClasses.Where(c => c.Value < MinSeedsPerClass).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
            if (small.Count > 0)
            {
                throw new SynthVaultException(
                    string.Join("; ", small.Select(c => string.Create(CultureInfo.InvariantCulture, $"class '{c.Key}' has {c.Value} seed(s)"))) + string.Create(CultureInfo.InvariantCulture, $"; the generator needs at least {MinSeedsPerClass} examples of every class."),
                    file: input.RowsSource,
                    hint: "Add real examples of that class to the seed file.");
            }
        }

        var unknown = eval.Where(e => e.Label is not null && !seedClasses.ContainsKey(e.Label)).Select(e => e.Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SynthVaultException(
                $"the evaluation file has class(es) {string.Join(", ", unknown.Select(u => $"'{u}'"))} that no seed has.",
                file: file,
                hint: seedClasses.Count == 0 ? "The seeds have no labels; name the label column with --label-column." : "Use the same class names in both files; the seed classes are " + string.Join(", ", seedClasses.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'")) + ".");
        }

        var byClass = CountByClass(eval);
        foreach (var c in seedClasses.Keys.Where(k => !byClass.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            notes.Add($"Class '{c}' has no row in the evaluation file: the downstream check cannot score it.");
        }

        foreach (var (c, n) in byClass.Where(kv => kv.Value < MinEvalPerClass))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Class '{c}' has only {n} row(s) in the evaluation file: its numbers in the downstream check are rough."));
        }

        if (!labelled)
        {
            notes.Add("The seed set has no labels: the downstream classifier check needs labelled seeds; the evaluation file still guards against near-copies.");
        }

        var hashes = eval.Select(e => Hash(e.Text)).ToHashSet(StringComparer.Ordinal);
        var copies = input.Rows.Where(r => hashes.Contains(Hash(r.Text))).ToList();
        if (copies.Count > 0)
        {
            throw new SynthVaultException(
                string.Create(CultureInfo.InvariantCulture, $"{copies.Count} row(s) of the seed file are also in the evaluation file {Name(file)} ({Where(copies)}); evaluation rows must never be seeds."),
                file: input.RowsSource,
                hint: "Remove those rows from the seed file.");
        }

        return new EvalPlan(EvalSetSource.File, input.Rows, eval, [.. hashes.Order(StringComparer.Ordinal)], byClass, notes);
    }

    /// <summary>
    /// Refuses seeds that another run in the same parent folder held out for evaluation (its state.json lists their
    /// hashes): a model must never see an evaluation row, whichever run it belongs to.
    /// </summary>
    private static void CheckEarlierRuns(IReadOnlyList<TextSeed> seeds, string? source, string runDirectory)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var own = Trim(Path.GetFullPath(runDirectory));
        var parent = Path.GetDirectoryName(own);
        if (parent is null || !Directory.Exists(parent) || seeds.Count == 0)
        {
            return;
        }

        List<(TextSeed Seed, string Hash)>? hashed = null;
        IEnumerable<string> folders;
        try
        {
            folders = [.. Directory.EnumerateDirectories(parent).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SynthVaultException($"cannot list the runs next to the run folder: {e.Message}", file: parent, hint: "The evaluation guard reads the state.json of every run in the --out folder's parent; make it readable.", inner: e);
        }

        foreach (var folder in folders)
        {
            if (string.Equals(Trim(folder), own, comparison))
            {
                continue;
            }

            var statePath = Path.Combine(folder, RunFolder.State);
            if (!File.Exists(statePath))
            {
                continue;
            }

            RegistryEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<RegistryEntry>(File.ReadAllText(statePath), RunFolder.Json);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                throw new SynthVaultException($"cannot read the evaluation rows of the run '{Path.GetFileName(folder)}' ({e.Message}).", file: statePath, hint: "Repair or move that run folder: the guard must know which rows it held out.", inner: e);
            }

            if (entry?.EvalGuard?.Hashes is not { Count: > 0 } held)
            {
                continue;
            }

            hashed ??= [.. seeds.Select(s => (s, Hash(s.Text)))];
            var set = held.ToHashSet(StringComparer.Ordinal);
            var hits = hashed.Where(h => set.Contains(h.Hash)).Select(h => h.Seed).ToList();
            if (hits.Count == 0)
            {
                continue;
            }

            var settings = entry.Settings;
            var hint = entry.EvalGuard.Source == "split" && settings is not null && settings.TryGetValue("seed", out var s)
                ? $"Remove those rows from the seed file, or grow with that run's split (--seed {s} --eval-fraction {entry.EvalGuard.Fraction?.ToString(CultureInfo.InvariantCulture)}) so they are held out again."
                : "Remove those rows from the seed file.";
            throw new SynthVaultException(
                string.Create(CultureInfo.InvariantCulture, $"the seed file holds {hits.Count} row(s) that the run '{Path.GetFileName(folder)}' held out as its real evaluation set ({Where(hits)}); evaluation rows must never be seeds."),
                file: source,
                hint: hint);
        }

        static string Trim(string path) => path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
    }

    /// <summary>"rows 3, 8, 12" (or "ids …" when rows are unknown), at most 20 listed.</summary>
    internal static string Where(IReadOnlyList<TextSeed> seeds)
    {
        var byRow = seeds.All(s => s.Row is not null);
        var listed = seeds.Take(MaxListed).Select(s => byRow ? s.Row!.Value.ToString(CultureInfo.InvariantCulture) : s.Id);
        var text = (byRow ? "rows " : "ids ") + string.Join(", ", listed);
        return seeds.Count > MaxListed ? string.Create(CultureInfo.InvariantCulture, $"{text}, … {seeds.Count} in all") : text;
    }

    private static string Name(string? file) => file is null ? "" : "'" + Path.GetFileName(file) + "'";

    private static SortedDictionary<string, int> CountByClass(IEnumerable<TextSeed> rows)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var key = r.Label ?? "";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    /// <summary>The distinct texts of the split: all copies of a text share one.</summary>
    private sealed class Group(string hash)
    {
        public string Hash { get; } = hash;

        public string? Label { get; set; }

        public bool Conflict { get; set; }

        public bool Eval { get; set; }

        public List<int> Rows { get; } = [];
    }

    /// <summary>The part of another run's state.json the guard reads.</summary>
    private sealed class RegistryEntry
    {
        public EvalGuardState? EvalGuard { get; set; }

        public SortedDictionary<string, string>? Settings { get; set; }
    }
}

/// <summary>The evaluation set of a run as state.json records it: the registry later runs check their seeds against.</summary>
internal sealed class EvalGuardState
{
    /// <summary>"split", "file" or "none".</summary>
    public string Source { get; set; } = "none";

    /// <summary>The evaluation file's name (not its path) when the source is a file.</summary>
    public string? File { get; set; }

    /// <summary>The share held out when the source is a split.</summary>
    public double? Fraction { get; set; }

    /// <summary>Evaluation rows.</summary>
    public int Rows { get; set; }

    /// <summary>Evaluation rows per label.</summary>
    public SortedDictionary<string, int> ByClass { get; set; } = new(StringComparer.Ordinal);

    /// <summary>SHA-256 of each distinct evaluation text after normalisation (lower case, spacing collapsed), sorted.</summary>
    public List<string> Hashes { get; set; } = [];
}
