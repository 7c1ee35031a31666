using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.GreenList;

/// <summary>The consignee's signature upon receipt, or the facility's (laboratory's) confirmation of receipt, with the quantity received.</summary>
public sealed record ConfirmAnnexVIIReceipt(DateOnly ReceivedOn, decimal QuantityReceivedTonnes);

public static partial class GreenListProcedure
{
    /// <summary>
    /// Art. 18(8): the recovery facility or the laboratory confirms receipt within two working days of receipt; the
    /// consignee signs upon receipt (Annex VII box 13 [K]). Who signs follows from who acts: the facility named in box 7,
    /// or the consignee undertaking named in box 2. A confirmation after the two working days is recorded as late
    /// rather than refused: refusing it would leave the receipt unrecorded.
    /// </summary>
    public static Decision ConfirmReceipt(AnnexVIIDocumentState d, Actor actor, ConfirmAnnexVIIReceipt command, DateTimeOffset now)
    {
        var by = actor.IsFacilityOf(d.FacilityId) ? AnnexVIIReceiver.Facility
            : actor.IsUndertakingOf(d.ConsigneeId) ? AnnexVIIReceiver.Consignee
            : (AnnexVIIReceiver?)null;
        if (by is null)
        {
            return Decision.Forbid("not-receiver", "EU 2024/1157 Art. 18(8)",
                $"Only the facility {d.FacilityId} or the consignee of {d.Id} confirms receipt; you act for {actor.ActingFor}.");
        }

        var already = by == AnnexVIIReceiver.Facility ? d.FacilityReceipt : d.ConsigneeReceipt;
        if (already is not null)
        {
            return Decision.Refuse("annex-vii-already-received", "EU 2024/1157 Art. 18(8)",
                $"The {by.ToString()!.ToLowerInvariant()} confirmed receipt of {d.Id} on {already.ConfirmedAt:yyyy-MM-dd} already.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (command.ReceivedOn < d.Particulars.ShipmentDate || command.ReceivedOn > today)
        {
            return Decision.Refuse("annex-vii-receipt-date", "EU 2024/1157 Art. 18(8)",
                $"The waste cannot have been received on {command.ReceivedOn:yyyy-MM-dd}: the shipment starts on {d.Particulars.ShipmentDate:yyyy-MM-dd} and today is {today:yyyy-MM-dd}.");
        }

        var receivedAt = new DateTimeOffset(command.ReceivedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var late = now >= WorkingDays.Shipped.AddWorkingDays(receivedAt, 2, d.Particulars.StateOfDestination);
        return Decision.Accept(new AnnexVIIReceiptConfirmed(d.Id, by.Value, actor.Person, command.ReceivedOn, command.QuantityReceivedTonnes, late, now));
    }
}
