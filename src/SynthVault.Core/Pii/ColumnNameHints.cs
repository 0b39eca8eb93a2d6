using System.Text;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Pii;

/// <summary>
/// Reads what a column's name suggests: the personal-data kind (<c>email</c>, <c>dob</c>, <c>first_name</c>),
/// an identifier (<c>id</c>, <c>customerId</c>) or a label (<c>is_fraud</c>, <c>Class</c>). Names are split into
/// lower-case tokens at separators and camel-case humps, so <c>CustomerID</c>, <c>customer_id</c> and
/// <c>customer id</c> read the same.
/// </summary>
internal static class ColumnNameHints
{
    private static readonly HashSet<string> NameQualifiers = new(StringComparer.Ordinal)
    {
        "first", "last", "given", "family", "middle", "full", "sur", "maiden", "nick", "legal", "display",
        "customer", "client", "patient", "person", "employee", "contact", "holder", "owner", "cardholder",
        "account", "member", "subscriber", "applicant", "beneficiary", "borrower", "passenger", "guest",
        "student", "doctor", "physician", "recipient", "sender", "payee", "payer", "emergency", "spouse",
        "mother", "father", "parent", "insured", "policyholder", "buyer", "seller", "user",
    };

    // Tokens that turn "name" into something other than a person's name (product_name, file_name, ...).
    private static readonly HashSet<string> NotPersonTokens = new(StringComparer.Ordinal)
    {
        "product", "company", "file", "host", "domain", "brand", "city", "street", "country", "item", "model",
        "team", "business", "org", "organisation", "organization", "app", "application", "merchant", "store",
        "shop", "bank", "device", "table", "column", "field", "project", "category", "group", "dept",
        "department", "state", "region", "event", "campaign", "service", "plan", "server", "package", "key",
        "class", "type", "code", "path", "dir", "folder", "village", "town", "place", "building", "school",
        "hospital", "vendor", "supplier", "course", "drug", "medication", "site", "page", "job", "role",
        "title", "species", "breed", "image", "layer", "metric", "queue", "topic", "index", "var", "variable",
    };

    private static readonly HashSet<string> LabelTokens = new(StringComparer.Ordinal)
    {
        "label", "class", "target", "outcome", "fraud", "fraudulent", "churn", "churned", "default", "defaulted",
        "y", "survived", "response", "diagnosis", "malignant", "spam", "attrition", "converted", "clicked",
    };

    private static readonly HashSet<string> IdentifierTokens = new(StringComparer.Ordinal)
    {
        "id", "ids", "key", "uuid", "guid", "pk", "identifier", "uid", "sid", "oid",
    };

    private static readonly HashSet<string> CategoryCodeTokens = new(StringComparer.Ordinal)
    {
        "code", "type", "category", "class", "status", "label", "group", "kind", "level", "flag", "cat",
        "segment", "tier", "grade", "state", "region", "zone",
    };

    /// <summary>Lower-case tokens of a column name: split at non-alphanumerics and camel-case humps.</summary>
    public static string[] Tokenize(string name)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var ch = name[i];
            if (!char.IsLetterOrDigit(ch))
            {
                Flush();
                continue;
            }

            if (current.Length > 0)
            {
                var prev = name[i - 1];
                var next = i + 1 < name.Length ? name[i + 1] : '\0';

                // "customerId" splits before 'I'; "CustomerID" splits before 'I' and keeps "ID" whole;
                // "IDNumber" splits before 'N' (upper followed by lower after an upper run); digits split from letters.
                var hump = char.IsUpper(ch) && (char.IsLower(prev) || (char.IsUpper(prev) && char.IsLower(next)));
                var digitEdge = char.IsDigit(ch) != char.IsDigit(prev);
                if (hump || digitEdge)
                {
                    Flush();
                }
            }

