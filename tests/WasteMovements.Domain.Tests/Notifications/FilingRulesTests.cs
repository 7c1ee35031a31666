using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Notifications;

/// <summary>Given the registry, when an authority files, then NotificationFiled or the rule that refuses it.</summary>
public sealed class FilingRulesTests
{
    private static Decision File(NotificationParticulars p, string actorCountry = "DE", DateTimeOffset? now = null) =>
        Filing.File(new NewNotification("XX-2026-000001", Given.Registry), Actor.Authority("alice", actorCountry), p, now ?? Given.Now);

    [Fact]
    public void The_export_authority_files_and_every_state_concerned_is_recorded()
    {
        var filed = Given.Single<NotificationFiled>(File(Samples.Notification("DE", "NL", ["BE"])));

        Assert.Equal("XX-2026-000001", filed.NotificationNumber);
        Assert.Equal(Given.Now, filed.FiledAt);
        // EU 2024/1157: the profile of each state is recorded for the flow rules (all three in the Union here).
        var member = new AuthorityProfile(InUnion: true, Oecd: true, BaselParty: true, DeclaredNoWrittenTransitConsent: false);
        Assert.Equal(
            [new ConcernedAuthority("DE", AuthorityRole.Export, false, member), new ConcernedAuthority("NL", AuthorityRole.Import, false, member),
             new ConcernedAuthority("BE", AuthorityRole.Transit, true, member)],
            filed.Authorities);
        Assert.Equal(EuFlow.IntraUnion, filed.Flow);
    }

    [Fact]
    public void Another_states_authority_may_not_file_Art_6_1()
    {
        var decision = File(Samples.Notification("DE", "NL"), actorCountry: "FR");
        Given.Refused(decision, "not-state-of-export", "Basel Art. 6(1)");
        Assert.Equal(RefusalKind.NotPermitted, decision.Refusal!.Kind);
    }

    [Fact]
    public void Export_to_the_same_state_is_not_a_transboundary_movement_Art_2_3() =>
        Given.Refused(File(Samples.Notification("DE", "DE")), "export-equals-import", "Basel Art. 2(3)");

    [Fact]
    public void Disposal_south_of_60_degrees_South_is_refused_Art_4_6()
    {
        Given.Refused(File(Samples.Notification("DE", "AQ", operation: "D1")), "south-of-60", "Basel Art. 4(6)");

        var sample = Samples.Notification("DE", "NL");
        var antarcticSite = sample with { Facility = sample.Facility with { Latitude = -65.2 } };
        Given.Refused(File(antarcticSite), "south-of-60", "Basel Art. 4(6)");
    }

    [Fact]
    public void Export_to_a_non_Party_without_an_Art_11_agreement_is_refused_Art_4_5()
    {
        // The United States is not a Party; the OECD Decision covers recovery between OECD members only.
        Given.Refused(File(Samples.Notification("DE", "US", operation: "D10")), "non-party-import", "Basel Art. 4(5)");
        Given.Refused(File(Samples.Notification("US", "DE", operation: "D10"), actorCountry: "US"), "non-party-export", "Basel Art. 4(5)");
    }

    [Fact]
    public void An_Art_11_agreement_lets_a_movement_with_a_non_Party_through()
    {
        Given.Single<NotificationFiled>(File(Samples.Notification("DE", "US", operation: "R4")));
        Given.Single<NotificationFiled>(File(Samples.Notification("US", "MX", operation: "D10"), actorCountry: "US"));
    }

    [Fact]
    public void Hazardous_waste_from_an_Annex_VII_Party_to_a_non_Annex_VII_state_is_banned_Art_4A()
    {
        Given.Refused(File(Samples.Notification("DE", "IN")), "ban-amendment-recovery", "Basel Art. 4A(2)");
    }

    [Fact]
    public void The_ban_does_not_reach_other_wastes_of_Annex_II()
    {
        var sample = Samples.Notification("DE", "IN");
        var householdWaste = sample with { Waste = sample.Waste with { YCodes = ["Y46"], BaselCode = null, HCodes = [] } };
        Given.Single<NotificationFiled>(File(householdWaste));
    }

