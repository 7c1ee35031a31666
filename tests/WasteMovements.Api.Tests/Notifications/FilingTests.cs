using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Tests.Support;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Tests.Notifications;

/// <summary>The first vertical slice over HTTP: file a notification, read it back, and every refusal.</summary>
[Collection(ApiCollection.Name)]
public sealed class FilingTests(ApiFixture api)
{
    [Fact]
    public async Task An_export_authority_files_a_notification_and_reads_it_back()
    {
        var client = api.Authority("DE", "alice");
        client.DefaultRequestHeaders.Add(CorrelationMiddleware.Header, "corr-file-1");

        var response = await client.File(Flows.Eu(via: ["BE"])).SendAsync();

        var created = await response.ShouldBe(HttpStatusCode.Created);
        var number = created["notificationNumber"]!.GetValue<string>();
        Assert.Matches(@"^DE-20\d\d-\d{6}$", number);
        Assert.Equal(1, created["version"]!.GetValue<long>());
        Assert.Equal($"/api/notifications/{number}", response.Headers.Location!.OriginalString);

        var state = await (await client.GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(number, state["id"]!.GetValue<string>());
        Assert.Equal("filed", state["status"]!.GetValue<string>());
        Assert.Equal("eu", state["regime"]!["regime"]!.GetValue<string>());
        Assert.Equal("Regulation (EU) 2024/1157", state["regime"]!["instrument"]!.GetValue<string>());
        Assert.Equal(1, state["version"]!.GetValue<long>());
        var authorities = state["authorities"]!.AsArray();
        // EU 2024/1157 Art. 9(1): dispatch, destination and transit each decide.
        Assert.Equal(["DE:export", "NL:import", "BE:transit"],
            authorities.Select(a => $"{a!["state"]}:{a["role"]}"));

        // The event records who acted, for which authority, under which correlation id.
        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(number);
        var filed = Assert.Single(events);
        Assert.IsType<NotificationFiled>(filed.Data);
        Assert.Equal("alice.de", filed.UserName);
        Assert.Equal("corr-file-1", filed.CorrelationId);
        Assert.Equal("authority:DE", filed.Headers![EventMetadataMiddleware.AuthorityHeader]!.ToString());
    }

    [Fact]
    public async Task The_transit_state_reads_the_file_but_an_unconcerned_state_may_not()
    {
        var number = await api.FiledAsync(Flows.Eu(via: ["BE"]));

        await (await api.Authority("BE").GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        await (await api.Authority("NL").GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        var problem = await (await api.Authority("PL").GetAsync($"/api/notifications/{number}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Contains("PL is not a state concerned", problem["detail"]!.GetValue<string>());
        await (await api.FacilityUser("X").GetAsync($"/api/notifications/{number}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.Authority("DE").GetAsync("/api/notifications/DE-2026-999999")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unauthenticated_filing_is_401_and_appends_nothing()
    {
        var before = await api.EventCountAsync();
        var response = await api.Anonymous().File(Flows.Eu()).SendAsync();
        await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task An_authority_of_another_state_filing_for_DE_is_403_and_appends_nothing()
    {
        var before = await api.EventCountAsync();
        var problem = await (await api.Authority("FR").File(Flows.Eu()).SendAsync()).ShouldBeRefused(HttpStatusCode.Forbidden, "not-state-of-export");
        Assert.Contains("Art. 6(1)", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Theory]
    [InlineData("facility")]
    [InlineData("auditor")]
    [InlineData("admin")]
    public async Task Other_roles_may_not_file(string role)
    {
        var before = await api.EventCountAsync();
        var client = role switch
        {
            "facility" => api.FacilityUser("NL-FAC-ROTTERDAM-1"),
            "auditor" => api.Auditor(),
            _ => api.Admin(),
        };
        await (await client.File(Flows.Eu()).SendAsync()).ShouldBeProblem(HttpStatusCode.Forbidden);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task An_invalid_body_is_400_naming_each_field_and_appends_nothing()
    {
        var before = await api.EventCountAsync();
        var sample = Flows.Eu();
        var invalid = sample with
        {
            StateOfImport = "XX",
            Operation = "R99",
            TotalQuantity = -5,
            Unit = "kg",
            Waste = sample.Waste with { YCodes = ["Y99"], BaselCode = "A9999", UnNumber = "1234" },
            Declaration = sample.Declaration with { InformationCorrect = false },
        };

        var problem = await (await api.Authority("DE").File(invalid).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);

        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "stateOfImport", "operation", "totalQuantity", "unit", "waste.yCodes[0]", "waste.baselCode", "waste.unNumber", "declaration.informationCorrect" })
        {
            Assert.True(errors.ContainsKey(field), $"errors name {field}: {errors.ToJsonString()}");
        }

        Assert.Contains("Y99", errors["waste.yCodes[0]"]![0]!.GetValue<string>());
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task A_code_deleted_before_the_filing_date_is_refused_by_name()
    {
        // A1180 was deleted from Annex VIII on 1 January 2025 (BC-15/18); its successor is A1181.
        var sample = Flows.Eu();
        var problem = await (await api.Authority("DE").File(sample with { Waste = sample.Waste with { BaselCode = "A1180" } }).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("A1180", problem["errors"]!["waste.baselCode"]![0]!.GetValue<string>());

        await api.Authority("DE").File(sample with { Waste = sample.Waste with { BaselCode = "A1181" } }).Created();
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_appends_nothing()
    {
        var before = await api.EventCountAsync();
        var client = api.Authority("DE");
        var response = await client.PostAsync("/api/notifications",
            new StringContent("{ \"stateOfExport\": \"DE\", ", System.Text.Encoding.UTF8, "application/json"));
        await response.ShouldBeProblem(HttpStatusCode.BadRequest);

        var wrongType = await client.PostAsync("/api/notifications",
            new StringContent("{ \"intendedShipments\": \"many\" }", System.Text.Encoding.UTF8, "application/json"));
        await wrongType.ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await api.EventCountAsync());
    }

    [Fact]
    public async Task Concurrent_filings_get_distinct_numbers()
    {
        var client = api.Authority("CZ");
        var sample = Samples.Notification(export: "CZ", import: "AT");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.File(sample).SendAsync()));
        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add((await response.ShouldBe(HttpStatusCode.Created))["notificationNumber"]!.GetValue<string>());
        }

        Assert.Equal(20, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.StartsWith("CZ-20", n));
    }
}
