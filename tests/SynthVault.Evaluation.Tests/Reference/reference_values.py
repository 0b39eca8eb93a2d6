"""Computes the reference values recorded in ReferenceValueTests.cs and SdMetricsFixtureTests.cs.

Run once by hand (the tests never call Python):
    /usr/bin/python3 tests/SynthVault.Evaluation.Tests/Reference/reference_values.py
Versions used: Python 3.11, NumPy 1.24.2, SciPy 1.10.1, scikit-learn 1.2.1 (Debian 12 packages).

SDMetrics itself is not installable offline, so its formulas are re-implemented below with NumPy directly from
its documented definitions (sdmetrics 0.29): KSComplement, TVComplement (utils.get_frequencies),
CorrelationSimilarity, ContingencySimilarity and the quality report's binning (ColumnPairTrends._discretize_column).
"""
from collections import Counter
import math

import numpy as np
from scipy.stats import ks_2samp, pearsonr, spearmanr
from sklearn.metrics import average_precision_score, roc_auc_score, f1_score, r2_score, mean_absolute_error

np.set_printoptions(precision=17)

def show(name, value):
    print(f"{name} = {float(value)!r}")

# ---- ranking metrics with ties ----
scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.4, 0.3, 0.3, 0.2, 0.1, 0.05, 0.8, 0.35]
labels = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1]
show("roc_auc_score(labels, scores)", roc_auc_score(labels, scores))
show("average_precision_score(labels, scores)", average_precision_score(labels, scores))
show("f1_score(labels, [s >= 0.5 for s in scores])", f1_score(labels, [int(s >= 0.5) for s in scores]))

# ---- two-sample KS ----
a = [0.1, 0.5, 0.5, 1.2, 3.3, 2.2, 0.9, 1.1, 4.0, 2.2]
b = [0.3, 0.5, 1.0, 1.2, 1.2, 2.5, 3.0, 5.5]
show("ks_2samp(a, b).statistic", ks_2samp(a, b).statistic)

# ---- correlations with ties ----
x = [1.0, 2.0, 2.0, 3.5, 4.0, 5.0, 5.0, 5.0, 7.25, 8.0, 9.0, 10.5]
y = [2.1, 1.9, 3.0, 3.0, 4.4, 6.0, 5.5, 5.5, 7.0, 6.1, 9.9, 12.0]
show("pearsonr(x, y)[0]", pearsonr(x, y)[0])
show("spearmanr(x, y)[0]", spearmanr(x, y)[0])
actual = [3.0, -0.5, 2.0, 7.0, 4.2]
predicted = [2.5, 0.0, 2.0, 8.0, 3.9]
show("r2_score(actual, predicted)", r2_score(actual, predicted))
show("mean_absolute_error(actual, predicted)", mean_absolute_error(actual, predicted))

# ---- SDMetrics formulas ----
def ks_complement(real, syn):
    real = np.round(np.array([v for v in real if not math.isnan(v)]), 14)
    syn = np.round(np.array([v for v in syn if not math.isnan(v)]), 14)
    return 1 - ks_2samp(real, syn).statistic

def tv_complement(real, syn):
    real = Counter(v for v in real if v is not None)
    syn = Counter(v for v in syn if v is not None)
    for v in syn:
        if v not in real:
            real[v] += 1e-6
    tv = 0
    for v in real:
        tv += abs(syn[v] / sum(syn.values()) - real[v] / sum(real.values()))
    return 1 - 0.5 * tv

def sort_key(v):
    # pandas groupby(sort=True, dropna=False): values ascending, missing last.
    return (1, 0) if v is None or (isinstance(v, float) and math.isnan(v)) else (0, v)

def contingency(real_a, real_b, syn_a, syn_b):
    r = Counter(zip(real_a, real_b))
    s = Counter(zip(syn_a, syn_b))
    rk = sorted(r, key=lambda k: (sort_key(k[0]), sort_key(k[1])))
    sk = sorted([k for k in s if k not in r], key=lambda k: (sort_key(k[0]), sort_key(k[1])))
    terms = [abs(r[k] / len(real_a) - s.get(k, 0) / len(syn_a)) / 2 for k in rk]
    terms += [abs(0 - s[k] / len(syn_a)) / 2 for k in sk]
    return 1 - np.sum(np.array(terms))

