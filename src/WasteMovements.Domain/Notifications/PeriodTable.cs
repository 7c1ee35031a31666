using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Notifications;

/// <summary>One period of the procedure: regime, role, step, period and how it is counted, with its article.</summary>
public sealed record PeriodRow(string Regime, string Role, string Step, string Period, string Counted, string Article);

/// <summary>
/// The periods table of docs/procedure.md ("Periods by regime, role and step"), built from the constants the rules
/// use, so the document cannot drift from the code (a domain test compares the two).
/// </summary>
public static class PeriodTable
{
    private const string Calendar = "calendar days, to the end of the last day, no roll-over";
    private const string Eu1182 = "calendar days, to the end of the last day, rolled over to the acting state's next working day (1182/71 Art. 3(4))";
    private const string Working = "working days of the acting state (1182/71 Art. 3(3) under EU law)";

    public static IReadOnlyList<PeriodRow> Rows { get; } =
    [
        new("Basel", "import, transit", "acknowledge", "promptly", "no day count", "Basel Art. 6(4)"),
        new("Basel", "transit", "decide (silence is consent where declared)", $"{RegimeRules.BaselTransitDays} days from receipt, lengthened by its own open requests", Calendar, "Basel Art. 6(4)"),
        new("Basel", "import", "decide", "none: written answer", "no day count", "Basel Art. 6(2)"),
        new("OECD", "import, transit", "acknowledge", $"{RegimeRules.AcknowledgementWorkingDays} working days from receipt", Working, "OECD C(2001)107"),
        new("OECD", "import, transit", "decide (silence is consent)", $"{RegimeRules.OecdEuDecisionDays} days from the destination's acknowledgement, lengthened by its own open requests", Calendar, "OECD C(2001)107"),
        new("OECD", "import, transit", "decide, pre-consented facility", $"{RegimeRules.PreconsentedWorkingDays} working days from the acknowledgement", Working, "OECD C(2001)107"),
        new("EU 2024/1157", "destination, transit", "say it is satisfied (acknowledge)", $"{RegimeRules.AcknowledgementWorkingDays} working days from receipt", Working, "EU 2024/1157 Art. 8(11)"),
        new("EU 2024/1157", "destination, transit", "ask for information", $"a request and at most {Procedure.EuMaximumRequests - 1} further requests", "no day count in the engine", "EU 2024/1157 Art. 8(7)-(9)"),
        new("EU 2024/1157", "destination", "inform all: properly completed", "immediately, once every authority concerned is satisfied and no request is open", "no day count", "EU 2024/1157 Art. 8(12)"),
        new("EU 2024/1157", "dispatch, destination, transit", "decide (transit: silence is consent)", $"{RegimeRules.OecdEuDecisionDays} days from the Art. 8(12) information, no pause", Eu1182, "EU 2024/1157 Art. 9(1)"),
        new("EU 2024/1157", "dispatch, destination, transit", "lift an objection (recovery)", "within its decision period; one still standing at its end ends the notification", "as the decision period", "EU 2024/1157 Art. 12(3), 12(4)"),
        new("EU 2024/1157", "dispatch, destination, transit", "decide, pre-consented facility", $"{RegimeRules.PreconsentedWorkingDays} working days from the Art. 8(12) information", Working, "EU 2024/1157 Art. 14(14)"),
        new("EU 1013/2006", "dispatch, destination, transit", "decide (transit: silence is consent)", $"{RegimeRules.OecdEuDecisionDays} days from the destination's acknowledgement, no pause", Eu1182, "EC 1013/2006 Art. 9(1); EU 2024/1157 Art. 85(3)"),
        new("EU 1013/2006", "facility", "complete treatment under the consent",
            $"by {ShipmentRules.TreatmentEndsBy(new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2006Instrument), false):yyyy-MM-dd} (pre-consented facility {ShipmentRules.TreatmentEndsBy(new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2006Instrument), true):yyyy-MM-dd})",
            "a date", "EU 2024/1157 Art. 85(5), 85(6)"),
    ];

    public const string Start = "<!-- period-table:start (generated from PeriodTable.cs; a domain test checks it) -->";
    public const string End = "<!-- period-table:end -->";

    public static string Markdown() =>
        string.Join("\n", new[]
        {
            "| Regime | Role | Step | Period | Counted | Article |",
            "|---|---|---|---|---|---|",
        }.Concat(Rows.Select(r => $"| {r.Regime} | {r.Role} | {r.Step} | {r.Period} | {r.Counted} | {r.Article} |")));
}
