using SynthVault.Tui.Screens;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace SynthVault.Tui;

/// <summary>One screen of the app: its title, the key that shows it, and how to build its view.</summary>
/// <param name="Title">Shown in the screen strip, the Screens menu and the frame around the screen.</param>
/// <param name="Hotkey">Shows the screen from anywhere in the main window.</param>
/// <param name="Create">Builds the screen's view once, the first time it is shown; the view is kept while the app runs.</param>
internal sealed record TuiScreenEntry(string Title, Key Hotkey, Func<TuiSession, View> Create);

/// <summary>
/// The screens of <c>synthvault tui</c>, in the order of the screen strip. Adding a screen is one line here: a
/// <see cref="TuiScreenEntry"/> whose view takes the shared <see cref="TuiSession"/>.
/// </summary>
internal static class TuiScreens
{
    public static IReadOnlyList<TuiScreenEntry> All { get; } =
    [
        new("Data & profile", Key.F1, session => new DataProfileView(session)),
        new("Evaluation", Key.F2, session => new EvaluationView(session)),
        new("Run", Key.F3, SessionScreens.Run),
        new("Review", Key.F4, session => SessionScreens.Review(session, TimeProvider.System)),
        new("Cost", Key.F5, _ => SessionScreens.Cost(TimeProvider.System)),
    ];
}
