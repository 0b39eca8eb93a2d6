using BenchmarkDotNet.Running;

namespace SynthVault.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/SynthVault.Benchmarks -- --filter '*'</c> runs the
/// BenchmarkDotNet suites; <c>-- targets</c> runs the quick timed harness that checks the issue targets.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "targets")
        {
            return TargetHarness.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
