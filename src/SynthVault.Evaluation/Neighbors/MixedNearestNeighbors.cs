using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SynthVault.Evaluation.Neighbors;

/// <summary>The k nearest reference rows of each query row: row q's j-th neighbour is at <c>q * K + j</c>.</summary>
/// <param name="K">Neighbours per query (1 or 2).</param>
/// <param name="Indices">Reference row indices, nearest first; −1 where the reference set has fewer than K rows.</param>
/// <param name="Distances">Gower distances, nearest first; +∞ where there is no neighbour.</param>
public sealed record NeighborResult(int K, int[] Indices, double[] Distances)
{
    /// <summary>The distance from query <paramref name="query"/> to its <paramref name="rank"/>-th neighbour (0 = nearest).</summary>
    public double Distance(int query, int rank = 0) => Distances[(query * K) + rank];

    /// <summary>The reference index of query <paramref name="query"/>'s <paramref name="rank"/>-th neighbour (0 = nearest).</summary>
    public int Index(int query, int rank = 0) => Indices[(query * K) + rank];
}

/// <summary>Options of the exact nearest-neighbour search.</summary>
/// <param name="MaxDegreeOfParallelism">Threads to use; −1 = all cores. Results do not depend on it.</param>
/// <param name="QueryBlock">Query rows per work item (they share one cached reference tile).</param>
/// <param name="ReferenceTile">Reference rows per tile; kept small enough that a tile of all columns fits in L2.</param>
public sealed record NearestNeighborOptions(int MaxDegreeOfParallelism = -1, int QueryBlock = 32, int ReferenceTile = 1024);

