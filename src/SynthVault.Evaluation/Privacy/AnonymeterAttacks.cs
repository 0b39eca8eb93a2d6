using System.Globalization;
using SynthVault.Core.Randomness;
using SynthVault.Evaluation.Neighbors;

namespace SynthVault.Evaluation.Privacy;

/// <summary>
/// The three attacks of Giomi et al. 2022 ("A Unified Framework for Quantifying Privacy Risk in Synthetic Data",
/// PoPETs 2023 — the Anonymeter paper), implemented from the paper's description only (the authors' code is
/// patent-pending and was not consulted). Each attack uses the synthetic rows to make guesses about real records and
/// is run twice: on training records (main) and on control records the generator never saw; the difference is
/// what the synthetic data leaks about its training rows (<see cref="PrivacyStatistics.RiskInterval"/>).
/// </summary>
/// <remarks>
/// Design choices of this implementation, where the paper leaves room:
/// <list type="bullet">
/// <item>The "original" rows the main attack is scored on are a seeded sample of the training rows of the control
/// set's size. Whether a predicate isolates exactly one record depends on the set's size, so equal sizes make the
/// two success rates directly comparable (the paper corrects for unequal sizes instead).</item>
/// <item>Singling-out predicates use the values of one synthetic row and must isolate exactly that row in the
/// synthetic data (the attacker believes them unique). Univariate: a value that occurs once in a column, or
/// "≤ minimum" / "≥ maximum" of a numeric column. Multivariate: a conjunction over a few random columns of a random
/// synthetic row — categories by equality, numbers by "≥ value" above the synthetic median and "≤ value" below
/// it, so the predicate reaches out to the tail the row sits in; a null by "is null".</item>
/// <item>Linkability: the attacker holds two column sets of the same records and links each half to its nearest
/// synthetic row(s) under the Gower distance on those columns; success when both halves reach a common row.</item>
/// <item>Attribute inference: the secret is guessed as the value of the nearest synthetic row on all other
/// columns; categories must match exactly, numbers within a relative tolerance.</item>
/// </list>
/// </remarks>
internal static class AnonymeterAttacks
{
    /// <summary>Runs every attack and returns one result per attack (inference: one per secret column).</summary>
    public static List<AttackResult> Run(
        MixedMatrix synthetic, MixedMatrix original, MixedMatrix control, PrivacyOptions options, SeedStreams seeds, CancellationToken ct)
    {
        var results = new List<AttackResult>
        {
            SinglingOut(synthetic, original, control, options, seeds, multivariate: false),
        };
        ct.ThrowIfCancellationRequested();
        results.Add(SinglingOut(synthetic, original, control, options, seeds, multivariate: true));
        ct.ThrowIfCancellationRequested();
        results.Add(Linkability(synthetic, original, control, options, seeds, ct));
        var space = synthetic.Space;
        var secrets = options.InferenceSecrets ?? [.. space.Columns.Select(c => c.Name)];
        foreach (var secret in secrets)
        {
            ct.ThrowIfCancellationRequested();
            results.Add(Inference(synthetic, original, control, secret, options, seeds, ct));
        }

        return results;
    }

    private static AttackResult Result(string attack, int mainSuccesses, int controlSuccesses, int attempts, string? detail)
    {
        var risk = PrivacyStatistics.RiskInterval(mainSuccesses, attempts, controlSuccesses, attempts);
        return new AttackResult(
            attack,
            attempts,
            PrivacyStatistics.Wilson(mainSuccesses, attempts),
            PrivacyStatistics.Wilson(controlSuccesses, attempts),
            risk,
            detail);
    }

    // ---------------------------------------------------------------- singling out

    private enum Op
    {
        Equal,
        AtMost,
        AtLeast,
        IsNull,
    }

    private readonly record struct Term(int Column, Op Op, double Value);

    private static AttackResult SinglingOut(MixedMatrix synthetic, MixedMatrix original, MixedMatrix control, PrivacyOptions options, SeedStreams seeds, bool multivariate)
    {
        var name = multivariate ? "singling-out-multivariate" : "singling-out-univariate";
        var predicates = multivariate
            ? MultivariatePredicates(synthetic, options, seeds.CreateGenerator(name))
            : UnivariatePredicates(synthetic, options, seeds.DeriveSeed(name));
        int main = 0, ctrl = 0;
        foreach (var p in predicates)
        {
            main += CountMatches(original, p, 2) == 1 ? 1 : 0;
            ctrl += CountMatches(control, p, 2) == 1 ? 1 : 0;
        }

        var detail = predicates.Count == 0
            ? "No predicate isolates a single synthetic row, so the attacker has nothing to try."
            : string.Create(CultureInfo.InvariantCulture, $"{predicates.Count} predicates that each isolate one synthetic row, scored on {original.Rows} training and {control.Rows} control rows.");
        return Result(name, main, ctrl, predicates.Count, detail);
    }

