using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("SynthVault.App.Tests")]
