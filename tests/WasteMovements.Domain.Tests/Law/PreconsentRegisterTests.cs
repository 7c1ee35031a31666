using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.PreconsentedFacilities;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Law;

/// <summary>
/// The register of pre-consented recovery facilities (EU 2024/1157 Art. 14; OECD C(2001)107, Case 2): kept by the
/// authority of the facility's state, and the only ground on which a filing may claim pre-consent. Each test names its article.
/// </summary>
public sealed class PreconsentRegisterTests
{
    private static readonly DateTimeOffset T0 = Given.Now;
    private static readonly Actor Nl = Actor.Authority("officer.nl", "NL");

    public static RegisterPreconsentedFacility Registration(string entryId = "NL-PC-0001", string[]? operations = null, string[]? wastes = null,
        DateOnly? from = null, DateOnly? until = null, decimal quantity = 5000m) =>
        new(entryId, "NL", "NL-FAC-ROTTERDAM-1", "Metals Recovery Rotterdam", "NL-REC-0042", "Industrieweg 10, 3044 Rotterdam",
            "Secondary lead smelter with acid neutralisation", operations ?? ["R4", "R13"], wastes ?? ["A1160", "Y31"], quantity, Units.Tonnes,
            from ?? TestStart.Day(-30), until, "NL decision 2026/17");

    /// <summary>The entry as the register holds it after these facts.</summary>
    public static PreconsentedFacilityEntry Entry(params object[] events)
    {
        PreconsentedFacilityEntry? entry = null;
        var version = 0L;
        foreach (var e in events) entry = PreconsentedFacilityEntry.Evolve(entry, e, ++version);
        return entry!;
    }

    public static PreconsentedFacilityEntry Registered(RegisterPreconsentedFacility? c = null) =>
        Entry(Given.Single<PreconsentedFacilityRegistered>(PreconsentRegister.Register(null, Nl, c ?? Registration(), T0)));

    private static Decision File(NotificationParticulars p, PreconsentedFacilityEntry? entry, DateTimeOffset? at = null) =>
        Filing.File(new NewNotification($"{p.StateOfExport}-2026-000001", Given.Registry, entry), Actor.Authority("alice", p.StateOfExport), p, at ?? T0);

    private static NotificationParticulars Claim(string entry = "NL-PC-0001") => Samples.Notification("DE", "NL") with { PreconsentEntry = entry };

    [Fact]
    public void Only_the_authority_with_jurisdiction_over_the_facility_registers_it_EU_Art_14_1()
    {
        var refused = PreconsentRegister.Register(null, Actor.Authority("officer.de", "DE"), Registration(), T0);
        Given.Refused(refused, "not-preconsent-authority", "EU 2024/1157 Art. 14(1)");
        Assert.Equal(RefusalKind.NotPermitted, refused.Refusal!.Kind);
        Given.Refused(PreconsentRegister.Register(null, Actor.OfFacility("op", "NL-FAC-ROTTERDAM-1"), Registration(), T0), "not-preconsent-authority", "EU 2024/1157 Art. 14(1)");
    }

    [Fact]
    public void A_pre_consent_runs_10_years_unless_the_decision_says_otherwise_EU_Art_14_9()
    {
        var registered = Given.Single<PreconsentedFacilityRegistered>(PreconsentRegister.Register(null, Nl, Registration(from: new DateOnly(2026, 6, 1)), T0));
        Assert.Equal(new DateOnly(2036, 5, 31), registered.Terms.ValidUntil);
        var shorter = Given.Single<PreconsentedFacilityRegistered>(PreconsentRegister.Register(null, Nl, Registration(from: new DateOnly(2026, 6, 1), until: new DateOnly(2029, 5, 31)), T0));
        Assert.Equal(new DateOnly(2029, 5, 31), shorter.Terms.ValidUntil);
        var entry = Entry(registered);
        Assert.True(entry.InForceOn(new DateOnly(2036, 5, 31)));
        Assert.False(entry.InForceOn(new DateOnly(2036, 6, 1)));
        Assert.False(entry.InForceOn(new DateOnly(2026, 5, 31)));
    }

    [Fact]
    public void Pre_consent_is_for_recovery_and_not_for_a_facility_doing_only_R13_EU_Art_14_1()
    {
        Given.Refused(PreconsentRegister.Register(null, Nl, Registration(operations: ["R4", "D10"]), T0),
            "preconsent-recovery-only", "EU 2024/1157 Art. 14(1); OECD C(2001)107 (pre-consented facilities)");
        Given.Refused(PreconsentRegister.Register(null, Nl, Registration(operations: ["R13"]), T0), "preconsent-not-for-r13", "EU 2024/1157 Art. 14(1)");
        // R13 beside a recovery operation, and R12 (which Art. 14(1) does not exclude), may be pre-consented.
        Given.Single<PreconsentedFacilityRegistered>(PreconsentRegister.Register(null, Nl, Registration(operations: ["R12"]), T0));
    }

