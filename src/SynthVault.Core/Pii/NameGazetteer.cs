using System.Collections.Frozen;
using Bogus.Bson;

namespace SynthVault.Core.Pii;

/// <summary>
/// First and last names from Bogus's locale data (the faker.js name lists) for English, German, French,
/// Spanish, Italian, Dutch and Brazilian Portuguese: about 6,500 first names and 3,600 surnames. A hit says a
/// token is a known name; it is evidence, never proof ("White" is a surname and a race category), so the
/// detector asks for more than one hit or a name-like column name.
/// </summary>
internal static class NameGazetteer
{
    private static readonly string[] Locales = ["en", "en_US", "en_GB", "en_AU", "en_CA", "en_IE", "de", "fr", "es", "it", "nl", "pt_BR"];

    private static readonly Lazy<(FrozenSet<string> First, FrozenSet<string> Last)> Lists = new(Load);

    public static FrozenSet<string> FirstNames => Lists.Value.First;

    public static FrozenSet<string> LastNames => Lists.Value.Last;

    public static bool IsFirstName(ReadOnlySpan<char> token) => FirstNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token);

    public static bool IsLastName(ReadOnlySpan<char> token) => LastNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token);

    private static (FrozenSet<string>, FrozenSet<string>) Load()
    {
        var first = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var last = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var locale in Locales)
        {
            Add(first, locale, "first_name");
            Add(first, locale, "male_first_name");
            Add(first, locale, "female_first_name");
            Add(last, locale, "last_name");
        }

        return (first.ToFrozenSet(StringComparer.OrdinalIgnoreCase), last.ToFrozenSet(StringComparer.OrdinalIgnoreCase));

        static void Add(HashSet<string> set, string locale, string key)
        {
            if (!Bogus.Database.HasKey("name", key, locale) || Bogus.Database.Get("name", key, locale) is not BArray array)
            {
                return;
            }

            for (var i = 0; i < array.Count; i++)
            {
                var value = array[i].StringValue;
                if (!string.IsNullOrWhiteSpace(value))
                {
                    set.Add(value.Trim());
                }
            }
        }
    }
}
