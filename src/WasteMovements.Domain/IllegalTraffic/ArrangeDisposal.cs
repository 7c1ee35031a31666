using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.IllegalTraffic;

/// <summary>POST /api/illegal-traffic-cases/{caseId}/disposal: the waste is disposed of, in an environmentally sound manner, at the facility named.</summary>
public sealed record ArrangeIllegalTrafficDisposal(string Facility, string Operation, string Details);

public static partial class IllegalTrafficCases
{
    /// <summary>
    /// Who arranges the disposal follows from the responsibility: the state of export "otherwise disposed of" where the
    /// exporter is at fault (Basel Art. 9(2)(b)), the state of import where the importer is (9(3)), either where it is
    /// undetermined (9(4): cooperation).
    /// </summary>
    public static Decision ArrangeDisposal(IllegalTrafficCase c, Actor actor, ArrangeIllegalTrafficDisposal command, DateTimeOffset now)
    {
        if (c.Responsibility is not { } r)
        {
            return Decision.Refuse(IsExportOrImport(c, actor)
                ? new Refusal("responsibility-not-attributed", "Basel Art. 9(2)-(4)", "Attribute the responsibility first: it says which state ensures the disposal.")
                : new Refusal("not-state-of-export-or-import", "Basel Art. 9(2)-(4)", "The state of export or of import arranges the disposal.", RefusalKind.NotPermitted));
        }

        var (allowed, article) = r.Party switch
        {
            ResponsibleParty.Exporter => (actor.IsAuthorityOf(c.StateOfExport), "Basel Art. 9(2)(b)"),
            ResponsibleParty.Importer => (actor.IsAuthorityOf(c.StateOfImport), "Basel Art. 9(3)"),
            _ => (IsExportOrImport(c, actor), "Basel Art. 9(4)"),
        };
        if (!allowed)
        {
            return Decision.Refuse(new Refusal("not-the-responsible-state", article,
                r.Party == ResponsibleParty.Undetermined ? "The state of export or of import arranges the disposal." : $"{r.ResponsibleState} ensures the disposal.",
                RefusalKind.NotPermitted));
        }

        if (Closed(c) is { } closed) return Decision.Refuse(closed);
        if (c.DutyMet) return Decision.Refuse("duty-already-met", article, $"The waste of case {c.Id} was already taken back or disposed of.");
        return Decision.Accept(new AlternativeDisposalArranged(c.Id, actor.State, command.Facility.Trim(), command.Operation.Trim().ToUpperInvariant(), command.Details.Trim(), now));
    }
}
