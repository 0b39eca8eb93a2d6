using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Schema;

namespace SynthVault.Testing;

/// <summary>
/// The bundled real data sets as typed tables with their known schemas, for tests and benchmarks of the
/// engine that should not depend on the CSV reader. The files are plain (no quoting), so a split is exact.
/// </summary>
public static class TestData
{
    private static readonly Lazy<(Table Table, TableSchema Schema)> AdultData = new(LoadAdult);
    private static readonly Lazy<(Table Table, TableSchema Schema)> CreditCardData = new(LoadCreditCard);

    /// <summary>UCI Adult census, 30,162 rows; label <c>income</c> (24.9 % ">50K").</summary>
    public static Table Adult => AdultData.Value.Table;

    public static TableSchema AdultSchema => AdultData.Value.Schema;

    /// <summary>ULB card-fraud sample, 1,722 rows (492 frauds); label <c>Class</c>; the unnamed row index is dropped.</summary>
    public static Table CreditCard => CreditCardData.Value.Table;

    public static TableSchema CreditCardSchema => CreditCardData.Value.Schema;

    /// <summary>SMS spam texts: (label, text) pairs, 5,574 rows.</summary>
    public static IReadOnlyList<(string Label, string Text)> SmsSpam() =>
        [.. File.ReadLines(RepoPaths.SmsSpamTsv).Skip(1).Select(l => l.Split('\t', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1]))];

    private static (Table, TableSchema) LoadAdult()
    {
        string[] integers = ["age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hr_per_week"];
        var lines = File.ReadAllLines(RepoPaths.AdultCsv);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var columns = new List<Column>();
        var schema = new List<ColumnSchema>();
        for (var c = 0; c < header.Length; c++)
        {
            var name = header[c];
            if (integers.Contains(name))
            {
                columns.Add(new Int64Column(name, [.. rows.Select(r => long.Parse(r[c], CultureInfo.InvariantCulture))]));
                schema.Add(new ColumnSchema(name, ColumnKind.Integer, DataType.Int64));
            }
            else
            {
                columns.Add(StringColumn.FromValues(name, [.. rows.Select(r => r[c].Trim())]));
                schema.Add(new ColumnSchema(name, ColumnKind.Categorical, DataType.String, Role: name == "income" ? ColumnRole.Label : ColumnRole.Feature));
            }
        }

        return (new Table(columns), new TableSchema(schema));
    }

    private static (Table, TableSchema) LoadCreditCard()
    {
        var lines = File.ReadAllLines(RepoPaths.CreditCardCsv);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var columns = new List<Column>();
        var schema = new List<ColumnSchema>();
        for (var c = 1; c < header.Length; c++)
        {
            var name = header[c];
            if (name == "Class")
            {
                columns.Add(new Int64Column(name, [.. rows.Select(r => long.Parse(r[c], CultureInfo.InvariantCulture))]));
                schema.Add(new ColumnSchema(name, ColumnKind.Categorical, DataType.Int64, Role: ColumnRole.Label));
            }
            else
            {
                columns.Add(new Float64Column(name, [.. rows.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture))]));
                schema.Add(new ColumnSchema(name, ColumnKind.Continuous, DataType.Float64));
            }
        }

        return (new Table(columns), new TableSchema(schema));
    }
}
