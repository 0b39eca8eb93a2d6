using SynthVault.Core.Data;
using SynthVault.Core.Errors;
using SynthVault.Core.Progress;
using SynthVault.Core.Schema;
using SynthVault.Synthesis.Cart;
using SynthVault.Synthesis.Internal;

namespace SynthVault.Synthesis;

/// <summary>
/// Sequential CART synthesizer, synthpop's default method (Reiter, 2005; Nowok, Raab and Dibben, 2016): columns
/// are visited in order; the first is drawn from its observed values; each later one from the leaf that a tree
/// fitted on the earlier columns puts the row in — an observed value of that leaf (optionally kernel-smoothed
/// for continuous columns), or for categories a draw from the leaf's class proportions. Missing values are kept
/// in the leaves, so null rates follow the tree.
/// <para>A fitted CART model holds observed training values in its leaves: a model file is as sensitive as the
/// training data and must be protected like it.</para>
/// </summary>
public sealed class CartSynthesizer : ISynthesizer
{
    internal const string MethodName = "cart";

    private readonly CartOptions options;

    public CartSynthesizer(CartOptions? options = null)
    {
        this.options = options ?? new CartOptions();
        this.options.Validate();
    }

    /// <inheritdoc />
    public string Method => MethodName;

    /// <inheritdoc />
    public ISynthesizerModel Fit(Table data, TableSchema schema, IProgress<ProgressUpdate>? progress = null, CancellationToken ct = default)
    {
        var set = FeatureEncoder.Build(data, schema, ct);
        var hash = TrainingDataHash.Compute(data);
        var specs = set.Specs;
        var order = VisitOrder(schema, specs);
        var columns = new double[specs.Length][];
        for (var f = 0; f < specs.Length; f++)
        {
            columns[f] = specs[f].IsCategorical ? [.. set.Data[f].Codes!.Select(c => (double)c)] : set.Data[f].Values!;
        }

        var smooth = new bool[specs.Length];
        for (var f = 0; f < specs.Length; f++)
        {
            var s = specs[f];
            smooth[f] = options.Smoothing && !s.IsCategorical && !s.AllNull
                && (s.Kind == ColumnKind.Continuous || s.DistinctCount >= options.SmoothingMinDistinct);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct };

        // Every column but the last in the order is a predictor of some tree: bin each once.
        var binned = new BinnedPredictor[specs.Length];
        Parallel.For(0, order.Length - 1, parallel, pos =>
        {
            var f = order[pos];
            binned[f] = specs[f].IsCategorical
                ? BinnedPredictor.Categorical(set.Data[f].Codes!, specs[f].Categories.Length)
                : BinnedPredictor.Numeric(columns[f], options.MaxBins);
        });

        var trees = new CartTree?[order.Length];
        var done = 0;
        progress?.Report(new ProgressUpdate("fit", 0, order.Length, "growing trees"));
        Parallel.For(1, order.Length, parallel, pos =>
        {
            var target = order[pos];
            var predictorFeatures = order[..pos];
            var builder = new CartTreeBuilder(
                [.. predictorFeatures.Select(f => binned[f])],
                predictorFeatures,
                columns[target],
                specs[target].IsCategorical ? specs[target].Categories.Length : 0,
                options.MinLeafSize,
                options.MaxDepth,
                options.Complexity);
            var tree = builder.Build(ct);
            if (smooth[target])
            {
                Smoothing.Prepare(tree);
            }

            trees[pos] = tree;
            progress?.Report(new ProgressUpdate("fit", Interlocked.Increment(ref done), order.Length, specs[target].Name));
        });

        var first = order.Length > 0 ? order[0] : -1;
        double[] firstValues = [];
        double firstBandwidth = 0, firstSpike = double.NaN;
        if (first >= 0 && !specs[first].IsCategorical)
        {
            firstValues = (double[])columns[first].Clone();
            Array.Sort(firstValues);
            if (smooth[first])
            {
                (firstBandwidth, firstSpike) = Smoothing.Bandwidth(firstValues);
            }
        }

        var state = new CartState
        {
            Features = specs,
            Others = set.Others,
            Order = order,
            Trees = trees,
            FirstValues = firstValues,
            FirstBandwidth = firstBandwidth,
            FirstSpike = firstSpike,
            Smooth = smooth,
        };
        var provenance = new ModelProvenance(MethodName, Json.Serialize(options), options.Seed, hash, set.RowCount, Synthesizers.LibraryVersion);
        progress?.Report(new ProgressUpdate("fit", order.Length, order.Length, "done"));
        return new CartModel(schema, provenance, options, state);
    }

    /// <summary>The options' order, else the label first and the rest in schema order.</summary>
    private int[] VisitOrder(TableSchema schema, FeatureSpec[] specs)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var f = 0; f < specs.Length; f++)
        {
            index[specs[f].Name] = f;
        }

        var order = new List<int>();
        var requested = options.VisitOrder ?? (schema.Label is { } label && index.ContainsKey(label.Name) ? [label.Name] : []);
        foreach (var name in requested)
        {
            if (!index.TryGetValue(name, out var f))
            {
                throw new SynthVaultException(
                    $"The CART visit order names '{name}', which is not a learned column.",
                    column: name,
                    hint: $"Learned columns: {string.Join(", ", specs.Select(s => s.Name))}.");
            }

            if (!order.Contains(f))
            {
                order.Add(f);
            }
        }

        for (var f = 0; f < specs.Length; f++)
        {
            if (!order.Contains(f))
            {
                order.Add(f);
            }
        }

        return [.. order];
    }
}
