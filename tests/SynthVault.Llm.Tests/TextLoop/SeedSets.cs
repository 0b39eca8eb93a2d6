using SynthVault.Llm.TextLoop;
using SynthVault.Testing;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>Seed sets for the loop tests, from the real SMS spam corpus (real phone numbers, short codes, URLs and names).</summary>
internal static class SeedSets
{
    private static readonly Lazy<IReadOnlyList<(string Label, string Text)>> Sms = new(TestData.SmsSpam);

    /// <summary>All SMS messages as seeds with their ham/spam label.</summary>
    public static IReadOnlyList<TextSeed> AllSms() => [.. Sms.Value.Select((m, i) => new TextSeed("sms" + i, m.Text, m.Label))];

    /// <summary>
    /// <paramref name="count"/> SMS seeds, half spam (which carries the phone numbers, short codes and URLs) and half ham,
    /// taken in file order so every test sees the same set.
    /// </summary>
    public static IReadOnlyList<TextSeed> Mixed(int count)
    {
        var all = AllSms();
        var spam = all.Where(s => s.Label == "spam").Take(count / 2);
        var ham = all.Where(s => s.Label == "ham").Take(count - (count / 2));
        return [.. spam.Concat(ham)];
    }
}
