namespace SynthVault.Evaluation.Text;

/// <summary>
/// A suffix automaton (Blumer et al. 1985) of a set of reference strings: built in linear time, it answers "the longest
/// substring of this text that occurs in any reference" in time linear in the text. References are joined by a
/// separator that queries never contain, so a match never spans two references. Transitions are kept as per-state
/// edge lists in flat arrays: most states have one or two edges, and this takes a fraction of a dictionary's memory.
/// </summary>
internal sealed class SuffixAutomaton
{
    /// <summary>Joins references; <see cref="TextTokens.Normalize"/> drops control characters, so no query holds it.</summary>
    public const char Separator = '\u0001';

    private readonly List<int> length = [];
    private readonly List<int> link = [];
    private readonly List<int> firstEdge = [];
    private readonly List<char> edgeChar = [];
    private readonly List<int> edgeTarget = [];
    private readonly List<int> edgeNext = [];
    private int last;

    public SuffixAutomaton(IEnumerable<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        NewState(0, -1);
        var first = true;
        foreach (var reference in references)
        {
            if (!first)
            {
                Extend(Separator);
            }

            first = false;
            foreach (var ch in reference)
            {
                Extend(ch);
            }
        }
    }

    public int StateCount => length.Count;

    /// <summary>Length of the longest substring of <paramref name="text"/> that occurs in a reference.</summary>
    public int LongestCommonSubstring(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int v = 0, l = 0, best = 0;
        foreach (var ch in text)
        {
            var next = Transition(v, ch);
            while (v != 0 && next < 0)
            {
                v = link[v];
                l = length[v];
                next = Transition(v, ch);
            }

            if (next >= 0)
            {
                v = next;
                l++;
            }

            best = Math.Max(best, l);
        }

        return best;
    }

    private int NewState(int len, int suffixLink)
    {
        length.Add(len);
        link.Add(suffixLink);
        firstEdge.Add(-1);
        return length.Count - 1;
    }

    private int Transition(int state, char ch)
    {
        for (var e = firstEdge[state]; e >= 0; e = edgeNext[e])
        {
            if (edgeChar[e] == ch)
            {
                return edgeTarget[e];
            }
        }

        return -1;
    }

    private void SetTransition(int state, char ch, int target)
    {
        for (var e = firstEdge[state]; e >= 0; e = edgeNext[e])
        {
            if (edgeChar[e] == ch)
            {
                edgeTarget[e] = target;
                return;
            }
        }

        edgeChar.Add(ch);
        edgeTarget.Add(target);
        edgeNext.Add(firstEdge[state]);
        firstEdge[state] = edgeChar.Count - 1;
    }

    private void Extend(char ch)
    {
        var cur = NewState(length[last] + 1, -1);
        var p = last;
        while (p != -1 && Transition(p, ch) < 0)
        {
            SetTransition(p, ch, cur);
            p = link[p];
        }

        if (p == -1)
        {
            link[cur] = 0;
        }
        else
        {
            var q = Transition(p, ch);
            if (length[p] + 1 == length[q])
            {
                link[cur] = q;
            }
            else
            {
                var clone = NewState(length[p] + 1, link[q]);
                for (var e = firstEdge[q]; e >= 0; e = edgeNext[e])
                {
                    SetTransition(clone, edgeChar[e], edgeTarget[e]);
                }

                while (p != -1 && Transition(p, ch) == q)
                {
                    SetTransition(p, ch, clone);
                    p = link[p];
                }

                link[q] = clone;
                link[cur] = clone;
            }
        }

        last = cur;
    }
}
