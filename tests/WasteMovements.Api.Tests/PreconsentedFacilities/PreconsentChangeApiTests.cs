using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Tests.PreconsentedFacilities;

/// <summary>
/// A notification to a pre-consented facility after consent, over HTTP: the change (EU 2024/1157 Art. 17) and the
/// renotification (Art. 9(3)) endpoints load the register entry the particulars name (Art. 14), as the filing does.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PreconsentChangeApiTests(ApiFixture api)
{
    private static readonly Carrier Nordsee = new("Nordsee Transporte GmbH", "Kai 4, 27568 Bremerhaven", "DE-CAR-91", new ContactPerson("Dispatch", null, null), ["road"]);

    private static ChangeOfParticulars CarrierChange => new("Trans Europa Logistik lost its vehicle licence", Carriers: [Nordsee]);

    [Fact]
    public async Task A_pre_consented_notification_is_changed_and_renotified_with_its_entry_and_not_once_the_entry_is_revoked_EU_Art_14_17_9_3()
    {
        var id = PreconsentRegisterApiTests.NewId();
        var nl = api.Authority("NL"); var de = api.Authority("DE");
        await nl.RegisterPreconsent(PreconsentRegisterApiTests.Registration(id)).Created();
        var number = await api.ConsentedAsync(Flows.Eu(via: ["BE"]) with { PreconsentEntry = id });
        await api.GuaranteedAsync(number, "DE");

        // Art. 9(3): the renotification is a new notification that records the entry and gets the 7 working days (Art. 14(14)).
        var created = await de.Renotify(number, new ChangeOfParticulars("Next campaign")).Created();
        var next = created["notificationNumber"]!.GetValue<string>();
        var successor = await api.NotificationAsync(next);
        Assert.Equal(number, successor["renotifies"]!["predecessor"]!.GetValue<string>());
        Assert.Equal(id, successor["preconsent"]!["entryId"]!.GetValue<string>());
        await api.AcknowledgeByAllAsync(next);
        Assert.Contains("7 working days", (await api.NotificationAsync(next)).AuthorityOf("NL")["decisionDeadline"]!["basis"]!.GetValue<string>());

        // Art. 17(1): the change passes the filing checks with the entry, in force today.
        await de.RecordChange(number, CarrierChange).Ok();

        // Revoked: the pre-consent no longer gives the shortened procedure, so a renotification claiming it is refused
        // (Art. 14(9)-(10)) and nothing is appended.
        await nl.RevokePreconsent(id, "Permit suspended after inspection").Ok();
        var before = await api.EventCountAsync();
        await api.Refused(de.Renotify(next, new ChangeOfParticulars("Again")), HttpStatusCode.Conflict, "preconsent-not-in-force", "EU 2024/1157 Art. 14(9)-(10)");
        Assert.Equal(before, await api.EventCountAsync());
    }
}
