using System.Text;
using SynthVault.Core.Errors;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Screens;

/// <summary>Small building blocks the screens share.</summary>
internal static class ScreenParts
{
    /// <summary>A code point no keyboard produces: a label whose hot-key marker is this shows every '_' as typed.</summary>
    private static readonly Rune NoHotKey = new(0xFFFF);

    /// <summary>
    /// A label that shows <paramref name="text"/> literally, line breaks and spacing included. Plain <see cref="Label"/>s treat '_' as a hot-key marker,
    /// which would eat the underscores of file names, column names and sample texts.
    /// </summary>
    public static Label Plain(string text = "", bool wrap = false)
    {
        var label = new Label { Text = text, HotKeySpecifier = NoHotKey };
        label.TextFormatter.WordWrap = wrap;
        label.TextFormatter.MultiLine = true;
        label.TextFormatter.PreserveTrailingSpaces = true;
        return label;
    }

    /// <summary>A single-line input field.</summary>
    public static TextField Field(string text, int x, int y, int width) => new() { X = x, Y = y, Width = width, Text = text };

    /// <summary>
    /// What a user sees for a failure: the <see cref="SynthVaultException"/> message (problem, where, hint) or, for a
    /// file-system failure, the system's message.
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        SynthVaultException user => user.Message,
        IOException or UnauthorizedAccessException => "could not access a file: " + exception.Message,
        _ => exception.Message,
    };
}
