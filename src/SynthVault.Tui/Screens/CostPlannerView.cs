using System.Globalization;
using System.Text;
using SynthVault.Core.Errors;
using SynthVault.Planner;
using SynthVault.Planner.Presets;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Screens;

/// <summary>
/// The buy-vs-generate cost planner (COST-MODEL.md) as a form with live results: every valid edit recomputes the
/// cost per 1,000 accepted samples of both options, the verdict, the break-even, the time to deliver and the inputs
/// that drive the gap most (a text tornado). Presets, an <c>llm bench --json</c> file and a run's
/// <c>run-stats.json</c> fill the fields when Enter is pressed in their field; the planner then treats the measured
/// inputs as measured (narrower sensitivity ranges) until you change them. An invalid field leaves the last valid
/// result on screen and names the field in the message line.
/// </summary>
internal sealed class CostPlannerView : View
{
    private const int FieldX = 16;
    private const int FieldWidth = 12;
    private const int ResultsX = FieldX + FieldWidth + 3;
    private const int FormTop = 3;
    private const int TornadoBars = 3;
    private const int BarHalf = 5;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The inputs on the form: catalog name, label, and the factor between the model's unit and the field's.</summary>
    private static readonly (string Input, string Label, double Scale)[] NumericInputs =
    [
        ("generationTokensPerSecond", "Generate tok/s", 1),
        ("promptTokensPerSecond", "Prompt tok/s", 1),
        ("outputTokensPerSample", "Tokens/sample", 1),
        ("acceptanceRate", "Acceptance rate", 1),
        ("reviewFraction", "Review fraction", 1),
        ("reviewSecondsPerItem", "Review s/item", 1),
        ("reviewerHourlyRateUsd", "Reviewer USD/h", 1),
        ("machineCostPerHourUsd", "Machine USD/h", 1),
        ("setupCostUsd", "Set-up USD", 1),
        ("pricePerLabelUsd", "Buy USD/1,000", 1000),
    ];

    private readonly TimeProvider clock;
    private readonly PresetCatalog catalog;
    private readonly TextField presets;
    private readonly TextField bench;
    private readonly TextField runStats;
    private readonly TextField volume;
    private readonly TextField engine;
    private readonly List<(string Input, string Label, double Scale, TextField Box)> numeric = [];
    private readonly Label generateLine = ScreenParts.Plain();
    private readonly Label buyLine = ScreenParts.Plain();
    private readonly Label verdict = ScreenParts.Plain(wrap: true);
    private readonly Label breakEven = ScreenParts.Plain(wrap: true);
    private readonly Label tornadoTitle = ScreenParts.Plain("Drivers of the gap generate − buy (USD/1,000):");
    private readonly Label tornado = ScreenParts.Plain();
    private readonly Label time = ScreenParts.Plain();
    private readonly Label message = ScreenParts.Plain(wrap: true);
    private readonly HashSet<string> measured = new(StringComparer.Ordinal);
    private readonly List<string> layerWarnings = [];
    private CostInputs baseInputs = CostInputs.Default;
    private bool filling;

