using System.CommandLine;

namespace SynthVault.Cli;

internal static class CommandLine
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("SynthVault: local-first synthetic data workbench.");
        return root.Parse(args).Invoke();
    }
}
