using WasteMovements.Domain.Assignments;
using WasteMovements.Domain.Common;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Assignments;

/// <summary>
/// The register of assignments (docs/law.md 6b): who acts for which competent authority (Basel Art. 5(1)), facility or
/// undertaking is recorded by an administrator, as events with actor and time. Given / when / then over the pure steps.
/// </summary>
public sealed class AssignmentRulesTests
{
    private const string Idp = "https://idp.example/realms/moe";
    private static readonly DateTimeOffset T0 = Given.Now;
    private static readonly Actor Admin = new("root", ActorRole.Admin, Issuer: Idp);

    private static AssignPerson Officer(string state = "DE", string subject = "alice") =>
        new(Idp, subject, "Alice Example", AssignedRole.Authority, state, null, null, "Designation letter 2026/4");

    private static Decision Assign(AssignedPerson? person, AssignPerson command, Actor? actor = null) =>
        Assigning.Assign(person, actor ?? Admin, command, T0, Given.Registry);

    private static AssignedPerson Person(params object[] events)
    {
        AssignedPerson? person = null;
        var version = 0L;
        foreach (var e in events) person = AssignedPerson.Evolve(person, e, ++version);
        return person!;
    }

    private static AssignedPerson Assigned(AssignPerson? command = null) => Person(Given.Single<PersonAssigned>(Assign(null, command ?? Officer())));

    [Fact]
    public void An_administrator_assigns_an_officer_to_a_state_of_the_registry_with_who_and_when()
    {
        var assigned = Given.Single<PersonAssigned>(Assign(null, Officer(" de ")));
        Assert.Equal(Persons.Id(Idp, "alice"), assigned.PersonId);
        Assert.Equal((Idp, "alice", AssignedRole.Authority, "DE"), (assigned.Issuer, assigned.Subject, assigned.Role, assigned.State));
        Assert.Equal($"{Idp}|root", assigned.AssignedBy);
        Assert.Equal(T0, assigned.AssignedAt);
        Assert.Equal("Designation letter 2026/4", assigned.Reference);

        var person = Person(assigned);
        Assert.Equal("authority:DE", person.Current!.ActingFor);
        Assert.Equal(Persons.StreamKey(assigned.PersonId), person.Id);
    }

    [Fact]
    public void The_person_id_follows_from_issuer_and_subject_and_is_safe_in_a_path()
    {
        var id = Persons.Id(Idp, "alice");
        Assert.True(Persons.IsId(id));
        Assert.Equal(id, Persons.Id(Idp + " ", " alice"));
        Assert.NotEqual(id, Persons.Id("https://other.example", "alice"));
        Assert.NotEqual(id, Persons.Id(Idp, "Alice"));
        Assert.False(Persons.IsId("P-../../etc"));
    }

    [Fact]
    public void Only_an_administrator_assigns()
    {
        var decision = Assign(null, Officer(), Actor.Authority("bob", "DE"));
        Given.Refused(decision, "not-an-administrator", Assigning.SystemRule);
        Assert.Equal(RefusalKind.NotPermitted, decision.Refusal!.Kind);
    }

    [Fact]
    public void An_administrator_does_not_assign_themselves()
    {
        var decision = Assign(null, Officer(subject: "root"));
        Given.Refused(decision, "own-assignment", Assigning.SystemRule);
        Assert.Equal(RefusalKind.NotPermitted, decision.Refusal!.Kind);
        // The same subject at another provider is another person.
        Given.Single<PersonAssigned>(Assign(null, Officer(subject: "root") with { Issuer = "https://other.example" }));
    }

    [Fact]
    public void An_authority_assignment_names_a_state_the_registry_holds()
    {
        Given.Refused(Assign(null, Officer("XX")), "assignment-state-unknown", Assigning.DesignationArticle);
        Assert.Equal("Basel Art. 5(1)", Assigning.DesignationArticle);
    }

    [Theory]
    [InlineData(AssignedRole.Authority, null, null, null)]
    [InlineData(AssignedRole.Authority, "DE", "DE-FAC-1", null)]
    [InlineData(AssignedRole.Facility, "NL", "NL-FAC-1", null)]
    [InlineData(AssignedRole.Facility, null, null, null)]
    [InlineData(AssignedRole.Undertaking, null, "NL-FAC-1", null)]
    [InlineData(AssignedRole.Auditor, "DE", null, null)]
    [InlineData(AssignedRole.Admin, null, null, "DE-UND-1")]
    public void The_role_names_exactly_the_target_it_acts_for(AssignedRole role, string? state, string? facility, string? undertaking) =>
        Given.Refused(Assign(null, new AssignPerson(Idp, "carol", null, role, state, facility, undertaking, "ticket 7")),
            "assignment-target-mismatch", Assigning.SystemRule);

