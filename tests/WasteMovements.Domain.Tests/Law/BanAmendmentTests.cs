using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// Issue 13 item 3: the scope of the Ban Amendment (Basel Art. 4A) and territories read as their state
/// (Annex VII lists states; EU 2024/1157 Art. 32, 36, 49). Each test names its article.
/// </summary>
public sealed class BanAmendmentTests
{
    private static readonly DateTimeOffset T0 = Given.Now;

    private static Decision File(NotificationParticulars p, CountryRegistry? registry = null) =>
        Filing.File(new NewNotification($"{p.StateOfExport}-2026-000001", registry ?? Given.Registry), Actor.Authority("alice", p.StateOfExport), p, T0);

    /// <summary>Household waste (Annex II, Y46): not hazardous under Art. 1(1)(a).</summary>
    private static NotificationParticulars OtherWaste(string export, string import, string operation)
    {
        var p = Samples.Notification(export, import, operation: operation);
        return p with { Waste = p.Waste with { YCodes = ["Y46"], BaselCode = null, HCodes = [] } };
    }

    private static CountryRegistry IndiaDefines(string? source) => Given.RegistryWith(Given.Registry.Find("IN")! with
    {
        NationalDefinitions = [new NationalDefinition(["Y46"], source)],
    });

    [Fact]
    public void Hazardous_waste_for_disposal_is_banned_to_a_non_Annex_VII_state_Basel_Art_4A_1() =>
        Given.Refused(File(Samples.Notification("DE", "IN", operation: "D10")), "ban-amendment", "Basel Art. 4A(1)");

    [Fact]
    public void Art_1_1_a_hazardous_waste_for_recovery_is_banned_to_a_non_Annex_VII_state_Basel_Art_4A_2() =>
        Given.Refused(File(Samples.Notification("NO", "IN", operation: "R4")), "ban-amendment-recovery", "Basel Art. 4A(2)");

    [Fact]
    public void Waste_hazardous_under_a_national_definition_is_banned_for_disposal_Basel_Art_4A_1_and_1_1_b()
    {
        Given.Refused(File(OtherWaste("NO", "IN", "D10"), IndiaDefines("Art. 3 notification (test)")),
            "ban-amendment-national-definition", "Basel Art. 4A(1), 1(1)(b)");
        // Art. 4A(2) reaches only Art. 1(1)(a) wastes: the same waste may go for recovery.
        Given.Single<NotificationFiled>(File(OtherWaste("NO", "IN", "R4"), IndiaDefines("Art. 3 notification (test)")));
        // A definition without a source is not used as a rule.
        Given.Single<NotificationFiled>(File(OtherWaste("NO", "IN", "D10"), IndiaDefines(null)));
    }

    [Fact]
    public void From_the_Union_a_destination_definition_bans_recovery_too_EU_Art_39_1_i() =>
        Given.Refused(File(OtherWaste("DE", "IN", "R4"), IndiaDefines("Art. 3 notification (test)")),
            "eu-export-ban-national-definition", "EU 2024/1157 Art. 39(1)(i)");

    [Fact]
    public void A_dependent_territory_is_read_as_its_state_Basel_Annex_VII()
    {
        // Greenland is part of the Kingdom of Denmark, an Annex VII Party bound by the ban.
        Assert.True(Given.Registry.Effective("GL")!.AnnexVII);
        Given.Refused(File(Samples.Notification("GL", "IN", operation: "D10")), "ban-amendment", "Basel Art. 4A(1)");
        // ... and a destination in Greenland is not a non-Annex VII state.
        Given.Single<NotificationFiled>(File(Samples.Notification("NO", "GL", operation: "D10")));
    }

    [Fact]
    public void From_France_to_Reunion_is_no_export_but_transport_within_a_Member_State_Basel_Art_2_3_EU_Art_36()
    {
        Given.Refused(File(Samples.Notification("FR", "RE", operation: "D10")), "same-state-movement", "Basel Art. 2(3); EU 2024/1157 Art. 36");
        // Through another Member State it is a shipment (Art. 32), and the ban does not apply: it is not an export.
        var filed = Given.Single<NotificationFiled>(File(Samples.Notification("FR", "RE", ["ES"], operation: "D10")));
        Assert.Equal(EuFlow.OutermostRegion, filed.Flow);
    }

    [Fact]
    public void To_an_overseas_country_or_territory_disposal_is_banned_and_Art_39_applies_to_recovery_EU_Art_49()
    {
        Given.Refused(File(Samples.Notification("FR", "NC", operation: "D10")), "eu-export-to-oct-for-disposal", "EU 2024/1157 Art. 49(1)");
        Given.Refused(File(Samples.Notification("FR", "NC", operation: "R4")), "eu-export-ban-hazardous", "EU 2024/1157 Art. 49(2), 39(1)");
        var filed = Given.Single<NotificationFiled>(File(OtherWaste("FR", "NC", "R4")));
        Assert.Equal(EuFlow.ExportToOverseasTerritory, filed.Flow);
    }
}
