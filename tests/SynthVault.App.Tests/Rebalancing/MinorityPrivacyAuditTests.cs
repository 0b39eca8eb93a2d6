using SynthVault.App.Rebalancing;
using SynthVault.Core.Data;

namespace SynthVault.App.Tests.Rebalancing;

public sealed class MinorityPrivacyAuditTests
{
    private static Table Points(params double[] xs) => new([new Float64Column("x", xs), StringColumn.FromValues("c", [.. xs.Select(x => x > 5 ? "hi" : "lo")])]);

    [Fact]
    public void Exact_copies_of_training_rows_count_as_identical_and_near_copies_and_push_the_dcr_share_to_one()
    {
        var train = Points(0, 2, 4, 6, 8, 10);
        var holdout = Points(1, 3, 5, 7, 9, 11);
        var copies = Points(0, 2, 4, 6, 8, 10, 0, 2);

        var privacy = new GowerMinorityAudit().Audit(copies, train, holdout, ["x", "c"], seed: 1, CancellationToken.None);

        Assert.Equal(1.0, privacy.IdenticalRateTrain);
        Assert.Equal(0.0, privacy.IdenticalRateHoldout);
        Assert.Equal(1.0, privacy.NearCopyRateTrain);
        Assert.Equal(1.0, privacy.DcrShare.Value);
        Assert.Contains(RebalanceBenchmark.Flags(privacy), f => f.Contains("identical", StringComparison.Ordinal));
    }

    [Fact]
    public void Rows_as_far_from_training_as_from_holdout_rows_give_a_dcr_share_near_one_half()
    {
        // Generated rows halfway between a training row and a holdout row: equal distances, each a tie worth ½.
        var train = Points(0, 2, 4, 6, 8, 10);
        var holdout = Points(1, 3, 5, 7, 9, 11);
        var between = Points(0.5, 2.5, 4.5, 6.5, 8.5, 10.5);

        var privacy = new GowerMinorityAudit().Audit(between, train, holdout, ["x", "c"], seed: 1, CancellationToken.None);

        Assert.Equal(0.0, privacy.IdenticalRateTrain);
        Assert.Equal(0.5, privacy.DcrShare.Value, 12);
        Assert.DoesNotContain(RebalanceBenchmark.Flags(privacy), f => f.Contains("DCR", StringComparison.Ordinal) || f.Contains("closer", StringComparison.Ordinal));
    }
}
