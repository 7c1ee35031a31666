using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>POST /api/shipments/{id}/illegal-traffic: a state concerned records illegal traffic and whether the exporter is at fault.</summary>
public sealed record RecordIllegalTraffic(string Cause, string Details, bool ExporterAtFault);

/// <summary>The causes of illegal traffic in Basel Art. 9(1)(a)-(e).</summary>
public static class IllegalTrafficCauses
{
    public static readonly IReadOnlyList<string> All =
        ["without-notification", "without-consent", "consent-by-fraud", "not-matching-documents", "deliberate-disposal"];
}

/// <summary>Illegal traffic (Basel Art. 9).</summary>
public static partial class Shipping
{
    /// <summary>Basel Art. 9: a state concerned records illegal traffic; exporter at fault starts a 30-day take-back (Art. 9(2)).</summary>
    public static Decision FindIllegalTraffic(ShipmentFile f, Actor actor, RecordIllegalTraffic c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (!n.Concerns(actor.State))
        {
            return Decision.Refuse(new Refusal("not-concerned", "Basel Art. 2(13)", "Only a state concerned records illegal traffic.", RefusalKind.NotPermitted));
        }

        if (!IllegalTrafficCauses.All.Contains(c.Cause))
        {
            return Decision.Refuse("unknown-cause", "Basel Art. 9(1)", $"'{c.Cause}' is not a cause of Art. 9(1): {string.Join(", ", IllegalTrafficCauses.All)}.");
        }

        return Decision.Accept(new IllegalTrafficFound(n.Id, s.Id, actor.State, c.Cause, c.Details.Trim(), c.ExporterAtFault, now,
            c.ExporterAtFault ? now + ShipmentRules.IllegalTakeBackPeriod : null));
    }
}
