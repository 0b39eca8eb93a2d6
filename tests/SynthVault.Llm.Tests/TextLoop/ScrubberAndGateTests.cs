using SynthVault.Core.Pii;
using SynthVault.Core.Schema;
using SynthVault.Llm.TextLoop;

namespace SynthVault.Llm.Tests.TextLoop;

/// <summary>Seeds are scrubbed before any prompt; the PII gate rejects recognised PII and every real value from the input.</summary>
public sealed class ScrubberAndGateTests
{
    [Fact]
    public void Scrubbed_sms_seeds_hold_no_phone_email_url_or_long_number()
    {
        var seeds = SeedSets.AllSms();

        var scrubbed = SeedScrubber.Scrub(seeds);

        Assert.Equal(seeds.Count, scrubbed.Seeds.Count);
        foreach (var s in scrubbed.Seeds)
        {
            Assert.Empty(PiiScanner.Find(s.Text, new PiiScanOptions(IncludeUrls: true)));
            Assert.DoesNotContain(LeakDictionary.DigitRuns(s.Text), r => r.Digits.Length >= LeakDictionary.MinDigits);
        }

        // The corpus is known to hold phone numbers, short codes and URLs; all of them were found.
        Assert.True(scrubbed.Found.GetValueOrDefault("phone") > 50, $"phones: {scrubbed.Found.GetValueOrDefault("phone")}");
        Assert.True(scrubbed.Found.GetValueOrDefault("number") > 50, $"numbers: {scrubbed.Found.GetValueOrDefault("number")}");
        Assert.True(scrubbed.Found.GetValueOrDefault("url") > 10, $"urls: {scrubbed.Found.GetValueOrDefault("url")}");
        Assert.Contains(scrubbed.Seeds, s => s.Text.Contains("[PHONE]", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_phone_number_of_the_sms_corpus_is_in_the_leak_dictionary_however_it_is_written()
    {
        var seeds = SeedSets.AllSms();
        var scrubbed = SeedScrubber.Scrub(seeds);
        var phones = seeds.SelectMany(s => PiiScanner.Find(s.Text).Where(f => f.Kind == PiiKind.Phone).Select(f => s.Text.Substring(f.Start, f.Length))).Distinct().ToList();
        Assert.NotEmpty(phones);

        foreach (var phone in phones)
        {
            var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
            // Re-grouped with spaces and dashes the way a model might write it.
            var regrouped = string.Join("-", Enumerable.Range(0, (digits.Length + 2) / 3).Select(i => digits.Substring(i * 3, Math.Min(3, digits.Length - (i * 3)))));

            Assert.NotEmpty(scrubbed.Leaks.Find("call " + phone + " now"));
            Assert.NotEmpty(scrubbed.Leaks.Find("ring " + regrouped + " today"));
        }
    }

    [Fact]
    public void Names_inside_sentences_are_scrubbed_but_capitalised_words_that_are_names_too_are_not()
    {
        TextSeed[] seeds =
        [
            new("1", "Hi Lucy, will you call me tonight?"),
            new("2", "Will you be there? I may be late, tell Marcus."),
            new("3", "Sorry, I will bring the cake in May."),
        ];

        var scrubbed = SeedScrubber.Scrub(seeds);

        Assert.Equal("Hi [NAME], will you call me tonight?", scrubbed.Seeds[0].Text);
        Assert.Equal("Will you be there? I may be late, tell [NAME].", scrubbed.Seeds[1].Text);
        Assert.Equal("Sorry, I will bring the cake in May.", scrubbed.Seeds[2].Text);
        Assert.NotEmpty(scrubbed.Leaks.Find("say hello to lucy"));
        Assert.Empty(scrubbed.Leaks.Find("Will you come in May?"));
    }

    [Fact]
    public void Personal_data_fields_are_replaced_whole_and_their_values_join_the_leak_dictionary()
    {
        var names = new[] { "Anna Schmidt", "John Miller", "Maria Garcia", "Peter Brown", "Laura Wilson", "James Taylor", "Sarah Jones", "David Clark", "Emma White", "Lucas Martin", "Olivia Davis", "Noah Moore" };
        var seeds = names.Select((n, i) => new TextSeed(
            "t" + i,
            "My card was charged twice this month.",
            "billing",
            new Dictionary<string, string> { ["customer_name"] = n, ["product"] = i % 2 == 0 ? "credit card" : "savings" })).ToList();

        var scrubbed = SeedScrubber.Scrub(seeds);

        Assert.Equal(["customer_name"], scrubbed.PersonalFields);
        Assert.All(scrubbed.Seeds, s => Assert.Equal("[NAME]", s.Fields["customer_name"]));
        Assert.Equal("credit card", scrubbed.Seeds[0].Fields["product"]);
        Assert.NotEmpty(scrubbed.Leaks.Find("Please ask maria garcia to call back."));
        Assert.Empty(scrubbed.Leaks.Find("Please ask the branch to call back."));
    }

    [Fact]
    public void The_gate_rejects_planted_leaks_and_recognised_pii_and_lets_placeholders_through()
    {
        var seeds = SeedSets.AllSms();
        var scrubbed = SeedScrubber.Scrub(seeds);
        var gate = new PiiGate(scrubbed.Leaks);
        // A real premium-rate number and a real short code from the corpus (line 3: "Text FA to 87121 ... 08452810075over18's").
        Assert.Contains(seeds, s => s.Text.Contains("87121", StringComparison.Ordinal) && s.Text.Contains("08452810075", StringComparison.Ordinal));

        var shortCode = gate.Check("Text WIN to 87121 to claim your reward.");
        var premium = gate.Check("Call 0845 281 0075 for your prize.");
        var invented = gate.Check("Call 07700 900123 for your prize.");
        var email = gate.Check("Write to prizes@example.com today.");
        var placeholders = gate.Check("Text WIN to [NUMBER] or call [PHONE] to claim your [NAME] reward.");

        Assert.Equal(["leak:number"], shortCode.Select(f => f.Kind));
        Assert.Contains(premium, f => f.IsLeak);
        Assert.Equal(["phone"], invented.Select(f => f.Kind));
        Assert.Equal(["email"], email.Select(f => f.Kind));
        Assert.Empty(placeholders);
        Assert.Equal("Call [PHONE] for your prize.", gate.Redact("Call 0845 281 0075 for your prize."));
        Assert.Equal("Text WIN to [NUMBER] to claim your reward.", gate.Redact("Text WIN to 87121 to claim your reward."));
    }

    [Fact]
    public void Short_numbers_only_match_whole_and_long_ones_also_inside_longer_runs()
    {
        var leaks = new LeakDictionary();
        leaks.Add(PiiKind.Other, "87121");
        leaks.Add(PiiKind.Phone, "08452810075");

        Assert.NotEmpty(leaks.Find("text 87121"));
        Assert.Empty(leaks.Find("ref 871219"));
        Assert.NotEmpty(leaks.Find("dial 0044 08452810075 1"));
        Assert.Empty(leaks.Find("amount 8712 and 1000"));
        Assert.Equal(2, leaks.Count);
    }
}
