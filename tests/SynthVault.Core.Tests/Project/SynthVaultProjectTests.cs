using System.Text.Json.Nodes;
using CsCheck;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Profiling;
using SynthVault.Core.Project;
using SynthVault.Core.Schema;
using SynthVault.Testing;

namespace SynthVault.Core.Tests.Project;

public sealed class SynthVaultProjectTests
{
    private const string File = "synthvault.json";

    private static readonly SynthVaultProject Sample = new()
    {
        Data = new DataSection("data/customers.csv"),
        Columns =
        [
            new ColumnSchema("id", ColumnKind.Identifier, DataType.Int64, Role: ColumnRole.Key, Policy: ColumnPolicy.Regenerate),
            new ColumnSchema("age", ColumnKind.Integer, DataType.Int64),
            new ColumnSchema("email", ColumnKind.Identifier, DataType.String, PiiKind.Email, Policy: ColumnPolicy.Surrogate),
            new ColumnSchema("born", ColumnKind.DateTime, DataType.Date, PiiKind.DateOfBirth, Policy: ColumnPolicy.Drop),
            new ColumnSchema("income", ColumnKind.Categorical, DataType.String, Role: ColumnRole.Label),
            new ColumnSchema("note", ColumnKind.Text, DataType.String),
        ],
        Synthesis = new SynthesisSection(SynthesisMethod.Copula, 5000, 7),
        Rebalance = new RebalanceSection("income", ">50K", 0.25, RebalanceMethod.Smotenc),
        Evaluation = new EvaluationSection(0.2, "income"),
        Text = new TextSection("note", "models/qwen.gguf", 3, 0.05),
        Output = new OutputSection("synthetic", OutputFormat.Parquet),
    };

    [Fact]
    public void A_project_made_from_a_profile_survives_writing_and_reading()
    {
        var profile = Profiler.Profile(TestData.Adult);

        var project = SynthVaultProject.FromProfile("adult.csv", profile);
        var read = SynthVaultProject.Parse(project.ToJson(), File);

        Assert.Equal(project, read);
        Assert.Equal(profile.ToSchema().Columns, read.ToSchema().Columns);
        Assert.Equal("income", read.Evaluation.Label);
        Assert.Null(read.Rebalance);
    }

    [Fact]
    public void Every_section_survives_writing_and_reading()
    {
        var read = SynthVaultProject.Parse(Sample.ToJson(), File);

        Assert.Equal(Sample, read);
    }

    [Fact]
    public void Random_settings_survive_writing_and_reading()
    {
        Gen.Select(Gen.Int[1, 1_000_000].Nullable(), Gen.Long, Gen.Double[0.001, 0.999], Gen.Double[0.01, 0.9], Gen.Int[1, 10], Gen.Double[0, 1])
            .Sample((rows, seed, ratio, holdout, rounds, review) =>
            {
                var project = Sample with
                {
                    Synthesis = new SynthesisSection(SynthesisMethod.Cart, rows, seed),
                    Rebalance = Sample.Rebalance! with { Ratio = ratio },
                    Evaluation = new EvaluationSection(holdout, null),
                    Text = Sample.Text! with { Rounds = rounds, ReviewFraction = review },
                };

                Assert.Equal(project, SynthVaultProject.Parse(project.ToJson(), File));
            }, iter: 200, threads: 1);
    }

    [Fact]
    public void The_file_uses_camel_case_keys_and_enum_names_and_writes_every_key()
    {
        var json = Sample.ToJson();
        var root = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(["version", "data", "columns", "synthesis", "rebalance", "evaluation", "text", "output"], root.Select(p => p.Key));
        Assert.Equal("dateOfBirth", (string?)root["columns"]![3]!["pii"]);
        Assert.Equal("dateTime", (string?)root["columns"]![3]!["kind"]);
        Assert.Equal("smotenc", (string?)root["rebalance"]!["method"]);
        Assert.Contains("\"rows\": 5000", json, StringComparison.Ordinal);

        var minimal = JsonNode.Parse(SynthVaultProject.FromProfile("a.csv", Profiler.Profile(new Table([new Int64Column("x", [1, 2])]))).ToJson())!.AsObject();
        Assert.Null(minimal["rebalance"]);
        Assert.True(minimal.ContainsKey("rebalance"));
        Assert.True(minimal["synthesis"]!.AsObject().ContainsKey("rows"));
    }

