using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.IllegalTraffic;

/// <summary>POST /api/illegal-traffic-cases/{caseId}/closure: the case is closed, with the reason.</summary>
public sealed record CloseIllegalTrafficCase(string Reason);

public static partial class IllegalTrafficCases
{
    /// <summary>
    /// The state that found it, or the state of export or of import, closes the case. Where the exporter or importer
    /// is at fault, not before the duty is met (Basel Art. 9(2)-(3)); a case with no attribution (e.g. found not to be
    /// illegal traffic: EU 2024/1157 Art. 3(26), minor clerical errors) or under cooperation (9(4)) closes with its reason.
    /// </summary>
    public static Decision Close(IllegalTrafficCase c, Actor actor, CloseIllegalTrafficCase command, DateTimeOffset now)
    {
        if (!IsExportOrImport(c, actor) && !actor.IsAuthorityOf(c.FoundBy))
        {
            return Decision.Refuse(new Refusal("not-state-of-export-or-import", "Basel Art. 9",
                "The state that found the illegal traffic, or the state of export or of import, closes the case.", RefusalKind.NotPermitted));
        }

        if (Closed(c) is { } closed) return Decision.Refuse(closed);
        if (c.Responsibility is { Party: not ResponsibleParty.Undetermined } r && !c.DutyMet)
        {
            return Decision.Refuse("duty-outstanding", r.Party == ResponsibleParty.Exporter ? "Basel Art. 9(2)" : "Basel Art. 9(3)",
                $"{r.ResponsibleState} has not yet ensured the take-back or disposal (due {r.DueAt:yyyy-MM-dd}).");
        }

        return Decision.Accept(new IllegalTrafficCaseClosed(c.Id, actor.State, command.Reason.Trim(), now));
    }
}
