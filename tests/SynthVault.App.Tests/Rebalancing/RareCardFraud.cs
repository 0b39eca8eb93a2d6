using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;
using SynthVault.Testing;

namespace SynthVault.App.Tests.Rebalancing;

/// <summary>data-samples/creditcard-fraud/creditcard_rare.csv as a typed table (same layout as the full sample: the unnamed index column is kept as <c>index</c>, an identifier).</summary>
internal static class RareCardFraud
{
    private static readonly Lazy<(Table, TableSchema)> Data = new(Load);

    public static string Path => System.IO.Path.Combine(RepoPaths.DataSamples, "creditcard-fraud", "creditcard_rare.csv");

    public static Table Table => Data.Value.Item1;

    public static TableSchema Schema => Data.Value.Item2;

    private static (Table, TableSchema) Load()
    {
        var lines = File.ReadAllLines(Path);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var columns = new List<Column> { new Int64Column("index", [.. rows.Select(r => long.Parse(r[0], CultureInfo.InvariantCulture))]) };
        var schema = new List<ColumnSchema> { new("index", ColumnKind.Identifier, DataType.Int64, Role: ColumnRole.Key, Policy: ColumnPolicy.Regenerate) };
        for (var c = 1; c < header.Length; c++)
        {
            if (header[c] == "Class")
            {
                columns.Add(new Int64Column("Class", [.. rows.Select(r => long.Parse(r[c], CultureInfo.InvariantCulture))]));
                schema.Add(new ColumnSchema("Class", ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label));
            }
            else
            {
                columns.Add(new Float64Column(header[c], [.. rows.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture))]));
                schema.Add(new ColumnSchema(header[c], ColumnKind.Continuous, DataType.Float64));
            }
        }

        return (new Table(columns), new TableSchema(schema));
    }
}
