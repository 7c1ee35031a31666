using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>
/// POST /api/shipments/{id}/take-back/information: the date the state of export was informed that the waste must be
/// taken back (Basel Art. 8: by the state of import, and the Secretariat), from which the period runs.
/// </summary>
public sealed record RecordTakeBackInformation(DateTimeOffset InformedAt, bool SecretariatInformed);

/// <summary>POST /api/shipments/{id}/take-back/agreed-period: another period the states concerned agreed, in days from the information.</summary>
public sealed record AgreeTakeBackPeriod(int Days, IReadOnlyList<string> AgreedBy, string Details);

/// <summary>When the take-back period starts and how long it is: recorded facts, each with its date (Basel Art. 8, 9(2); EU 2024/1157 Art. 22, 25).</summary>
public static partial class Shipping
{
    /// <summary>The longest period the states may record as agreed: two years (a bound of the system, not of the law).</summary>
    public const int LongestAgreedTakeBackDays = 730;

    /// <summary>The period the law sets for this take-back when no other is agreed: 30 days for illegal traffic (Art. 9(2)), 90 otherwise (Art. 8).</summary>
    public static TimeSpan StatutoryPeriod(TakeBack t) =>
        t.Basis == ShipmentRules.IllegalTakeBackBasis ? ShipmentRules.IllegalTakeBackPeriod : ShipmentRules.TakeBackPeriod;

    /// <summary>
    /// Basel Art. 8: the 90 days run "from the time that the importing State informed the State of export and the
    /// Secretariat" (EU 2024/1157 Art. 22(2): from when the authority of dispatch became aware or was advised in writing).
    /// The state of import records when it informed; until then the period runs from the rejection or report.
    /// For illegal traffic (Art. 9(2)) the state that informed the state of export records it.
    /// </summary>
    public static Decision InformTakeBack(ShipmentFile f, Actor actor, RecordTakeBackInformation c, DateTimeOffset now)
    {
        var (s, n) = f;
        if (s.PendingTakeBack is not { } t) return Decision.Refuse("no-take-back-pending", "Basel Art. 8", $"Shipment {s.Id} has no pending take-back.");
        var illegal = t.Basis == ShipmentRules.IllegalTakeBackBasis;
        var informs = illegal ? n.Concerns(actor.State) && !actor.IsAuthorityOf(n.StateOfExport) : actor.IsAuthorityOf(n.StateOfImport);
        if (!informs)
        {
            return Decision.Refuse(new Refusal("not-the-informing-state", illegal ? "Basel Art. 9(2)" : "Basel Art. 8",
                illegal ? "A state concerned other than the state of export records when it informed the state of export."
                    : $"The state of import ({n.StateOfImport}) informs the state of export that the waste must be taken back.", RefusalKind.NotPermitted));
        }

        if (c.InformedAt > now.AddHours(1))
        {
            return Decision.Refuse("information-in-the-future", "Basel Art. 8", "The information is recorded once it was given.");
        }

        if (c.InformedAt < t.InformedAt && t.InformedBy is null)
        {
            return Decision.Refuse("information-before-take-back", "Basel Art. 8",
                $"The take-back arose on {t.InformedAt:yyyy-MM-dd}; the state of export cannot have been informed of it on {c.InformedAt:yyyy-MM-dd}.");
        }

        var due = c.InformedAt + (t.AgreedDays is { } days ? TimeSpan.FromDays(days) : StatutoryPeriod(t));
        return Decision.Accept(new TakeBackInformationRecorded(n.Id, s.Id, actor.State, c.InformedAt, c.SecretariatInformed, due, now));
    }

    /// <summary>
    /// Basel Art. 8 ("or such other period of time as the States concerned may agree"), 9(2); EU 2024/1157 Art. 22(2),
    /// 25(2): the state of export or of import records another period both agreed, counted from the information.
    /// </summary>
    public static Decision AgreeTakeBackPeriod(ShipmentFile f, Actor actor, AgreeTakeBackPeriod c, DateTimeOffset now)
    {
        var (s, n) = f;
        var article = n.Regime.Regime == ControlRegime.Eu ? "Basel Art. 8; EU 2024/1157 Art. 22(2)" : "Basel Art. 8";
        if (!actor.IsAuthorityOf(n.StateOfExport) && !actor.IsAuthorityOf(n.StateOfImport))
        {
            return Decision.Refuse(new Refusal("not-state-of-export-or-import", article,
                "The state of export or of import records a take-back period the states concerned agreed.", RefusalKind.NotPermitted));
        }

        if (s.PendingTakeBack is not { } t) return Decision.Refuse("no-take-back-pending", "Basel Art. 8", $"Shipment {s.Id} has no pending take-back.");
        var agreed = c.AgreedBy.Select(x => x.Trim().ToUpperInvariant()).Append(actor.State).ToHashSet();
        var missing = new[] { n.StateOfExport, n.StateOfImport }.Where(x => !agreed.Contains(x)).ToArray();
        if (missing.Length > 0)
        {
            return Decision.Refuse("take-back-period-not-agreed", article,
                $"Another take-back period is one the states concerned agreed; {string.Join(", ", missing)} did not.");
        }

        if (agreed.FirstOrDefault(x => !n.Concerns(x)) is { } stranger)
        {
            return Decision.Refuse("take-back-period-not-agreed", article, $"{stranger} is not a state concerned by notification {n.Id}.");
        }

        if (c.Days is < 1 or > LongestAgreedTakeBackDays)
        {
            return Decision.Refuse("take-back-period-out-of-range", article, $"An agreed period is between 1 and {LongestAgreedTakeBackDays} days.");
        }

        return Decision.Accept(new TakeBackPeriodAgreed(n.Id, s.Id, actor.State, agreed.Order(StringComparer.Ordinal).ToArray(), c.Days, c.Details.Trim(),
            t.InformedAt + TimeSpan.FromDays(c.Days), now));
    }
}
