using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WasteMovements.Api.Security;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Assignments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Assignments;

/// <summary>
/// Issue 18: who acts for which authority, facility or undertaking is an assignment on the record, made and revoked by
/// an administrator, not a free-form claim. Tokens here are development tokens minted with only iss and sub.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AssignmentApiTests(ApiFixture api)
{
    private const string Issuer = "wastemovements";
    private const string Rule = Assigning.SystemRule;

    private static string Unique(string who) => $"{who}.{Guid.NewGuid():N}"[..24];

    private static AssignPerson Authority(string subject, string state) =>
        new(Issuer, subject, "Test Officer", AssignedRole.Authority, state, null, null, "Designation letter T-1");

    private async Task<string> AssignAsync(AssignPerson body)
    {
        var written = await (await api.Admin().PostJson("/api/admin/assignments", body)).ShouldBe(HttpStatusCode.Created);
        return written["personId"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_person_without_an_assignment_is_403_no_assignment_naming_them_and_appends_nothing()
    {
        var subject = Unique("nobody");
        var person = api.Person(subject);
        var before = await api.EventCountAsync();

        var filing = await (await person.File(Flows.Eu()).SendAsync()).ShouldBeRefused(HttpStatusCode.Forbidden, "no-assignment");
        Assert.Equal(Rule, filing["article"]!.GetValue<string>());
        Assert.Contains($"Person {Issuer}|{subject} has no assignment; ask your administrator", filing["detail"]!.GetValue<string>());
        Assert.Equal("urn:wastemovements:problem:no-assignment", filing["type"]!.GetValue<string>());
        // A route open to any role needs one too.
        await (await person.GetAsync("/api/preconsented-facilities")).ShouldBeRefused(HttpStatusCode.Forbidden, "no-assignment");
        await (await person.GetAsync("/api/inbox")).ShouldBeRefused(HttpStatusCode.Forbidden, "no-assignment");
        Assert.Equal(before, await api.EventCountAsync());

        // Who am I: authenticated, no rights, and the id to give the administrator.
        var me = await (await person.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Issuer, me["issuer"]!.GetValue<string>());
        Assert.Equal(subject, me["subject"]!.GetValue<string>());
        Assert.Equal(Persons.Id(Issuer, subject), me["personId"]!.GetValue<string>());
        Assert.Equal("none", me["rightsFrom"]!.GetValue<string>());
        Assert.Null(me["role"]);
    }

    [Fact]
    public async Task Assigned_a_person_acts_for_that_state_only_and_revoked_is_403_again()
    {
        var subject = Unique("officer");
        var personId = await AssignAsync(Authority(subject, "DE"));
        Assert.Equal(Persons.Id(Issuer, subject), personId);
        var person = api.Person(subject);

        var me = await (await person.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("authority", "DE", "assignment"), (me["role"]!.GetValue<string>(), me["state"]!.GetValue<string>(), me["rightsFrom"]!.GetValue<string>()));
        Assert.Equal("admin", me["assignment"]!["assignedBy"]!.GetValue<string>().Split('|')[1]);

        // Acts for DE: files a German notification, recorded as its act for authority:DE.
        var filed = await (await person.File(Flows.Eu()).SendAsync()).ShouldBe(HttpStatusCode.Created);
        var number = filed["notificationNumber"]!.GetValue<string>();
        var history = await (await api.Auditor().GetAsync($"/api/notifications/{number}/history")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(subject, history["events"]![0]!["actor"]!.GetValue<string>());
        Assert.Equal("authority:DE", history["events"]![0]!["authority"]!.GetValue<string>());

        // Not for another state: a Malaysian file is not its to read, a filing for MY is not its to make.
        var malaysian = await api.FiledAsync(Flows.Basel());
        Assert.Equal("urn:wastemovements:problem:not-concerned",
            (await (await person.GetAsync($"/api/notifications/{malaysian}")).ShouldBeProblem(HttpStatusCode.Forbidden))["type"]!.GetValue<string>());
        var before = await api.EventCountAsync();
        await (await person.File(Flows.Basel()).SendAsync()).ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Equal(before, await api.EventCountAsync());

        // Revoked: the very next request has no rights.
        var revoked = await (await api.Admin().PostJson($"/api/admin/assignments/{personId}/revocations", new RevokeAssignment("Moved to another unit")))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, revoked["version"]!.GetValue<long>());
        await (await person.GetAsync($"/api/notifications/{number}")).ShouldBeRefused(HttpStatusCode.Forbidden, "no-assignment");
        Assert.Equal("none", (await (await person.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK))["rightsFrom"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_without_a_role_cannot_steer_the_state_with_its_own_country_claim()
    {
        var subject = Unique("steer");
        await AssignAsync(Authority(subject, "NL"));
        var settings = api.Services.GetRequiredService<JwtSettings>();
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer, Audience = settings.Audience, Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("country", "DE")]),
            SigningCredentials = new SigningCredentials(settings.Key(), SecurityAlgorithms.HmacSha256),
        });
        var person = api.WithToken(token);
        Assert.Equal("NL", (await (await person.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK))["state"]!.GetValue<string>());
        var before = await api.EventCountAsync();
        await (await person.File(Flows.Eu()).SendAsync()).ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task The_auditor_reads_who_assigned_whom_when_and_on_which_basis()
    {
        var subject = Unique("facility");
        var personId = await AssignAsync(new AssignPerson(Issuer, subject, "Plant Operator", AssignedRole.Facility, null, "NL-FAC-ROTTERDAM-1", null, "Contract 2026-77"));
        await (await api.Admin("second.admin").PostJson($"/api/admin/assignments/{personId}/revocations", new RevokeAssignment("Contract ended")))
            .ShouldBe(HttpStatusCode.OK);

        var history = (await (await api.Auditor().GetAsync($"/api/admin/assignments/{personId}/history")).ShouldBe(HttpStatusCode.OK)).AsArray();
        Assert.Equal(["person_assigned", "assignment_revoked"], history.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal(["admin", "second.admin"], history.Select(e => e!["recordedBy"]!.GetValue<string>()));
        Assert.Equal("Contract 2026-77", history[0]!["data"]!["reference"]!.GetValue<string>());
        Assert.Equal($"{Issuer}|second.admin", history[1]!["data"]!["revokedBy"]!.GetValue<string>());
        Assert.Equal("Contract ended", history[1]!["data"]!["reason"]!.GetValue<string>());

        var list = await (await api.Auditor().GetAsync("/api/admin/assignments")).ShouldBe(HttpStatusCode.OK);
        var entry = list["people"]!.AsArray().Single(p => p!["personId"]!.GetValue<string>() == personId)!;
        Assert.Null(entry["current"]);
        Assert.Equal("Contract ended", entry["revocationReason"]!.GetValue<string>());
        var current = await (await api.Auditor().GetAsync("/api/admin/assignments?current=true")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(current["people"]!.AsArray(), p => p!["personId"]!.GetValue<string>() == personId);
    }

    [Fact]
    public async Task Only_an_administrator_assigns_and_revokes()
    {
        var body = Authority(Unique("hopeful"), "DE");
        var before = await api.EventCountAsync();
        Assert.Equal("urn:wastemovements:problem:forbidden-role",
            (await (await api.Authority("DE").PostJson("/api/admin/assignments", body)).ShouldBeProblem(HttpStatusCode.Forbidden))["type"]!.GetValue<string>());
        await (await api.Auditor().PostJson("/api/admin/assignments", body)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.Person(Unique("nobody")).PostJson("/api/admin/assignments", body)).ShouldBeRefused(HttpStatusCode.Forbidden, "no-assignment");
        Assert.Equal(before, await api.EventCountAsync());

        var personId = await AssignAsync(body);
        await (await api.Authority("DE").PostJson($"/api/admin/assignments/{personId}/revocations", new RevokeAssignment("no"))).ShouldBeProblem(HttpStatusCode.Forbidden);
        // Authorities do not read the register.
        await (await api.Authority("DE").GetAsync("/api/admin/assignments")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_assigned_administrator_assigns_others_but_not_themselves()
    {
        var subject = Unique("admin");
        await AssignAsync(new AssignPerson(Issuer, subject, null, AssignedRole.Admin, null, null, null, "Ticket OPS-1"));
        var admin = api.Person(subject);
        await AssignViaAsync(admin, Authority(Unique("officer"), "BE"), HttpStatusCode.Created);
        var before = await api.EventCountAsync();
        await (await admin.PostJson("/api/admin/assignments", Authority(subject, "BE"))).ShouldBeRefused(HttpStatusCode.Forbidden, "own-assignment", Rule);
        Assert.Equal(before, await api.EventCountAsync());
    }

    private static async Task AssignViaAsync(HttpClient client, AssignPerson body, HttpStatusCode status) =>
        await (await client.PostJson("/api/admin/assignments", body)).ShouldBe(status);

    [Fact]
    public async Task The_bootstrap_administrator_of_configuration_assigns()
    {
        var bootstrap = api.Person(ApiFactory.BootstrapAdministrator);
        var me = await (await bootstrap.GetAsync("/api/me")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("admin", "configuration"), (me["role"]!.GetValue<string>(), me["rightsFrom"]!.GetValue<string>()));
        await AssignViaAsync(bootstrap, Authority(Unique("first"), "FR"), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Refused_assignments_name_their_rule_and_article_and_append_nothing()
    {
        var subject = Unique("refused");
        var admin = api.Admin();
        var before = await api.EventCountAsync();
        await (await admin.PostJson("/api/admin/assignments", Authority(subject, "XX"))).ShouldBeRefused(HttpStatusCode.Conflict, "assignment-state-unknown", "Basel Art. 5(1)");
        await (await admin.PostJson("/api/admin/assignments", Authority(subject, "DE") with { Facility = "DE-FAC-1" }))
            .ShouldBeRefused(HttpStatusCode.Conflict, "assignment-target-mismatch", Rule);
        await (await admin.PostJson("/api/admin/assignments", new AssignPerson(Issuer, subject, null, AssignedRole.Facility, null, "NL FAC", null, "r")))
            .ShouldBeRefused(HttpStatusCode.Conflict, "assignment-party-id-invalid", Rule);
        await (await admin.PostJson("/api/admin/assignments", Authority(subject, "DE") with { Reference = "" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await admin.PostJson($"/api/admin/assignments/{Persons.Id(Issuer, subject)}/revocations", new RevokeAssignment("r")))
            .ShouldBeRefused(HttpStatusCode.NotFound, "not-assigned", Rule);
        await (await admin.PostJson("/api/admin/assignments/not-a-person/revocations", new RevokeAssignment("r"))).ShouldBeProblem(HttpStatusCode.NotFound);
        Assert.Equal(before, await api.EventCountAsync());

        var personId = await AssignAsync(Authority(subject, "DE"));
        var assigned = await api.EventCountAsync();
        await (await admin.PostJson("/api/admin/assignments", Authority(subject, "NL"))).ShouldBeRefused(HttpStatusCode.Conflict, "already-assigned", Rule);
        await (await admin.PostJson($"/api/admin/assignments/{personId}/revocations", new RevokeAssignment("r"))).ShouldBe(HttpStatusCode.OK);
        await (await admin.PostJson($"/api/admin/assignments/{personId}/revocations", new RevokeAssignment("again")))
            .ShouldBeRefused(HttpStatusCode.Conflict, "not-assigned", Rule);
        Assert.Equal(assigned + 1, await api.EventCountAsync());
    }
}