def digitize_own(values):
    v = np.array(values, dtype=float)
    edges = np.histogram_bin_edges(v[~np.isnan(v)])
    return [int(i) for i in np.digitize(v, edges)]

def digitize_real_edges(real, syn):
    r = np.array(real, dtype=float); s = np.array(syn, dtype=float)
    edges = np.histogram_bin_edges(r[~np.isnan(r)], bins=10)
    edges[0], edges[-1] = -np.inf, np.inf
    return [int(i) for i in np.digitize(r, edges)], [int(i) for i in np.digitize(s, edges)]

def corr_similarity(r1, r2, s1, s2, fn):
    def complete(p, q):
        keep = [(u, w) for u, w in zip(p, q) if not (math.isnan(u) or math.isnan(w))]
        return [u for u, _ in keep], [w for _, w in keep]
    a1, a2 = complete(r1, r2); b1, b2 = complete(s1, s2)
    return 1 - abs(fn(a1, a2)[0] - fn(b1, b2)[0]) / 2

nan = float("nan")
show("ks_complement rounding", ks_complement([0.1 + 0.2, 1.0, 2.0], [0.3, 1.0, 2.0]))
ks_real = [1.5, 2.25, nan, 3.0, 3.0, 7.5, 10.0, 0.0]
ks_syn = [1.0, 2.25, 3.0, nan, nan, 8.0, 12.5]
show("ks_complement(ks_real, ks_syn)", ks_complement(ks_real, ks_syn))

tv_real = ["a", "a", "b", "c", None, "a", "c"]
tv_syn = ["a", "b", "b", "d", "d", None, "e", "a"]
show("tv_complement(tv_real, tv_syn)", tv_complement(tv_real, tv_syn))

ca_real = ["x", "x", "y", None, "y", "z", "x", "y"]
cb_real = ["p", "q", "p", "p", None, "q", "p", "q"]
ca_syn = ["x", "y", "y", "z", "w", None, "x"]
cb_syn = ["p", "p", "q", "q", "p", "p", None]
show("contingency(discrete)", contingency(ca_real, cb_real, ca_syn, cb_syn))

num_real = [0.5, 1.0, 1.7, 2.2, 3.9, 4.0, 5.5, 9.75, nan, 6.1, 2.2, 0.0]
num_syn = [0.2, 1.1, 1.9, 2.0, 4.5, 4.1, 12.0, 8.0, 6.0, nan, -1.0]
cat_real = ["u", "v", "u", "w", "v", "v", "u", "w", "u", None, "w", "u"]
cat_syn = ["u", "u", "v", "w", "w", "v", "u", None, "x", "u", "v"]
print("digitize_own(num_real) =", digitize_own(num_real))
print("digitize_own(num_syn) =", digitize_own(num_syn))
dr, ds = digitize_real_edges(num_real, num_syn)
print("digitize_real_edges =", dr, ds)
show("contingency(report binning: each own range)", contingency(digitize_own(num_real), cat_real, digitize_own(num_syn), cat_syn))
show("contingency(metric binning: real edges)", contingency(dr, cat_real, ds, cat_syn))

n2_real = [3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0, 6.0, 5.0, 3.5, nan, 8.0]
n2_syn = [2.0, 7.0, 1.0, 8.0, 2.5, 8.0, 1.0, 8.5, 2.0, 4.0, 5.0]
show("corr_similarity pearson", corr_similarity(num_real, n2_real, num_syn, n2_syn, pearsonr))
show("corr_similarity spearman", corr_similarity(num_real, n2_real, num_syn, n2_syn, spearmanr))

# Quality score of the three-column table (num, n2, cat): mean(mean(shapes), mean(pair trends)).
shapes = [ks_complement(num_real, num_syn), ks_complement(n2_real, n2_syn), tv_complement(cat_real, cat_syn)]
trends = [corr_similarity(num_real, n2_real, num_syn, n2_syn, pearsonr),
          contingency(digitize_own(num_real), cat_real, digitize_own(num_syn), cat_syn),
          contingency(digitize_own(n2_real), cat_real, digitize_own(n2_syn), cat_syn)]
print("shapes =", [float(v) for v in shapes])
print("trends =", [float(v) for v in trends])
show("column shapes score", np.mean(shapes))
show("pair trends score", np.mean(trends))
show("quality score", (np.mean(shapes) + np.mean(trends)) / 2)