    [Fact]
    public void An_entry_is_registered_once_and_changed_by_amendment_EU_Art_14_11()
    {
        var entry = Registered();
        Given.Refused(PreconsentRegister.Register(entry, Nl, Registration(), T0), "preconsent-already-registered", "EU 2024/1157 Art. 14(11)");

        var change = new AmendPreconsentedFacility("Metals Recovery Rotterdam", "NL-REC-0042", "Industrieweg 10", "Smelter and new acid plant",
            ["R4"], ["A1160", "Y31", "Y34"], 8000m, Units.Tonnes, TestStart.Day(-30), null, "Capacity permit of 2026 raised to 8000 t");
        var amended = Given.Single<PreconsentedFacilityAmended>(PreconsentRegister.Amend(entry, Nl, change, T0));
        Assert.Equal("NL-FAC-ROTTERDAM-1", amended.Terms.FacilityId);
        Assert.Equal(8000m, Entry(new PreconsentedFacilityRegistered("NL-PC-0001", "NL", entry.Terms, "d", T0), amended).Terms.TotalQuantity);
        Given.Refused(PreconsentRegister.Amend(entry, Actor.Authority("x", "BE"), change, T0), "not-preconsent-authority", "EU 2024/1157 Art. 14(1)");
        Given.Refused(PreconsentRegister.Amend(entry, Nl, change with { Operations = ["R13"] }, T0), "preconsent-not-for-r13", "EU 2024/1157 Art. 14(1)");
        var missing = PreconsentRegister.Amend(null, Nl, change, T0);
        Given.Refused(missing, "preconsent-not-registered", "EU 2024/1157 Art. 14(13)");
        Assert.Equal(RefusalKind.NotFound, missing.Refusal!.Kind);
    }

    [Fact]
    public void A_revocation_is_reasoned_by_the_same_authority_and_ends_the_pre_consent_EU_Art_14_10()
    {
        var entry = Registered();
        Given.Refused(PreconsentRegister.Revoke(entry, Actor.Authority("x", "DE"), new RevokePreconsent("no"), T0), "not-preconsent-authority", "EU 2024/1157 Art. 14(1)");
        var revoked = Given.Single<PreconsentRevoked>(PreconsentRegister.Revoke(entry, Nl, new RevokePreconsent("Inspection found the permit suspended"), T0));
        var after = Entry(new PreconsentedFacilityRegistered("NL-PC-0001", "NL", entry.Terms, "d", T0.AddDays(-1)), revoked);
        Assert.False(after.InForceOn(DateOnly.FromDateTime(T0.UtcDateTime)));
        Assert.True(after.InForceOn(DateOnly.FromDateTime(T0.UtcDateTime).AddDays(-1)));
        Given.Refused(PreconsentRegister.Revoke(after, Nl, new RevokePreconsent("again"), T0), "preconsent-revoked", "EU 2024/1157 Art. 14(10)");
        Given.Refused(PreconsentRegister.Amend(after, Nl, new AmendPreconsentedFacility("n", "r", "a", "t", ["R4"], ["A1160"], 1m, Units.Tonnes, TestStart.Day(0), null, "why"), T0),
            "preconsent-revoked", "EU 2024/1157 Art. 14(10)");

        // A filing on the day of the revocation no longer claims it.
        Given.Refused(File(Claim(), after), "preconsent-not-in-force", "EU 2024/1157 Art. 14(9)-(10)");
    }

    [Fact]
    public void A_claim_of_pre_consent_needs_the_entry_of_the_register_EU_Art_14_6_and_14()
    {
        // The flag of older filings alone is no longer a claim that can be made.
        Given.Refused(File(Samples.Notification("DE", "NL") with { PreconsentedFacility = true }, null), "preconsent-not-in-register", "EU 2024/1157 Art. 14(6), (14)");
        Given.Refused(File(Claim("NL-PC-0099"), null), "preconsent-not-in-register", "EU 2024/1157 Art. 14(6), (14)");
        // The endpoint loaded another entry than the one named: not the entry of this claim.
        Given.Refused(File(Claim("NL-PC-0099"), Registered()), "preconsent-not-in-register", "EU 2024/1157 Art. 14(6), (14)");

        var filed = Given.Single<NotificationFiled>(File(Claim(), Registered()));
        Assert.Equal("NL-PC-0001", filed.Preconsent!.EntryId);
        Assert.True(NotificationEvolution.Create(filed).PreconsentedFacility);
    }

    [Fact]
    public void The_entry_must_be_of_the_state_of_destination_and_of_the_notified_facility_EU_Art_14_1_and_14_6()
    {
        var entry = Registered();
        Given.Refused(File(Claim() with { StateOfExport = "NL", StateOfImport = "DE" }, entry), "preconsent-other-state", "EU 2024/1157 Art. 14(1)");
        Given.Refused(File(Samples.Notification("DE", "NL", facilityId: "NL-FAC-OTHER") with { PreconsentEntry = "NL-PC-0001" }, entry),
            "preconsent-other-facility", "EU 2024/1157 Art. 14(6)");
    }

