using System.Globalization;
using SynthVault.Core.Errors;
using SynthVault.Core.Randomness;

namespace SynthVault.Llm.TextLoop;

/// <summary>One combination of attribute values a request asks for.</summary>
/// <param name="Label">The label, or null for unlabelled seeds.</param>
/// <param name="Fields">Values of the grid's other attributes.</param>
public sealed record GridCell(string? Label, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The hard-case kind asked for (<see cref="HardCases"/>), or null for an ordinary variation.</summary>
    public string? HardKind { get; init; }

    /// <summary>The other class a hard case is set against (named in the prompt), or null.</summary>
    public string? Contrast { get; init; }

    /// <summary>"label=spam, channel=sms" (empty for the single cell of an unlabelled set without attributes); hard cells add "hard=…, vs=…".</summary>
    public string Key => string.Join(", ", (Label is null ? [] : new[] { "label=" + Label })
        .Concat(Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value))
        .Concat(HardKind is null ? [] : new[] { "hard=" + HardKind, "vs=" + Contrast }));
}

/// <summary>
/// The cartesian product of the label and the chosen fields' values seen in the seeds. Requests go round the cells
/// in turn, so a rare category (3 seeds of 100) gets as many requests as a common one: coverage, not imitation of
/// the seed proportions. Each round starts at a seeded offset so that a short round does not always favour the
/// first cells.
/// </summary>
internal sealed class AttributeGrid
{
    /// <summary>More cells than this is almost always a free-text or id field chosen by mistake.</summary>
    public const int MaxCells = 10_000;

    private AttributeGrid(IReadOnlyList<GridCell> cells) => Cells = cells;

    public IReadOnlyList<GridCell> Cells { get; }

