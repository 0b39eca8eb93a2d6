using System.Collections.Frozen;
using Bogus.Bson;

namespace SynthVault.Llm.TextLoop;

/// <summary>
/// Finds first names inside free text, for scrubbing seeds. A token counts as a name when it is capitalised
/// ("Lucy", not "LUCY" or "lucy"), is a first name in Bogus's name lists (the locales the column profiler uses), is not
/// the first word of a sentence (where every word is capitalised), is not a common word that doubles as a name ("May",
/// "Will", "Orange"), and never occurs in lower case in the seed corpus itself (then it is a word there, not a name).
/// It is a heuristic: it misses names at the start of a sentence and surnames on their own. Names that matter can
/// also come from a personal-data field, which goes to the leak dictionary whole.
/// </summary>
internal sealed class NameFinder
{
    private static readonly string[] Locales = ["en", "en_US", "en_GB", "en_AU", "en_CA", "en_IE", "de", "fr", "es", "it", "nl", "pt_BR"];

    private static readonly Lazy<FrozenSet<string>> FirstNames = new(LoadFirstNames);

    /// <summary>Words that are also given names and appear capitalised in ordinary text (titles, months, brands, shouting).</summary>
    private static readonly FrozenSet<string> CommonWords = new[]
    {
        "may", "june", "april", "august", "will", "mark", "bill", "hope", "joy", "grace", "faith", "rose", "dawn", "summer",
        "autumn", "winter", "sunny", "star", "happy", "honey", "baby", "sweet", "angel", "love", "dear", "god", "christ",
        "jesus", "lord", "mom", "mum", "dad", "king", "queen", "prince", "princess", "ruby", "amber", "jade", "crystal",
        "pearl", "ivy", "holly", "daisy", "lily", "iris", "rich", "frank", "earnest", "chase", "hunter", "mason", "cash",
        "gift", "price", "art", "page", "ray", "max", "guy", "don", "sky", "storm", "river", "cliff", "dale", "glen",
        "lane", "miles", "penny", "sandy", "rusty", "buddy", "sir", "madam", "miss", "santa", "orange", "apple", "cherry",
        "ginger", "pepper", "olive", "ok", "bella", "sal", "ben", "hall", "young", "long", "best", "early", "chance",
        "delta", "asia", "china", "india", "paris", "london", "florence", "victoria", "georgia", "virginia", "carolina",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> lowercaseWords = new(StringComparer.Ordinal);

    /// <summary>Learns which words the corpus writes in lower case.</summary>
    public NameFinder(IEnumerable<string> corpus)
    {
        foreach (var text in corpus)
        {
            foreach (var (start, length) in WordTokens(text))
            {
                if (char.IsLower(text[start]))
                {
                    lowercaseWords.Add(text.Substring(start, length).ToLowerInvariant());
                }
            }
        }
    }

    /// <summary>Spans of the names found in <paramref name="text"/>.</summary>
    public IEnumerable<(int Start, int Length)> Find(string text)
    {
        foreach (var (start, length) in WordTokens(text))
        {
            var token = text.AsSpan(start, length);
            if (length < 2 || !char.IsUpper(token[0]) || !IsRestLower(token) || AtSentenceStart(text, start))
            {
                continue;
            }

            var lower = token.ToString().ToLowerInvariant();
            if (CommonWords.Contains(lower) || lowercaseWords.Contains(lower) || !FirstNames.Value.Contains(lower))
            {
                continue;
            }

            yield return (start, length);
        }
    }

    private static bool IsRestLower(ReadOnlySpan<char> token)
    {
        for (var i = 1; i < token.Length; i++)
        {
            if (char.IsUpper(token[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AtSentenceStart(string text, int start)
    {
        for (var i = start - 1; i >= 0; i--)
        {
            var ch = text[i];
            if (char.IsWhiteSpace(ch) && ch is not ('\n' or '\r'))
            {
                continue;
            }

            return ch is '.' or '!' or '?' or ':' or '\n' or '\r' or '"' or '(';
        }

        return true;
    }

    /// <summary>Runs of letters (with inner apostrophes or hyphens).</summary>
    private static IEnumerable<(int Start, int Length)> WordTokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && (char.IsLetter(text[i]) || (text[i] is '\'' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))))
            {
                i++;
            }

            // A word glued to digits ("wkly2", "150p") is not a name.
            if ((start > 0 && char.IsDigit(text[start - 1])) || (i < text.Length && char.IsDigit(text[i])))
            {
                continue;
            }

            yield return (start, i - start);
        }
    }

    private static FrozenSet<string> LoadFirstNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var locale in Locales)
        {
            foreach (var key in new[] { "first_name", "male_first_name", "female_first_name" })
            {
                if (!Bogus.Database.HasKey("name", key, locale) || Bogus.Database.Get("name", key, locale) is not BArray array)
                {
                    continue;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    var value = array[i].StringValue?.Trim();
                    if (!string.IsNullOrEmpty(value) && !value.Contains(' ', StringComparison.Ordinal))
                    {
                        names.Add(value.ToLowerInvariant());
                    }
                }
            }
        }

        return names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