    private static List<Term[]> UnivariatePredicates(MixedMatrix synthetic, PrivacyOptions options, ulong seed)
    {
        var candidates = new List<Term[]>();
        var space = synthetic.Space;
        for (var c = 0; c < space.Columns.Count; c++)
        {
            var counts = new Dictionary<double, int>();
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            var raw = synthetic.Raw[c];
            for (var r = 0; r < synthetic.Rows; r++)
            {
                if (synthetic.IsNull(c, r))
                {
                    continue;
                }

                var v = raw[r];
                counts[v] = counts.GetValueOrDefault(v) + 1;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            // Dictionary order is insertion order here (no removals): deterministic for a given input.
            foreach (var (value, count) in counts)
            {
                if (count == 1)
                {
                    candidates.Add([new Term(c, Op.Equal, value)]);
                }
            }

            if (space.Columns[c].IsNumeric && counts.Count > 1)
            {
                if (counts[min] == 1)
                {
                    candidates.Add([new Term(c, Op.AtMost, min)]);
                }

                if (counts[max] == 1)
                {
                    candidates.Add([new Term(c, Op.AtLeast, max)]);
                }
            }
        }

        var order = Sampling.Permutation(candidates.Count, seed);
        var take = Math.Min(options.AttackTargets, candidates.Count);
        var result = new List<Term[]>(take);
        for (var i = 0; i < take; i++)
        {
            result.Add(candidates[order[i]]);
        }

        return result;
    }

    private static List<Term[]> MultivariatePredicates(MixedMatrix synthetic, PrivacyOptions options, Xoshiro256 rng)
    {
        var space = synthetic.Space;
        var p = space.Columns.Count;
        var width = Math.Clamp(options.SinglingOutColumns, 1, p);
        var medians = new double[p];
        for (var c = 0; c < p; c++)
        {
            if (space.Columns[c].IsNumeric)
            {
                var values = new List<double>(synthetic.Rows);
                for (var r = 0; r < synthetic.Rows; r++)
                {
                    if (!synthetic.IsNull(c, r))
                    {
                        values.Add(synthetic.Raw[c][r]);
                    }
                }

                medians[c] = PrivacyStatistics.Quantile([.. values], 0.5);
            }
        }

        var result = new List<Term[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = new int[p];
        // A bounded number of tries: data where no small conjunction is unique must not loop forever.
        var tries = 20 * options.AttackTargets;
        for (var t = 0; t < tries && result.Count < options.AttackTargets && synthetic.Rows > 0; t++)
        {
            var row = rng.NextInt(synthetic.Rows);
            for (var c = 0; c < p; c++)
            {
                columns[c] = c;
            }

            for (var i = 0; i < width; i++)
            {
                var j = i + rng.NextInt(p - i);
                (columns[i], columns[j]) = (columns[j], columns[i]);
            }

            var terms = new Term[width];
            for (var i = 0; i < width; i++)
            {
                var c = columns[i];
                if (synthetic.IsNull(c, row))
                {
                    terms[i] = new Term(c, Op.IsNull, 0);
                }
                else
                {
                    var v = synthetic.Raw[c][row];
                    terms[i] = !space.Columns[c].IsNumeric ? new Term(c, Op.Equal, v)
                        : v >= medians[c] ? new Term(c, Op.AtLeast, v)
                        : new Term(c, Op.AtMost, v);
                }
            }

            Array.Sort(terms, (a, b) => a.Column.CompareTo(b.Column));
            if (CountMatches(synthetic, terms, 2) == 1 && seen.Add(Key(terms)))
            {
                result.Add(terms);
            }
        }

        return result;
    }

    private static string Key(Term[] terms) =>
        string.Join(";", terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Column}{t.Op}{BitConverter.DoubleToInt64Bits(t.Value)}")));

    /// <summary>Rows matching every term, counting up to <paramref name="stopAt"/>.</summary>
    private static int CountMatches(MixedMatrix m, Term[] terms, int stopAt)
    {
        var count = 0;
        for (var r = 0; r < m.Rows; r++)
        {
            var match = true;
            foreach (var t in terms)
            {
                var isNull = m.IsNull(t.Column, r);
                var v = m.Raw[t.Column][r];
                match = t.Op switch
                {
                    Op.IsNull => isNull,
                    Op.Equal => !isNull && v == t.Value,
                    Op.AtMost => !isNull && v <= t.Value,
                    _ => !isNull && v >= t.Value,
                };
                if (!match)
                {
                    break;
                }
            }

            if (match && ++count >= stopAt)
            {
                return count;
            }
        }

        return count;
    }

    // ---------------------------------------------------------------- linkability

    private static AttackResult Linkability(MixedMatrix synthetic, MixedMatrix original, MixedMatrix control, PrivacyOptions options, SeedStreams seeds, CancellationToken ct)
    {
        const string name = "linkability";
        var space = synthetic.Space;
        IReadOnlyList<string> first, second;
        if (options.LinkabilityColumns is { } given)
        {
            (first, second) = given;
        }
        else
        {
            var order = Sampling.Permutation(space.Columns.Count, seeds.DeriveSeed("linkability-columns"));
            var half = space.Columns.Count / 2;
            first = [.. order[..half].Order().Select(i => space.Columns[i].Name)];
            second = [.. order[half..].Order().Select(i => space.Columns[i].Name)];
        }

        if (first.Count == 0 || second.Count == 0)
        {
            return Result(name, 0, 0, 0, "Linkability needs at least two compared columns, one for each half the attacker holds.");
        }

        var k = Math.Clamp(options.LinkabilityNeighbors, 1, 2);
        var spaceA = space.Subset(first);
        var spaceB = space.Subset(second);
        var n = Math.Min(options.AttackTargets, Math.Min(original.Rows, control.Rows));
        var nn = new NearestNeighborOptions(options.MaxDegreeOfParallelism);
        int Successes(MixedMatrix targets, string stream)
        {
            var rows = Sampling.Subset(targets.Rows, n, seeds.DeriveSeed(stream));
            var t = targets.Take(rows);
            var a = MixedNearestNeighbors.Search(t.Project(spaceA), synthetic.Project(spaceA), Math.Min(k, synthetic.Rows), nn, ct);
            var b = MixedNearestNeighbors.Search(t.Project(spaceB), synthetic.Project(spaceB), Math.Min(k, synthetic.Rows), nn, ct);
            var hits = 0;
            for (var i = 0; i < t.Rows; i++)
            {
                var linked = false;
                for (var x = 0; x < a.K && !linked; x++)
                {
                    for (var y = 0; y < b.K && !linked; y++)
                    {
                        linked = a.Index(i, x) >= 0 && a.Index(i, x) == b.Index(i, y);
                    }
                }

                hits += linked ? 1 : 0;
            }

            return hits;
        }

        var main = Successes(original, "linkability-main");
        var ctrl = Successes(control, "linkability-control");
        return Result(name, main, ctrl, n, string.Create(CultureInfo.InvariantCulture,
            $"{n} targets per side; columns [{string.Join(", ", first)}] vs [{string.Join(", ", second)}]; {k} neighbour(s)."));
    }

    // ---------------------------------------------------------------- attribute inference

    private static AttackResult Inference(MixedMatrix synthetic, MixedMatrix original, MixedMatrix control, string secret, PrivacyOptions options, SeedStreams seeds, CancellationToken ct)
    {
        var name = "inference:" + secret;
        var space = synthetic.Space;
        var s = space.IndexOf(secret);
        if (s < 0)
        {
            return Result(name, 0, 0, 0, "The secret column is not among the compared columns, so it was not attacked.");
        }

        var auxiliary = space.Columns.Where(c => c.Name != secret).Select(c => c.Name).ToList();
        if (auxiliary.Count == 0)
        {
            return Result(name, 0, 0, 0, "Attribute inference needs at least one column besides the secret.");
        }

        var aux = space.Subset(auxiliary);
        var numeric = space.Columns[s].IsNumeric;
        var n = Math.Min(options.AttackTargets, Math.Min(original.Rows, control.Rows));
        var nn = new NearestNeighborOptions(options.MaxDegreeOfParallelism);
        var syntheticAux = synthetic.Project(aux);
        int Successes(MixedMatrix targets, string stream)
        {
            var rows = Sampling.Subset(targets.Rows, n, seeds.DeriveSeed(stream));
            var t = targets.Take(rows);
            var found = MixedNearestNeighbors.Search(t.Project(aux), syntheticAux, 1, nn, ct);
            var hits = 0;
            for (var i = 0; i < t.Rows; i++)
            {
                var g = found.Index(i);
                hits += g >= 0 && Correct(synthetic, g, t, i, s, numeric, options.InferenceTolerance) ? 1 : 0;
            }

            return hits;
        }

        var main = Successes(original, "inference-main:" + secret);
        var ctrl = Successes(control, "inference-control:" + secret);
        return Result(name, main, ctrl, n, string.Create(CultureInfo.InvariantCulture,
            $"{n} targets per side; guess = the secret of the nearest synthetic row on the other {auxiliary.Count} columns{(numeric ? $"; numbers count within {options.InferenceTolerance:P0} of the true value" : string.Empty)}."));
    }

    private static bool Correct(MixedMatrix synthetic, int guessRow, MixedMatrix targets, int targetRow, int column, bool numeric, double tolerance)
    {
        var guessNull = synthetic.IsNull(column, guessRow);
        var secretNull = targets.IsNull(column, targetRow);
        if (guessNull || secretNull)
        {
            return guessNull && secretNull;
        }

        var guess = synthetic.Raw[column][guessRow];
        var truth = targets.Raw[column][targetRow];
        return numeric ? Math.Abs(guess - truth) <= tolerance * Math.Abs(truth) : guess == truth;
    }
}
