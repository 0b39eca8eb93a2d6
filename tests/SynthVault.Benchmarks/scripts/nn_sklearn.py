"""Times scikit-learn's exact brute-force nearest neighbours on the data the nn-50k-sklearn target wrote.

Usage: python3 nn_sklearn.py IN_FILE OUT_FILE

IN_FILE (little-endian): int32 n_reference, int32 n_query, int32 n_columns, int32 k, then the reference rows and
the query rows as float64, row-major. The values are already range-scaled (Gower scale), so the Manhattan
distance is the Gower distance times n_columns and the neighbours are the same.
OUT_FILE: float64 wall seconds, float64 CPU seconds (all threads), then n_query * k int64 indices, then n_query * k float64 distances (Manhattan).
"""
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors


def main() -> int:
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, "rb") as f:
        n_ref, n_query, p, k = np.frombuffer(f.read(16), dtype="<i4")
        data = np.frombuffer(f.read(), dtype="<f8")
    reference = data[: n_ref * p].reshape(n_ref, p)
    queries = data[n_ref * p : (n_ref + n_query) * p].reshape(n_query, p)

    start = time.perf_counter()
    cpu_start = time.process_time()
    nn = NearestNeighbors(n_neighbors=int(k), algorithm="brute", metric="manhattan").fit(reference)
    distances, indices = nn.kneighbors(queries)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start

    with open(dst, "wb") as f:
        f.write(np.array([seconds, cpu_seconds], dtype="<f8").tobytes())
        f.write(indices.astype("<i8").tobytes())
        f.write(distances.astype("<f8").tobytes())
    print(f"sklearn {__import__('sklearn').__version__}: {seconds:.2f} s wall, {cpu_seconds:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
