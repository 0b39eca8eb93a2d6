namespace SynthVault.Testing;

/// <summary>Finds the repository's folders from a test's output folder, so tests read the bundled data.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string DataSamples => Path.Combine(Root, "data-samples");

    public static string AdultCsv => Path.Combine(DataSamples, "adult", "adult.csv");

    public static string CreditCardCsv => Path.Combine(DataSamples, "creditcard-fraud", "creditcard_sample.csv");

    public static string SmsSpamTsv => Path.Combine(DataSamples, "sms-spam", "SMSSpamCollection.tsv");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SynthVault.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SynthVault.sln not found above " + AppContext.BaseDirectory);
    }
}