    [Fact]
    public void Optional_keys_take_their_defaults_and_enum_names_are_read_leniently()
    {
        const string json = """
            {
              // people edit this file: comments and trailing commas are fine
              "version": 1,
              "data": { "path": "x.csv" },
              "columns": [
                { "name": "a", "kind": "Continuous", "dataType": "float64" },
                { "name": "b", "kind": "categorical", "dataType": "string", "pii": "date_of_birth" },
              ],
            }
            """;

        var project = SynthVaultProject.Parse(json, File);

        Assert.Equal(new ColumnSchema("a", ColumnKind.Continuous, DataType.Float64), project.Columns[0]);
        Assert.Equal(ColumnPolicy.Surrogate, project.Columns[1].Policy);
        Assert.Equal(new SynthesisSection(), project.Synthesis);
        Assert.Equal(new OutputSection("out", OutputFormat.Csv), project.Output);
        Assert.Equal(0.3, project.Evaluation.HoldoutFraction);
    }

    public static TheoryData<string, string> InvalidEdits => new()
    {
        { "columns[3].kind=\"numberish\"", "columns[3].kind: 'numberish' is not one of continuous, integer, categorical, boolean, dateTime, text, identifier" },
        { "columns[1].kind=\"categorial\"", "columns[1].kind: 'categorial' is not one of continuous, integer, categorical, boolean, dateTime, text, identifier (did you mean 'categorical'?)" },
        { "synthesys={}", "synthesys: unknown key (did you mean 'synthesis'?)" },
        { "columns[0].polcy=\"drop\"", "columns[0].polcy: unknown key (did you mean 'policy'?)" },
        { "output.colour=\"red\"", "output.colour: unknown key (known keys here: directory, format)" },
        { "synthesis.rows=\"1000\"", "synthesis.rows: expected a whole number or null, found the string '1000'" },
        { "synthesis.rows=10.5", "synthesis.rows: expected a whole number or null, found the number 10.5" },
        { "synthesis.rows=0", "synthesis.rows: 0 is out of range: it must be between 1 and 2147483647" },
        { "synthesis.seed=null", "synthesis.seed: expected a whole number, found null" },
        { "data.path=-", "data.path: is required but missing" },
        { "columns=-", "columns: is required but missing" },
        { "columns=[]", "columns: is empty" },
        { "columns[2].dataType=-", "columns[2].dataType: is required but missing" },
        { "columns[2].name=\"\"", "columns[2].name: must not be empty" },
        { "rebalance.ratio=1.5", "rebalance.ratio: 1.5 is out of range: it must be greater than 0 and less than 1" },
        { "rebalance.positive=-", "rebalance.positive: is required but missing" },
        { "rebalance.label=\"incme\"", "rebalance.label: 'incme' names no column in \"columns\" (did you mean 'income'?)" },
        { "evaluation.holdoutFraction=0.95", "evaluation.holdoutFraction: 0.95 is out of range: it must be greater than 0 and at most 0.9" },
        { "evaluation.label=\"salary\"", "evaluation.label: 'salary' names no column" },
        { "text.rounds=11", "text.rounds: 11 is out of range: it must be between 1 and 10" },
        { "text.reviewFraction=-0.1", "text.reviewFraction: -0.1 is out of range: it must be between 0 and 1" },
        { "text.model=\"models/x.bin\"", "text.model: 'models/x.bin' is not a .gguf file" },
        { "text.column=\"age\"", "text.column: column 'age' is integer, not text" },
        { "version=2", "version: 2 is not supported: this build reads version 1" },
        { "columns[1].role=\"label\"", "columns[4].role: only one column can be the label and columns[1] ('age') already is" },
        { "columns[2].policy=\"synthesize\"", "columns[2].policy: column 'email' holds personal data (pii: email), so its values must never be learned: use \"surrogate\" or \"drop\"" },
        { "columns[0].policy=\"synthesize\"", "columns[0].policy: column 'id' is an identifier: keys are regenerated, never learned or copied" },
        { "columns[5].name=\"age\"", "columns[5].name: 'age' is already the name of columns[1]" },
        { "output.format=\"xlsx\"", "output.format: 'xlsx' is not one of csv, parquet" },
        { "rebalance.method=7", "rebalance.method: expected one of copula, cart, smote, smotenc, borderline, adasyn, random, found the number 7" },
        { "data=\"x.csv\"", "data: expected an object, found the string 'x.csv'" },
        { "columns[4].kind=\"continuous\"", "columns[4].role: a label must be boolean, categorical or integer, but column 'income' is continuous" },
    };

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void Each_invalid_setting_is_reported_with_its_json_path(string edit, string expected)
    {
        var json = Edit(Sample.ToJson(), edit);

        var ex = Assert.Throws<SynthVaultException>(() => SynthVaultProject.Parse(json, File));

        Assert.Equal(File, ex.File);
        Assert.StartsWith("synthvault.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var json = Edit(Edit(Sample.ToJson(), "synthesis.rows=0"), "output.format=\"xlsx\"");

        var ex = Assert.Throws<SynthVaultException>(() => SynthVaultProject.Parse(json, File));

        Assert.Contains("2 problems: synthesis.rows: 0 is out of range", ex.Message, StringComparison.Ordinal);
        Assert.Contains("output.format: 'xlsx'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_key_is_an_error()
    {
        var json = Sample.ToJson().Replace("\"version\": 1,", "\"version\": 1, \"version\": 1,", StringComparison.Ordinal);

        var ex = Assert.Throws<SynthVaultException>(() => SynthVaultProject.Parse(json, File));

        Assert.Contains("version: appears more than once", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_is_reported_with_its_line()
    {
        var json = Sample.ToJson().Replace("\"seed\": 7", "\"seed\" 7", StringComparison.Ordinal);
        var line = json.Split('\n').ToList().FindIndex(l => l.Contains("\"seed\" 7", StringComparison.Ordinal)) + 1;

        var ex = Assert.Throws<SynthVaultException>(() => SynthVaultProject.Parse(json, File));

        Assert.StartsWith($"synthvault.json: is not valid JSON at line {line},", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_built_in_code_is_validated_with_the_same_rules()
    {
        var bad = Sample with { Rebalance = Sample.Rebalance! with { Ratio = 0 }, Columns = [.. Sample.Columns.Take(4), Sample.Columns[4] with { Policy = ColumnPolicy.Drop }, Sample.Columns[5]] };

        var ex = Assert.Throws<SynthVaultException>(() => bad.Validate());

        Assert.Contains("columns[4].policy: the label 'income' must be learned", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rebalance.ratio: 0 is out of range", ex.Message, StringComparison.Ordinal);
        Sample.Validate();
    }

    /// <summary>Applies "path=json" (set) or "path=-" (remove) to a JSON document; paths use dots and [i].</summary>
    private static string Edit(string json, string edit)
    {
        var root = JsonNode.Parse(json)!;
        var at = edit.IndexOf('=', StringComparison.Ordinal);
        var path = edit[..at];
        var value = edit[(at + 1)..];
        var parts = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = parts[i].StartsWith('[') ? node[int.Parse(parts[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[parts[i]]!;
        }

        var last = parts[^1];
        if (value == "-")
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }
}
