using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SynthVault.Architecture.Tests;

/// <summary>
/// DESIGN §2: the engine never depends on a UI or the CLI library, and SynthVault's own code never touches
/// the network (air-gapped is a promise). Checked on the built assemblies, so no project file can sneak around it.
/// </summary>
public sealed class LayeringTests
{
    public static TheoryData<string> EngineAssemblies =>
    [
        "SynthVault.Core", "SynthVault.IO", "SynthVault.Synthesis", "SynthVault.Llm", "SynthVault.Evaluation", "SynthVault.Planner", "SynthVault.Charts",
    ];

    public static TheoryData<string> OwnAssemblies =>
    [
        "SynthVault.Core", "SynthVault.IO", "SynthVault.Synthesis", "SynthVault.Llm", "SynthVault.Evaluation", "SynthVault.Planner", "SynthVault.Charts",
        "SynthVault.App", "SynthVault.Tui", "synthvault",
    ];

    private static readonly string[] UiAndCliAssemblies = ["Terminal.Gui", "System.CommandLine", "Spectre.Console", "SynthVault.Tui", "SynthVault.App", "synthvault"];

    [Theory]
    [MemberData(nameof(EngineAssemblies))]
    public void Engine_assemblies_reference_no_ui_or_cli_library_even_transitively(string assemblyName)
    {
        var reachable = ReachableAssemblies(assemblyName);

        var offending = reachable.Where(r => UiAndCliAssemblies.Any(u => r.StartsWith(u, StringComparison.Ordinal))).ToList();
        Assert.True(offending.Count == 0, $"{assemblyName} reaches {string.Join(", ", offending)}");
    }

    [Fact]
    public void The_cli_really_does_reference_the_ui_libraries_so_the_check_above_can_fail()
    {
        var reachable = ReachableAssemblies("synthvault");

        Assert.Contains(reachable, r => r.StartsWith("System.CommandLine", StringComparison.Ordinal));
        Assert.Contains(reachable, r => r.StartsWith("Spectre.Console", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cli_reaches_terminal_gui_only_through_synthvault_tui()
    {
        var direct = References(Path.Combine(AppContext.BaseDirectory, "synthvault.dll"));
        var reachable = ReachableAssemblies("synthvault");

        Assert.Contains("SynthVault.Tui", direct);
        Assert.DoesNotContain(direct, r => r.StartsWith("Terminal.Gui", StringComparison.Ordinal));
        Assert.Contains(reachable, r => r.StartsWith("Terminal.Gui", StringComparison.Ordinal)); // so the check above can fail
    }

    [Fact]
    public void The_tui_references_neither_the_cli_nor_its_console_libraries()
    {
        var reachable = ReachableAssemblies("SynthVault.Tui");

        var offending = reachable.Where(r => r.StartsWith("System.CommandLine", StringComparison.Ordinal) || r.StartsWith("Spectre.Console", StringComparison.Ordinal) || r == "synthvault").ToList();
        Assert.True(offending.Count == 0, $"SynthVault.Tui reaches {string.Join(", ", offending)}");
        Assert.Contains(reachable, r => r.StartsWith("Terminal.Gui", StringComparison.Ordinal));
    }

    [Fact]
    public void The_use_cases_reference_no_ui_or_cli_library()
    {
        var reachable = ReachableAssemblies("SynthVault.App");

        var offending = reachable.Where(r => UiAndCliAssemblies.Any(u => u != "SynthVault.App" && r.StartsWith(u, StringComparison.Ordinal))).ToList();
        Assert.True(offending.Count == 0, $"SynthVault.App reaches {string.Join(", ", offending)}");
    }

    [Theory]
    [MemberData(nameof(OwnAssemblies))]
    public void Own_code_uses_no_network_types(string assemblyName)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll"));
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();

        var networkTypes = md.TypeReferences
            .Select(h => md.GetTypeReference(h))
            .Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name))
            // AddressFamily is only an enum (IP address validation uses it); every other sockets type opens one.
            .Where(n => (n.StartsWith("System.Net.Sockets.", StringComparison.Ordinal) && n != "System.Net.Sockets.AddressFamily")
                || n == "System.Net.Dns"
                || n.StartsWith("System.Net.Http.", StringComparison.Ordinal)
                || n.StartsWith("System.Net.WebClient", StringComparison.Ordinal)
                || n.StartsWith("System.Net.WebRequest", StringComparison.Ordinal))
            .ToList();

        Assert.True(networkTypes.Count == 0, $"{assemblyName} uses {string.Join(", ", networkTypes)}");
    }

    private static HashSet<string> ReachableAssemblies(string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([root]);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            var path = Path.Combine(AppContext.BaseDirectory, name + ".dll");
            if (!File.Exists(path))
            {
                continue; // framework assemblies live elsewhere and reference nothing of ours
            }

            foreach (var reference in References(path))
            {
                if (seen.Add(reference))
                {
                    queue.Enqueue(reference);
                }
            }
        }

        return seen;
    }

    private static IEnumerable<string> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        return [.. md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name))];
    }
}