    [Fact]
    public void The_entry_must_be_in_force_on_the_filing_date_EU_Art_14_9()
    {
        Given.Refused(File(Claim(), Registered(Registration(from: TestStart.Day(1)))), "preconsent-not-in-force", "EU 2024/1157 Art. 14(9)-(10)");
        Given.Refused(File(Claim(), Registered(Registration(from: TestStart.Day(-400), until: TestStart.Day(-1)))), "preconsent-not-in-force", "EU 2024/1157 Art. 14(9)-(10)");
        Given.Single<NotificationFiled>(File(Claim(), Registered(Registration(from: TestStart.Day(0), until: TestStart.Day(0)))));
    }

    [Fact]
    public void The_entry_must_cover_the_waste_the_operation_and_the_quantity_EU_Art_14_13()
    {
        Given.Refused(File(Claim(), Registered(Registration(wastes: ["A1170"]))), "preconsent-waste-not-covered", "EU 2024/1157 Art. 14(6), (13)(c)");
        Given.Refused(File(Claim() with { Operation = "R5" }, Registered()), "preconsent-operation-not-covered", "EU 2024/1157 Art. 14(2)(d), (13)(b)");
        Given.Refused(File(Claim(), Registered(Registration(quantity: 99m))), "preconsent-quantity-exceeded", "EU 2024/1157 Art. 14(6), (13)(d)");
        // Operations the register cannot hold are refused before the register is read.
        Given.Refused(File(Claim() with { Operation = "D10" }, Registered()), "preconsent-recovery-only", "EU 2024/1157 Art. 14(1); OECD C(2001)107 (pre-consented facilities)");
        Given.Refused(File(Claim() with { Operation = "R13", SubsequentOperation = "R4" }, Registered()), "preconsent-not-for-r13", "EU 2024/1157 Art. 14(1)");
    }

    [Fact]
    public void Only_a_register_backed_claim_gets_7_working_days_and_3_years_EU_Art_14_12_and_14_14()
    {
        var p = Claim() with { FirstDeparture = TestStart.Day(8), LastDeparture = TestStart.Day(8).AddYears(3) };
        var n = NotificationEvolution.Create(Given.Single<NotificationFiled>(File(p, Registered())));
        // EU 2024/1157 Art. 14(14): the 7 working days run from the Art. 8(12) information that the file is properly completed.
        n = Given.That(n, new NotificationAcknowledged("NL", AuthorityRole.Import, T0), new NotificationCompletenessConfirmed("NL", T0));
        var nl = n.AuthorityOf("NL")!;
        var deadline = RegimeRules.Decision(n, nl, WorkingDays.Shipped)!;
        Assert.Equal(WorkingDays.Shipped.AddWorkingDays(T0, 7, "NL"), deadline.DueAt);
        Assert.Contains("EU 2024/1157 Art. 14(14)", deadline.Basis);
        Assert.Equal((36, "EU 2024/1157 Art. 14(12)"), RegimeRules.MaximumValidity(n));

        // Without the claim: 30 days and one year.
        var plain = Given.That(NotificationEvolution.Create(Filing.Filed(Samples.Notification("DE", "NL"), "DE-2026-000002", Given.Registry, T0)),
            new NotificationAcknowledged("NL", AuthorityRole.Import, T0), new NotificationCompletenessConfirmed("NL", T0));
        Assert.Equal(Periods.Days(T0, 30, "NL", rollOver: true, WorkingDays.Shipped).DueAt, RegimeRules.Decision(plain, plain.AuthorityOf("NL")!, WorkingDays.Shipped)!.DueAt);
        Assert.Equal((12, "EU 2024/1157 Art. 9(4)"), RegimeRules.MaximumValidity(plain));
    }

    [Fact]
    public void A_file_filed_with_the_old_flag_still_reads_as_pre_consented_decision_0005()
    {
        // An event stored before the register: the flag, and none of the new fields.
        var filed = Filing.Filed(Samples.Notification("DE", "NL") with { PreconsentedFacility = true }, "DE-2026-000003", Given.Registry, T0);
        var json = JsonSerializer.SerializeToNode(filed, Json)!.AsObject();
        json.Remove("preconsent");
        var particulars = json["particulars"]!.AsObject();
        foreach (var field in new[] { "preconsentEntry", "subsequentFacilities", "earlierNotification" }) particulars.Remove(field);
        var old = json.ToJsonString(Json);
        Assert.DoesNotContain("preconsentEntry", old);

        var read = JsonSerializer.Deserialize<NotificationFiled>(old, Json)!;
        Assert.Null(read.Preconsent);
        Assert.Null(read.Particulars.PreconsentEntry);
        var n = Given.That(NotificationEvolution.Create(read), new NotificationAcknowledged("NL", AuthorityRole.Import, T0),
            new NotificationCompletenessConfirmed("NL", T0));
        Assert.True(n.PreconsentedFacility);
        Assert.Equal(WorkingDays.Shipped.AddWorkingDays(T0, 7, "NL"), RegimeRules.Decision(n, n.AuthorityOf("NL")!, WorkingDays.Shipped)!.DueAt);
    }

    /// <summary>As the event store serialises (camelCase, enums as strings).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
