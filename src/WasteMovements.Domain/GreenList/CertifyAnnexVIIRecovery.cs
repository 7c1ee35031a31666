using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.GreenList;

/// <summary>The facility's certificate that the recovery has been completed, with the day it was completed.</summary>
public sealed record CertifyAnnexVIIRecovery(DateOnly CompletedOn);

public static partial class GreenListProcedure
{
    /// <summary>
    /// Art. 18(9): the recovery facility certifies, as soon as possible and no later than 30 days after completing the
    /// recovery and one year after receipt, that the recovery has been completed. A late certificate is recorded as late.
    /// </summary>
    public static Decision CertifyRecovery(AnnexVIIDocumentState d, Actor actor, CertifyAnnexVIIRecovery command, DateTimeOffset now)
    {
        if (!actor.IsFacilityOf(d.FacilityId))
        {
            return Decision.Forbid("not-receiver", "EU 2024/1157 Art. 18(9)",
                $"Only the facility {d.FacilityId} certifies the recovery of {d.Id}; you act for {actor.ActingFor}.");
        }

        if (d.Recovery is { } done)
        {
            return Decision.Refuse("annex-vii-already-recovered", "EU 2024/1157 Art. 18(9)",
                $"The recovery of {d.Id} was certified on {done.CertifiedAt:yyyy-MM-dd} already.");
        }

        if (d.FacilityReceipt is not { } receipt)
        {
            return Decision.Refuse("annex-vii-recovery-before-receipt", "EU 2024/1157 Art. 18(8)-(9)",
                $"The facility has not confirmed receipt of {d.Id}: confirm receipt first.");
        }

        // Art. 18(9) names the recovery facility: a sample sent for a disposal trial gets no recovery certificate.
        if (!d.Particulars.Operation.StartsWith('R'))
        {
            return Decision.Refuse("annex-vii-recovery-only", "EU 2024/1157 Art. 18(9)",
                $"{d.Particulars.Operation} is a disposal operation: there is no recovery to certify.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (command.CompletedOn < receipt.ReceivedOn || command.CompletedOn > today)
        {
            return Decision.Refuse("annex-vii-recovery-date", "EU 2024/1157 Art. 18(9)",
                $"The recovery cannot have been completed on {command.CompletedOn:yyyy-MM-dd}: the waste was received on {receipt.ReceivedOn:yyyy-MM-dd} and today is {today:yyyy-MM-dd}.");
        }

        var late = today > command.CompletedOn.AddDays(30) || today > receipt.ReceivedOn.AddYears(1);
        return Decision.Accept(new AnnexVIIRecoveryCertified(d.Id, actor.Person, command.CompletedOn, late, now));
    }
}
