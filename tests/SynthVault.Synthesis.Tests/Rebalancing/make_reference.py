# Reference values for SynthVault's rebalancing tests, computed once with Debian's python3-sklearn 1.2.1
# (and python3-imblearn 0.10.0 for cross-checks). The imbalanced-learn 0.12 definitions that differ from
# 0.10 (BorderlineSMOTE-2 neighbours over the whole data set; SMOTENC one-hot entries = median std / sqrt(2))
# are rebuilt here from sklearn's NearestNeighbors exactly as imblearn 0.12 does it.
import numpy as np
from sklearn.neighbors import NearestNeighbors
from sklearn.metrics import average_precision_score, roc_auc_score, brier_score_loss, precision_recall_curve

rng = np.random.RandomState(7)
maj = np.round(rng.normal(0.0, 1.0, size=(28, 3)), 3)
mino = np.round(rng.normal(1.0, 1.0, size=(12, 3)), 3)
X = np.vstack([maj, mino])
perm = rng.permutation(len(X))
X = X[perm]
y = np.r_[np.zeros(28, int), np.ones(12, int)][perm]
print("X =", X.tolist())
print("y =", y.tolist())
mi = np.flatnonzero(y == 1)
print("minority rows", mi.tolist())

def knn_excluding_self(data, queries_idx, pool_idx, k):
    nn = NearestNeighbors(n_neighbors=k + 1).fit(data[pool_idx])
    ind = nn.kneighbors(data[queries_idx], return_distance=False)[:, 1:]
    return pool_idx[ind]

smote_nn = knn_excluding_self(X, mi, mi, 5)
print("SMOTE k=5 neighbours (row ids) per minority row:", smote_nn.tolist())

m_nn = knn_excluding_self(X, mi, np.arange(len(X)), 10)
n_maj = (y[m_nn] != 1).sum(axis=1)
danger = (n_maj >= 10 / 2) & (n_maj < 10)
print("Borderline m=10 majority counts:", n_maj.tolist())
print("danger rows:", mi[danger].tolist())
from imblearn.over_sampling import BorderlineSMOTE, ADASYN
bs = BorderlineSMOTE(random_state=0)
bs._validate_estimator(); bs.nn_m_.fit(X)
d2 = bs._in_danger_noise(bs.nn_m_, X[mi], 1, y, kind="danger")
assert (d2 == danger).all(), "imblearn danger set differs"
print("borderline-2 k=5 neighbours over all rows (danger rows):", knn_excluding_self(X, mi[danger], np.arange(len(X)), 5).tolist())

a_nn = knn_excluding_self(X, mi, np.arange(len(X)), 5)
r = (y[a_nn] != 1).sum(axis=1) / 5
rhat = r / r.sum()
for G in (16, 30):
    g = np.rint(rhat * G).astype(int)
    print(f"ADASYN r_i={r.tolist()} G={G} g_i={g.tolist()} total={g.sum()}")
# cross-check with imblearn's own counts (class counts after resampling)
ad = ADASYN(random_state=0, sampling_strategy={1: 12 + 30})
Xr, yr = ad.fit_resample(X, y)
print("imblearn ADASYN generated", (yr == 1).sum() - 12)

# Smoothed bootstrap constant as in imblearn's RandomOverSampler(shrinkage=...)
n, d = X.shape
h = (4 / ((d + 2) * n)) ** (1 / (d + 4))
print("smoothing constant h=", repr(h), "minority std (ddof=0)=", np.std(X[mi], axis=0).tolist())

# SMOTENC, imblearn 0.12 encoding: continuous raw, one-hot entries = median(std of minority continuous)/sqrt(2)
cat = np.array(list("abcabcaabcbbaccabcabbcaacbabcaabbccabcab"))[:40]
cat = np.array([["a", "b", "c"][(i * 7 + (3 if y[i] else 0)) % 3] if i % 5 else "a" for i in range(40)])
cat[mi[:5]] = "c"
print("cat =", cat.tolist())
med = np.median(np.std(X[mi], axis=0))
print("SMOTENC median std =", repr(med))
oh = np.stack([(cat == v).astype(float) for v in ["a", "b", "c"]], axis=1) * med / np.sqrt(2)
enc = np.hstack([X, oh])
nc_nn = knn_excluding_self(enc, mi, mi, 5)
print("SMOTENC neighbours:", nc_nn.tolist())

# Metrics on a fixed small vector with ties
ys = np.array([0,0,1,0,1,1,0,0,1,0,0,1,0,0,0,1,0,1,0,0])
ps = np.array([0.1,0.4,0.35,0.8,0.8,0.9,0.2,0.35,0.7,0.05,0.6,0.95,0.3,0.1,0.5,0.45,0.8,0.55,0.25,0.15])
print("AP", repr(average_precision_score(ys, ps)))
print("ROC", repr(roc_auc_score(ys, ps)))
print("Brier", repr(brier_score_loss(ys, ps)))
p, rc, t = precision_recall_curve(ys, ps)
for target in (0.9, 0.75, 0.6):
    ok = p >= target
    print("recall@precision>=", target, repr(rc[ok].max()))
