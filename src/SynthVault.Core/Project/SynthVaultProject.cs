using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Profiling;
using SynthVault.Core.Schema;

namespace SynthVault.Core.Project;

/// <summary>
/// The project file <c>synthvault.json</c>: the data, the schema the user reviewed (kind, PII kind, role and
/// policy per column) and the settings of every step. <c>synthvault init</c> writes it from a profile;
/// <see cref="Parse"/> reads it strictly: unknown keys, wrong types, missing required keys, values out of range
/// and inconsistent settings are errors naming the file and the JSON path (<c>columns[3].kind</c>).
/// <para>
/// Shape (version 1): <c>{ "version": 1, "data": { "path" }, "columns": [ { "name", "kind", "dataType", "pii",
/// "role", "policy" } ], "synthesis": { "method": "copula"|"cart", "rows": null|n, "seed" }, "rebalance": null|{
/// "label", "positive", "ratio", "method" }, "evaluation": { "holdoutFraction", "label" }, "text": null|{ "column",
/// "model", "rounds", "reviewFraction", "targetModel" }, "output": { "directory", "format": "csv"|"parquet" } }</c>. Required:
/// version, data.path, columns with name, kind and dataType. Everything else has a default: pii none, role
/// feature, policy the default for kind and PII kind, synthesis cart/null/42, evaluation 0.3/null, output out/csv.
/// Comments and trailing commas are allowed (people edit this file).
/// </para>
/// </summary>
public sealed record SynthVaultProject
{
    /// <summary>The file format version this build reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The usual file name.</summary>
    public const string DefaultFileName = "synthvault.json";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public int Version { get; init; } = CurrentVersion;

    public required DataSection Data { get; init; }

    /// <summary>One entry per column, in data order.</summary>
    public required IReadOnlyList<ColumnSchema> Columns { get; init; }

    public SynthesisSection Synthesis { get; init; } = new();

    public RebalanceSection? Rebalance { get; init; }

    public EvaluationSection Evaluation { get; init; } = new();

    public TextSection? Text { get; init; }

    public OutputSection Output { get; init; } = new();

    /// <summary>The schema the project declares.</summary>
    public TableSchema ToSchema() => new(Columns);

    /// <summary>
    /// A project for the data at <paramref name="dataPath"/> with the profile's inferred schema and default
    /// settings; the evaluation label is the profile's label column, if any.
    /// </summary>
    public static SynthVaultProject FromProfile(string dataPath, TableProfile profile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        ArgumentNullException.ThrowIfNull(profile);
        return new SynthVaultProject
        {
            Data = new DataSection(dataPath),
            Columns = profile.ToSchema().Columns,
            Evaluation = new EvaluationSection(Label: profile.Label?.Name),
        };
    }