    /// <summary>A planner that starts from the built-in assumptions; presets come from <paramref name="catalog"/>, staleness is judged by <paramref name="clock"/>.</summary>
    public CostPlannerView(TimeProvider clock, PresetCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(catalog);
        this.clock = clock;
        this.catalog = catalog;
        Title = "Cost planner";
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;

        presets = WideField(0, "Presets", string.Empty);
        bench = WideField(1, "Bench JSON", string.Empty);
        runStats = WideField(2, "Run stats", string.Empty);
        presets.Accepting += (_, e) => e.Handled = Apply(ApplyPresets);
        bench.Accepting += (_, e) => e.Handled = Apply(ApplyBench);
        runStats.Accepting += (_, e) => e.Handled = Apply(ApplyRunStats);

        var row = FormTop;
        volume = FormField(row++, "Accepted wanted", "1000");
        engine = FormField(row++, "Engine", "local");
        foreach (var (input, label, scale) in NumericInputs)
        {
            numeric.Add((input, label, scale, FormField(row++, label, string.Empty)));
        }

        Add(new Line { X = ResultsX - 2, Y = FormTop, Height = row - FormTop, Orientation = Orientation.Vertical });
        Place(generateLine, FormTop, 1);
        Place(buyLine, FormTop + 1, 1);
        Place(verdict, FormTop + 2, 3);
        Place(breakEven, FormTop + 5, 3);
        Place(tornadoTitle, FormTop + 8, 1);
        Place(tornado, FormTop + 9, TornadoBars);
        Place(time, FormTop + 9 + TornadoBars, 1);
        var keys = ScreenParts.Plain("Tab moves · results follow every edit · Enter in Presets/Bench/Run stats loads them");
        keys.X = 0;
        keys.Y = Pos.AnchorEnd(3);
        keys.Width = Dim.Fill();
        message.X = 0;
        message.Y = Pos.AnchorEnd(2);
        message.Width = Dim.Fill();
        message.Height = 2;
        Add(keys, message);

        FillFields(baseInputs);
        _ = Recompute();
    }

    /// <summary>The plan on screen: the last one computed from valid inputs.</summary>
    internal CostPlan? LastPlan { get; private set; }

    /// <summary>The sensitivity bars behind the drivers shown, largest swing first.</summary>
    internal IReadOnlyList<TornadoBar> LastTornado { get; private set; } = [];

    /// <summary>The inputs <see cref="LastPlan"/> was computed from.</summary>
    internal CostInputs? LastInputs => LastPlan?.Inputs;

    /// <summary>The message line: the invalid field, a load result, or warnings.</summary>
    internal string Message => message.Text;

    /// <summary>The cost lines as shown.</summary>
    internal string CostText => generateLine.Text + "\n" + buyLine.Text;

    /// <summary>The field of a catalog input, or of "presets", "bench", "runStats", "volume", "engine".</summary>
    internal TextField FieldFor(string name) => name switch
    {
        "presets" => presets,
        "bench" => bench,
        "runStats" => runStats,
        "volume" => volume,
        "engine" => engine,
        _ => numeric.First(f => f.Input == name).Box,
    };

    private TextField WideField(int y, string label, string text)
    {
        var caption = ScreenParts.Plain(label);
        caption.X = 0;
        caption.Y = y;
        var field = new TextField { X = FieldX, Y = y, Width = Dim.Fill(), Text = text };
        Add(caption, field);
        return field;
    }

    private TextField FormField(int y, string label, string text)
    {
        var caption = ScreenParts.Plain(label);
        caption.X = 0;
        caption.Y = y;
        var field = ScreenParts.Field(text, FieldX, y, FieldWidth);
        field.ValueChanged += (_, _) => OnEdited(field);
        Add(caption, field);
        return field;
    }

    private void Place(Label label, int y, int height)
    {
        label.X = ResultsX;
        label.Y = y;
        label.Width = Dim.Fill();
        label.Height = height;
        Add(label);
    }

    private void OnEdited(TextField field)
    {
        if (filling)
        {
            return;
        }

        // A value the user typed is no longer the measured one: it gets the wider, assumed sensitivity range.
        foreach (var f in numeric.Where(f => f.Box == field))
        {
            measured.Remove(f.Input);
        }

        _ = Recompute();
    }

    /// <summary>Runs a loader; its problems go to the message line. True: the Enter key was used.</summary>
    private bool Apply(Action load)
    {
        try
        {
            load();
        }
        catch (SynthVaultException ex)
        {
            message.Text = ex.Message;
        }

        return true;
    }

    private void ApplyPresets()
    {
        var ids = presets.Text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            message.Text = "Presets: give one or more preset ids, comma-separated: " + string.Join(", ", catalog.Presets.Select(p => p.Id));
            return;
        }

