using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>The shipment side's periods, per regime (docs/procedure.md "Control regimes"; docs/law.md 3.8, 3.11-3.13).</summary>
public static class ShipmentRules
{
    /// <summary>
    /// When receipt becomes overdue after departure. Basel Art. 6(9) sets no day count; we use the EU's 42 days
    /// "after the waste left" (Reg. 2024/1157 Art. 38(3)(e)) for every regime, so that the export authority is
    /// prompted to inform the state of import.
    /// </summary>
    public static readonly TimeSpan ReceiptExpectedWithin = TimeSpan.FromDays(42);

    public const string ReceiptBasis = "no receipt 42 days after departure: inform the state of import (Basel Art. 6(9); EU 2024/1157 Art. 38(3)(e))";
    public const string TakeBackBasis = "take-back within 90 days (Basel Art. 8; EU 2024/1157 Art. 22)";
    public const string IllegalTakeBackBasis = "take-back within 30 days, exporter at fault (Basel Art. 9(2); EU 2024/1157 Art. 25)";

    public static readonly TimeSpan TakeBackPeriod = TimeSpan.FromDays(90);
    public static readonly TimeSpan IllegalTakeBackPeriod = TimeSpan.FromDays(30);
    public const int CertificateDaysAfterCompletion = 30;

    /// <summary>OECD and EU: the operation is completed and certified within one year of receipt (EU Art. 9(6), 16(6)). Basel: "in due course".</summary>
    public static DateTimeOffset? CertificateDue(RegimeInfo regime, DateTimeOffset receivedAt) =>
        regime.Regime == ControlRegime.Basel ? null : receivedAt.AddYears(1);

    public static string CertificateBasis(RegimeInfo regime) => regime.Regime == ControlRegime.Oecd
        ? "certificate within one year of receipt (OECD C(2001)107)"
        : "certificate within one year of receipt (EU 2024/1157 Art. 9(6), 16(6))";

    /// <summary>
    /// By when the facility confirms receipt: EU 2024/1157 Art. 16(5) 2 working days; the OECD Decision 3 working
    /// days; Reg. 1013/2006 Art. 16(d) "within three days" (calendar days: the end of the third day after receipt);
    /// Basel sets no period (Art. 6(9)). Working days are those of the state of import, whose facility confirms.
    /// </summary>
    public static DateTimeOffset? ReceiptConfirmationDue(RegimeInfo regime, DateTimeOffset receivedAt, string stateOfImport, EuFlow? flow = null) => regime switch
    {
        // EU 2024/1157 Art. 44(2)(i), 53(2)(e): 3 working days in OECD flows; Art. 38(3)(f)(ii): three days for EFTA disposal.
        { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument } when EuFlows.ReceiptConfirmation(flow) is { } r => r.WorkingDays
            ? AddWorkingDays(receivedAt, r.Days, stateOfImport)
            : new DateTimeOffset(DateOnly.FromDateTime(receivedAt.UtcDateTime).AddDays(r.Days + 1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument } => AddWorkingDays(receivedAt, 2, stateOfImport),
        { Regime: ControlRegime.Eu } => new DateTimeOffset(DateOnly.FromDateTime(receivedAt.UtcDateTime).AddDays(4).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        { Regime: ControlRegime.Oecd } => AddWorkingDays(receivedAt, 3, stateOfImport),
        _ => null,
    };

    /// <summary>
    /// Whether a certificate is late: EU 2024/1157 Art. 16(6) and the OECD Decision ask for it within 30 days of
    /// completion; Basel Art. 6(9) only "in due course", so a Basel certificate is never flagged late.
    /// </summary>
    public static bool CertificateLate(RegimeInfo regime, DateTimeOffset completedAt, DateTimeOffset certifiedAt) =>
        regime.Regime != ControlRegime.Basel && certifiedAt > completedAt.AddDays(CertificateDaysAfterCompletion);

    /// <summary>EU 2024/1157 Art. 16(2): prior information at least 2 working days before departure (1013/2006 Art. 16(b): 3).</summary>
    public static int? PriorInformationWorkingDays(RegimeInfo regime) => regime switch
    {
        { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument } => 2,
        { Regime: ControlRegime.Eu } => 3,
        _ => null,
    };

    /// <summary>Whether a financial guarantee must be approved before the first shipment (EU Art. 7; otherwise where an authority required it, Basel Art. 6(11)).</summary>
    public static bool GuaranteeRequired(NotificationState n) =>
        n.Regime.Regime == ControlRegime.Eu || n.GuaranteeRequiredBy.Count > 0;

    /// <summary>Who approves the guarantee: EU the dispatch authority (Art. 7(1)); otherwise the states that required it.</summary>
    public static IReadOnlyList<string> GuaranteeApprovers(NotificationState n) =>
        n.Regime.Regime == ControlRegime.Eu ? [n.StateOfExport] : n.GuaranteeRequiredBy;

    public static bool IsInterim(string operation) => operation is "D13" or "D14" or "D15" or "R12" or "R13";

    public static DateTimeOffset AddWorkingDays(DateTimeOffset from, int days, string state) => WorkingDays.Shipped.AddWorkingDays(from, days, state);
}
