using System.Globalization;

namespace SynthVault.Llm;

/// <summary>How much memory a model may use: MemAvailable from /proc/meminfo (free plus reclaimable cache) where it
/// exists, capped by the runtime's view of the memory limit (which honours container limits).</summary>
internal static class MemoryProbe
{
    public static long AvailableBytes()
    {
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            if (File.Exists("/proc/meminfo"))
            {
                foreach (var line in File.ReadLines("/proc/meminfo"))
                {
                    if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    {
                        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        var kb = long.Parse(parts[1], CultureInfo.InvariantCulture);
                        return Math.Min(kb * 1024, limit);
                    }
                }
            }
        }
        catch (IOException)
        {
            // Fall back to the runtime's limit.
        }

        return limit;
    }

    public static string Format(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("F1", CultureInfo.InvariantCulture) + " GB"
        : (bytes / (double)(1L << 20)).ToString("F0", CultureInfo.InvariantCulture) + " MB";
}
