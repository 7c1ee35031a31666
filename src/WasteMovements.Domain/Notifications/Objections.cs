using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// EU 2024/1157 Art. 12: under the Regulation a "refusal" of a shipment for recovery is an objection. It does not
/// end the file at once: the authority may lift it within the decision period (Art. 12(3) [K]), and an objection
/// still standing when the 30 days end makes the notification cease to be valid (Art. 12(4)). Disposal refusals
/// (Art. 11), Basel, OECD and 1013/2006 refusals end the procedure as before (docs/law.md 3.5).
/// </summary>
public static class Objections
{
    public const string Article123 = "EU 2024/1157 Art. 12(3)";
    public const string Article124 = "EU 2024/1157 Art. 12(4)";

    /// <summary>Whether a refusal on this file is an Art. 12 objection: 2024/1157 and a recovery operation.</summary>
    public static bool Apply(NotificationState n) =>
        n.Regime is { Regime: ControlRegime.Eu, Instrument: RegimeInfo.Eu2024Instrument } && CodeListCatalog.IsRecovery(n.Particulars.Operation);
}
