using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Domain.Notifications;

/// <summary>
/// What a renotification starts from: the earlier notification, the new number, the registry in force, and the records
/// the new particulars name, loaded by the endpoint as for a filing: the pre-consent register entry as it stands today
/// (EU 2024/1157 Art. 14) and the notification an onward delivery follows (Art. 15(7)-(8)).
/// </summary>
public sealed record RenotificationBasis(NotificationState Predecessor, string Number, CountryRegistry Registry,
    PreconsentedFacilityEntry? Preconsent = null, NotificationState? Earlier = null);

public static class Renotification
{
    /// <summary>
    /// EU 2024/1157 Art. 9(3): a notification to ship, compared to a consented notification, the same type of waste from
    /// the same location to the same consignee and facility through the same transit countries. Returns the items in
    /// which the renotification differs from that; none means it is such a repeat.
    /// </summary>
    public static IReadOnlyList<string> DifferencesFromRepeat(NotificationParticulars before, NotificationParticulars after)
    {
        var differences = new List<string>();
        if (!before.AllWasteCodes().SequenceEqual(after.AllWasteCodes()) || before.Waste.Designation != after.Waste.Designation) differences.Add("waste");
        if (!before.Generators.Select(g => g.SiteOfGeneration).SequenceEqual(after.Generators.Select(g => g.SiteOfGeneration))) differences.Add("location of dispatch");
        if (before.Consignee.Name != after.Consignee.Name || before.Consignee.RegistrationNumber != after.Consignee.RegistrationNumber) differences.Add("consignee");
        if (before.Facility.Id != after.Facility.Id || before.Facility.SiteAddress != after.Facility.SiteAddress) differences.Add("facility");
        if (!before.Transits.Select(t => t.State).SequenceEqual(after.Transits.Select(t => t.State))) differences.Add("countries of transit");
        return differences;
    }

    /// <summary>Whether the earlier notification was consented at some point (its consents are still on the file).</summary>
    public static bool WasConsented(NotificationState n) =>
        n.Status is NotificationStatus.Consented or NotificationStatus.Expired or NotificationStatus.Withdrawn
        || (n.Status is NotificationStatus.Closed or NotificationStatus.Cancelled && n.AllConsentsGiven);
}

public static partial class Procedure
{
    /// <summary>
    /// A renotification: a new notification (Basel Art. 6(1); EU 2024/1157 Art. 5) filed by the state of export of an
    /// earlier one, whose particulars are the earlier one's with the changes given, linked to it. It is needed where a
    /// change is essential and an authority requires it (Art. 17(2)), where a change involves other authorities
    /// (Art. 17(3)), where objections were not resolved (Art. 12(4)) or for shipments after the consent's validity
    /// (Art. 9(4)-(5)). Where it repeats a consented notification (same waste, location, consignee, facility, transit,
    /// Art. 9(3)) the authorities take the earlier information into account and decide as soon as possible.
    /// </summary>
    public static Decision Renotify(RenotificationBasis basis, Actor actor, ChangeOfParticulars changes, DateTimeOffset now)
    {
        if (CheckRenotification(basis.Predecessor, actor, changes, basis.Registry, now, basis.Preconsent, basis.Earlier) is { } refusal) return Decision.Refuse(refusal);
        var before = basis.Predecessor.Particulars;
        var after = changes.ApplyTo(before);
        var link = new RenotificationLink(basis.Predecessor.Id, Renotification.WasConsented(basis.Predecessor) && Renotification.DifferencesFromRepeat(before, after).Count == 0,
            Renotification.DifferencesFromRepeat(before, after), changes.Reason.Trim());
        // A new notification: it records the pre-consent entry it was checked against, as any filing does, so the 7 working
        // days (EU 2024/1157 Art. 14(14)) and the 3 years (Art. 14(12)) apply to it.
        return Decision.Accept(Filing.Filed(after, basis.Number, basis.Registry, now, basis.Preconsent) with { Renotifies = link });
    }

    /// <summary>The checks of <see cref="Renotify"/>, run before a number of the state's sequence is spent.</summary>
    public static Refusal? CheckRenotification(NotificationState predecessor, Actor actor, ChangeOfParticulars changes, CountryRegistry registry, DateTimeOffset now,
        PreconsentedFacilityEntry? preconsent = null, NotificationState? earlier = null)
    {
        if (OnlyStateOfExport(predecessor, actor, "renotifies its notification") is { } notExport) return notExport;
        if (predecessor.PendingChange is { } pending)
        {
            return new Refusal("change-pending-renotification", "EU 2024/1157 Art. 17(2)",
                $"Change {pending.ChangeId} of {predecessor.Id} still waits for the authorities' answers: a new notification is required only once one of them says so.");
        }

        // The new notification's claim of pre-consent stands on the entry in force on its filing date (EU 2024/1157 Art. 14(9)-(10)).
        return Filing.Check(changes.ApplyTo(predecessor.Particulars), actor, registry, now, preconsent, earlier);
    }
}
