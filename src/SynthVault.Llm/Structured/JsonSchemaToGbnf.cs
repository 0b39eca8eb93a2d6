using System.Globalization;
using System.Text;
using System.Text.Json;
using SynthVault.Core.Errors;

namespace SynthVault.Llm.Structured;

/// <summary>
/// Turns a JSON Schema into a llama.cpp GBNF grammar whose every sentence is a compact JSON document that satisfies
/// the schema, so a constrained model cannot write an invalid row. Supported subset: <c>object</c> (properties,
/// required, additionalProperties: false; properties appear in schema order), <c>enum</c> (strings, numbers,
/// booleans, null), <c>string</c> (minLength, maxLength), <c>integer</c> and <c>number</c> (minimum, maximum;
/// exact ranges), <c>boolean</c>, <c>array</c> (items, minItems, maxItems). Annotations (title, description,
/// $schema, $id, $comment, examples, default) are allowed and constrain nothing; any other keyword is an error that
/// names it. Integers without bounds have at most 15 digits; numbers are written as integers or with 1 to 6
/// decimals and no exponent (near fractional bounds the grammar may not reach every allowed value, but it never
/// produces a value outside them). Strings are written in ASCII with \uXXXX escapes for other characters, so the
/// document is always valid UTF-8 and string lengths are exact.
/// </summary>
public static class JsonSchemaToGbnf
{
    /// <summary>Largest magnitude written for unbounded integers and numbers: 15 digits stay exact in a double.</summary>
    internal const long Unbounded = 999_999_999_999_999;

    /// <summary>Converts <paramref name="schemaJson"/> to GBNF with start rule <c>root</c>.</summary>
    /// <exception cref="SynthVaultException">The schema is not valid JSON or uses a keyword outside the subset.</exception>
    public static string Convert(string schemaJson) => Convert(SchemaNode.Parse(schemaJson));

