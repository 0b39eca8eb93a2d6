using MathNet.Numerics.LinearAlgebra;

namespace SynthVault.Synthesis.Internal;

/// <summary>Small dense linear algebra for correlation matrices (row-major arrays), built on MathNet.Numerics.</summary>
internal static class Linear
{
    /// <summary>Smallest eigenvalue kept when a correlation matrix is repaired.</summary>
    public const double MinEigenvalue = 1e-6;

    /// <summary>
    /// The nearest-enough positive-definite correlation matrix: eigenvalues clipped at <see cref="MinEigenvalue"/>
    /// and the result rescaled to a unit diagonal (the eigenvalue method of Rebonato and Jäckel, 1999).
    /// Returns the input when it is already positive definite. <paramref name="repaired"/> tells which.
    /// </summary>
    public static double[] RepairCorrelation(double[] matrix, int d, out bool repaired)
    {
        repaired = false;
        if (d == 0 || TryCholesky(matrix, d, out _))
        {
            var min = d == 0 ? 1 : MinEigen(matrix, d);
            if (min >= MinEigenvalue)
            {
                return matrix;
            }
        }

        repaired = true;
        var m = Matrix<double>.Build.Dense(d, d, (i, j) => matrix[(i * d) + j]);
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Map(c => Math.Max(c.Real, MinEigenvalue));
        var v = evd.EigenVectors;
        var fixedM = v * Matrix<double>.Build.DenseOfDiagonalVector(values) * v.Transpose();
        var result = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                result[(i * d) + j] = fixedM[i, j] / Math.Sqrt(fixedM[i, i] * fixedM[j, j]);
            }
        }

        for (var i = 0; i < d; i++)
        {
            result[(i * d) + i] = 1;
        }

        return result;
    }

    private static double MinEigen(double[] matrix, int d)
    {
        var m = Matrix<double>.Build.Dense(d, d, (i, j) => matrix[(i * d) + j]);
        return m.Evd(Symmetricity.Symmetric).EigenValues.Min(c => c.Real);
    }

    /// <summary>Lower Cholesky factor (row-major) of a symmetric matrix; false when it is not positive definite.</summary>
    public static bool TryCholesky(double[] matrix, int d, out double[] lower)
    {
        lower = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = matrix[(i * d) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= lower[(i * d) + k] * lower[(j * d) + k];
                }

                if (i == j)
                {
                    if (!(sum > 1e-12))
                    {
                        return false;
                    }

                    lower[(i * d) + i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[(i * d) + j] = sum / lower[(j * d) + j];
                }
            }
        }

        return true;
    }

    /// <summary>Cholesky of a covariance that should be positive definite, repairing it (eigenvalue clipping) if it is not.</summary>
    public static double[] CholeskyRepairing(double[] matrix, int d)
    {
        if (TryCholesky(matrix, d, out var lower))
        {
            return lower;
        }

        var m = Matrix<double>.Build.Dense(d, d, (i, j) => 0.5 * (matrix[(i * d) + j] + matrix[(j * d) + i]));
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Map(c => Math.Max(c.Real, 1e-9));
        var v = evd.EigenVectors;
        var fixedM = v * Matrix<double>.Build.DenseOfDiagonalVector(values) * v.Transpose();
        var copy = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                copy[(i * d) + j] = fixedM[i, j] + (i == j ? 1e-9 : 0);
            }
        }

        return TryCholesky(copy, d, out lower) ? lower : Diagonal(copy, d);
    }

    private static double[] Diagonal(double[] matrix, int d)
    {
        var result = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            result[(i * d) + i] = Math.Sqrt(Math.Max(matrix[(i * d) + i], 1e-12));
        }

        return result;
    }

    /// <summary>Inverse of a small symmetric positive-definite matrix (row-major).</summary>
    public static double[] Inverse(double[] matrix, int d)
    {
        var m = Matrix<double>.Build.Dense(d, d, (i, j) => matrix[(i * d) + j]).Inverse();
        var result = new double[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                result[(i * d) + j] = m[i, j];
            }
        }

        return result;
    }
}