    /// <summary>
    /// Reads and validates a project. <paramref name="fileName"/> is only used in messages. Throws
    /// <see cref="SynthVaultException"/> listing every problem found, each with its JSON path.
    /// </summary>
    public static SynthVaultProject Parse(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}")
                : string.Empty;
            throw new SynthVaultException($"is not valid JSON{where}.", fileName, hint: "Check for a missing comma, quote or bracket near that place.", inner: ex);
        }

        using (document)
        {
            var reader = new ProjectJsonReader();
            var project = Read(document.RootElement, reader);
            if (reader.Errors.Count > 0 || project is null)
            {
                throw Failure(reader.Errors, fileName);
            }

            return project;
        }
    }

    /// <summary>The project as indented JSON with every key written (nulls included), so users see what they can set.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteStartObject("data");
            w.WriteString("path", Data.Path);
            w.WriteEndObject();

            w.WriteStartArray("columns");
            foreach (var c in Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("kind", ProjectJsonReader.EnumName(c.Kind));
                w.WriteString("dataType", ProjectJsonReader.EnumName(c.DataType));
                w.WriteString("pii", ProjectJsonReader.EnumName(c.Pii));
                w.WriteString("role", ProjectJsonReader.EnumName(c.Role));
                w.WriteString("policy", ProjectJsonReader.EnumName(c.Policy));
                w.WriteEndObject();
            }

            w.WriteEndArray();

            w.WriteStartObject("synthesis");
            w.WriteString("method", ProjectJsonReader.EnumName(Synthesis.Method));
            WriteNullable(w, "rows", Synthesis.Rows);
            w.WriteNumber("seed", Synthesis.Seed);
            w.WriteEndObject();

            if (Rebalance is { } r)
            {
                w.WriteStartObject("rebalance");
                w.WriteString("label", r.Label);
                w.WriteString("positive", r.Positive);
                w.WriteNumber("ratio", r.Ratio);
                w.WriteString("method", ProjectJsonReader.EnumName(r.Method));
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("rebalance");
            }

            w.WriteStartObject("evaluation");
            w.WriteNumber("holdoutFraction", Evaluation.HoldoutFraction);
            w.WriteString("label", Evaluation.Label);
            w.WriteEndObject();

            if (Text is { } t)
            {
                w.WriteStartObject("text");
                w.WriteString("column", t.Column);
                w.WriteString("model", t.Model);
                w.WriteNumber("rounds", t.Rounds);
                w.WriteNumber("reviewFraction", t.ReviewFraction);
                if (t.TargetModel is not null)
                {
                    w.WriteString("targetModel", t.TargetModel);
                }

                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("text");
            }

            w.WriteStartObject("output");
            w.WriteString("directory", Output.Directory);
            w.WriteString("format", ProjectJsonReader.EnumName(Output.Format));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    /// <summary>
    /// Checks the cross-key rules on a project built in code (the same ones <see cref="Parse"/> applies) and
    /// throws <see cref="SynthVaultException"/> naming <paramref name="fileName"/> and the JSON paths.
    /// </summary>
    public void Validate(string fileName = DefaultFileName)
    {
        var reader = new ProjectJsonReader();
        CheckConsistency(this, reader);
        if (reader.Errors.Count > 0)
        {
            throw Failure(reader.Errors, fileName);
        }
    }

    public bool Equals(SynthVaultProject? other) =>
        other is not null
        && Version == other.Version
        && Data == other.Data
        && Columns.SequenceEqual(other.Columns)
        && Synthesis == other.Synthesis
        && Rebalance == other.Rebalance
        && Evaluation == other.Evaluation
        && Text == other.Text
        && Output == other.Output;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Version);
        hash.Add(Data);
        foreach (var c in Columns)
        {
            hash.Add(c);
        }

        hash.Add(Synthesis);
        hash.Add(Rebalance);
        hash.Add(Evaluation);
        hash.Add(Text);
        hash.Add(Output);
        return hash.ToHashCode();
    }

    private static SynthVaultException Failure(List<string> errors, string fileName)
    {
        var problem = errors.Count == 1
            ? errors[0]
            : string.Create(CultureInfo.InvariantCulture, $"{errors.Count} problems: {string.Join("; ", errors.Take(8))}{(errors.Count > 8 ? "; ..." : string.Empty)}");
        return new SynthVaultException(problem, fileName, hint: "Fix the key named above (run 'synthvault init' to see a valid file).");
    }

    private static void WriteNullable(Utf8JsonWriter w, string key, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(key, v);
        }
        else
        {
            w.WriteNull(key);
        }
    }

    private static SynthVaultProject? Read(JsonElement root, ProjectJsonReader reader)
    {
        var top = reader.Object(root, string.Empty);
        if (top is null)
        {
            return null;
        }

        var version = top.Integer("version", required: true, fallback: null, allowNull: false, min: long.MinValue, max: long.MaxValue);
        if (version is { } v && v != CurrentVersion)
        {
            reader.Error("version", string.Create(CultureInfo.InvariantCulture, $"{v} is not supported: this build reads version {CurrentVersion}"));
        }

        DataSection? data = null;
        if (top.TryGet("data", required: true, out var dataElement) && reader.Object(dataElement, "data") is { } d)
        {
            var path = d.String("path", required: true);
            d.Finish();
            data = path is null ? null : new DataSection(path);
        }

        var columns = new List<ColumnSchema>();
        if (top.TryGet("columns", required: true, out var columnsElement))
        {
            if (columnsElement.ValueKind != JsonValueKind.Array)
            {
                reader.Error("columns", $"expected an array of column entries, found {ProjectJsonReader.Describe(columnsElement)}");
            }
            else if (columnsElement.GetArrayLength() == 0)
            {
                reader.Error("columns", "is empty: list every column of the data");
            }
            else
            {
                var i = 0;
                foreach (var item in columnsElement.EnumerateArray())
                {
                    var path = string.Create(CultureInfo.InvariantCulture, $"columns[{i++}]");
                    if (reader.Object(item, path) is { } c)
                    {
                        var name = c.String("name", required: true);
                        var kind = c.Enum("kind", required: true, ColumnKind.Continuous);
                        var dataType = c.Enum("dataType", required: true, DataType.Float64);
                        var pii = c.Enum("pii", required: false, PiiKind.None);
                        var role = c.Enum("role", required: false, ColumnRole.Feature);
                        var policy = c.Enum("policy", required: false, ColumnSchema.DefaultPolicy(kind, pii));
                        c.Finish();
                        columns.Add(new ColumnSchema(name ?? string.Empty, kind, dataType, pii, role, policy));
                    }
                }
            }
        }

        var synthesis = new SynthesisSection();
        if (top.TryGet("synthesis", required: false, out var synthesisElement) && synthesisElement.ValueKind != JsonValueKind.Null && reader.Object(synthesisElement, "synthesis") is { } s)
        {
            var method = s.Enum("method", required: false, SynthesisMethod.Cart);
            var rows = s.Integer("rows", required: false, fallback: null, allowNull: true, min: 1, max: int.MaxValue);
            var seed = s.Integer("seed", required: false, fallback: 42, allowNull: false, min: long.MinValue, max: long.MaxValue) ?? 42;
            s.Finish();
            synthesis = new SynthesisSection(method, rows is { } n ? (int)n : null, seed);
        }

        RebalanceSection? rebalance = null;
        if (top.TryGet("rebalance", required: false, out var rebalanceElement) && rebalanceElement.ValueKind != JsonValueKind.Null && reader.Object(rebalanceElement, "rebalance") is { } r)
        {
            var label = r.String("label", required: true);
            var positive = r.Scalar("positive", required: true);
            var ratio = r.Number("ratio", required: true, 0.5, x => x is > 0 and < 1, "greater than 0 and less than 1");
            var method = r.Enum("method", required: false, RebalanceMethod.Cart);
            r.Finish();
            if (label is not null && positive is not null)
            {
                rebalance = new RebalanceSection(label, positive, ratio, method);
            }
        }

        var evaluation = new EvaluationSection();
        if (top.TryGet("evaluation", required: false, out var evaluationElement) && evaluationElement.ValueKind != JsonValueKind.Null && reader.Object(evaluationElement, "evaluation") is { } e)
        {
            var holdout = e.Number("holdoutFraction", required: false, 0.3, x => x is > 0 and <= 0.9, "greater than 0 and at most 0.9");
            var label = e.String("label", required: false, allowNull: true);
            e.Finish();
            evaluation = new EvaluationSection(holdout, label);
        }

        TextSection? text = null;
        if (top.TryGet("text", required: false, out var textElement) && textElement.ValueKind != JsonValueKind.Null && reader.Object(textElement, "text") is { } t)
        {
            var column = t.String("column", required: true);
            var model = t.String("model", required: true);
            var rounds = t.Integer("rounds", required: false, fallback: 4, allowNull: false, min: 1, max: 10) ?? 4;
            var review = t.Number("reviewFraction", required: false, 0.1, x => x is >= 0 and <= 1, "between 0 and 1");
            var target = t.String("targetModel", required: false, allowNull: true);
            t.Finish();
            if (model is not null && !model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
            {
                reader.Error("text.model", $"'{model}' is not a .gguf file: the text loop runs GGUF models (see models/README.md)");
            }

            if (column is not null && model is not null)
            {
                text = new TextSection(column, model, (int)rounds, review, string.IsNullOrWhiteSpace(target) ? null : target);
            }
        }

        var output = new OutputSection();
        if (top.TryGet("output", required: false, out var outputElement) && outputElement.ValueKind != JsonValueKind.Null && reader.Object(outputElement, "output") is { } o)
        {
            var directory = o.String("directory", required: false, fallback: "out");
            var format = o.Enum("format", required: false, OutputFormat.Csv);
            o.Finish();
            output = new OutputSection(directory ?? "out", format);
        }

        top.Finish();
        if (data is null || reader.Errors.Count > 0)
        {
            return null;
        }

        var project = new SynthVaultProject
        {
            Version = CurrentVersion,
            Data = data,
            Columns = columns,
            Synthesis = synthesis,
            Rebalance = rebalance,
            Evaluation = evaluation,
            Text = text,
            Output = output,
        };
        CheckConsistency(project, reader);
        return project;
    }

    /// <summary>Rules that span keys: unique names, one label, policies that respect PII and identifiers, references to columns.</summary>
    private static void CheckConsistency(SynthVaultProject p, ProjectJsonReader reader)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var label = -1;
        for (var i = 0; i < p.Columns.Count; i++)
        {
            var c = p.Columns[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"columns[{i}]");
            if (!index.TryAdd(c.Name, i))
            {
                reader.Error($"{path}.name", string.Create(CultureInfo.InvariantCulture, $"'{c.Name}' is already the name of columns[{index[c.Name]}]"));
            }

            if (c.Pii != PiiKind.None && c.Policy == ColumnPolicy.Synthesize)
            {
                reader.Error($"{path}.policy", $"column '{c.Name}' holds personal data (pii: {ProjectJsonReader.EnumName(c.Pii)}), so its values must never be learned: use \"surrogate\" or \"drop\", or set \"pii\": \"none\" if it holds no personal data");
            }

            if (c.Kind == ColumnKind.Identifier && c.Policy == ColumnPolicy.Synthesize)
            {
                reader.Error($"{path}.policy", $"column '{c.Name}' is an identifier: keys are regenerated, never learned or copied; use \"regenerate\", \"surrogate\" or \"drop\", or change its kind");
            }

            if (c.Role == ColumnRole.Label)
            {
                if (label >= 0)
                {
                    reader.Error($"{path}.role", string.Create(CultureInfo.InvariantCulture, $"only one column can be the label and columns[{label}] ('{p.Columns[label].Name}') already is"));
                }
                else
                {
                    label = i;
                }

                if (c.Kind is not (ColumnKind.Boolean or ColumnKind.Categorical or ColumnKind.Integer))
                {
                    reader.Error($"{path}.role", $"a label must be boolean, categorical or integer, but column '{c.Name}' is {ProjectJsonReader.EnumName(c.Kind)}");
                }

                if (c.Policy != ColumnPolicy.Synthesize)
                {
                    reader.Error($"{path}.policy", $"the label '{c.Name}' must be learned: its policy must be \"synthesize\"");
                }
            }
        }

        if (p.Rebalance is { } r)
        {
            if (!index.TryGetValue(r.Label, out var at))
            {
                reader.Error("rebalance.label", NoSuchColumn(r.Label, index.Keys));
            }
            else
            {
                var c = p.Columns[at];
                if (label >= 0 && label != at)
                {
                    reader.Error("rebalance.label", $"'{r.Label}' is not the label column: columns[{label.ToString(CultureInfo.InvariantCulture)}] ('{p.Columns[label].Name}') has role \"label\"");
                }

                if (c.Kind is not (ColumnKind.Boolean or ColumnKind.Categorical or ColumnKind.Integer) || c.Policy != ColumnPolicy.Synthesize)
                {
                    reader.Error("rebalance.label", $"column '{r.Label}' cannot be rebalanced: it must be a learned boolean, categorical or integer column");
                }
            }
        }

        if (p.Evaluation.Label is { } evalLabel && !index.ContainsKey(evalLabel))
        {
            reader.Error("evaluation.label", NoSuchColumn(evalLabel, index.Keys));
        }

        if (p.Text is { } t)
        {
            if (!index.TryGetValue(t.Column, out var at))
            {
                reader.Error("text.column", NoSuchColumn(t.Column, index.Keys));
            }
            else if (p.Columns[at].Kind != ColumnKind.Text)
            {
                reader.Error("text.column", $"column '{t.Column}' is {ProjectJsonReader.EnumName(p.Columns[at].Kind)}, not text: set its kind to \"text\" or name a text column");
            }
        }

        CheckRanges(p, reader);
    }

    /// <summary>The per-key rules <see cref="Read"/> applies while parsing, for projects built in code.</summary>
    private static void CheckRanges(SynthVaultProject p, ProjectJsonReader reader)
    {
        var inv = CultureInfo.InvariantCulture;
        if (p.Version != CurrentVersion)
        {
            reader.Error("version", string.Create(inv, $"{p.Version} is not supported: this build reads version {CurrentVersion}"));
        }

        if (string.IsNullOrWhiteSpace(p.Data.Path))
        {
            reader.Error("data.path", "must not be empty");
        }

        if (p.Columns.Count == 0)
        {
            reader.Error("columns", "is empty: list every column of the data");
        }

        for (var i = 0; i < p.Columns.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(p.Columns[i].Name))
            {
                reader.Error(string.Create(inv, $"columns[{i}].name"), "must not be empty");
            }
        }

        if (p.Synthesis.Rows is <= 0)
        {
            reader.Error("synthesis.rows", string.Create(inv, $"{p.Synthesis.Rows} is out of range: it must be at least 1"));
        }

        if (p.Rebalance is { } r && !(r.Ratio is > 0 and < 1))
        {
            reader.Error("rebalance.ratio", string.Create(inv, $"{r.Ratio} is out of range: it must be greater than 0 and less than 1"));
        }

        if (p.Rebalance is { Positive: null or "" })
        {
            reader.Error("rebalance.positive", "must not be empty");
        }

        if (!(p.Evaluation.HoldoutFraction is > 0 and <= 0.9))
        {
            reader.Error("evaluation.holdoutFraction", string.Create(inv, $"{p.Evaluation.HoldoutFraction} is out of range: it must be greater than 0 and at most 0.9"));
        }

        if (p.Text is { } t)
        {
            if (t.Rounds is < 1 or > 10)
            {
                reader.Error("text.rounds", string.Create(inv, $"{t.Rounds} is out of range: it must be between 1 and 10"));
            }

            if (!(t.ReviewFraction is >= 0 and <= 1))
            {
                reader.Error("text.reviewFraction", string.Create(inv, $"{t.ReviewFraction} is out of range: it must be between 0 and 1"));
            }
        }

        if (string.IsNullOrWhiteSpace(p.Output.Directory))
        {
            reader.Error("output.directory", "must not be empty");
        }
    }

    private static string NoSuchColumn(string name, IEnumerable<string> names)
    {
        var suggestion = ProjectJsonReader.Suggest(name, names);
        return $"'{name}' names no column in \"columns\"{(suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)")}";
    }
}