    [Theory]
    [InlineData("NL FAC 1")]
    [InlineData("-NL-FAC")]
    [InlineData("NL/FAC")]
    public void A_facility_assignment_names_an_id_of_the_form_filings_use(string facility) =>
        Given.Refused(Assign(null, new AssignPerson(Idp, "dave", null, AssignedRole.Facility, null, facility, null, "contract 12")),
            "assignment-party-id-invalid", Assigning.SystemRule);

    [Fact]
    public void Facilities_undertakings_auditors_and_administrators_are_assigned()
    {
        Assert.Equal("facility:NL-FAC-ROTTERDAM-1", Person(Given.Single<PersonAssigned>(
            Assign(null, new AssignPerson(Idp, "f", null, AssignedRole.Facility, null, "NL-FAC-ROTTERDAM-1", null, "r")))).Current!.ActingFor);
        Assert.Equal("undertaking:DE-UND-1", Person(Given.Single<PersonAssigned>(
            Assign(null, new AssignPerson(Idp, "u", null, AssignedRole.Undertaking, null, null, "DE-UND-1", "r")))).Current!.ActingFor);
        Assert.Equal("auditor", Person(Given.Single<PersonAssigned>(
            Assign(null, new AssignPerson(Idp, "a", null, AssignedRole.Auditor, null, null, null, "r")))).Current!.ActingFor);
        Assert.Equal("admin", Person(Given.Single<PersonAssigned>(
            Assign(null, new AssignPerson(Idp, "b", null, AssignedRole.Admin, null, null, null, "r")))).Current!.ActingFor);
    }

    [Fact]
    public void A_person_holds_one_assignment_at_a_time()
    {
        var person = Assigned();
        Given.Refused(Assign(person, Officer("NL")), "already-assigned", Assigning.SystemRule);
    }

    [Fact]
    public void A_revoked_person_has_no_assignment_and_may_be_assigned_again()
    {
        var assigned = Given.Single<PersonAssigned>(Assign(null, Officer()));
        var revoked = Given.Single<AssignmentRevoked>(Assigning.Revoke(Person(assigned), Admin, new RevokeAssignment(" moved to another unit "), T0.AddHours(1)));
        Assert.Equal(("moved to another unit", $"{Idp}|root", T0.AddHours(1)), (revoked.Reason, revoked.RevokedBy, revoked.RevokedAt));

        var person = Person(assigned, revoked);
        Assert.Null(person.Current);
        Assert.Equal(T0.AddHours(1), person.RevokedAt);

        var again = Given.Single<PersonAssigned>(Assign(person, Officer("NL")));
        var later = Person(assigned, revoked, again);
        Assert.Equal("authority:NL", later.Current!.ActingFor);
        Assert.Equal(2, later.Assignments);
        Assert.Equal("Alice Example", later.DisplayName);
    }

    [Fact]
    public void Revoking_what_is_not_assigned_is_refused()
    {
        var never = Assigning.Revoke(null, Admin, new RevokeAssignment("r"), T0);
        Given.Refused(never, "not-assigned", Assigning.SystemRule);
        Assert.Equal(RefusalKind.NotFound, never.Refusal!.Kind);

        var assigned = Given.Single<PersonAssigned>(Assign(null, Officer()));
        var revoked = Given.Single<AssignmentRevoked>(Assigning.Revoke(Person(assigned), Admin, new RevokeAssignment("r"), T0));
        var twice = Assigning.Revoke(Person(assigned, revoked), Admin, new RevokeAssignment("again"), T0);
        Given.Refused(twice, "not-assigned", Assigning.SystemRule);
        Assert.Equal(RefusalKind.RuleViolated, twice.Refusal!.Kind);
    }

    [Fact]
    public void Only_another_administrator_revokes()
    {
        var person = Assigned(new AssignPerson(Idp, "eve", null, AssignedRole.Admin, null, null, null, "r"));
        Given.Refused(Assigning.Revoke(person, Actor.Authority("bob", "DE"), new RevokeAssignment("r"), T0), "not-an-administrator", Assigning.SystemRule);
        Given.Refused(Assigning.Revoke(person, new Actor("eve", ActorRole.Admin, Issuer: Idp), new RevokeAssignment("r"), T0), "own-assignment", Assigning.SystemRule);
        Given.Single<AssignmentRevoked>(Assigning.Revoke(person, Admin, new RevokeAssignment("r"), T0));
    }
}
