using ScottPlot;

namespace SynthVault.Charts;

/// <summary>
/// Gives ScottPlot a font. SkiaSharp's Linux "NoDependencies" native build has no fontconfig, so it finds no system
/// font and every title, tick and legend would be blank. We register the first regular/bold pair found among
/// common font files of Linux, Windows and macOS; when none exists, charts are drawn without text and the HTML
/// says so (<see cref="Available"/>).
/// </summary>
public static class PlotFonts
{
    private const string Family = "SynthVault Sans";

    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
        ("/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf", "/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
        (@"C:\Windows\Fonts\arial.ttf", @"C:\Windows\Fonts\arialbd.ttf"),
        (@"C:\Windows\Fonts\segoeui.ttf", @"C:\Windows\Fonts\segoeuib.ttf"),
        ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
        ("/Library/Fonts/Arial.ttf", "/Library/Fonts/Arial Bold.ttf"),
    ];

    private static readonly Lazy<bool> Setup = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when charts can draw text. Call before the first chart.</summary>
    public static bool Available => Setup.Value;

    private static bool Configure()
    {
        try
        {
            // A working font manager (fontconfig, Windows, macOS) already resolves ScottPlot's default font.
            if (!string.IsNullOrEmpty(Fonts.Default) && SkiaSharp.SKFontManager.Default.FontFamilies.Any(f => !string.IsNullOrEmpty(f)))
            {
                return true;
            }

            foreach (var (regular, bold) in Candidates)
            {
                if (File.Exists(regular))
                {
                    Fonts.AddFontFile(Family, regular, bold: false, italic: false);
                    Fonts.AddFontFile(Family, File.Exists(bold) ? bold : regular, bold: true, italic: false);
                    Fonts.Default = Family;
                    return true;
                }
            }

            var any = Directory.Exists("/usr/share/fonts")
                ? Directory.EnumerateFiles("/usr/share/fonts", "*.ttf", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
                : null;
            if (any is not null)
            {
                Fonts.AddFontFile(Family, any, bold: false, italic: false);
                Fonts.AddFontFile(Family, any, bold: true, italic: false);
                Fonts.Default = Family;
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            // A broken font file must not break the report: charts fall back to no text.
            return false;
        }

        return false;
    }
}
