using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.IllegalTraffic;

/// <summary>POST /api/illegal-traffic-cases/{caseId}/take-back: the state of export records that the waste was taken back.</summary>
public sealed record RecordIllegalTrafficTakeBack(DateTimeOffset ReturnedAt);

public static partial class IllegalTrafficCases
{
    /// <summary>Basel Art. 9(2)(a): where the exporter or generator is at fault, the state of export ensures the waste is taken back.</summary>
    public static Decision TakeBack(IllegalTrafficCase c, Actor actor, RecordIllegalTrafficTakeBack command, DateTimeOffset now)
    {
        if (!actor.IsAuthorityOf(c.StateOfExport))
        {
            return Decision.Refuse(new Refusal("not-state-of-export", "Basel Art. 9(2)(a)",
                $"The state of export ({c.StateOfExport}) records the take-back.", RefusalKind.NotPermitted));
        }

        if (Closed(c) is { } closed) return Decision.Refuse(closed);
        if (c.Responsibility is not { Party: ResponsibleParty.Exporter })
        {
            return Decision.Refuse("take-back-not-the-duty", "Basel Art. 9(2)(a)",
                "Take-back into the state of export is the duty where the exporter or generator is at fault; attribute that responsibility first.");
        }

        if (c.DutyMet) return Decision.Refuse("duty-already-met", "Basel Art. 9(2)", $"The waste of case {c.Id} was already taken back or disposed of.");
        if (command.ReturnedAt > now.AddHours(1)) return Decision.Refuse("return-in-the-future", "Basel Art. 9(2)(a)", "A take-back is recorded once it happened.");
        return Decision.Accept(new WasteTakenBack(c.Id, actor.State, command.ReturnedAt, now));
    }
}
