using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using SynthVault.Core.Data;

namespace SynthVault.Synthesis;

/// <summary>
/// SHA-256 of a table's content in a canonical form, so the same data gives the same hash however it was read:
/// the SHA-256 over, for each column in ordinal order of the names, the column's own SHA-256 (hashed in parallel)
/// of its name, storage type and row count, then per row a
/// null flag byte and, when present, the value (little-endian 8-byte integers for Int64 and ticks, IEEE-754
/// bits for Float64, 0/1 for booleans, the four 32-bit words of <see cref="decimal.GetBits(decimal)"/>, and
/// length-prefixed UTF-8 for strings). Dictionary order, column order and values hidden under the null mask
/// do not change it.
/// </summary>
public static class TrainingDataHash
{
    /// <summary>The lowercase hex SHA-256 of the table's content.</summary>
    public static string Compute(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
        var digests = new byte[columns.Length][];
        Parallel.For(0, columns.Length, i => digests[i] = ColumnDigest(columns[i]));
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var digest in digests)
        {
            all.AppendData(digest);
        }

        return Convert.ToHexStringLower(all.GetHashAndReset());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] ColumnDigest(Column column)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new BufferedWriter(hash);
        Span<int> bits = stackalloc int[4];
        {
            writer.String(column.Name);
            writer.Int64((long)column.DataType);
            writer.Int64(column.Length);
            switch (column)
            {
                case Float64Column c:
                    for (var i = 0; i < c.Length; i++)
                    {
                        if (writer.Null(c.IsNull(i)))
                        {
                            writer.Int64(BitConverter.DoubleToInt64Bits(c[i]));
                        }
                    }

                    break;
                case Int64Column c:
                    for (var i = 0; i < c.Length; i++)
                    {
                        if (writer.Null(c.IsNull(i)))
                        {
                            writer.Int64(c[i]);
                        }
                    }

                    break;
                case DateTimeColumn c:
                    for (var i = 0; i < c.Length; i++)
                    {
                        if (writer.Null(c.IsNull(i)))
                        {
                            writer.Int64(c.Ticks[i]);
                        }
                    }

                    break;
                case BooleanColumn c:
                    for (var i = 0; i < c.Length; i++)
                    {
                        if (writer.Null(c.IsNull(i)))
                        {
                            writer.Byte(c[i] ? (byte)1 : (byte)0);
                        }
                    }

                    break;
                case DecimalColumn c:
                    for (var i = 0; i < c.Length; i++)
                    {
                        if (writer.Null(c.IsNull(i)))
                        {
                            decimal.GetBits(c[i], bits);
                            foreach (var b in bits)
                            {
                                writer.Int64(b);
                            }
                        }
                    }

                    break;
                case StringColumn c:
                    var encoded = c.Dictionary.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
                    var codes = c.Codes;
                    for (var i = 0; i < c.Length; i++)
                    {
                        if (writer.Null(codes[i] < 0))
                        {
                            writer.Bytes(encoded[codes[i]]);
                        }
                    }

                    break;
                default:
                    throw new NotSupportedException($"Cannot hash a column of type {column.GetType().Name}.");
            }
        }

        writer.Flush();
        return hash.GetHashAndReset();
    }

    private sealed class BufferedWriter(IncrementalHash hash)
    {
        private readonly byte[] buffer = new byte[1 << 16];
        private int used;

        /// <summary>Writes the null flag; returns true when a value follows.</summary>
        public bool Null(bool isNull)
        {
            Byte(isNull ? (byte)0 : (byte)1);
            return !isNull;
        }

        public void Byte(byte value)
        {
            Ensure(1);
            buffer[used++] = value;
        }

        public void Int64(long value)
        {
            Ensure(8);
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(used), value);
            used += 8;
        }

        public void String(string value) => Bytes(Encoding.UTF8.GetBytes(value));

        public void Bytes(byte[] value)
        {
            Int64(value.Length);
            if (value.Length > buffer.Length)
            {
                Flush();
                hash.AppendData(value);
                return;
            }

            Ensure(value.Length);
            value.CopyTo(buffer, used);
            used += value.Length;
        }

        public void Flush()
        {
            hash.AppendData(buffer, 0, used);
            used = 0;
        }

        private void Ensure(int bytes)
        {
            if (used + bytes > buffer.Length)
            {
                Flush();
            }
        }
    }
}