/// <summary>
/// Exact k-nearest-neighbour search (k = 1 or 2) under the Gower distance of a <see cref="GowerSpace"/>, for the
/// distance-to-closest-record, NNDR and membership-inference metrics.
/// </summary>
/// <remarks>
/// <para>Brute force, but arranged for the hardware in the way GEMM kernels are: the reference rows are packed
/// once into chunks of <c>4 × Vector&lt;double&gt;.Count</c> rows stored column after column; query blocks run in
/// parallel and walk reference tiles that stay in cache; two queries are scored against a chunk at once in eight
/// SIMD accumulators, so each reference load serves both; a chunk with no row closer than a query's current k-th
/// best is dismissed with one vector compare. Nothing is approximated: every pair's distance is the same sum, in
/// the same column order, as a plain one-pair-at-a-time loop computes, divided by the column count.</para>
/// <para>Ties are broken deterministically by the lowest reference index, so results do not depend on the
/// number of threads.</para>
/// </remarks>
public static class MixedNearestNeighbors
{
    /// <summary>Finds the k nearest reference rows of every query row.</summary>
    /// <param name="queries">Query rows, encoded in the same space (or a projection of it) as the reference rows.</param>
    /// <param name="reference">Reference rows.</param>
    /// <param name="k">1 or 2.</param>
    /// <param name="options">Threads and blocking; defaults use all cores.</param>
    /// <param name="ct">Cancels between query blocks.</param>
    public static NeighborResult Search(MixedMatrix queries, MixedMatrix reference, int k, NearestNeighborOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 2);
        options ??= new NearestNeighborOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueryBlock, 1);
        var kernel = new Kernel(queries, reference, options.ReferenceTile);
        var n = queries.Rows;
        var indices = new int[n * k];
        var distances = new double[n * k];
        var blocks = (n + options.QueryBlock - 1) / options.QueryBlock;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = ct };
        Parallel.For(0, blocks, parallel, b =>
        {
            var start = b * options.QueryBlock;
            var end = Math.Min(n, start + options.QueryBlock);
            kernel.SearchBlock(start, end, k, indices, distances);
        });

        return new NeighborResult(k, indices, distances);
    }

    /// <summary>The two best distances and indices found so far for one query.</summary>
    private struct Best
    {
        public double D1, D2;
        public int I1, I2;

        public void Reset()
        {
            D1 = D2 = double.PositiveInfinity;
            I1 = I2 = -1;
        }
    }

    /// <summary>
    /// One search's data in the order the sums run: dense numeric columns, numeric columns with nulls on either
    /// side (values, then null flags), then categorical codes. The reference rows are packed GEMM-style into
    /// chunks of <c>S = 4 × Vector&lt;double&gt;.Count</c> rows, column after column, so the inner loop reads memory
    /// sequentially and needs no per-column array lookups.
    /// </summary>
    private sealed class Kernel
    {
        private readonly double[] packed;
        private readonly double[][] queryFeatures;
        private readonly int dense, nullable, categorical, features;
        private readonly int refRows, chunks, tileChunks;

        public Kernel(MixedMatrix queries, MixedMatrix reference, int referenceTile)
        {
            var space = reference.Space;
            var p = space.Columns.Count;
            if (queries.Space.Columns.Count != p)
            {
                throw new ArgumentException("Queries and reference rows must be encoded in the same space.", nameof(queries));
            }

            for (var j = 0; j < p; j++)
            {
                if (queries.Space.Columns[j] != space.Columns[j])
                {
                    throw new ArgumentException($"Column {j} differs between the query and reference spaces.", nameof(queries));
                }
            }

            var denseCols = new List<int>();
            var nullableCols = new List<int>();
            var categoricalCols = new List<int>();
            for (var j = 0; j < p; j++)
            {
                if (!space.Columns[j].IsNumeric)
                {
                    // Codes compare by equality; −1 (null) equals only −1, so null vs null = 0 and null vs value = 1.
                    categoricalCols.Add(j);
                }
                else if (queries.Nulls[j] is null && reference.Nulls[j] is null)
                {
                    denseCols.Add(j);
                }
                else
                {
                    nullableCols.Add(j);
                }
            }

            dense = denseCols.Count;
            nullable = nullableCols.Count;
            categorical = categoricalCols.Count;
            features = dense + (2 * nullable) + categorical;
            ColumnCount = p;
            queryFeatures = Features(queries, denseCols, nullableCols, categoricalCols);
            var referenceFeatures = Features(reference, denseCols, nullableCols, categoricalCols);

            var s = Stride;
            refRows = reference.Rows;
            chunks = (refRows + s - 1) / s;
            tileChunks = Math.Max(1, referenceTile / s);
            packed = new double[chunks * features * s];
            for (var f = 0; f < features; f++)
            {
                var source = referenceFeatures[f];
                for (var r = 0; r < refRows; r++)
                {
                    packed[((((r / s) * features) + f) * s) + (r % s)] = source[r];
                }
            }
        }

        private static int Stride => 4 * Vector<double>.Count;

        /// <summary>The divisor of the Gower mean (a true division, so distances equal sum / p exactly).</summary>
        public int ColumnCount { get; }

        /// <summary>The k nearest neighbours of queries [start, end), written into the result arrays.</summary>
        public void SearchBlock(int start, int end, int k, int[] indices, double[] distances)
        {
            var count = end - start;
            var best = new Best[count + 1];
            for (var i = 0; i < best.Length; i++)
            {
                best[i].Reset();
            }

            // Query rows as contiguous feature vectors; an odd block pairs its last query with itself (the copy's
            // result lands in the spare slot and is dropped).
            var qv = new double[(count + 1) * features];
            for (var qi = 0; qi <= count; qi++)
            {
                var q = start + Math.Min(qi, count - 1);
                for (var f = 0; f < features; f++)
                {
                    qv[(qi * features) + f] = queryFeatures[f][q];
                }
            }

            ref var qBase = ref MemoryMarshal.GetArrayDataReference(qv);
            ref var pBase = ref MemoryMarshal.GetArrayDataReference(packed);
            var chunkSize = features * Stride;
            for (var t0 = 0; t0 < chunks; t0 += tileChunks)
            {
                var t1 = Math.Min(chunks, t0 + tileChunks);
                for (var qi = 0; qi < count; qi += 2)
                {
                    ref var qa = ref Unsafe.Add(ref qBase, qi * features);
                    ref var qb = ref Unsafe.Add(ref qBase, (qi + 1) * features);
                    ref var ba = ref best[qi];
                    ref var bb = ref best[qi + 1];
                    for (var c = t0; c < t1; c++)
                    {
                        ScorePair(ref qa, ref qb, ref Unsafe.Add(ref pBase, c * chunkSize), c * Stride, ref ba, ref bb, k);
                    }
                }
            }

            for (var qi = 0; qi < count; qi++)
            {
                var o = (start + qi) * k;
                indices[o] = best[qi].I1;
                distances[o] = best[qi].D1 / ColumnCount;
                if (k == 2)
                {
                    indices[o + 1] = best[qi].I2;
                    distances[o + 1] = best[qi].D2 / ColumnCount;
                }
            }
        }

        /// <summary>
        /// Gower sums of two queries against one chunk of reference rows, eight SIMD accumulators at once (each
        /// reference load serves both queries); rows that beat a query's current k-th best go to <see cref="Offer"/>.
        /// Every lane adds its column terms in the same order as a plain per-pair loop, so the sums are identical.
        /// </summary>
        private void ScorePair(ref double qa, ref double qb, ref double chunk, int row0, ref Best ba, ref Best bb, int k)
        {
            var w = Vector<double>.Count;
            Vector<double> a0 = default, a1 = default, a2 = default, a3 = default;
            Vector<double> b0 = default, b1 = default, b2 = default, b3 = default;
            var stride = Stride;
            var f = 0;
            for (; f < dense; f++)
            {
                ref var x = ref Unsafe.Add(ref chunk, f * stride);
                var va = new Vector<double>(Unsafe.Add(ref qa, f));
                var vb = new Vector<double>(Unsafe.Add(ref qb, f));
                var x0 = Vector.LoadUnsafe(ref x);
                var x1 = Vector.LoadUnsafe(ref x, (nuint)w);
                var x2 = Vector.LoadUnsafe(ref x, (nuint)(2 * w));
                var x3 = Vector.LoadUnsafe(ref x, (nuint)(3 * w));
                a0 += Vector.Abs(x0 - va);
                b0 += Vector.Abs(x0 - vb);
                a1 += Vector.Abs(x1 - va);
                b1 += Vector.Abs(x1 - vb);
                a2 += Vector.Abs(x2 - va);
                b2 += Vector.Abs(x2 - vb);
                a3 += Vector.Abs(x3 - va);
                b3 += Vector.Abs(x3 - vb);
            }

            var one = Vector<double>.One;
            for (var n = 0; n < nullable; n++, f++)
            {
                ref var x = ref Unsafe.Add(ref chunk, f * stride);
                ref var g = ref Unsafe.Add(ref chunk, (f + nullable) * stride);
                var va = new Vector<double>(Unsafe.Add(ref qa, f));
                var vb = new Vector<double>(Unsafe.Add(ref qb, f));
                var fa = new Vector<double>(Unsafe.Add(ref qa, f + nullable));
                var fb = new Vector<double>(Unsafe.Add(ref qb, f + nullable));
                var x0 = Vector.LoadUnsafe(ref x);
                var x1 = Vector.LoadUnsafe(ref x, (nuint)w);
                var x2 = Vector.LoadUnsafe(ref x, (nuint)(2 * w));
                var x3 = Vector.LoadUnsafe(ref x, (nuint)(3 * w));
                var g0 = Vector.LoadUnsafe(ref g);
                var g1 = Vector.LoadUnsafe(ref g, (nuint)w);
                var g2 = Vector.LoadUnsafe(ref g, (nuint)(2 * w));
                var g3 = Vector.LoadUnsafe(ref g, (nuint)(3 * w));
                a0 += Vector.ConditionalSelect(Vector.Equals(g0, fa), Vector.Abs(x0 - va), one);
                b0 += Vector.ConditionalSelect(Vector.Equals(g0, fb), Vector.Abs(x0 - vb), one);
                a1 += Vector.ConditionalSelect(Vector.Equals(g1, fa), Vector.Abs(x1 - va), one);
                b1 += Vector.ConditionalSelect(Vector.Equals(g1, fb), Vector.Abs(x1 - vb), one);
                a2 += Vector.ConditionalSelect(Vector.Equals(g2, fa), Vector.Abs(x2 - va), one);
                b2 += Vector.ConditionalSelect(Vector.Equals(g2, fb), Vector.Abs(x2 - vb), one);
                a3 += Vector.ConditionalSelect(Vector.Equals(g3, fa), Vector.Abs(x3 - va), one);
                b3 += Vector.ConditionalSelect(Vector.Equals(g3, fb), Vector.Abs(x3 - vb), one);
            }

            f += nullable;
            var zero = Vector<double>.Zero;
            for (var c = 0; c < categorical; c++, f++)
            {
                ref var x = ref Unsafe.Add(ref chunk, f * stride);
                var va = new Vector<double>(Unsafe.Add(ref qa, f));
                var vb = new Vector<double>(Unsafe.Add(ref qb, f));
                var x0 = Vector.LoadUnsafe(ref x);
                var x1 = Vector.LoadUnsafe(ref x, (nuint)w);
                var x2 = Vector.LoadUnsafe(ref x, (nuint)(2 * w));
                var x3 = Vector.LoadUnsafe(ref x, (nuint)(3 * w));
                a0 += Vector.ConditionalSelect(Vector.Equals(x0, va), zero, one);
                b0 += Vector.ConditionalSelect(Vector.Equals(x0, vb), zero, one);
                a1 += Vector.ConditionalSelect(Vector.Equals(x1, va), zero, one);
                b1 += Vector.ConditionalSelect(Vector.Equals(x1, vb), zero, one);
                a2 += Vector.ConditionalSelect(Vector.Equals(x2, va), zero, one);
                b2 += Vector.ConditionalSelect(Vector.Equals(x2, vb), zero, one);
                a3 += Vector.ConditionalSelect(Vector.Equals(x3, va), zero, one);
                b3 += Vector.ConditionalSelect(Vector.Equals(x3, vb), zero, one);
            }

            OfferChunk(a0, a1, a2, a3, row0, ref ba, k);
            OfferChunk(b0, b1, b2, b3, row0, ref bb, k);
        }

        private void OfferChunk(Vector<double> s0, Vector<double> s1, Vector<double> s2, Vector<double> s3, int row0, ref Best best, int k)
        {
            // Most chunks hold no row closer than the current k-th best: one vector compare skips them.
            var t = new Vector<double>(k == 1 ? best.D1 : best.D2);
            if (!(Vector.LessThanAny(s0, t) || Vector.LessThanAny(s1, t) || Vector.LessThanAny(s2, t) || Vector.LessThanAny(s3, t)))
            {
                return;
            }

            var w = Vector<double>.Count;
            OfferLanes(s0, row0, ref best, k);
            OfferLanes(s1, row0 + w, ref best, k);
            OfferLanes(s2, row0 + (2 * w), ref best, k);
            OfferLanes(s3, row0 + (3 * w), ref best, k);
        }

        private void OfferLanes(Vector<double> sums, int row0, ref Best best, int k)
        {
            for (var lane = 0; lane < Vector<double>.Count; lane++)
            {
                var r = row0 + lane;
                if (r < refRows)
                {
                    Offer(sums[lane], r, ref best, k);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Offer(double d, int r, ref Best best, int k)
        {
            // Strict comparisons and rows visited in increasing order: among equal distances the lowest index wins.
            if (d < best.D1)
            {
                if (k == 2)
                {
                    best.D2 = best.D1;
                    best.I2 = best.I1;
                }

                best.D1 = d;
                best.I1 = r;
            }
            else if (k == 2 && d < best.D2)
            {
                best.D2 = d;
                best.I2 = r;
            }
        }

        private static double[][] Features(MixedMatrix m, List<int> denseCols, List<int> nullableCols, List<int> categoricalCols)
        {
            var result = new List<double[]>();
            foreach (var j in denseCols)
            {
                result.Add(m.Scaled[j]);
            }

            foreach (var j in nullableCols)
            {
                result.Add(m.Scaled[j]);
            }

            foreach (var j in nullableCols)
            {
                var flags = new double[m.Rows];
                if (m.Nulls[j] is { } mask)
                {
                    for (var i = 0; i < flags.Length; i++)
                    {
                        flags[i] = mask[i] ? 1.0 : 0.0;
                    }
                }

                result.Add(flags);
            }

            foreach (var j in categoricalCols)
            {
                result.Add(m.Scaled[j]);
            }

            return [.. result];
        }
    }
}