    [Fact]
    public void A_state_that_accepted_no_ban_may_export_to_a_non_Annex_VII_state()
    {
        // Japan is in Annex VII but has not accepted the Ban Amendment (registry, [C]).
        Given.Single<NotificationFiled>(File(Samples.Notification("JP", "MY"), actorCountry: "JP"));
    }

    [Fact]
    public void A_notified_import_prohibition_is_refused_Art_4_1()
    {
        Given.Refused(File(Samples.Notification("MY", "CN"), actorCountry: "MY"), "import-prohibited", "Basel Art. 4(1)");
    }

    [Fact]
    public void A_general_notification_may_not_exceed_12_months_Art_6_8()
    {
        var sample = Samples.Notification("DE", "NL");
        var tooLong = sample with { FirstDeparture = TestStart.Day(8), LastDeparture = TestStart.Day(8).AddYears(1).AddDays(1) };
        Given.Refused(File(tooLong), "general-notification-period", "Basel Art. 6(8)");

        var twelveMonths = sample with { FirstDeparture = TestStart.Day(8), LastDeparture = TestStart.Day(8).AddYears(1) };
        Given.Single<NotificationFiled>(File(twelveMonths));
    }

    [Theory]
    [InlineData("DE", "NL", "R4", ControlRegime.Eu, "Regulation (EU) 2024/1157")]
    [InlineData("JP", "KR", "R4", ControlRegime.Oecd, "OECD Decision C(2001)107/FINAL, as amended")]
    [InlineData("JP", "KR", "D10", ControlRegime.Basel, "Basel Convention (1989, as amended)")]
    [InlineData("MY", "JP", "R4", ControlRegime.Basel, "Basel Convention (1989, as amended)")]
    [InlineData("NO", "CH", "R4", ControlRegime.Oecd, "OECD Decision C(2001)107/FINAL, as amended")]
    public void The_regime_follows_the_states_concerned_and_the_operation(string export, string import, string operation, ControlRegime regime, string instrument)
    {
        var filed = Given.Single<NotificationFiled>(File(Samples.Notification(export, import, operation: operation), actorCountry: export));
        Assert.Equal(new RegimeInfo(regime, instrument), filed.Regime);
    }

    [Fact]
    public void An_EU_file_before_21_May_2026_stays_under_1013_2006()
    {
        var filed = Given.Single<NotificationFiled>(File(Samples.Notification("DE", "NL"), now: new DateTimeOffset(2026, 5, 20, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Regulation (EC) No 1013/2006", filed.Regime.Instrument);
    }

    [Fact]
    public void Basel_transit_consent_is_tacit_only_where_the_transit_state_declared_it_Art_6_4()
    {
        // MY -> JP for recovery is Basel; Korea's entry records its declaration with a source, India's has none.
        var registry = Given.RegistryWith(Given.Registry.Find("KR")! with { TacitTransitConsent = true, TacitTransitConsentSource = "Art. 6(4) declaration (test)" });
        var filed = Given.Single<NotificationFiled>(Filing.File(new NewNotification("MY-2026-000001", registry), Actor.Authority("a", "MY"),
            Samples.Notification("MY", "JP", ["KR", "IN"]), Given.Now));
        Assert.True(filed.Authorities.Single(a => a.State == "KR").AcceptsTacitConsent);
        Assert.False(filed.Authorities.Single(a => a.State == "IN").AcceptsTacitConsent);
    }

    [Fact]
    public void The_filed_state_lists_import_and_transit_authorities_awaiting_acknowledgement()
    {
        var filed = Given.Single<NotificationFiled>(File(Samples.Notification("DE", "NL", ["BE"])));
        var state = NotificationEvolution.Create(filed);

        Assert.Equal(NotificationStatus.Filed, state.Status);
        // EU: the dispatch authority decides too (Art. 9(1)); filing through it is its Art. 8(6) step.
        Assert.Equal(["DE", "NL", "BE"], state.Authorities.Select(a => a.State));
        Assert.Equal(AuthorityStatus.Acknowledged, state.AuthorityOf("DE")!.Status);
        Assert.All(state.Authorities.Skip(1), a => Assert.Equal(AuthorityStatus.Received, a.Status));
        Assert.True(state.Concerns("DE"));
        Assert.True(state.Concerns("BE"));
        Assert.False(state.Concerns("PL"));
    }
}
