using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.IllegalTraffic;

/// <summary>
/// POST /api/illegal-traffic-cases: a state records illegal traffic it found, with or without a notification (Basel
/// Art. 9(1)). <see cref="NotificationNumber"/>: the notification the movement claimed to move under, if any.
/// </summary>
public sealed record OpenIllegalTrafficCase(
    string Cause, string Details, string StateOfExport, string StateOfImport, IReadOnlyList<string>? TransitStates,
    string WasteDescription, decimal? Quantity, string? Unit, string? NotificationNumber, DateTimeOffset FoundAt);

/// <summary>What opening starts from: the number the finding state's sequence gave.</summary>
public sealed record NewIllegalTrafficCase(string CaseId);

/// <summary>The steps of an illegal-traffic case (Basel Art. 9; EU 2024/1157 Art. 24-25), one file per step.</summary>
public static partial class IllegalTrafficCases
{
    /// <summary>
    /// Basel Art. 9(1): illegal traffic is found by a state on whose territory (or from which, or to which) the waste
    /// moves: the state of export, of import or of transit ("found by customs or any state" concerned). Art. 9(1)(a)
    /// covers movements never notified, so no notification is needed.
    /// </summary>
    public static Decision Open(NewIllegalTrafficCase seed, Actor actor, OpenIllegalTrafficCase c, DateTimeOffset now)
    {
        var export = c.StateOfExport.Trim().ToUpperInvariant();
        var import = c.StateOfImport.Trim().ToUpperInvariant();
        var transits = (c.TransitStates ?? []).Select(t => t.Trim().ToUpperInvariant()).Distinct().ToArray();
        if (!actor.IsAuthority || (actor.State != export && actor.State != import && !transits.Contains(actor.State)))
        {
            return Decision.Refuse(new Refusal("not-concerned", "Basel Art. 2(13), 9(1)",
                "Illegal traffic is recorded by a state concerned: the state of export, of import or of transit of the movement.", RefusalKind.NotPermitted));
        }

        if (!IllegalTrafficCauses.All.Contains(c.Cause))
        {
            return Decision.Refuse("unknown-cause", "Basel Art. 9(1)", $"'{c.Cause}' is not a cause of Art. 9(1): {string.Join(", ", IllegalTrafficCauses.All)}.");
        }

        if (export == import)
        {
            return Decision.Refuse("export-equals-import", "Basel Art. 2(3)", $"The state of export and the state of import are both {export}: that is not a transboundary movement.");
        }

        if (c.FoundAt > now.AddHours(1)) return Decision.Refuse("found-in-the-future", "Basel Art. 9(1)", "Illegal traffic is recorded once it was found.");

        return Decision.Accept(new IllegalTrafficCaseOpened(seed.CaseId, actor.State, c.Cause, c.Details.Trim(), export, import, transits,
            c.WasteDescription.Trim(), c.Quantity, c.Unit, string.IsNullOrWhiteSpace(c.NotificationNumber) ? null : c.NotificationNumber.Trim(), c.FoundAt, now));
    }

    /// <summary>The case must be open for any step but the closure's answer.</summary>
    private static Refusal? Closed(IllegalTrafficCase c) =>
        c.IsClosed ? new Refusal("case-closed", "Basel Art. 9", $"Case {c.Id} was closed on {c.ClosedAt:yyyy-MM-dd}.") : null;

    private static bool IsExportOrImport(IllegalTrafficCase c, Actor actor) => actor.IsAuthorityOf(c.StateOfExport) || actor.IsAuthorityOf(c.StateOfImport);
}
