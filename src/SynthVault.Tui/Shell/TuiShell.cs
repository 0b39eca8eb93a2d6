using System.Globalization;
using System.Text;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Shell;

/// <summary>
/// The main window: a menu bar, a strip naming the screens and their keys, the current screen, and a status bar
/// with the key hints. Screens come from a registry (<see cref="TuiScreens.All"/>), are built the first time they
/// are shown and kept afterwards, so switching back finds them as they were. Below 80×24 the layout is replaced
/// by a message asking for a bigger terminal, and comes back when the terminal is resized.
/// </summary>
internal sealed class TuiShell : Runnable
{
    /// <summary>The smallest terminal the layout is designed for.</summary>
    public const int MinimumWidth = 80;

    /// <summary>The smallest terminal the layout is designed for.</summary>
    public const int MinimumHeight = 24;

    private readonly IApplication app;
    private readonly IReadOnlyList<TuiScreenEntry> screens;
    private readonly View?[] created;
    private readonly MenuBar menu;
    private readonly Label strip;
    private readonly FrameView host;
    private readonly StatusBar status;
    private readonly Label tooSmall;
    private bool confirmedQuit;

    public TuiShell(IApplication app, TuiSession session, IReadOnlyList<TuiScreenEntry> screens)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(screens);
        if (screens.Count == 0)
        {
            throw new ArgumentException("The app needs at least one screen.", nameof(screens));
        }

        this.app = app;
        this.screens = screens;
        Session = session;
        created = new View?[screens.Count];
        Width = Dim.Fill();
        Height = Dim.Fill();

        menu = new MenuBar(
        [
            new MenuBarItem("_File",
            [
                new MenuItem("_Open file…", Key.O.WithCtrl, () => Guard(BrowseOnCurrentScreen)),
                new MenuItem("_Save column settings", Key.S.WithCtrl, () => Guard(SaveSettings)),
                new MenuItem("_Quit", Key.Q.WithCtrl, RequestStop),
            ]),
            new MenuBarItem("_Screens", [.. screens.Select((s, i) => new MenuItem(s.Title, s.Hotkey, () => Guard(() => ShowScreen(i))))]),
            new MenuBarItem("_Help", [new MenuItem("_Keys", Key.Empty, () => MessageBox.Query(app, "Keys", KeyHelp(), "OK"))]),
        ]);
        strip = new Label { X = 0, Y = 1, Width = Dim.Fill(), Height = 1 };
        host = new FrameView { X = 0, Y = 2, Width = Dim.Fill(), Height = Dim.Fill(1), TabStop = TabBehavior.TabGroup };
        status = new StatusBar(
        [
            new Shortcut(Key.Empty, $"{FunctionKeyRange()} Screens", null),
            new Shortcut(Key.O.WithCtrl, "Open", null),
            new Shortcut(Key.S.WithCtrl, "Save", null),
            new Shortcut(Key.F9, "Menu", null),
            new Shortcut(Key.Q.WithCtrl, "Quit", null),
        ]);
        tooSmall = new Label
        {
            X = Pos.Center(),
            Y = Pos.Center(),
            Width = Dim.Auto(),
            Height = Dim.Auto(),
            Visible = false,
            TextAlignment = Alignment.Center,
        };
        Add(menu, strip, host, status, tooSmall);

