using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.PreconsentedFacilities;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// A notification to a pre-consented facility (EU 2024/1157 Art. 14) after consent: a change (Art. 17) and a
/// renotification (Art. 9(3)) pass the filing checks with the register entry the particulars name, as it stands on
/// the day of the change or renotification.
/// </summary>
public sealed class PreconsentChangeTests
{
    private static readonly DateTimeOffset T0 = Given.Now;
    private static readonly Actor De = Actor.Authority("officer.de", "DE");

    private static readonly Carrier NewCarrier = new("Nordsee Transporte GmbH", "Kai 4, Bremerhaven", "DE-CAR-91", new ContactPerson("Dispatch", null, null), ["road"]);

    /// <summary>An EU notification DE -> NL through BE claiming entry NL-PC-0001, consented by all three (Art. 9(1)).</summary>
    private static NotificationState Consented(PreconsentedFacilityEntry entry)
    {
        var p = Samples.Notification("DE", "NL", ["BE"]) with { PreconsentEntry = entry.EntryId };
        var filed = Given.Single<NotificationFiled>(Filing.File(new NewNotification("DE-2026-000001", Given.Registry, entry), De, p, T0));
        var from = TestStart.Day(8);
        var until = from.AddYears(1).AddDays(-1);
        return Given.That(NotificationEvolution.Create(filed),
            new NotificationAcknowledged("NL", AuthorityRole.Import, T0), new NotificationAcknowledged("BE", AuthorityRole.Transit, T0),
            new ConsentGranted("DE", AuthorityRole.Export, [], from, until, false, T0),
            new ConsentGranted("NL", AuthorityRole.Import, [], from, until, true, T0),
            new ConsentGranted("BE", AuthorityRole.Transit, [], from, until, false, T0),
            new FinancialGuaranteeRecorded(GuaranteeKind.Guarantee, "Bank", "G-1", 250000m, "EUR", "Transport and recovery", until.AddYears(1), T0),
            new FinancialGuaranteeApproved("DE", T0));
    }

    private static ChangeOfParticulars CarrierChange() => new("Trans Europa Logistik lost its licence", Carriers: [NewCarrier]);

    [Fact]
    public void A_change_to_a_pre_consented_notification_is_checked_with_its_register_entry_EU_Art_17_1_and_14()
    {
        var entry = PreconsentRegisterTests.Registered();
        var n = Consented(entry);
        Assert.Equal("NL-PC-0001", n.Preconsent!.EntryId);

        var recorded = Given.Single<NotificationChangeRecorded>(Procedure.RecordChange(n, De, new RecordChange(CarrierChange(), Given.Registry, entry), T0.AddDays(1)));
        Assert.Equal("NL-PC-0001", recorded.Particulars.PreconsentEntry);
        // Without the entry the claim stands on nothing: the endpoint must load it.
        Given.Refused(Procedure.RecordChange(n, De, new RecordChange(CarrierChange(), Given.Registry), T0.AddDays(1)), "preconsent-not-in-register", "EU 2024/1157 Art. 14(6), (14)");
    }

    [Fact]
    public void A_change_naming_an_entry_revoked_since_consent_is_refused_EU_Art_14_10()
    {
        var entry = PreconsentRegisterTests.Registered();
        var n = Consented(entry);
        var revoked = PreconsentRegisterTests.Entry(
            new PreconsentedFacilityRegistered(entry.EntryId, entry.State, entry.Terms, entry.DecisionReference, entry.RegisteredAt),
            new PreconsentRevoked(entry.EntryId, "Inspection found the permit suspended", T0.AddDays(1)));

        var refused = Procedure.RecordChange(n, De, new RecordChange(CarrierChange(), Given.Registry, revoked), T0.AddDays(2));
        Given.Refused(refused, "preconsent-not-in-force", "EU 2024/1157 Art. 14(9)-(10)");
    }

    [Fact]
    public void A_renotification_of_a_pre_consented_notification_keeps_the_pre_consent_and_its_7_working_days_EU_Art_9_3_and_14_14()
    {
        var entry = PreconsentRegisterTests.Registered();
        var earlier = Consented(entry);
        var change = new ChangeOfParticulars("Next year", FirstDeparture: TestStart.Day(400), LastDeparture: TestStart.Day(700));

        Assert.Null(Procedure.CheckRenotification(earlier, De, change, Given.Registry, T0, entry));
        var filed = Given.Single<NotificationFiled>(Procedure.Renotify(new RenotificationBasis(earlier, "DE-2026-000002", Given.Registry, entry), De, change, T0));
        Assert.Equal("NL-PC-0001", filed.Preconsent!.EntryId);
        Assert.Equal("DE-2026-000001", filed.Renotifies!.Predecessor);

        var n = Given.That(NotificationEvolution.Create(filed), new NotificationAcknowledged("NL", AuthorityRole.Import, T0), new NotificationCompletenessConfirmed("NL", T0));
        Assert.True(n.PreconsentedFacility);
        var deadline = RegimeRules.Decision(n, n.AuthorityOf("NL")!, WorkingDays.Shipped)!;
        Assert.Equal(WorkingDays.Shipped.AddWorkingDays(T0, RegimeRules.PreconsentedWorkingDays, "NL"), deadline.DueAt);
        Assert.Contains("EU 2024/1157 Art. 14(14)", deadline.Basis);

        // Without the entry the renotification is refused, as a filing would be.
        Given.Refused(Procedure.Renotify(new RenotificationBasis(earlier, "DE-2026-000002", Given.Registry), De, change, T0), "preconsent-not-in-register", "EU 2024/1157 Art. 14(6), (14)");
    }
}
