using System.Diagnostics;
using System.Globalization;
using SynthVault.Core.Data;
using SynthVault.Core.Randomness;
using SynthVault.Core.Schema;
using SynthVault.Synthesis;
using SynthVault.Testing;

namespace SynthVault.Benchmarks;

/// <summary>
/// Synthesis targets (issue #3): copula fit + sample of 1 M rows × 20 mixed columns (5 s), CART fit on
/// 100 k × 15 (30 s), CART sampling of 1 M rows (10 s). Data: Adult rows drawn with replacement (seeded), each
/// numeric value jittered (age ±1 year, fnlwgt ±2 %, hours ±2) so rows are not exact copies, plus, for the
/// 20-column table, five columns derived from the row with noise: a log-normal balance (Float64, 10 % missing),
/// a sign-up date (Date), a has_loan boolean, a fee decimal(10,2) and a risk band category.
/// </summary>
internal static partial class TargetRegistry
{
    private static ISynthesizerModel? cartModel;
    private static (Table Table, TableSchema Schema)? copulaData;

    private static void RegisterSynthesis()
    {
        // The data build is its own target, so "targets copula-1m" times it apart from the fit and sample.
        TargetHarness.Targets.Add(new("copula-1m-data", 20, () =>
        {
            copulaData = Resampled(1_000_000, wide: true, seed: 1);
            return "1,000,000 × 20 resampled Adult rows built";
        }));

        TargetHarness.Targets.Add(new("copula-1m", 5, () =>
        {
            var (table, schema) = copulaData ?? Resampled(1_000_000, wide: true, seed: 1);
            var cpu = CpuSeconds();
            var sw = Stopwatch.StartNew();
            var model = Synthesizers.Create("copula", 1).Fit(table, schema);
            var fit = sw.Elapsed.TotalSeconds;
            var rows = model.Sample(1_000_000, null, 2);
            return Detail($"1,000,000 × {rows.ColumnCount}: fit {fit:F2} s, sample {sw.Elapsed.TotalSeconds - fit:F2} s, CPU {CpuSeconds() - cpu:F2} s{(copulaData is null ? " (data build included)" : string.Empty)}");
        }));

        TargetHarness.Targets.Add(new("cart-fit-100k", 30, () =>
        {
            var (table, schema) = Resampled(100_000, wide: false, seed: 3);
            var cpu = CpuSeconds();
            var sw = Stopwatch.StartNew();
            cartModel = Synthesizers.Create("cart", 1).Fit(table, schema);
            return Detail($"100,000 × {table.ColumnCount}: fit {sw.Elapsed.TotalSeconds:F2} s, CPU {CpuSeconds() - cpu:F2} s (data build included in the total)");
        }));

        TargetHarness.Targets.Add(new("cart-sample-1m", 10, () =>
        {
            var fitted = cartModel;
            var fitNote = "model from cart-fit-100k";
            if (fitted is null)
            {
                var (table, schema) = Resampled(100_000, wide: false, seed: 3);
                var fitWatch = Stopwatch.StartNew();
                fitted = Synthesizers.Create("cart", 1).Fit(table, schema);
                fitNote = $"fitted here in {fitWatch.Elapsed.TotalSeconds:F2} s (run with cart-fit-100k to exclude it)";
            }

            var cpu = CpuSeconds();
            var sw = Stopwatch.StartNew();
            var rows = fitted.Sample(1_000_000, null, 4);
            return Detail($"1,000,000 × {rows.ColumnCount}: sample {sw.Elapsed.TotalSeconds:F2} s, CPU {CpuSeconds() - cpu:F2} s; {fitNote}");
        }));
    }

    /// <summary>Processor time of this process: on a shared, overloaded machine it shows the work apart from the waiting.</summary>
    private static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static string Detail(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Adult resampled to <paramref name="rows"/> rows with jitter; 20 columns when <paramref name="wide"/>, else Adult's 15.</summary>
    private static (Table Table, TableSchema Schema) Resampled(int rows, bool wide, ulong seed)
    {
        var adult = TestData.Adult;
        var rng = new Xoshiro256(seed);
        var pick = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            pick[i] = rng.NextInt(adult.RowCount);
        }

        var columns = new List<Column>();
        var schema = new List<ColumnSchema>(TestData.AdultSchema.Columns);
        foreach (var column in adult.Columns)
        {
            var taken = column.Take(pick);
            if (taken is Int64Column ints)
            {
                var values = ints.Values.ToArray();
                var jitter = column.Name switch { "age" => 1.0, "hr_per_week" => 2.0, _ => 0.0 };
                for (var i = 0; i < rows; i++)
                {
                    values[i] = column.Name == "fnlwgt"
                        ? (long)Math.Round(values[i] * (1 + (0.02 * ((2 * rng.NextDouble()) - 1))))
                        : jitter > 0 ? Math.Max(1, values[i] + (long)Math.Round(jitter * ((2 * rng.NextDouble()) - 1))) : values[i];
                }

                taken = new Int64Column(column.Name, values);
            }

            columns.Add(taken);
        }

        if (wide)
        {
            var age = ((Int64Column)columns[0]).Values;
            var balance = new double[rows];
            var balanceNull = new bool[rows];
            var signup = new long[rows];
            var loan = new bool[rows];
            var fee = new decimal[rows];
            var band = new string[rows];
            var start = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;
            string[] bands = ["low", "medium", "high", "very high"];
            for (var i = 0; i < rows; i++)
            {
                var z = rng.NextGaussian();
                balance[i] = Math.Exp(7 + (0.02 * age[i]) + z);
                balanceNull[i] = rng.NextDouble() < 0.1;
                signup[i] = start + ((long)rng.NextInt(3650) * TimeSpan.TicksPerDay);
                loan[i] = rng.NextDouble() < (age[i] > 40 ? 0.35 : 0.15);
                fee[i] = Math.Round((decimal)(5 + (3 * Math.Abs(z))), 2);
                band[i] = bands[Math.Clamp((int)Math.Floor(1.5 + z), 0, 3)];
            }

            columns.Add(new Float64Column("balance", balance, balanceNull));
            columns.Add(new DateTimeColumn("signup", DataType.Date, signup));
            columns.Add(new BooleanColumn("has_loan", loan));
            columns.Add(new DecimalColumn("fee", fee, 10, 2));
            columns.Add(StringColumn.FromValues("risk_band", band));
            schema.Add(new ColumnSchema("balance", ColumnKind.Continuous, DataType.Float64));
            schema.Add(new ColumnSchema("signup", ColumnKind.DateTime, DataType.Date));
            schema.Add(new ColumnSchema("has_loan", ColumnKind.Boolean, DataType.Boolean));
            schema.Add(new ColumnSchema("fee", ColumnKind.Continuous, DataType.Decimal));
            schema.Add(new ColumnSchema("risk_band", ColumnKind.Categorical, DataType.String));
        }

        return (new Table(columns), new TableSchema(schema));
    }
}
