using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Notifications;

/// <summary>
/// EU 2024/1157 Titles IV-VI over HTTP (issue 13 items 1 and 3): the flow on GET /api/notifications/{number}, the tacit
/// consent of an OECD destination outside the Union, and refusals that append nothing.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EuFlowScenarioTests(ApiFixture api)
{
    private static DecideOnConsent Consent(bool contract) =>
        Commands.WrittenConsent(TestStart.Day(8), TestStart.Day(8).AddYears(1).AddDays(-1), contract);

    [Fact]
    public async Task An_export_to_Switzerland_for_recovery_is_consented_tacitly_by_the_Swiss_authority_EU_Art_44_2_g()
    {
        using var _ = api.TimeTravel();
        var number = await api.FiledAsync(Samples.Notification("DE", "CH"));
        var filed = await api.NotificationAsync(number);
        Assert.Equal("eu", filed["regime"]!["regime"]!.GetValue<string>());
        Assert.Equal("exportForRecoveryToOecd", filed["flow"]!.GetValue<string>());

        await api.Authority("CH").Acknowledge(number).Ok();
        await api.Authority("DE").Decide(number, Consent(contract: false)).Ok();
        Assert.Equal("partiallyConsented", await api.StatusAsync(number));

        // 30 days from the Swiss acknowledgement, to the end of the last day (EU periods: 1182/71 Art. 3).
        var due = (await api.NotificationAsync(number)).AuthorityOf("CH")["decisionDeadline"]!["dueAt"]!.GetValue<DateTimeOffset>();
        api.Clock.Set(due.AddMinutes(-1));
        await api.FireDueDeadlinesAsync();
        Assert.Equal("acknowledged", (await api.NotificationAsync(number)).AuthorityOf("CH")["status"]!.GetValue<string>());
        api.Clock.Set(due);
        await api.FireDueDeadlinesAsync();
        var state = await api.NotificationAsync(number);
        Assert.Equal("tacitlyConsented", state.AuthorityOf("CH")["status"]!.GetValue<string>());
        Assert.Equal("consented", state["status"]!.GetValue<string>());
        await api.Refused(api.Authority("CH").Decide(number, Consent(contract: true)), HttpStatusCode.Conflict,
            "tacit-consent-deemed", "EU 2024/1157 Art. 44(2)(g)");
    }

    [Fact]
    public async Task Hazardous_waste_for_disposal_to_India_is_refused_under_the_Ban_Amendment_and_nothing_is_appended_Basel_Art_4A_1() =>
        await api.Refused(api.Authority("DE").File(Samples.Notification("DE", "IN", operation: "D10")), HttpStatusCode.Conflict,
            "ban-amendment", "Basel Art. 4A(1)");

    [Fact]
    public async Task France_to_Reunion_without_another_state_is_refused_as_transport_within_a_Member_State_EU_Art_36() =>
        await api.Refused(api.Authority("FR").File(Samples.Notification("FR", "RE", operation: "R4")), HttpStatusCode.Conflict,
            "same-state-movement", "Basel Art. 2(3); EU 2024/1157 Art. 36");

    [Fact]
    public async Task The_dispatch_authority_may_not_consent_before_day_61_of_a_non_OECD_transit_EU_Art_44_6_b()
    {
        var number = await api.FiledAsync(Samples.Notification("DE", "CH", ["UA"]));
        await api.Authority("CH").Acknowledge(number).Ok();
        await api.Authority("UA").Acknowledge(number).Ok();
        var ua = (await api.NotificationAsync(number)).AuthorityOf("UA");
        Assert.Contains("EU 2024/1157 Art. 44(6)(a)", ua["decisionDeadline"]!["basis"]!.GetValue<string>());

        await api.Refused(api.Authority("DE").Decide(number, Consent(contract: false)), HttpStatusCode.Conflict,
            "dispatch-before-transit-period", "EU 2024/1157 Art. 44(6)(b)");
    }
}
