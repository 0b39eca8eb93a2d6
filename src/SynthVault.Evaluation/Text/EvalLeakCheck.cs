using System.Globalization;

namespace SynthVault.Evaluation.Text;

/// <summary>A synthetic text that copies (or nearly copies) an eval text. Row numbers only, never the texts.</summary>
/// <param name="SyntheticRow">The synthetic text's 1-based row.</param>
/// <param name="EvalRow">The eval text's 1-based row.</param>
/// <param name="Jaccard">Character-shingle Jaccard similarity of the two (1 for an exact copy).</param>
/// <param name="Exact">True when the normalised texts are identical.</param>
public sealed record EvalLeak(long SyntheticRow, long EvalRow, double Jaccard, bool Exact);

/// <summary>Synthetic texts that copy eval texts: a downstream score they inflate measures nothing.</summary>
/// <param name="Threshold">Shingle Jaccard at or above which a text counts as a near copy.</param>
/// <param name="SyntheticTexts">Synthetic texts checked.</param>
/// <param name="EvalTexts">Eval texts they were checked against.</param>
/// <param name="Exact">Synthetic texts identical to an eval text after normalisation.</param>
/// <param name="Near">Other synthetic texts at or above the threshold.</param>
/// <param name="Leaks">The flagged texts, listed up to <see cref="EvalLeakCheck.MaxListed"/>.</param>
public sealed record EvalLeakResult(double Threshold, int SyntheticTexts, int EvalTexts, int Exact, int Near, IReadOnlyList<EvalLeak> Leaks)
{
    /// <summary>Exact and near copies together.</summary>
    public int Flagged => Exact + Near;

    /// <summary>One line for a warning, e.g. "12 synthetic texts copy an eval text (3 exactly, 9 nearly; rows 4, 17, …)".</summary>
    public string Describe()
    {
        var rows = string.Join(", ", Leaks.Take(8).Select(l => l.SyntheticRow.ToString(CultureInfo.InvariantCulture)));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Flagged} of {SyntheticTexts} synthetic texts copy an eval text ({Exact} exactly, {Near} nearly at shingle Jaccard ≥ {Threshold}); synthetic rows {rows}{(Flagged > 8 ? ", …" : string.Empty)}.");
    }
}

/// <summary>
/// Finds synthetic texts that are exact or near copies of texts of the real eval set, with the same normalisation,
/// character shingles and MinHash/LSH index (<see cref="NearDuplicateIndex"/>) the text loop's critic uses, at the
/// loop's default near-duplicate threshold (Jaccard ≥ 0.7). A model trained on such texts has seen the exam.
/// </summary>
public static class EvalLeakCheck
{
    /// <summary>The text loop's near-duplicate threshold, used unless another is asked for.</summary>
    public const double DefaultThreshold = 0.7;

    /// <summary>At most this many leaks are listed (all are counted).</summary>
    public const int MaxListed = 1000;

    /// <summary>Checks every synthetic text against every eval text.</summary>
    public static EvalLeakResult Run(LabelledTextSet synthetic, LabelledTextSet eval, double threshold = DefaultThreshold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(eval);
        return Run(synthetic.Texts, synthetic.Rows, eval.Texts, eval.Rows, threshold, cancellationToken);
    }

    /// <summary>As <see cref="Run(LabelledTextSet, LabelledTextSet, double, CancellationToken)"/> for plain texts (rows numbered from 1).</summary>
    public static EvalLeakResult Run(IReadOnlyList<string> synthetic, IReadOnlyList<string> eval, double threshold = DefaultThreshold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(synthetic);
        ArgumentNullException.ThrowIfNull(eval);
        return Run(synthetic, Numbers(synthetic.Count), eval, Numbers(eval.Count), threshold, cancellationToken);
    }

    private static EvalLeakResult Run(IReadOnlyList<string> synthetic, IReadOnlyList<long> syntheticRows, IReadOnlyList<string> eval, IReadOnlyList<long> evalRows, double threshold, CancellationToken cancellationToken)
    {
        var index = new NearDuplicateIndex(threshold);
        for (var i = 0; i < eval.Count; i++)
        {
            index.Add(i.ToString(CultureInfo.InvariantCulture), eval[i]);
        }

        var leaks = new List<EvalLeak>();
        int exact = 0, near = 0;
        for (var i = 0; i < synthetic.Count; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (index.FindMatch(synthetic[i]) is not { } match)
            {
                continue;
            }

            if (match.Exact)
            {
                exact++;
            }
            else
            {
                near++;
            }

            if (leaks.Count < MaxListed)
            {
                leaks.Add(new EvalLeak(syntheticRows[i], evalRows[int.Parse(match.Id, CultureInfo.InvariantCulture)], match.Jaccard, match.Exact));
            }
        }

        return new EvalLeakResult(threshold, synthetic.Count, eval.Count, exact, near, leaks);
    }

    private static long[] Numbers(int count)
    {
        var rows = new long[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = i + 1;
        }

        return rows;
    }
}
