using ScottPlot;

namespace SynthVault.Planner;

/// <summary>
/// Gives ScottPlot a font. The Linux "NoDependencies" build of SkiaSharp has no fontconfig, so it resolves no system
/// font and every title, tick label and legend would come out blank. We register the first font file found among
/// the usual locations on Linux, Windows and macOS; without any, charts have no text and <see cref="Available"/>
/// is false so the page can say so. (The evaluation report does the same; the two can share one helper later.)
/// </summary>
internal static class ChartFonts
{
    private const string Family = "SynthVault Planner Sans";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        @"C:\Windows\Fonts\arial.ttf",
        @"C:\Windows\Fonts\segoeui.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        "/Library/Fonts/Arial.ttf",
    ];

    private static readonly Lazy<bool> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when charts can draw text; the first call registers the font.</summary>
    public static bool Available => Configured.Value;

    private static bool Configure()
    {
        try
        {
            // Where a font manager works (fontconfig, Windows, macOS) ScottPlot's default font already resolves.
            if (SkiaSharp.SKFontManager.Default.FontFamilies.Any(f => !string.IsNullOrEmpty(f)))
            {
                return true;
            }

            var file = Candidates.FirstOrDefault(File.Exists)
                ?? (Directory.Exists("/usr/share/fonts")
                    ? Directory.EnumerateFiles("/usr/share/fonts", "*.ttf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
                    : null);
            if (file is null)
            {
                return false;
            }

            Fonts.AddFontFile(Family, file, bold: false, italic: false);
            Fonts.AddFontFile(Family, file, bold: true, italic: false);
            Fonts.Default = Family;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // An unreadable font must not break the report: the chart is drawn without text.
            return false;
        }
    }
}
