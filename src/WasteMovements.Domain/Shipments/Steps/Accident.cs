using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>
/// POST /api/shipments/{id}/accidents: an authority of a state concerned reports an accident that occurred during the
/// movement or the disposal of the waste: when (<see cref="HappenedAt"/>), where (<see cref="Place"/>, and the state
/// it lies in, null at sea or unknown), what happened and the measures taken (Basel Art. 13(1), 13(3)(f)).
/// </summary>
public sealed record ReportAccident(DateTimeOffset HappenedAt, string Place, string? State, string WhatHappened, string MeasuresTaken);

/// <summary>Accidents during the transboundary movement or the disposal (Basel Art. 13).</summary>
public static partial class Shipping
{
    /// <summary>
    /// Basel Art. 13(1): a Party informs the states likely to be affected of an accident occurring during the movement
    /// or disposal; Art. 13(3)(f): it reports such accidents and the measures undertaken in its annual report. A state
    /// concerned (export, import, transit: Art. 2(13)) records it; the movement must have started (Art. 13(1): "in the
    /// course of transboundary movement ... or their disposal"), and the accident must have happened already.
    /// </summary>
    public static Decision ReportAccident(ShipmentFile f, Actor actor, ReportAccident c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!n.Concerns(actor.State))
        {
            return Decision.Refuse(new Refusal("not-concerned", "Basel Art. 2(13)", "Only the authority of a state concerned reports an accident of this movement.", RefusalKind.NotPermitted));
        }

        if (c.HappenedAt > now.AddHours(1))
        {
            return Decision.Refuse("accident-in-the-future", "Basel Art. 13(1)", "An accident is reported once it occurred: the date given is in the future.");
        }

        if (s.DepartedAt is not { } departed || c.HappenedAt < departed)
        {
            return Decision.Refuse("accident-before-movement", "Basel Art. 13(1)",
                s.DepartedAt is null
                    ? $"Shipment {s.Id} has not left: an accident before the movement started is not one of its transboundary movement."
                    : $"Shipment {s.Id} left at {s.DepartedAt:u}: the accident given happened before the movement started.");
        }

        return Decision.Accept(new AccidentDuringMovementReported(n.Id, s.Id, actor.State, c.HappenedAt, c.Place.Trim(), c.State?.ToUpperInvariant(),
            c.WhatHappened.Trim(), c.MeasuresTaken.Trim(), now));
    }
}
