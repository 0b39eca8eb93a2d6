using System.Collections.ObjectModel;
using SynthVault.Core.Schema;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SynthVault.Tui.Screens;

/// <summary>
/// Changes one column's kind, role, policy and PII kind: four lists side by side (↑↓ chooses, Tab moves to the next
/// list, Enter applies, Esc cancels). When the kind or PII kind changes and the policy was the default for the old
/// pair, the policy follows to the new default (PII → surrogate, identifier → regenerate), so the usual edit is one
/// keystroke and still passes the project rules.
/// </summary>
internal sealed class ColumnSettingsDialog : Dialog
{
    private readonly ColumnSchema current;
    private ColumnPolicy lastDefault;

    public ColumnSettingsDialog(ColumnSchema current, ColumnSchema inferred)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(inferred);
        this.current = current;
        lastDefault = ColumnSchema.DefaultPolicy(current.Kind, current.Pii);
        HotKeySpecifier = TuiText.NoHotKey;
        Title = $"Column '{current.Name}'";
        Width = 66;
        Height = 20;

        var info = new Label
        {
            HotKeySpecifier = TuiText.NoHotKey,
            X = 0,
            Y = 0,
            Width = Dim.Fill(),
            Text = $"Stored as {TuiText.Name(current.DataType)}. Inferred: {TuiText.Name(inferred.Kind)}, {TuiText.Name(inferred.Role)}, {TuiText.Name(inferred.Policy)}, pii {TuiText.Name(inferred.Pii)}.",
        };
        Kind = List<ColumnKind>("_Kind", 0, 14, current.Kind, out var kindLabel);
        Role = List<ColumnRole>("_Role", 15, 10, current.Role, out var roleLabel);
        Policy = List<ColumnPolicy>("_Policy", 26, 12, current.Policy, out var policyLabel);
        Pii = List<PiiKind>("P_II", 39, 13, current.Pii, out var piiLabel);
        Add(info, kindLabel, Kind, roleLabel, Role, policyLabel, Policy, piiLabel, Pii);

        var cancel = new Button { Text = "Cancel" };
        var ok = new Button { Text = "Apply", IsDefault = true };
        AddButton(cancel);
        AddButton(ok);

        Kind.ValueChanged += (_, _) => FollowDefaultPolicy();
        Pii.ValueChanged += (_, _) => FollowDefaultPolicy();
        Kind.SetFocus();
    }

    /// <summary>The kind list (in <see cref="ColumnKind"/> order).</summary>
    public ListView Kind { get; }

    /// <summary>The role list (in <see cref="ColumnRole"/> order).</summary>
    public ListView Role { get; }

    /// <summary>The policy list (in <see cref="ColumnPolicy"/> order).</summary>
    public ListView Policy { get; }

    /// <summary>The PII kind list (in <see cref="PiiKind"/> order).</summary>
    public ListView Pii { get; }

    /// <summary>The settings the user applied, or null when the dialog was cancelled.</summary>
    public ColumnSchema? Chosen => Canceled || Result != 1 ? null : Selection;

    /// <summary>The settings the lists show now.</summary>
    public ColumnSchema Selection => current with
    {
        Kind = Selected<ColumnKind>(Kind),
        Role = Selected<ColumnRole>(Role),
        Policy = Selected<ColumnPolicy>(Policy),
        Pii = Selected<PiiKind>(Pii),
    };

    private void FollowDefaultPolicy()
    {
        var next = ColumnSchema.DefaultPolicy(Selected<ColumnKind>(Kind), Selected<PiiKind>(Pii));
        if (Selected<ColumnPolicy>(Policy) == lastDefault)
        {
            Policy.SelectedItem = (int)next;
        }

        lastDefault = next;
    }

    private static T Selected<T>(ListView list)
        where T : struct, Enum => Enum.GetValues<T>()[Math.Clamp(list.SelectedItem ?? 0, 0, Enum.GetValues<T>().Length - 1)];

    private static ListView List<T>(string title, int x, int width, T value, out Label label)
        where T : struct, Enum
    {
        label = new Label { Text = title, X = x, Y = 2 };
        var list = new ListView { X = x, Y = 3, Width = width, Height = Enum.GetValues<T>().Length, CanFocus = true };
        list.SetSource(new ObservableCollection<string>(TuiText.Names<T>()));
        list.SelectedItem = Array.IndexOf(Enum.GetValues<T>(), value);
        return list;
    }
}
