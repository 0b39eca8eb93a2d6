using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;

namespace SynthVault.Synthesis.Tests;

/// <summary>Small generated tables with known structure for the synthesizer tests.</summary>
internal static class TestTables
{
    /// <summary>
    /// n rows: x ~ N(50, 10²); y = 0.7·z(x) + √(1−0.7²)·e scaled to N(100, 20²) (Pearson ρ = 0.7 with x);
    /// amount log-normal (Float64); count Int64 in [0, 20] rising with x; colour categorical (red 50 %,
    /// green 30 %, blue 20 %); flag boolean (30 % true, more likely when x is high); score with 20 % missing;
    /// day a date in 2020 tied to x; price a decimal(10,2).
    /// </summary>
    public static (Table Table, TableSchema Schema) Mixed(int n, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var x = new double[n];
        var y = new double[n];
        var amount = new double[n];
        var count = new long[n];
        var colour = new string[n];
        var flag = new bool[n];
        var score = new double[n];
        var scoreNull = new bool[n];
        var day = new long[n];
        var price = new decimal[n];
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
        for (var i = 0; i < n; i++)
        {
            var zx = rng.NextGaussian();
            var zy = (0.7 * zx) + (Math.Sqrt(1 - 0.49) * rng.NextGaussian());
            x[i] = 50 + (10 * zx);
            y[i] = 100 + (20 * zy);
            amount[i] = Math.Exp(3 + (0.5 * rng.NextGaussian()));
            count[i] = Math.Clamp((long)Math.Round(10 + (3 * zx) + (2 * rng.NextGaussian())), 0, 20);
            var u = rng.NextDouble();
            colour[i] = u < 0.5 ? "red" : u < 0.8 ? "green" : "blue";
            flag[i] = rng.NextDouble() < (zx > 0 ? 0.45 : 0.15);
            score[i] = rng.NextDouble() * 10;
            scoreNull[i] = rng.NextDouble() < 0.2;
            day[i] = start + ((long)Math.Clamp(Math.Round(180 + (60 * zx)), 0, 365) * TimeSpan.TicksPerDay);
            price[i] = Math.Round((decimal)(20 + (5 * rng.NextGaussian())), 2);
        }

        var table = new Table(
        [
            new Float64Column("x", x),
            new Float64Column("y", y),
            new Float64Column("amount", amount),
            new Int64Column("count", count),
            StringColumn.FromValues("colour", colour),
            new BooleanColumn("flag", flag),
            new Float64Column("score", score, scoreNull),
            new DateTimeColumn("day", DataType.Date, day),
            new DecimalColumn("price", price, 10, 2),
        ]);
        var schema = new TableSchema(
        [
            new ColumnSchema("x", ColumnKind.Continuous, DataType.Float64),
            new ColumnSchema("y", ColumnKind.Continuous, DataType.Float64),
            new ColumnSchema("amount", ColumnKind.Continuous, DataType.Float64),
            new ColumnSchema("count", ColumnKind.Integer, DataType.Int64),
            new ColumnSchema("colour", ColumnKind.Categorical, DataType.String),
            new ColumnSchema("flag", ColumnKind.Boolean, DataType.Boolean),
            new ColumnSchema("score", ColumnKind.Continuous, DataType.Float64),
            new ColumnSchema("day", ColumnKind.DateTime, DataType.Date),
            new ColumnSchema("price", ColumnKind.Continuous, DataType.Decimal),
        ]);
        return (table, schema);
    }

    /// <summary>Adult rows with only <paramref name="positives"/> of the ">50K" class kept (a rare label).</summary>
    public static Table AdultWithRareIncome(int negatives, int positives)
    {
        var adult = Testing.TestData.Adult;
        var income = (StringColumn)adult["income"];
        var rows = new List<int>();
        int neg = 0, pos = 0;
        for (var i = 0; i < adult.RowCount; i++)
        {
            if (income[i] == ">50K" ? pos++ < positives : neg++ < negatives)
            {
                rows.Add(i);
            }
        }

        return adult.Take(rows.ToArray());
    }

    public static double Mean(double[] values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        return present.Average();
    }

    public static double Sd(double[] values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        var m = present.Average();
        return Math.Sqrt(present.Sum(v => (v - m) * (v - m)) / (present.Length - 1));
    }

    public static double Share(Column column, object value) =>
        Enumerable.Range(0, column.Length).Count(i => Equals(column.GetValue(i), value)) / (double)column.Length;

    public static double NullShare(Column column) => column.NullCount / (double)column.Length;

    /// <summary>Every value of every column as text, row by row: equal strings mean byte-identical tables.</summary>
    public static string Dump(Table table)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in table.Columns)
        {
            sb.Append(c.Name).Append(':').Append(c.DataType).Append('\n');
            for (var i = 0; i < c.Length; i++)
            {
                var v = c.GetValue(i);
                sb.Append(v switch
                {
                    null => "∅",
                    double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    DateTime t => t.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                }).Append('|');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
