namespace SynthVault.Llm.TextLoop;

/// <summary>
/// One real example the loop starts from: its text, an optional label (e.g. a ticket category) and other fields
/// (e.g. product, channel). Real examples may hold personal data; <see cref="SeedScrubber"/> removes it before any prompt.
/// </summary>
/// <param name="Id">A stable id (row number or the file's id column).</param>
/// <param name="Text">The example text.</param>
/// <param name="Label">Its label, or null for an unlabelled set.</param>
/// <param name="Fields">Other fields by name (never null; empty when there are none).</param>
public sealed record TextSeed(string Id, string Text, string? Label, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>
    /// Where the example is in its file, for messages: the data row of a table (header not counted) or the line of a
    /// JSON Lines file; null when the seeds did not come from a file.
    /// </summary>
    public int? Row { get; init; }

    /// <summary>"row 12" when the row is known, else "id T12".</summary>
    internal string Where => Row is { } row ? "row " + row.ToString(System.Globalization.CultureInfo.InvariantCulture) : "id " + Id;

    /// <summary>A seed with no fields.</summary>
    public TextSeed(string id, string text, string? label = null)
        : this(id, text, label, new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }
}
