using System.Globalization;
using System.Text.RegularExpressions;
using SynthVault.Core.Errors;
using SynthVault.Llm.Structured;

namespace SynthVault.Llm.Tests;

public sealed class JsonSchemaTests
{
    public static TheoryData<string, string> UnsupportedSchemas => new()
    {
        { """{"type":"string","pattern":"^a"}""", "keyword 'pattern' is not supported here" },
        { """{"type":"string","format":"email"}""", "keyword 'format' is not supported here" },
        { """{"type":"object","properties":{"a":{"type":"integer","exclusiveMinimum":0}}}""", "at #/properties/a: keyword 'exclusiveMinimum'" },
        { """{"type":"object","additionalProperties":true}""", "keyword 'additionalProperties' is supported only as false" },
        { """{"oneOf":[{"type":"string"}]}""", "the schema has no 'type'" },
        { """{"type":["string","null"]}""", "type lists are not supported" },
        { """{"type":"null"}""", "type 'null' is not supported" },
        { """{"type":"array"}""", "an array needs an 'items' schema" },
        { """{"type":"object","properties":{"a":{"type":"string"}},"required":["b"]}""", "required property 'b' is not declared" },
        { """{"type":"integer","minimum":5,"maximum":2}""", "'minimum' is greater than 'maximum'" },
        { """{"type":"number","minimum":0.2,"maximum":0.8}""", "is too narrow for the grammar" },
        { """{"type": "string", """, "the JSON Schema is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(UnsupportedSchemas))]
    public void An_unsupported_or_invalid_schema_is_an_error_that_names_the_problem(string schema, string expected)
    {
        var error = Assert.Throws<SynthVaultException>(() => JsonSchemaToGbnf.Convert(schema));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_are_accepted_because_they_constrain_nothing()
    {
        var gbnf = JsonSchemaToGbnf.Convert("""{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"t","description":"d","type":"boolean"}""");
        Assert.Equal("root ::= n1\nn1 ::= (\"true\" | \"false\")\n", gbnf);
    }

    [Fact]
    public void Optional_properties_may_each_be_left_out_but_keep_schema_order()
    {
        var gbnf = JsonSchemaToGbnf.Convert("""{"type":"object","properties":{"a":{"type":"boolean"},"b":{"type":"boolean"}}}""");
        Assert.Contains("n3 ::= \"{\" (\"\\\"a\\\"\" \":\" n1 (\",\" \"\\\"b\\\"\" \":\" n2)? | \"\\\"b\\\"\" \":\" n2)? \"}\"", gbnf, StringComparison.Ordinal);
    }

    public static TheoryData<long, long> Ranges => new()
    {
        { 0, 0 }, { 0, 9 }, { 0, 10 }, { 5, 123 }, { 18, 99 }, { 7, 7 }, { 10, 10 }, { 1, 1999 }, { 37, 1234 }, { 99, 101 }, { 0, 1000 }, { 123, 4567 },
    };

    /// <summary>
    /// The range grammar uses only literals, digit classes and alternation, which read as a regular expression once the
    /// quotes and spaces are dropped; every numeral from 0 to 20,000 must match exactly when it lies in the range.
    /// </summary>
    [Theory]
    [MemberData(nameof(Ranges))]
    public void The_integer_range_grammar_accepts_exactly_the_numerals_in_the_range(long lo, long hi)
    {
        var gbnf = JsonSchemaToGbnf.NaturalRange(lo, hi);
        var regex = new Regex("^(?:" + gbnf.Replace("\"", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal) + ")$", RegexOptions.CultureInvariant);

        for (var n = 0; n <= 20_000; n++)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            Assert.True(regex.IsMatch(text) == (n >= lo && n <= hi), $"{text} with range [{lo}, {hi}]: {gbnf}");
            Assert.False(regex.IsMatch("0" + text), "leading zero accepted: 0" + text);
        }
    }

    [Fact]
    public void The_validator_reports_every_violation_with_its_path()
    {
        const string schema = """
            {"type":"object","properties":{
              "name":{"type":"string","maxLength":3},
              "age":{"type":"integer","minimum":18},
              "kind":{"enum":["a","b"]},
              "ok":{"type":"boolean"},
              "tags":{"type":"array","items":{"type":"number","maximum":1},"maxItems":2}},
             "required":["name","ok"],"additionalProperties":false}
            """;

        var errors = JsonSchemaValidator.Validate(schema, """{"name":"Adaline","age":17.5,"kind":"c","tags":[0.5,2,3],"extra":1}""");

        Assert.Equal(
            [
                "$.name: string has 7 characters, more than maxLength 3.",
                "$.age: expected an integer, found 17.5.",
                "$.age: 17.5 is below the minimum 18.",
                "$.kind: value is not one of the enum values.",
                "$.tags: array has 3 items, more than maxItems 2.",
                "$.tags[1]: 2 is above the maximum 1.",
                "$.tags[2]: 3 is above the maximum 1.",
                "$: property 'extra' is not in the schema.",
                "$: required property 'ok' is missing.",
            ],
            errors);
        Assert.Empty(JsonSchemaValidator.Validate(schema, """{"name":"Ada","ok":true,"tags":[]}"""));
        var truncated = Assert.Single(JsonSchemaValidator.Validate(schema, """{"name":"Ad"""));
        Assert.StartsWith("not valid JSON: ", truncated, StringComparison.Ordinal);
    }
}