            current.Append(char.ToLowerInvariant(ch));
        }

        Flush();
        return [.. tokens];

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>The name in lower case with everything but letters and digits removed: "E-Mail Address" → "emailaddress".</summary>
    public static string Compact(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }

    /// <summary>The personal-data kind the name suggests, with the word that suggested it; None when it suggests none.</summary>
    public static (PiiKind Kind, string Word) PiiHint(string name)
    {
        var tokens = Tokenize(name);
        var compact = Compact(name);

        // Order matters: "email_address" and "ip_address" are not postal addresses; "birth_date" is not a plain date.
        if (Has(tokens, "email", "mail", "emails") || compact.Contains("email", StringComparison.Ordinal))
        {
            return (PiiKind.Email, "email");
        }

        if (Has(tokens, "ip", "ipv4", "ipv6") || compact.Contains("ipaddress", StringComparison.Ordinal) || compact is "ipaddr" or "remoteaddr" or "clientip")
        {
            return (PiiKind.IpAddress, "ip");
        }

        if (Has(tokens, "iban") || compact.Contains("iban", StringComparison.Ordinal))
        {
            return (PiiKind.Iban, "iban");
        }

        if (Has(tokens, "ssn", "ssns") || compact.Contains("socialsecurity", StringComparison.Ordinal))
        {
            return (PiiKind.UsSsn, "ssn");
        }

        if (compact.Contains("creditcard", StringComparison.Ordinal) || compact.Contains("cardnumber", StringComparison.Ordinal)
            || compact.Contains("cardno", StringComparison.Ordinal) || Has(tokens, "pan", "cc", "ccn", "ccnum") || (Has(tokens, "card") && !Has(tokens, "type", "brand", "category", "count", "present")))
        {
            return (PiiKind.CreditCard, "card");
        }

        if (Has(tokens, "phone", "telephone", "tel", "mobile", "cell", "cellphone", "fax", "msisdn") || compact.Contains("phone", StringComparison.Ordinal))
        {
            return (PiiKind.Phone, "phone");
        }

        if (Has(tokens, "dob", "birthday", "birthdate", "born", "birth") || compact.Contains("dateofbirth", StringComparison.Ordinal) || compact.Contains("birthdate", StringComparison.Ordinal))
        {
            return (PiiKind.DateOfBirth, "birth");
        }

        if (Has(tokens, "address", "addr", "street", "addressline", "address1", "address2") || compact.Contains("streetaddress", StringComparison.Ordinal) || compact.Contains("addressline", StringComparison.Ordinal))
        {
            return (PiiKind.Address, "address");
        }

        if (IsPersonNameHint(tokens, compact))
        {
            return (PiiKind.PersonName, "name");
        }

        if (Has(tokens, "passport", "nino", "nhs", "mrn") || compact.Contains("nationalid", StringComparison.Ordinal) || compact.Contains("taxid", StringComparison.Ordinal)
            || compact.Contains("driverslicense", StringComparison.Ordinal) || compact.Contains("driverlicense", StringComparison.Ordinal) || compact.Contains("licencenumber", StringComparison.Ordinal)
            || compact.Contains("medicalrecord", StringComparison.Ordinal))
        {
            return (PiiKind.Other, "government or medical identifier");
        }

        return (PiiKind.None, string.Empty);
    }

    /// <summary>True for names like first_name, surname, customer_name, full name, name; false for product_name, filename, username.</summary>
    private static bool IsPersonNameHint(string[] tokens, string compact)
    {
        if (compact is "firstname" or "lastname" or "surname" or "fullname" or "givenname" or "familyname" or "forename" or "middlename" or "maidenname" or "name" or "fname" or "lname")
        {
            return true;
        }

        if (Has(tokens, "surname", "surnames", "forename", "forenames", "firstname", "lastname", "fullname", "givenname", "familyname", "fname", "lname"))
        {
            return true;
        }

        var hasName = Has(tokens, "name", "names", "nm");
        if (!hasName)
        {
            // "customer" or "patient" alone often holds the person's name.
            return tokens.Length == 1 && tokens[0] is "customer" or "patient" or "client" or "person" or "cardholder";
        }

        foreach (var t in tokens)
        {
            if (NotPersonTokens.Contains(t))
            {
                return false;
            }
        }

        // "user_name" and "username" are account handles, not names; "name" alone is a person's name unless qualified otherwise.
        if (tokens.Length == 2 && tokens[0] == "user")
        {
            return false;
        }

        foreach (var t in tokens)
        {
            if (NameQualifiers.Contains(t))
            {
                return true;
            }
        }

        return tokens.Length == 1;
    }

    /// <summary>True when the name reads like a class to predict: label, class, target, is_fraud, churn, y.</summary>
    public static bool IsLabelHint(string name, out string word)
    {
        var tokens = Tokenize(name);
        foreach (var t in tokens)
        {
            if (LabelTokens.Contains(t))
            {
                word = t;
                return true;
            }
        }

        word = string.Empty;
        return false;
    }

    /// <summary>True when the name reads like a key: id, key, uuid, customer_id, OrderID.</summary>
    public static bool IsIdentifierHint(string name, out string word)
    {
        var tokens = Tokenize(name);
        foreach (var t in tokens)
        {
            if (IdentifierTokens.Contains(t))
            {
                word = t;
                return true;
            }
        }

        word = string.Empty;
        return false;
    }

    /// <summary>True when the name reads like a coded category: status_code, type, grade, region.</summary>
    public static bool IsCategoryCodeHint(string name, out string word)
    {
        var tokens = Tokenize(name);
        foreach (var t in tokens)
        {
            if (CategoryCodeTokens.Contains(t))
            {
                word = t;
                return true;
            }
        }

        word = string.Empty;
        return false;
    }

    private static bool Has(string[] tokens, params ReadOnlySpan<string> words)
    {
        foreach (var t in tokens)
        {
            foreach (var w in words)
            {
                if (t == w)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
