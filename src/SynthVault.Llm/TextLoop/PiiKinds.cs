using SynthVault.Core.Pii;
using SynthVault.Core.Schema;

namespace SynthVault.Llm.TextLoop;

/// <summary>Short stable names of personal-data kinds as the loop's files and reports use them.</summary>
internal static class PiiKinds
{
    public const string Url = "url";
    public const string Number = "number";

    public static string Name(PiiKind kind) => kind switch
    {
        PiiKind.Email => "email",
        PiiKind.Phone => "phone",
        PiiKind.CreditCard => "card",
        PiiKind.Iban => "iban",
        PiiKind.UsSsn => "ssn",
        PiiKind.IpAddress => "ip",
        PiiKind.PersonName => "name",
        PiiKind.Address => "address",
        PiiKind.DateOfBirth => "dob",
        _ => "other",
    };

    /// <summary>The placeholder written in place of a value: the scanner's, plus [URL] and [NUMBER] for what it leaves as Other.</summary>
    public static string Placeholder(string name) => name switch
    {
        Url => "[URL]",
        Number => "[NUMBER]",
        "email" => PiiScanner.Placeholder(PiiKind.Email),
        "phone" => PiiScanner.Placeholder(PiiKind.Phone),
        "card" => PiiScanner.Placeholder(PiiKind.CreditCard),
        "iban" => PiiScanner.Placeholder(PiiKind.Iban),
        "ssn" => PiiScanner.Placeholder(PiiKind.UsSsn),
        "ip" => PiiScanner.Placeholder(PiiKind.IpAddress),
        "name" => PiiScanner.Placeholder(PiiKind.PersonName),
        "address" => PiiScanner.Placeholder(PiiKind.Address),
        "dob" => PiiScanner.Placeholder(PiiKind.DateOfBirth),
        _ => "[REDACTED]",
    };
}
