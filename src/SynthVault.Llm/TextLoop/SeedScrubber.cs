using System.Text;
using SynthVault.Core.Data;
using SynthVault.Core.Pii;
using SynthVault.Core.Schema;

namespace SynthVault.Llm.TextLoop;

/// <summary>The seeds with personal data replaced, and what was taken out.</summary>
/// <param name="Seeds">Scrubbed seeds, same ids and order: these, never the originals, go into prompts.</param>
/// <param name="Leaks">The real values taken out (in memory only), for the PII gate.</param>
/// <param name="Found">Values replaced, by kind ("phone", "email", "url", "name", "number", …).</param>
/// <param name="PersonalFields">Fields whose values are personal data as a whole (e.g. customer_name); they never reach a prompt.</param>
public sealed record ScrubbedSeeds(IReadOnlyList<TextSeed> Seeds, LeakDictionary Leaks, IReadOnlyDictionary<string, int> Found, IReadOnlyList<string> PersonalFields);

/// <summary>
/// Removes personal data from real examples before any of it reaches a prompt: e-mail addresses, phone numbers,
/// cards, IBANs, SSNs, IPs and URLs (<see cref="PiiScanner"/>), first names (a gazetteer heuristic), and any other
/// run of 5 or more digits (SMS short codes, account and reference numbers). Each is replaced by a typed placeholder
/// ([PHONE], [URL], [NAME], [NUMBER] …) and its real value goes into the <see cref="LeakDictionary"/>. Placeholders
/// rather than fake values: a model shown "[PHONE]" writes "[PHONE]", while one shown a realistic fake number writes
/// realistic numbers, which the PII gate would then have to reject. Fields that are personal data as a whole (found
/// by the column profiler's detector from the field's name and values) are replaced by their placeholder.
/// </summary>
public static class SeedScrubber
{
    /// <summary>Scrubs <paramref name="seeds"/>.</summary>
    public static ScrubbedSeeds Scrub(IReadOnlyList<TextSeed> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var leaks = new LeakDictionary();
        var found = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var names = new NameFinder(seeds.Select(s => s.Text));

        var personal = PersonalFields(seeds);
        var scrubbed = new List<TextSeed>(seeds.Count);
        foreach (var seed in seeds)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, value) in seed.Fields)
            {
                if (personal.TryGetValue(field, out var kind))
                {
                    leaks.Add(kind, value);
                    Count(found, PiiKinds.Name(kind));
                    fields[field] = PiiKinds.Placeholder(PiiKinds.Name(kind));
                }
                else
                {
                    fields[field] = ScrubText(value, names, leaks, found);
                }
            }

            scrubbed.Add(new TextSeed(seed.Id, ScrubText(seed.Text, names, leaks, found), seed.Label, fields) { Row = seed.Row });
        }

        return new ScrubbedSeeds(scrubbed, leaks, found, [.. personal.Keys.Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Fields whose values are personal data as a whole, with their kind. A field the detector marks personal is
    /// removed whole; the free text of other fields is scrubbed like the seed text.
    /// </summary>
    private static Dictionary<string, PiiKind> PersonalFields(IReadOnlyList<TextSeed> seeds)
    {
        var result = new Dictionary<string, PiiKind>(StringComparer.Ordinal);
        var names = seeds.SelectMany(s => s.Fields.Keys).Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            var values = seeds.Select(s => s.Fields.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null).ToList();
            var match = PiiDetector.Detect(name, StringColumn.FromValues(name, values));
            if (match.Kind != PiiKind.None)
            {
                result[name] = match.Kind;
            }
        }

        return result;
    }

    private static string ScrubText(string text, NameFinder names, LeakDictionary leaks, SortedDictionary<string, int> found)
    {
        var spans = new List<(int Start, int Length, string Kind, PiiKind PiiKind)>();
        foreach (var s in PiiScanner.Find(text, new PiiScanOptions(IncludeUrls: true)))
        {
            spans.Add((s.Start, s.Length, s.Kind == PiiKind.Other ? PiiKinds.Url : PiiKinds.Name(s.Kind), s.Kind));
        }

        foreach (var (start, length) in names.Find(text))
        {
            AddIfFree(spans, start, length, "name", PiiKind.PersonName);
        }

        // Digits left outside the spans found so far ("[PHONE]/07880867867", "to 89693. 0800…").
        var masked = text.ToCharArray();
        foreach (var span in spans)
        {
            Array.Fill(masked, 'x', span.Start, span.Length);
        }

        foreach (var (start, end, digits) in LeakDictionary.DigitRuns(new string(masked)))
        {
            if (digits.Length >= LeakDictionary.MinDigits)
            {
                AddIfFree(spans, start, end - start, PiiKinds.Number, PiiKind.Other);
            }
        }

        if (spans.Count == 0)
        {
            return text;
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, length, kind, piiKind) in spans)
        {
            leaks.Add(piiKind, text.Substring(start, length));
            Count(found, kind);
            sb.Append(text, at, start - at).Append(PiiKinds.Placeholder(kind));
            at = start + length;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    private static void AddIfFree(List<(int Start, int Length, string Kind, PiiKind PiiKind)> spans, int start, int length, string kind, PiiKind piiKind)
    {
        foreach (var s in spans)
        {
            if (start < s.Start + s.Length && s.Start < start + length)
            {
                return;
            }
        }

        spans.Add((start, length, kind, piiKind));
    }

    private static void Count(SortedDictionary<string, int> found, string kind) => found[kind] = found.GetValueOrDefault(kind) + 1;
}
