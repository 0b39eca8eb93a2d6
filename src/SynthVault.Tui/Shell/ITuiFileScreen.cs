namespace SynthVault.Tui.Shell;

/// <summary>A screen that opens files: Ctrl+O and the File menu ask it to show its file picker.</summary>
internal interface ITuiFileScreen
{
    /// <summary>Shows the screen's file picker and opens what the user picks.</summary>
    void Browse();
}
