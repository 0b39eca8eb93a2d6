using System.Reflection;
using SynthVault.Core.Errors;
using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Shell;

/// <summary>
/// How the app shows a failure without falling over: a <see cref="SynthVaultException"/> (bad file, malformed
/// project, unknown column) in a message box that names the file, column and row; anything else in an
/// "Unexpected error" box with a one-line message. The app keeps running either way.
/// </summary>
internal static class TuiErrors
{
    /// <summary>Title of the box for problems the user can fix.</summary>
    public const string ProblemTitle = "Problem";

    /// <summary>Title of the box for bugs.</summary>
    public const string UnexpectedTitle = "Unexpected error";

    /// <summary>Shows <paramref name="exception"/> in a modal box; returns when the user closes it.</summary>
    public static void Show(IApplication app, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(app);
        var (title, message) = Describe(exception);
        if (title is null)
        {
            return;
        }

        MessageBox.ErrorQuery(app, title, message, "OK");
    }

    /// <summary>The title and text of the box for <paramref name="exception"/>; a null title means "say nothing" (a cancel).</summary>
    public static (string? Title, string Message) Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var ex = Unwrap(exception);
        return ex switch
        {
            SynthVaultException user => (ProblemTitle, user.Message),
            OperationCanceledException => (null, string.Empty),
            _ => (UnexpectedTitle, $"{ex.GetType().Name}: {TuiText.FirstLine(ex.Message)}\nSynthVault keeps running; please report this bug."),
        };
    }

    /// <summary>Runs <paramref name="action"/> and shows whatever it throws instead of letting it end the app.</summary>
    public static void Guard(IApplication? app, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
#pragma warning disable CA1031 // A UI event handler is the last place an exception can be caught before it ends the app.
        catch (Exception ex) when (app is not null)
#pragma warning restore CA1031
        {
            Show(app, ex);
        }
    }

    private static Exception Unwrap(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: 1 } agg => Unwrap(agg.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => ex,
    };
}
