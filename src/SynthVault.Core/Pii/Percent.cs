using System.Globalization;

namespace SynthVault.Core.Pii;

/// <summary>Shares written the way people read them in notes: "98%", "99.9%" (invariant, no space before the sign).</summary>
internal static class Percent
{
    public static string Of(double share, int decimals = 0) =>
        (share * 100).ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture) + "%";
}
