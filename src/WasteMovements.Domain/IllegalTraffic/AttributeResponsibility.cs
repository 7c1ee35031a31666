using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.IllegalTraffic;

/// <summary>POST /api/illegal-traffic-cases/{caseId}/responsibility: who caused it, and when the responsible state was informed.</summary>
public sealed record AttributeResponsibility(ResponsibleParty Party, DateTimeOffset InformedAt, string Details);

public static partial class IllegalTrafficCases
{
    /// <summary>Basel Art. 9(2)-(3): 30 days for the duty, unless the states concerned agree another period.</summary>
    public static readonly TimeSpan DutyPeriod = TimeSpan.FromDays(30);

    public const string ExporterBasis = "take-back or other disposal within 30 days of the state of export being informed (Basel Art. 9(2); EU 2024/1157 Art. 25(2), 25(5))";
    public const string ImporterBasis = "environmentally sound disposal within 30 days of the matter coming to the state of import's attention (Basel Art. 9(3); EU 2024/1157 Art. 25(8))";
    public const string CooperationBasis = "cooperation so that the waste is disposed of in an environmentally sound manner as soon as possible (Basel Art. 9(4); EU 2024/1157 Art. 25(10))";

    /// <summary>
    /// The state of export or of import records whom the states concerned hold responsible (Basel Art. 9(2)-(4)). The
    /// 30 days run from when the state of export was informed (9(2)) or the matter came to the state of import's
    /// attention (9(3)): that date is part of the fact, not the time it was typed in. A later attribution replaces an
    /// earlier one while the duty is not met.
    /// </summary>
    public static Decision Attribute(IllegalTrafficCase c, Actor actor, AttributeResponsibility command, DateTimeOffset now)
    {
        if (!IsExportOrImport(c, actor))
        {
            return Decision.Refuse(new Refusal("not-state-of-export-or-import", "Basel Art. 9(2)-(4)",
                $"The state of export ({c.StateOfExport}) or of import ({c.StateOfImport}) records the responsibility.", RefusalKind.NotPermitted));
        }

        if (Closed(c) is { } closed) return Decision.Refuse(closed);
        if (c.DutyMet) return Decision.Refuse("duty-already-met", "Basel Art. 9(2)-(3)", $"The waste of case {c.Id} was already taken back or disposed of.");
        if (command.InformedAt > now.AddHours(1)) return Decision.Refuse("information-in-the-future", "Basel Art. 9(2)-(3)", "The date informed is one that has passed.");
        if (command.InformedAt < c.FoundAt)
        {
            return Decision.Refuse("information-before-finding", "Basel Art. 9(2)-(3)",
                $"The illegal traffic was found on {c.FoundAt:yyyy-MM-dd}; no state was informed of it on {command.InformedAt:yyyy-MM-dd}.");
        }

        var (state, basis) = command.Party switch
        {
            ResponsibleParty.Exporter => (c.StateOfExport, ExporterBasis),
            ResponsibleParty.Importer => (c.StateOfImport, ImporterBasis),
            _ => ("", CooperationBasis),
        };
        DateTimeOffset? due = command.Party == ResponsibleParty.Undetermined ? null : command.InformedAt + DutyPeriod;
        return Decision.Accept(new ResponsibilityAttributed(c.Id, actor.State, command.Party, state, command.InformedAt, due, basis, command.Details.Trim(), now));
    }
}
