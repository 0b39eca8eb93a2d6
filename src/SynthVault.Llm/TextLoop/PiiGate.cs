using System.Text;
using SynthVault.Core.Pii;
using SynthVault.Core.Schema;

namespace SynthVault.Llm.TextLoop;

/// <summary>Personal data found in a generated text.</summary>
/// <param name="Kind">"phone", "email", … from the recognizers; "leak:phone", "leak:name", … for a real value from the input.</param>
/// <param name="Start">Offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
public sealed record PiiFinding(string Kind, int Start, int Length)
{
    /// <summary>True when the value is a real one from the input (the leak dictionary), not just PII-shaped.</summary>
    public bool IsLeak => Kind.StartsWith("leak:", StringComparison.Ordinal);
}

/// <summary>
/// The critic's PII gate: a text is rejected outright when the recognizers (<see cref="PiiScanner"/>: e-mail, phone,
/// card, IBAN, SSN, IP; URLs too when asked) find anything in it, or when it repeats any real value from the input
/// (<see cref="LeakDictionary"/>). Typed placeholders such as [PHONE] pass: they are what the scrubbed seeds taught.
/// </summary>
public sealed class PiiGate
{
    private readonly LeakDictionary leaks;
    private readonly PiiScanOptions scan;

    /// <summary>Creates a gate over the input's real values; <paramref name="rejectUrls"/> also rejects any web address.</summary>
    public PiiGate(LeakDictionary leaks, bool rejectUrls = false)
    {
        ArgumentNullException.ThrowIfNull(leaks);
        this.leaks = leaks;
        scan = new PiiScanOptions(IncludeUrls: rejectUrls);
    }

    /// <summary>Everything the gate objects to in <paramref name="text"/>, ordered by position; empty means it passes.</summary>
    public IReadOnlyList<PiiFinding> Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<PiiFinding>();
        foreach (var s in PiiScanner.Find(text, scan))
        {
            findings.Add(new PiiFinding(s.Kind == PiiKind.Other ? PiiKinds.Url : PiiKinds.Name(s.Kind), s.Start, s.Length));
        }

        foreach (var hit in leaks.Find(text))
        {
            findings.Add(new PiiFinding("leak:" + (hit.Kind == PiiKind.Other ? PiiKinds.Number : PiiKinds.Name(hit.Kind)), hit.Start, hit.Length));
        }

        findings.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Kind, b.Kind));
        return findings;
    }

    /// <summary>
    /// <paramref name="text"/> with every finding replaced by its placeholder, so a rejected text can be logged or kept
    /// without the personal data that got it rejected.
    /// </summary>
    public string Redact(string text, IReadOnlyList<PiiFinding>? findings = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        findings ??= Check(text);
        if (findings.Count == 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var f in findings)
        {
            if (f.Start < at)
            {
                // Overlaps a span already replaced; extend over its tail.
                at = Math.Max(at, f.Start + f.Length);
                continue;
            }

            var kind = f.IsLeak ? f.Kind["leak:".Length..] : f.Kind;
            sb.Append(text, at, f.Start - at).Append(PiiKinds.Placeholder(kind));
            at = f.Start + f.Length;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }
}
