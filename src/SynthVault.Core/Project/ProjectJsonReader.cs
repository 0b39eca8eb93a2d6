using System.Globalization;
using System.Text.Json;

namespace SynthVault.Core.Project;

/// <summary>
/// Strict reading of a JSON document: every problem is recorded with the JSON path of the offending key
/// (<c>columns[3].kind</c>), unknown keys are errors with a "did you mean" suggestion, types and enum values
/// are checked. Reading goes on after a problem so the user sees them all at once.
/// </summary>
internal sealed class ProjectJsonReader
{
    public List<string> Errors { get; } = [];

    public void Error(string path, string problem) => Errors.Add($"{path}: {problem}");

    public ObjectReader? Object(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"expected an object, found {Describe(element)}");
            return null;
        }

        return new ObjectReader(this, element, path);
    }

    /// <summary>The camelCase names of an enum's members, as written in the file.</summary>
    public static string[] EnumNames<T>()
        where T : struct, Enum => [.. Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName)];

    public static string EnumName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string '{Shorten(e.GetString() ?? string.Empty)}'",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{e.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString(),
    };

    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Suggest(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var normal = Normalize(given);
        foreach (var c in candidates)
        {
            var d = Distance(normal, Normalize(c));
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, given.Length / 3) ? best : null;
    }

    /// <summary>Lower case without '_', '-' and spaces, so "date_of_birth", "DateOfBirth" and "dateofbirth" compare equal.</summary>
    public static string Normalize(string value)
    {
        Span<char> buffer = value.Length <= 128 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var ch in value)
        {
            if (ch is not ('_' or '-' or ' '))
            {
                buffer[n++] = char.ToLowerInvariant(ch);
            }
        }

        return new string(buffer[..n]);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : string.Concat(s.AsSpan(0, 57), "...");

    /// <summary>Levenshtein distance (insert, delete, substitute each cost 1).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

/// <summary>Reads the keys of one JSON object; <see cref="Finish"/> reports the keys nobody asked for.</summary>
internal sealed class ObjectReader
{
    private readonly ProjectJsonReader reader;
    private readonly JsonElement element;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    public ObjectReader(ProjectJsonReader reader, JsonElement element, string path)
    {
        this.reader = reader;
        this.element = element;
        Path = path;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            if (!seen.Add(p.Name))
            {
                reader.Error(Child(p.Name), "appears more than once");
            }
        }
    }

    public string Path { get; }

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value of a key; false when absent (an error when <paramref name="required"/>).</summary>
    public bool TryGet(string key, bool required, out JsonElement value)
    {
        known.Add(key);
        if (element.TryGetProperty(key, out value))
        {
            return true;
        }

        if (required)
        {
            reader.Error(Child(key), "is required but missing");
        }

        return false;
    }

    public string? String(string key, bool required, string? fallback = null, bool allowNull = false)
    {
        if (!TryGet(key, required, out var v))
        {
            return fallback;
        }

        if (v.ValueKind == JsonValueKind.Null && allowNull)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            reader.Error(Child(key), $"expected a string{(allowNull ? " or null" : string.Empty)}, found {ProjectJsonReader.Describe(v)}");
            return fallback;
        }

        var s = v.GetString()!;
        if (string.IsNullOrWhiteSpace(s))
        {
            reader.Error(Child(key), "must not be empty");
            return fallback;
        }

        return s;
    }

    /// <summary>A string, number or boolean, as text (for class values such as "1", "true", ">50K").</summary>
    public string? Scalar(string key, bool required)
    {
        if (!TryGet(key, required, out var v))
        {
            return null;
        }

        switch (v.ValueKind)
        {
            case JsonValueKind.String when !string.IsNullOrEmpty(v.GetString()):
                return v.GetString();
            case JsonValueKind.Number:
                return v.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                reader.Error(Child(key), $"expected a class value (string, number or boolean), found {ProjectJsonReader.Describe(v)}");
                return null;
        }
    }

    public long? Integer(string key, bool required, long? fallback, bool allowNull, long min, long max)
    {
        if (!TryGet(key, required, out var v))
        {
            return fallback;
        }

        if (v.ValueKind == JsonValueKind.Null)
        {
            if (!allowNull)
            {
                reader.Error(Child(key), "expected a whole number, found null");
                return fallback;
            }

            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            reader.Error(Child(key), $"expected a whole number{(allowNull ? " or null" : string.Empty)}, found {ProjectJsonReader.Describe(v)}");
            return fallback;
        }

        if (n < min || n > max)
        {
            reader.Error(Child(key), string.Create(CultureInfo.InvariantCulture, $"{n} is out of range: it must be {RangeText(min, max)}"));
            return fallback;
        }

        return n;
    }

    public double Number(string key, bool required, double fallback, Func<double, bool> valid, string rangeText)
    {
        if (!TryGet(key, required, out var v))
        {
            return fallback;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            reader.Error(Child(key), $"expected a number, found {ProjectJsonReader.Describe(v)}");
            return fallback;
        }

        if (!valid(d))
        {
            reader.Error(Child(key), $"{v.GetRawText()} is out of range: it must be {rangeText}");
            return fallback;
        }

        return d;
    }

    public T Enum<T>(string key, bool required, T fallback)
        where T : struct, Enum
    {
        if (!TryGet(key, required, out var v))
        {
            return fallback;
        }

        var names = ProjectJsonReader.EnumNames<T>();
        if (v.ValueKind != JsonValueKind.String)
        {
            reader.Error(Child(key), $"expected one of {string.Join(", ", names)}, found {ProjectJsonReader.Describe(v)}");
            return fallback;
        }

        var given = v.GetString() ?? string.Empty;
        var normal = ProjectJsonReader.Normalize(given);
        var values = System.Enum.GetValues<T>();
        for (var i = 0; i < names.Length; i++)
        {
            if (ProjectJsonReader.Normalize(names[i]) == normal)
            {
                return values[i];
            }
        }

        var suggestion = ProjectJsonReader.Suggest(given, names);
        reader.Error(Child(key), $"'{given}' is not one of {string.Join(", ", names)}{(suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")}");
        return fallback;
    }

    /// <summary>Reports every key of the object that was never asked for, with the closest known key.</summary>
    public void Finish()
    {
        foreach (var p in element.EnumerateObject())
        {
            if (known.Contains(p.Name))
            {
                continue;
            }

            var suggestion = ProjectJsonReader.Suggest(p.Name, known);
            reader.Error(Child(p.Name), suggestion is null
                ? $"unknown key (known keys here: {string.Join(", ", known)})"
                : $"unknown key (did you mean '{suggestion}'?)");
        }
    }

    private static string RangeText(long min, long max) =>
        max == long.MaxValue ? string.Create(CultureInfo.InvariantCulture, $"at least {min}") : string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}");
}
