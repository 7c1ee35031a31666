using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.IllegalTraffic;

/// <summary>What an authority has to do on an illegal-traffic case now: attribute it, meet the duty by its deadline, or cooperate.</summary>
public static class CaseInbox
{
    public const string Attribute = "attribute-illegal-traffic";
    public const string TakeBackOrDispose = "illegal-traffic-take-back";
    public const string Dispose = "illegal-traffic-disposal";
    public const string Cooperate = "illegal-traffic-cooperation";

    public static IEnumerable<InboxItem> For(IllegalTrafficCase c, string country, DateTimeOffset now)
    {
        if (c.IsClosed) yield break;
        var role = string.Equals(country, c.StateOfExport, StringComparison.OrdinalIgnoreCase) ? AuthorityRole.Export
            : string.Equals(country, c.StateOfImport, StringComparison.OrdinalIgnoreCase) ? AuthorityRole.Import
            : AuthorityRole.Transit;
        var what = $"illegal traffic {c.Id} ({c.Cause}, {c.StateOfExport} -> {c.StateOfImport}): {c.WasteDescription}";
        if (c.Responsibility is null && role != AuthorityRole.Transit)
        {
            yield return new InboxItem(c.Id, Attribute, country, role, null, "Basel Art. 9(2)-(4)", false, false, null, $"Attribute responsibility for {what}");
            yield break;
        }

        if (c.Responsibility is not { } r || c.DutyMet) yield break;
        if (r.Party == ResponsibleParty.Undetermined)
        {
            if (role != AuthorityRole.Transit) yield return new InboxItem(c.Id, Cooperate, country, role, null, r.Basis, false, false, null, $"Cooperate on the disposal of {what}");
        }
        else if (string.Equals(r.ResponsibleState, country, StringComparison.OrdinalIgnoreCase))
        {
            yield return new InboxItem(c.Id, r.Party == ResponsibleParty.Exporter ? TakeBackOrDispose : Dispose, country, role, r.DueAt, r.Basis,
                r.DueAt < now, false, null,
                r.Party == ResponsibleParty.Exporter ? $"Ensure take-back or other disposal of {what}" : $"Ensure environmentally sound disposal of {what}");
        }
    }
}
