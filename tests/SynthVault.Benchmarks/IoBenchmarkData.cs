using System.Globalization;
using System.Text;
using SynthVault.Core.Randomness;

namespace SynthVault.Benchmarks;

/// <summary>
/// A mixed CSV like real exports: 20 columns of integers, doubles (full 17-digit precision), categories of several
/// cardinalities, a date, a timestamp, a flag and a free-text column, with about 2 % missing values. Fixed seed.
/// </summary>
internal static class IoBenchmarkData
{
    public static string WriteCsv(int rows, string path)
    {
        var random = new SeedStreams(20_240_229).CreateGenerator("io-bench-csv");
        string[] small = ["red", "green", "blue"];
        var medium = Enumerable.Range(0, 50).Select(i => $"state_{i}").ToArray();
        var large = Enumerable.Range(0, 1000).Select(i => $"city-{i:D4}").ToArray();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("id,age,count,score,balance,ratio,lat,lon,amount,temp,color,state,city,customer,segment,joined,last_seen,active,visits,comment\n");
        var day0 = new DateTime(2000, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            bool Missing() => random.NextInt(50) == 0;
            var ci = CultureInfo.InvariantCulture;
            writer.Write(i.ToString(ci)); writer.Write(',');
            if (!Missing()) { writer.Write((18 + random.NextInt(80)).ToString(ci)); }
            writer.Write(',');
            writer.Write(random.NextInt(1000).ToString(ci)); writer.Write(',');
            writer.Write(random.NextGaussian().ToString("R", ci)); writer.Write(',');
            if (!Missing()) { writer.Write((random.NextDouble() * 100_000).ToString("R", ci)); }
            writer.Write(',');
            writer.Write(random.NextDouble().ToString("R", ci)); writer.Write(',');
            writer.Write(((random.NextDouble() * 180) - 90).ToString("F6", ci)); writer.Write(',');
            writer.Write(((random.NextDouble() * 360) - 180).ToString("F6", ci)); writer.Write(',');
            writer.Write((random.NextInt(1_000_000) / 100.0).ToString("F2", ci)); writer.Write(',');
            if (!Missing()) { writer.Write((random.NextGaussian() * 10 + 15).ToString("F1", ci)); }
            writer.Write(',');
            writer.Write(small[random.NextInt(small.Length)]); writer.Write(',');
            writer.Write(medium[random.NextInt(medium.Length)]); writer.Write(',');
            if (!Missing()) { writer.Write(large[random.NextInt(large.Length)]); }
            writer.Write(',');
            writer.Write("C"); writer.Write(random.NextInt(100_000).ToString("D6", ci)); writer.Write(',');
            writer.Write(random.NextInt(2) == 0 ? "retail" : "business"); writer.Write(',');
            writer.Write(day0.AddDays(random.NextInt(9000)).ToString("yyyy-MM-dd", ci)); writer.Write(',');
            writer.Write(day0.AddSeconds(random.NextInt(700_000_000)).ToString("yyyy-MM-dd'T'HH:mm:ss", ci)); writer.Write(',');
            writer.Write(random.NextInt(2) == 0 ? "true" : "false"); writer.Write(',');
            writer.Write(random.NextInt(500).ToString(ci)); writer.Write(',');
            if (!Missing()) { writer.Write("\"note "); writer.Write(random.NextInt(20).ToString(ci)); writer.Write(", see file\""); }
            writer.Write('\n');
        }

        return path;
    }
}
