using System.Runtime.CompilerServices;

// The screen tests drive the internal views through Terminal.Gui's headless driver.
[assembly: InternalsVisibleTo("SynthVault.Tui.Tests")]
