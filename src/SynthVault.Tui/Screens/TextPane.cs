using System.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

// TextView is marked obsolete in Terminal.Gui 2.5.0 in favour of EditorView from a separate package (tui-cs/Editor)
// that the package registry does not serve; it is still the toolkit's only multi-line, word-wrapping text view, so
// this one file wraps it and keeps the obsolete type out of the screens.
#pragma warning disable CS0618

namespace SynthVault.Tui.Screens;

/// <summary>
/// A multi-line, word-wrapped text area filling its place: read-only for showing a long text, editable for correcting
/// one. The text view is a subview, so it is disposed with the pane.
/// </summary>
internal sealed class TextPane : View
{
    private readonly TextView textView;

    /// <summary>A pane; a read-only pane never takes focus, so the screen around it keeps its single-key commands.</summary>
    public TextPane(bool readOnly)
    {
        textView = new TextView
        {
            X = 0,
            Y = 0,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            ReadOnly = readOnly,
            WordWrap = true,
            CanFocus = !readOnly,
            TabKeyAddsTab = false,
        };
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = !readOnly;
        Add(textView);
    }

    /// <summary>Key presses reach the text view first; this is where a screen catches Ctrl+S or Esc before it acts on them.</summary>
    public event EventHandler<Key>? EditorKeyDown
    {
        add => textView.KeyDown += value;
        remove => textView.KeyDown -= value;
    }

    /// <summary>The text, with line breaks as typed.</summary>
    public string Content
    {
        get => textView.Text;
        set
        {
            textView.Text = value;
            textView.ScrollTo(Point.Empty);
        }
    }

    /// <summary>Scrolls by <paramref name="lines"/> (negative: up), staying within the text.</summary>
    public void ScrollBy(int lines)
    {
        var top = Math.Clamp(textView.Viewport.Y + lines, 0, Math.Max(0, textView.Lines - 1));
        textView.ScrollTo(new Point(0, top));
    }

    /// <summary>Moves the keyboard focus into the pane (editable panes only).</summary>
    public void Focus() => textView.SetFocus();
}
