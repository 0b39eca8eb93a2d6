using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SynthVault.Llm.Generation;
using SynthVault.Llm.TextLoop;

namespace SynthVault.Testing.Text;

/// <summary>Thrown by <see cref="ScriptedTextGenerator"/> to stand in for a killed process.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A text generator whose answers are a function of each request (usually its sampler seed), so the loop's logic can
/// be tested without a model, and a run that is cut short and resumed sees exactly the answers an uninterrupted run
/// sees. Records every request; can crash after a number of calls.
/// </summary>
public sealed partial class ScriptedTextGenerator : ITextGenerator
{
    private readonly Func<GenerationRequest, string> respond;
    private readonly List<GenerationRequest> seen = [];

    public ScriptedTextGenerator(Func<GenerationRequest, string> respond) => this.respond = respond;

    /// <summary>Throw <see cref="SimulatedCrashException"/> on the call after this many successful calls.</summary>
    public int? CrashAfterCalls { get; init; }

    /// <summary>Calls of <see cref="GenerateAsync"/> that returned.</summary>
    public int Calls { get; private set; }

    /// <summary>Every request answered, in order.</summary>
    public IReadOnlyList<GenerationRequest> Seen => seen;

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (CrashAfterCalls is { } limit && Calls >= limit)
        {
            throw new SimulatedCrashException();
        }

        var results = new List<GenerationResult>(requests.Count);
        foreach (var r in requests)
        {
            r.Validate();
            var text = respond(r);
            var promptChars = r.Messages?.Sum(m => m.Text.Length) ?? r.Prompt!.Length;
            results.Add(new GenerationResult(text, (promptChars + 3) / 4, Math.Max(1, (text.Length + 3) / 4), FinishReason.EndOfGeneration, r.JsonSchema is null ? null : []));
            seen.Add(r);
        }