        KeyDown += OnShellKeyDown;
        FrameChanged += (_, _) => UpdateSizeGuard();
        IsRunningChanging += OnRunningChanging;
        ShowScreen(0);
    }

    /// <summary>The state the screens share.</summary>
    public TuiSession Session { get; }

    /// <summary>The index of the screen on show.</summary>
    public int CurrentIndex { get; private set; } = -1;

    /// <summary>The view of the screen on show.</summary>
    public View CurrentScreen => created[CurrentIndex]!;

    /// <summary>True while the "enlarge the terminal" message replaces the layout.</summary>
    public bool IsTooSmall => tooSmall.Visible;

    /// <summary>The message shown when the terminal is smaller than 80×24.</summary>
    public string TooSmallMessage => tooSmall.Text;

    /// <summary>Stops the app without asking about unsaved settings (the caller already asked, or is a test ending).</summary>
    internal void QuitWithoutConfirmation()
    {
        confirmedQuit = true;
        RequestStop();
    }

    /// <summary>Shows screen <paramref name="index"/>, building it the first time.</summary>
    public View ShowScreen(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, screens.Count);
        var view = ScreenAt(index);
        if (CurrentIndex != index)
        {
            if (CurrentIndex >= 0)
            {
                host.Remove(created[CurrentIndex]!);
            }

            view.X = 0;
            view.Y = 0;
            view.Width = Dim.Fill();
            view.Height = Dim.Fill();
            host.Add(view);
            host.Title = screens[index].Title;
            CurrentIndex = index;
            strip.Text = StripText(index);
        }

        if (!IsTooSmall)
        {
            view.SetFocus();
        }

        SetNeedsDraw();
        return view;
    }

    /// <summary>The first registered screen whose view is a <typeparamref name="T"/> (built if need be), or null.</summary>
    public T? FindScreen<T>()
        where T : View
    {
        for (var i = 0; i < screens.Count; i++)
        {
            if (ScreenAt(i) is T view)
            {
                return view;
            }
        }

        return null;
    }

    /// <summary>Shows the first registered screen whose view is a <typeparamref name="T"/>.</summary>
    public T? ShowScreen<T>()
        where T : View
    {
        for (var i = 0; i < screens.Count; i++)
        {
            if (ScreenAt(i) is T view)
            {
                ShowScreen(i);
                return view;
            }
        }

        return null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Screens not on show are outside the view tree, so the base class would not dispose them.
            for (var i = 0; i < created.Length; i++)
            {
                if (i != CurrentIndex)
                {
                    created[i]?.Dispose();
                }
            }
        }

        base.Dispose(disposing);
    }

    private View ScreenAt(int index) => created[index] ??= screens[index].Create(Session);

    private void OnShellKeyDown(object? sender, Key key)
    {
        for (var i = 0; i < screens.Count; i++)
        {
            if (key == screens[i].Hotkey)
            {
                key.Handled = true;
                var target = i;
                Guard(() => ShowScreen(target));
                return;
            }
        }

        if (key == Key.Q.WithCtrl)
        {
            key.Handled = true;
            RequestStop();
        }
        else if (key == Key.O.WithCtrl)
        {
            key.Handled = true;
            Guard(BrowseOnCurrentScreen);
        }
        else if (key == Key.S.WithCtrl)
        {
            key.Handled = true;
            Guard(SaveSettings);
        }
    }

    private void BrowseOnCurrentScreen()
    {
        var target = CurrentScreen as ITuiFileScreen ?? ShowScreen<Screens.DataProfileView>();
        target?.Browse();
    }

    private void SaveSettings() => ShowScreen<Screens.DataProfileView>()?.Save();

    /// <summary>Every way out (Ctrl+Q, Esc, the menu) ends here: unsaved column settings need a yes first.</summary>
    private void OnRunningChanging(object? sender, CancelEventArgs<bool> e)
    {
        if (e.NewValue || confirmedQuit || !Session.HasUnsavedOverrides)
        {
            return;
        }

        var answer = MessageBox.Query(app, "Unsaved changes", "Column settings were changed and not saved (Ctrl+S saves them).\nQuit anyway? (Enter stays)", "_Quit", "_Stay");
        if (answer == 0)
        {
            confirmedQuit = true;
        }
        else
        {
            e.Cancel = true;
        }
    }

    private void UpdateSizeGuard()
    {
        var small = Frame.Width < MinimumWidth || Frame.Height < MinimumHeight;
        if (small)
        {
            tooSmall.Text = string.Create(CultureInfo.InvariantCulture, $"The terminal is {Frame.Width}×{Frame.Height}.\nEnlarge the terminal to at least {MinimumWidth}×{MinimumHeight}.");
        }

        if (small == tooSmall.Visible)
        {
            return;
        }

        menu.Visible = !small;
        strip.Visible = !small;
        host.Visible = !small;
        status.Visible = !small;
        tooSmall.Visible = small;
        if (!small && CurrentIndex >= 0)
        {
            CurrentScreen.SetFocus();
        }

        SetNeedsLayout();
        SetNeedsDraw();
    }

    private string StripText(int current)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < screens.Count; i++)
        {
            sb.Append(i == current ? '[' : ' ').Append(screens[i].Hotkey).Append(' ').Append(screens[i].Title).Append(i == current ? ']' : ' ');
        }

        return sb.ToString();
    }

    private string FunctionKeyRange() =>
        screens.Count == 1 ? screens[0].Hotkey.ToString() : $"{screens[0].Hotkey}-{screens[^1].Hotkey}";

    private string KeyHelp()
    {
        var sb = new StringBuilder();
        foreach (var s in screens)
        {
            sb.Append(s.Hotkey).Append("  ").AppendLine(s.Title);
        }

        sb.AppendLine("Ctrl+O  open a file on this screen")
            .AppendLine("Ctrl+S  save column settings to synthvault.json")
            .AppendLine("Tab / Shift+Tab  move between fields")
            .AppendLine("F9  menu")
            .Append("Ctrl+Q or Esc  quit");
        return sb.ToString();
    }

    private void Guard(Action action) => TuiErrors.Guard(app, action);
}