    internal static string Convert(SchemaNode schema)
    {
        var builder = new Builder();
        var root = builder.Emit(schema);
        var sb = new StringBuilder();
        sb.Append("root ::= ").Append(root).Append('\n');
        foreach (var (name, body) in builder.Rules)
        {
            sb.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        return sb.ToString();
    }

    private sealed class Builder
    {
        private int counter;
        private bool needsChar;
        private bool needsFraction;

        public List<(string Name, string Body)> Rules { get; } = [];

        public string Emit(SchemaNode node)
        {
            var body = node.Type switch
            {
                SchemaType.Object => Object(node),
                SchemaType.String => String(node),
                SchemaType.Integer => Integer(node),
                SchemaType.Number => Number(node),
                SchemaType.Boolean => "(\"true\" | \"false\")",
                SchemaType.Array => Array(node),
                SchemaType.Enum => "(" + string.Join(" | ", node.EnumValues.Select(v => Literal(v.GetRawText()))) + ")",
                _ => throw new InvalidOperationException("unknown schema node"),
            };
            var name = "n" + (++counter).ToString(CultureInfo.InvariantCulture);
            Rules.Add((name, body));
            if (needsChar)
            {
                needsChar = false;
                // Printable ASCII except quote and backslash, or an escape. Non-ASCII characters are written as \uXXXX
                // escapes (a surrogate pair for characters beyond the BMP, never a lone surrogate), as Python's json.dumps
                // does by default: llama.cpp's grammar engine does not check UTF-8 continuation bytes, so a model with
                // byte-fallback tokens could otherwise write invalid UTF-8 inside a string that the grammar accepts.
                AddOnce("char", "[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E] | \"\\\\\" ([\"\\\\/bfnrt] | \"u\" unicode)");
                AddOnce("unicode", "[0-9a-cA-Ce-fE-F] hex hex hex | [dD] [0-7] hex hex | [dD] [89abAB] hex hex \"\\\\u\" [dD] [c-fC-F] hex hex");
                AddOnce("hex", "[0-9a-fA-F]");
            }

            if (needsFraction)
            {
                needsFraction = false;
                AddOnce("frac", "\".\" [0-9]{1,6}");
            }

            return name;
        }

        private void AddOnce(string name, string body)
        {
            if (!Rules.Any(r => r.Name == name))
            {
                Rules.Add((name, body));
            }
        }

        private string Object(SchemaNode node)
        {
            var required = new List<string>();
            var optional = new List<string>();
            foreach (var (name, child) in node.Properties)
            {
                var member = Literal(JsonSerializer.Serialize(name)) + " \":\" " + Emit(child);
                (node.Required.Contains(name) ? required : optional).Add(member);
            }

            var sb = new StringBuilder("\"{\" ");
            if (required.Count > 0)
            {
                sb.Append(string.Join(" \",\" ", required));
                foreach (var o in optional)
                {
                    sb.Append(" (\",\" ").Append(o).Append(")?");
                }
            }
            else if (optional.Count > 0)
            {
                // Any in-order subset of the optional properties: pick the first present one, then each later one or not.
                var alternatives = new List<string>();
                for (var first = 0; first < optional.Count; first++)
                {
                    var alt = new StringBuilder(optional[first]);
                    for (var next = first + 1; next < optional.Count; next++)
                    {
                        alt.Append(" (\",\" ").Append(optional[next]).Append(")?");
                    }

                    alternatives.Add(alt.ToString());
                }

                sb.Append('(').Append(string.Join(" | ", alternatives)).Append(")?");
            }

            return sb.Append(" \"}\"").ToString();
        }

        private string String(SchemaNode node)
        {
            needsChar = true;
            var min = node.MinLength ?? 0;
            var repeat = node.MaxLength is { } max
                ? $"{{{min.ToString(CultureInfo.InvariantCulture)},{max.ToString(CultureInfo.InvariantCulture)}}}"
                : min == 0 ? "*" : $"{{{min.ToString(CultureInfo.InvariantCulture)},}}";
            return "\"\\\"\" char" + repeat + " \"\\\"\"";
        }

        private static string Integer(SchemaNode node)
        {
            var lo = node.Minimum is { } min ? (long)Math.Ceiling(min) : -Unbounded;
            var hi = node.Maximum is { } max ? (long)Math.Floor(max) : Unbounded;
            var parts = new List<string>();
            if (lo < 0)
            {
                // Negative values -k with k in [max(1, -hi), -lo].
                parts.Add("\"-\" " + NaturalRange(Math.Max(1, -Math.Min(hi, -1)), -lo));
            }

            if (hi >= 0)
            {
                parts.Add(NaturalRange(Math.Max(lo, 0), hi));
            }

            return "(" + string.Join(" | ", parts) + ")";
        }

        private string Number(SchemaNode node)
        {
            var lo = node.Minimum ?? -Unbounded;
            var hi = node.Maximum ?? Unbounded;
            var parts = new List<string>();

            // Non-negative k.f lies in [k, k+1): inside the bounds when k >= lo and k + 1 <= hi; k = floor(hi) only as a whole number.
            var kLow = (long)Math.Max(0, Math.Ceiling(lo));
            if (hi >= 0)
            {
                var kHigh = (long)Math.Floor(hi);
                if (kHigh - 1 >= kLow)
                {
                    needsFraction = true;
                    parts.Add(NaturalRange(kLow, kHigh - 1) + " frac?");
                }

                if (kHigh >= kLow)
                {
                    parts.Add(Literal(kHigh.ToString(CultureInfo.InvariantCulture)));
                }
            }

            // Negative -(k.f) lies in (-(k+1), -k]: inside when k >= -hi and k + 1 <= -lo; k = floor(-lo) only as a whole number.
            if (lo < 0)
            {
                var nLow = (long)Math.Max(0, Math.Ceiling(-hi));
                var nHigh = (long)Math.Floor(-lo);
                if (nHigh - 1 >= nLow)
                {
                    needsFraction = true;
                    parts.Add("\"-\" " + NaturalRange(nLow, nHigh - 1) + " frac?");
                }

                if (nHigh >= Math.Max(1, nLow))
                {
                    parts.Add(Literal("-" + nHigh.ToString(CultureInfo.InvariantCulture)));
                }
            }

            if (parts.Count == 0)
            {
                throw new SynthVaultException(
                    $"unsupported JSON Schema at {node.Path}: the range [{SchemaNode.Format(lo)}, {SchemaNode.Format(hi)}] is too narrow for the grammar, which writes whole numbers and decimals between whole-number bounds.",
                    hint: "Widen the range to include a whole number or scale the field.");
            }

            return "(" + string.Join(" | ", parts) + ")";
        }

        private string Array(SchemaNode node)
        {
            var item = Emit(node.Items!);
            if (node.MaxItems == 0)
            {
                return "\"[\" \"]\"";
            }

            var maxMore = node.MaxItems is { } max ? (max - 1).ToString(CultureInfo.InvariantCulture) : string.Empty;
            if (node.MinItems == 0)
            {
                return $"\"[\" ({item} (\",\" {item}){{0,{maxMore}}})? \"]\"";
            }

            var minMore = (node.MinItems - 1).ToString(CultureInfo.InvariantCulture);
            return $"\"[\" {item} (\",\" {item}){{{minMore},{maxMore}}} \"]\"";
        }

        /// <summary>A GBNF double-quoted literal of <paramref name="text"/>.</summary>
        private static string Literal(string text)
        {
            var sb = new StringBuilder("\"");
            foreach (var c in text)
            {
                sb.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ when c < 0x20 => "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }

            return sb.Append('"').ToString();
        }
    }

    /// <summary>
    /// The decimal numerals of the integers in [<paramref name="lo"/>, <paramref name="hi"/>] (both ≥ 0), no leading
    /// zeros: for each digit count, the range is cut into aligned blocks "prefix [a-b] [0-9]{k}" (the classic
    /// numeric-range-to-regex construction).
    /// </summary>
    internal static string NaturalRange(long lo, long hi)
    {
        var alternatives = new List<string>();
        long width = 1;
        for (var digits = 1; digits <= 18 && lo <= hi; digits++, width *= 10)
        {
            var lengthLow = digits == 1 ? 0 : width;
            var lengthHigh = (width * 10) - 1;
            var a = Math.Max(lo, lengthLow);
            var b = Math.Min(hi, lengthHigh);
            while (a <= b)
            {
                long step = 1;
                var k = 0;
                while (a % (step * 10) == 0 && a + (step * 10) - 1 <= b && (a != 0 || digits > 1))
                {
                    step *= 10;
                    k++;
                }

                var digit = a / step % 10;
                var count = Math.Min((b - a + 1) / step, 10 - digit);
                var prefix = a / step / 10;
                var sb = new StringBuilder();
                if (prefix > 0)
                {
                    sb.Append('"').Append(prefix.ToString(CultureInfo.InvariantCulture)).Append("\" ");
                }

                sb.Append(count == 1 ? $"[{digit}]" : $"[{digit}-{digit + count - 1}]");
                if (k > 0)
                {
                    sb.Append(k == 1 ? " [0-9]" : $" [0-9]{{{k.ToString(CultureInfo.InvariantCulture)}}}");
                }

                alternatives.Add(sb.ToString());
                a += count * step;
            }

            if (hi < width * 10)
            {
                break;
            }
        }

        return alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" | ", alternatives) + ")";
    }
}
