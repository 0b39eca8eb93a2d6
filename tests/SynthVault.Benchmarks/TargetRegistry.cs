namespace SynthVault.Benchmarks;

/// <summary>Collects the targets of every area; each area adds its own Register call here.</summary>
internal static partial class TargetRegistry
{
    public static void RegisterAll()
    {
        foreach (var register in typeof(TargetRegistry).GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)
                     .Where(m => m.Name.StartsWith("Register", StringComparison.Ordinal) && m.Name != nameof(RegisterAll))
                     .OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            register.Invoke(null, null);
        }
    }
}