    public static AttributeGrid Build(IReadOnlyList<TextSeed> seeds, IReadOnlyList<string> attributes, IReadOnlyList<string> personalFields)
    {
        var labels = seeds.Where(s => s.Label is not null).Select(s => s.Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var axes = new List<(string Name, List<string> Values)>();
        foreach (var attribute in attributes)
        {
            if (personalFields.Contains(attribute, StringComparer.Ordinal))
            {
                throw new SynthVaultException($"--grid field '{attribute}' holds personal data and cannot steer generation.", column: attribute, hint: "Choose categorical fields such as a product or channel.");
            }

            var values = seeds.Where(s => s.Fields.ContainsKey(attribute)).Select(s => s.Fields[attribute]).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (values.Count == 0)
            {
                throw new SynthVaultException($"--grid field '{attribute}' is not a field of the seeds (or is always empty).", column: attribute, hint: "Use a column name of the seed file other than the text and label.");
            }

            axes.Add((attribute, values));
        }

        long count = Math.Max(1, labels.Count);
        foreach (var axis in axes)
        {
            count *= axis.Values.Count;
        }

        if (count > MaxCells)
        {
            throw new SynthVaultException(string.Create(CultureInfo.InvariantCulture, $"the attribute grid would have {count} combinations (more than {MaxCells})."), hint: "Grid on fewer fields, or on fields with fewer distinct values.");
        }

        var cells = new List<GridCell>();
        var labelAxis = labels.Count == 0 ? [null] : labels.Cast<string?>().ToList();
        foreach (var label in labelAxis)
        {
            var partial = new List<Dictionary<string, string>> { new(StringComparer.Ordinal) };
            foreach (var (name, values) in axes)
            {
                partial = [.. partial.SelectMany(p => values.Select(v => new Dictionary<string, string>(p, StringComparer.Ordinal) { [name] = v }))];
            }

            cells.AddRange(partial.Select(p => new GridCell(label, p)));
        }

        return new AttributeGrid(cells);
    }

    /// <summary>
    /// The cells of hard mode: every hard-case kind for every ordered pair (intended label, contrast class) of the
    /// chosen classes, kind by kind, so a round going round the cells asks for every kind and both directions of
    /// every boundary equally.
    /// </summary>
    public static AttributeGrid BuildHard(IReadOnlyList<TextSeed> seeds, TextLoopOptions options, string? source)
    {
        var labels = seeds.Where(s => s.Label is not null).Select(s => s.Label!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (labels.Count == 0)
        {
            throw new SynthVaultException("--mode hard needs labelled seeds: a hard case is hard for telling one class from another.", file: source, hint: "Name the label column with --label-column.");
        }

        var classes = options.HardClasses.Count == 0 ? labels : [.. options.HardClasses.Select(c => c.Trim()).Distinct(StringComparer.Ordinal)];
        foreach (var c in classes)
        {
            if (!labels.Contains(c, StringComparer.Ordinal))
            {
                throw new SynthVaultException($"--classes names '{c}', which no seed has as its label.", file: source, hint: "The seed classes are " + string.Join(", ", labels.Select(l => $"'{l}'")) + ".");
            }
        }

        if (classes.Count < 2)
        {
            throw new SynthVaultException(
                classes.Count == 1 && options.HardClasses.Count > 0 ? $"--classes names one class ('{classes[0]}'); hard cases need two." : $"the seeds have one class ('{classes[0]}'); hard cases need two.",
                file: options.HardClasses.Count > 0 ? null : source,
                hint: "Name two classes, e.g. --classes spam,ham.");
        }

        var cells = new List<GridCell>();
        foreach (var kind in HardCases.Kinds(options.Adversarial))
        {
            foreach (var label in classes)
            {
                foreach (var contrast in classes.Where(c => c != label))
                {
                    cells.Add(new GridCell(label, new Dictionary<string, string>(StringComparer.Ordinal)) { HardKind = kind, Contrast = contrast });
                }
            }
        }

        return cells.Count > MaxCells
            ? throw new SynthVaultException(string.Create(CultureInfo.InvariantCulture, $"hard mode would have {cells.Count} combinations of kind and class pair (more than {MaxCells})."), hint: "Name fewer classes with --classes.")
            : new AttributeGrid(cells);
    }

    /// <summary>The cell of the <paramref name="request"/>-th request of <paramref name="round"/>.</summary>
    public GridCell CellFor(SeedStreams streams, int round, int request)
    {
        var offset = streams.CreateGenerator("grid-offset", round).NextInt(Cells.Count);
        return Cells[(offset + request) % Cells.Count];
    }
}

/// <summary>An example shown in a prompt: a scrubbed seed or an approved sample.</summary>
internal sealed record PoolExample(string Id, string Text, string? Label, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// The examples prompts draw from: the scrubbed seeds (pinned: they are never removed) and every sample a reviewer
/// approved. For a cell, examples that share the most of its attribute values come first; ties are broken at random
/// (seeded), so prompts differ in their examples as well as in their sampler.
/// </summary>
internal sealed class ExamplePool
{
    private readonly List<PoolExample> examples = [];

    public int Count => examples.Count;

    public void Add(PoolExample example) => examples.Add(example);

    /// <summary>
    /// Examples for a hard cell: half (rounded up) of the intended label, the rest of the contrast class, so the model
    /// sees both sides of the boundary it is asked to write near.
    /// </summary>
    public IReadOnlyList<PoolExample> ChooseForHard(GridCell cell, int count, ref Xoshiro256 rng)
    {
        var own = Choose(cell, (count + 1) / 2, ref rng).Where(e => e.Label == cell.Label).ToList();
        var other = Choose(new GridCell(cell.Contrast, cell.Fields), count - own.Count, ref rng).Where(e => e.Label == cell.Contrast);
        return [.. own.Concat(other)];
    }

    public IReadOnlyList<PoolExample> Choose(GridCell cell, int count, ref Xoshiro256 rng)
    {
        if (count == 0 || examples.Count == 0)
        {
            return [];
        }

        var keyed = new (int Match, double Tie, PoolExample Example)[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            var e = examples[i];
            var match = cell.Label is not null && e.Label == cell.Label ? 10 : 0;
            foreach (var (name, value) in cell.Fields)
            {
                match += e.Fields.TryGetValue(name, out var v) && v == value ? 1 : 0;
            }

            keyed[i] = (match, rng.NextDouble(), e);
        }

        Array.Sort(keyed, (a, b) => a.Match != b.Match ? b.Match.CompareTo(a.Match) : a.Tie.CompareTo(b.Tie));
        return [.. keyed.Take(count).Select(k => k.Example)];
    }
}