        Calls++;
        return Task.FromResult<IReadOnlyList<GenerationResult>>(results);
    }

    /// <summary>
    /// A generator for the loop: each request gets as many variations as its schema asks for, the
    /// <paramref name="variation"/>-th made by <paramref name="text"/> from the request's sampler seed and its user prompt.
    /// </summary>
    public static ScriptedTextGenerator Variations(Func<uint, int, string, string> text) => new(request =>
    {
        var count = RequestedVariations(request);
        var prompt = request.Messages is { Count: > 0 } messages ? messages[^1].Text : request.Prompt ?? "";
        var items = Enumerable.Range(0, count).Select(v => new { text = text(request.Sampler.Seed, v, prompt) });
        return JsonSerializer.Serialize(new { variations = items });
    });

    /// <summary>A generator of word salad from <see cref="WordSalad"/>: diverse, never near-duplicate, PII-free.</summary>
    public static ScriptedTextGenerator Diverse() => Variations((seed, v, _) => WordSalad(seed, v));

    /// <summary>
    /// A judge: reads the judged text and intended label from the judge prompt and answers with
    /// <paramref name="verdict"/>'s score, label fit and reason, as the JSON the judge asks for.
    /// </summary>
    public static ScriptedTextGenerator Judge(Func<string, string?, (int Score, bool LabelFits, string Reason)> verdict) => new(request =>
    {
        var prompt = request.Messages is { Count: > 0 } messages ? messages[^1].Text : request.Prompt ?? "";
        var start = prompt.IndexOf(LlmJudge.TextStart, StringComparison.Ordinal) + LlmJudge.TextStart.Length;
        var end = prompt.IndexOf(LlmJudge.TextEnd, StringComparison.Ordinal);
        var text = prompt[start..end];
        var label = LabelPattern().Match(prompt) is { Success: true } m ? m.Groups[1].Value : null;
        var (score, fits, reason) = verdict(text, label);
        return JsonSerializer.Serialize(new { reason, score, labelFits = fits });
    });

    /// <summary>A judge that gives every text <paramref name="score"/> and says the label fits.</summary>
    public static ScriptedTextGenerator Permissive(int score = 4) => Judge((_, _) => (score, true, "fine"));

    /// <summary>Variations asked for by a loop request (its schema's minItems); 1 without a schema.</summary>
    public static int RequestedVariations(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.JsonSchema is { } schema && MinItemsPattern().Match(schema) is { Success: true } m
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : 1;
    }

    /// <summary>
    /// 10 to 17 words drawn from a 232-word bank by a generator seeded with (seed, variation): texts from different
    /// draws share few 5-character shingles, so they are never near duplicates, and hold no digits or names.
    /// </summary>
    public static string WordSalad(uint seed, int variation, int minWords = 10)
    {
        var state = ((ulong)seed << 20) ^ (ulong)(variation + 1) * 0x9E3779B97F4A7C15UL;
        var words = minWords + (int)(Next(ref state) % 8);
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Bank[(int)(Next(ref state) % (ulong)Bank.Length)]);
        }

        return sb.Append('.').ToString();
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static readonly string[] Bank =
    [
        "account", "balance", "branch", "card", "charge", "claim", "client", "deposit", "delay", "desk", "dispute", "error",
        "fee", "form", "fraud", "fund", "invoice", "issue", "ledger", "limit", "loan", "login", "meeting", "mortgage",
        "notice", "offer", "order", "parcel", "payment", "pension", "policy", "portal", "prize", "queue", "rate", "receipt",
        "refund", "reminder", "renewal", "request", "reward", "salary", "savings", "schedule", "screen", "service",
        "statement", "subscription", "support", "tariff", "ticket", "transfer", "upgrade", "voucher", "wallet", "warranty",
        "arrived", "asked", "blocked", "booked", "called", "cancelled", "changed", "checked", "closed", "confirmed",
        "delivered", "denied", "doubled", "emailed", "expired", "failed", "fixed", "frozen", "granted", "held", "lost",
        "missed", "moved", "opened", "paid", "posted", "queued", "raised", "received", "refused", "renewed", "repaired",
        "returned", "sent", "signed", "skipped", "sorted", "stopped", "switched", "updated", "urgent", "quick", "slow",
        "friendly", "rude", "polite", "confusing", "clear", "late", "early", "weekly", "monthly", "yearly", "annual",
        "again", "still", "never", "always", "today", "tomorrow", "yesterday", "tonight", "morning", "evening", "afternoon",
        "please", "thanks", "sorry", "hello", "cheers", "kindly", "honestly", "really", "totally", "barely", "nearly",
        "apple", "bridge", "candle", "desert", "engine", "forest", "garden", "harbor", "island", "jungle", "kettle",
        "lantern", "meadow", "nickel", "orchard", "pebble", "quartz", "rocket", "saddle", "tunnel", "umbrella", "valley",
        "walnut", "yogurt", "zipper", "anchor", "basket", "cactus", "dolphin", "falcon", "glacier", "hammock", "igloo",
        "jacket", "koala", "lemon", "magnet", "needle", "oyster", "pepper", "quiver", "raven", "spider", "tomato",
        "violin", "whistle", "yellow", "zebra", "amber", "breeze", "copper", "dusk", "ember", "frost", "gravel", "hollow",
        "ivory", "jigsaw", "kernel", "lagoon", "marble", "nectar", "onyx", "plume", "ripple", "shadow", "thistle",
        "upland", "velvet", "willow", "abacus", "biscuit", "cobalt", "dynamo", "easel", "fossil", "goblet", "hazel",
        "indigo", "jasmine", "kayak", "lilac", "mosaic", "nutmeg", "opal", "parsley", "quill", "rhubarb", "saffron",
        "tundra", "utensil", "vortex", "wombat", "yarrow", "zenith", "acorn", "bramble", "crimson", "drizzle", "emerald",
    ];

    [GeneratedRegex("\"minItems\":(\\d+)")]
    private static partial Regex MinItemsPattern();

    [GeneratedRegex("Intended label: \"([^\"]*)\"")]
    private static partial Regex LabelPattern();
}
