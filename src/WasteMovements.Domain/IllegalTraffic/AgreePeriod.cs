using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.IllegalTraffic;

/// <summary>POST /api/illegal-traffic-cases/{caseId}/agreed-period: another period for the duty, agreed by the states concerned.</summary>
public sealed record AgreeIllegalTrafficPeriod(int Days, IReadOnlyList<string> AgreedBy, string Details);

public static partial class IllegalTrafficCases
{
    /// <summary>
    /// Basel Art. 9(2)-(3): "within 30 days ... or such other period of time as the States concerned may agree"; EU
    /// 2024/1157 Art. 25. Recorded by the state of export or of import, naming the states that agreed (at least both),
    /// counted from the same information as the 30 days.
    /// </summary>
    public static Decision AgreePeriod(IllegalTrafficCase c, Actor actor, AgreeIllegalTrafficPeriod command, DateTimeOffset now)
    {
        if (!IsExportOrImport(c, actor))
        {
            return Decision.Refuse(new Refusal("not-state-of-export-or-import", "Basel Art. 9(2)-(3)",
                "The state of export or of import records a period the states concerned agreed.", RefusalKind.NotPermitted));
        }

        if (Closed(c) is { } closed) return Decision.Refuse(closed);
        if (c.Responsibility is not { Party: not ResponsibleParty.Undetermined } r)
        {
            return Decision.Refuse("no-duty-attributed", "Basel Art. 9(2)-(3)", "A period is agreed for the duty of the exporter's or importer's state; no such duty is attributed.");
        }

        var agreed = command.AgreedBy.Select(x => x.Trim().ToUpperInvariant()).Append(actor.State).ToHashSet();
        var missing = new[] { c.StateOfExport, c.StateOfImport }.Where(x => !agreed.Contains(x)).ToArray();
        if (missing.Length > 0)
        {
            return Decision.Refuse("period-not-agreed", "Basel Art. 9(2)-(3)", $"Another period is one the states concerned agreed; {string.Join(", ", missing)} did not.");
        }

        if (agreed.FirstOrDefault(x => !c.Concerns(x)) is { } stranger)
        {
            return Decision.Refuse("period-not-agreed", "Basel Art. 9(2)-(3)", $"{stranger} is not a state concerned by case {c.Id}.");
        }

        if (command.Days is < 1 or > Shipments.Shipping.LongestAgreedTakeBackDays)
        {
            return Decision.Refuse("period-out-of-range", "Basel Art. 9(2)-(3)", $"An agreed period is between 1 and {Shipments.Shipping.LongestAgreedTakeBackDays} days.");
        }

        return Decision.Accept(new IllegalTrafficPeriodAgreed(c.Id, actor.State, agreed.Order(StringComparer.Ordinal).ToArray(), command.Days, command.Details.Trim(),
            r.InformedAt + TimeSpan.FromDays(command.Days), now));
    }
}