        var builder = new CostScenarioBuilder(clock, CurrentInputs("Presets"));
        var found = new List<PricePreset>();
        foreach (var id in ids)
        {
            try
            {
                found.Add(catalog.Find(id));
            }
            catch (SynthVaultException ex)
            {
                throw new SynthVaultException("Presets: " + ex.Problem, hint: ex.Hint);
            }
        }

        foreach (var preset in found)
        {
            builder.ApplyPreset(preset);
        }

        var scenario = builder.Build();
        foreach (var p in scenario.Provenance.Where(p => p.Source == InputSource.Preset))
        {
            measured.Remove(p.Input);
        }

        Load(scenario, string.Create(Inv, $"Applied {found.Count} preset(s): {string.Join(", ", found.Select(p => p.Id))}."));
    }

    private void ApplyBench()
    {
        var path = bench.Text.Trim();
        if (path.Length == 0)
        {
            message.Text = "Bench JSON: give the path of a 'synthvault llm bench --json' output.";
            return;
        }

        var result = LlmBenchResult.Read(path);
        var scenario = new CostScenarioBuilder(clock, CurrentInputs("Bench JSON")).ApplyBench(result, path).Build();
        measured.UnionWith(scenario.MeasuredInputs);
        Load(scenario, string.Create(Inv, $"Speeds measured on {result.Model} ({result.Backend}, {result.Threads} threads) loaded from {Path.GetFileName(path)}."));
    }

    private void ApplyRunStats()
    {
        var path = runStats.Text.Trim();
        if (path.Length == 0)
        {
            message.Text = "Run stats: give a text run folder or its run-stats.json.";
            return;
        }

        var stats = MeasuredRunStats.Read(path);
        var file = Directory.Exists(path) ? Path.Combine(path, MeasuredRunStats.FileName) : path;
        var scenario = new CostScenarioBuilder(clock, CurrentInputs("Run stats")).ApplyRunStats(stats, file).Build();
        measured.UnionWith(scenario.MeasuredInputs);
        Load(scenario, $"Acceptance, call shape and review time measured by the run loaded from {Path.GetFileName(file)}.");
    }

    /// <summary>The inputs the form holds now; a loader needs them valid, so it refuses and names the field otherwise.</summary>
    private CostInputs CurrentInputs(string loader)
    {
        try
        {
            return ReadForm().Inputs;
        }
        catch (SynthVaultException ex)
        {
            throw new SynthVaultException($"{loader} not loaded: fix this first. {ex.Problem}");
        }
    }

    private void Load(CostScenario scenario, string done)
    {
        baseInputs = scenario.Inputs;
        layerWarnings.Clear();
        layerWarnings.AddRange(scenario.Warnings);
        FillFields(baseInputs);
        if (Recompute())
        {
            message.Text = (done + " " + message.Text).TrimEnd();
        }
    }

    private void FillFields(CostInputs inputs)
    {
        filling = true;
        try
        {
            engine.Text = inputs.Engine.ToString().ToLowerInvariant();
            foreach (var (input, _, scale, box) in numeric)
            {
                box.Text = CostInputCatalog.Find(input).Get(inputs) is { } value ? (value * scale).ToString("G6", Inv) : string.Empty;
            }
        }
        finally
        {
            filling = false;
        }
    }

    /// <summary>Reads every field over <see cref="baseInputs"/>; throws naming the first invalid field.</summary>
    private (CostInputs Inputs, int Volume) ReadForm()
    {
        var text = volume.Text.Trim();
        if (!int.TryParse(text, NumberStyles.Integer, Inv, out var wanted) || wanted < 1)
        {
            throw new SynthVaultException($"Accepted wanted must be a whole number of samples, at least 1, got '{text}'.");
        }

        var inputs = Named("Engine", () => CostInputCatalog.SetFromText(baseInputs, "engine", engine.Text));
        foreach (var (input, label, scale, box) in numeric)
        {
            var value = box.Text.Trim();
            if (scale == 1)
            {
                inputs = Named(label, () => CostInputCatalog.SetFromText(inputs, input, value));
            }
            else if (value.Length == 0)
            {
                inputs = CostInputCatalog.Find(input).With(inputs, null);
            }
            else if (double.TryParse(value, NumberStyles.Float, Inv, out var shown) && double.IsFinite(shown) && shown >= 0)
            {
                inputs = CostInputCatalog.Find(input).With(inputs, shown / scale);
            }
            else
            {
                throw new SynthVaultException($"{label} must be a price of 0 or more (USD per 1,000 items), or empty to price by writing time; got '{value}'.");
            }
        }

        return (inputs, wanted);
    }

    private static CostInputs Named(string label, Func<CostInputs> set)
    {
        try
        {
            return set();
        }
        catch (SynthVaultException ex)
        {
            throw new SynthVaultException($"{label}: {ex.Problem}", hint: ex.Hint);
        }
    }

    /// <summary>Recomputes from the form; a problem keeps the last valid result and names the field. True: recomputed.</summary>
    private bool Recompute()
    {
        try
        {
            var (inputs, wanted) = ReadForm();
            var plan = CostModel.Compute(inputs, wanted);
            var bars = Sensitivity.Tornado(inputs, wanted, Sensitivity.DefaultRanges(inputs, measured));
            LastPlan = plan;
            LastTornado = bars;
            Show(plan, bars);
            message.Text = layerWarnings.Count == 0 ? string.Empty : "warning: " + string.Join(" ", layerWarnings);
            return true;
        }
        catch (SynthVaultException ex)
        {
            message.Text = ex.Message + (LastPlan is null ? string.Empty : " (results show the last valid inputs)");
            return false;
        }
    }

    private void Show(CostPlan plan, IReadOnlyList<TornadoBar> bars)
    {
        generateLine.Text = string.Create(Inv, $"Generate {plan.Generate.CostPer1000Usd,12:N2} USD per 1,000 accepted");
        buyLine.Text = string.Create(Inv, $"Buy      {plan.Buy.CostPer1000Usd,12:N2} USD per 1,000 accepted");
        verdict.Text = CostPlanHtml.Verdict(plan);
        breakEven.Text = "Break-even: " + plan.BreakEven.Summary;
        tornado.Text = Tornado(bars);
        time.Text = string.Create(Inv, $"Time: generate {plan.Time.GenerateCalendarDays:N1} d, buy ")
            + (plan.Time.BuyCalendarDays is { } days ? string.Create(Inv, $"{days:N1} d") : "unknown");
    }

    /// <summary>
    /// The largest bars as text, the same picture as the CLI's: block characters left of │ where the input's range
    /// favours generating, right where it favours buying, scaled to the largest change; * the cheaper option flips.
    /// </summary>
    private static string Tornado(IReadOnlyList<TornadoBar> bars)
    {
        if (bars.Count == 0)
        {
            return "(no uncertain input moves the gap)";
        }

        var top = bars.Take(TornadoBars).ToList();
        var scale = Math.Max(1e-12, top.Max(b => Math.Max(Math.Abs(b.GapAtLow - b.GapAtBase), Math.Abs(b.GapAtHigh - b.GapAtBase))));
        var sb = new StringBuilder();
        foreach (var bar in top)
        {
            var low = bar.GapAtLow - bar.GapAtBase;
            var high = bar.GapAtHigh - bar.GapAtBase;
            var left = (int)Math.Round(Math.Max(0, -Math.Min(low, high)) / scale * BarHalf);
            var right = (int)Math.Round(Math.Max(0, Math.Max(low, high)) / scale * BarHalf);
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(bar.Input.PadRight(25)).Append(' ')
                .Append(' ', BarHalf - left).Append('█', left).Append('│').Append('█', right).Append(' ', BarHalf - right)
                .Append(string.Create(Inv, $" {bar.Swing,6:N0}")).Append(bar.DecisionFlips ? " *" : string.Empty);
        }

        return sb.ToString();
    }
}
