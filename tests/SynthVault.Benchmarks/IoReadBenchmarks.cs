using BenchmarkDotNet.Attributes;
using SynthVault.Core.Data;
using SynthVault.IO;

namespace SynthVault.Benchmarks;

/// <summary>Reading a 100 k-row × 20-column CSV and the same table as Parquet (allocation included).</summary>
[MemoryDiagnoser]
public class IoReadBenchmarks
{
    private string csvPath = string.Empty;
    private string parquetPath = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        csvPath = Path.Combine(Path.GetTempPath(), "synthvault-bench-io-100k.csv");
        parquetPath = Path.ChangeExtension(csvPath, ".parquet");
        IoBenchmarkData.WriteCsv(100_000, csvPath);
        TableFile.Write(TableFile.Read(csvPath).Table, parquetPath);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(csvPath);
        File.Delete(parquetPath);
    }

    [Benchmark(Baseline = true)]
    public Table ReadCsv100k() => TableFile.Read(csvPath).Table;

    [Benchmark]
    public Table ReadParquet100k() => TableFile.Read(parquetPath).Table;
}
