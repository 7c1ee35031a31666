using System.Net;
using System.Text.Json;
using Npgsql;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Audit;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class AuditTests(ApiFixture api)
{
    /// <summary>
    /// A Basel notification MY -> JP through KR, acknowledged by JP then KR, consented, with one shipment departed
    /// under a correlation id of its own: 6 events on the notification, 2 on the shipment.
    /// </summary>
    private async Task<(string Number, string Shipment)> MovementAsync()
    {
        var movement = await api.AnnouncedAsync(Flows.Basel(), Announcement(10m, TestStart.Day(7), "Sea Carrier", packages: 10), WrittenConsent(conditions: "Sea route"));
        var my = api.Authority("MY");
        my.DefaultRequestHeaders.Add("X-Correlation-Id", "corr-departure-1");
        await my.Depart(movement.Shipment, new RecordDeparture(TestStart.At(0, 8, 30), "Sea Carrier")).Ok();
        return (movement.Number, movement.Shipment);
    }

    private async Task Execute(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.AddWithValue(p);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Every_event_is_chained_when_appended_and_the_chain_verifies()
    {
        var (number, _) = await MovementAsync();
        var result = await (await api.Auditor().GetAsync($"/api/notifications/{number}/integrity")).ShouldBe(HttpStatusCode.OK);
        Assert.True(result["valid"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(8, result["events"]!.GetValue<int>()); // 6 on the notification, 2 on the shipment
        Assert.Equal(2, result["streams"]!.GetValue<int>());
        Assert.Null(result["brokenAt"]);
        await (await api.Authority("MY").GetAsync($"/api/notifications/{number}/integrity")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Editing_a_stored_events_json_in_PostgreSQL_is_pointed_at()
    {
        var (number, _) = await MovementAsync();
        await Execute("update mt_events set data = jsonb_set(data, '{particulars,totalQuantity}', '999') where stream_id = $1 and version = 1", number);

        var result = await (await api.Auditor().GetAsync($"/api/notifications/{number}/integrity")).ShouldBe(HttpStatusCode.OK);
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal(number, result["brokenAt"]!["streamKey"]!.GetValue<string>());
        Assert.Equal(1, result["brokenAt"]!["version"]!.GetValue<long>());
        Assert.Contains("does not match its hash", result["brokenAt"]!["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData("personal")]
    [InlineData("delete")]
    public async Task Other_tampering_is_found_too(string how)
    {
        var (number, shipment) = await MovementAsync();
        switch (how)
        {
            case "metadata":
                await Execute("update mt_events set user_name = 'someone.else' where stream_id = $1 and version = 3", number);
                break;
            case "personal":
                await Execute("update mt_events set data = jsonb_set(data, '{particulars,exporter,contact,name}', '\"Max Muster\"') where stream_id = $1 and version = 1", number);
                break;
            default:
                await Execute("delete from mt_events where stream_id = $1 and version = 2", number);
                break;
        }

        var result = await (await api.Auditor().GetAsync($"/api/notifications/{number}/integrity")).ShouldBe(HttpStatusCode.OK);
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal(number, result["brokenAt"]!["streamKey"]!.GetValue<string>());
        Assert.NotNull(shipment);
    }

    [Fact]
    public async Task The_history_lists_every_event_in_order_with_who_when_and_for_whom()
    {
        var (number, shipment) = await MovementAsync();
        var history = await (await api.Authority("KR").GetAsync($"/api/notifications/{number}/history")).ShouldBe(HttpStatusCode.OK);
        var events = history["events"]!.AsArray();
        Assert.Equal(8, history["total"]!.GetValue<int>());
        Assert.Equal("notification_filed", events[0]!["type"]!.GetValue<string>());
        var sequences = events.Select(e => e!["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(sequences.Order(), sequences);

        var departed = events.Single(e => e!["type"]!.GetValue<string>() == "shipment_departed")!;
        Assert.Equal(shipment, departed["stream"]!.GetValue<string>());
        Assert.Equal(2, departed["version"]!.GetValue<long>());
        Assert.Equal(TestStart.At(0, 8, 30), departed["occurredAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("officer.my", departed["actor"]!.GetValue<string>());
        Assert.Equal("authority:MY", departed["authority"]!.GetValue<string>());
        Assert.Equal("corr-departure-1", departed["correlationId"]!.GetValue<string>());
        Assert.NotNull(departed["recordedAt"]);
        Assert.Equal(64, departed["hash"]!.GetValue<string>().Length);

        var page2 = await (await api.Auditor().GetAsync($"/api/notifications/{number}/history?page=2&pageSize=4")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(sequences.Skip(4).Take(4), page2["events"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()));
        await (await api.Authority("PL").GetAsync($"/api/notifications/{number}/history")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_state_at_an_instant_or_version_is_rebuilt_from_the_events()
    {
        var number = await api.FiledAsync(Flows.Basel(via: []));
        var jp = api.Authority("JP");
        await jp.Acknowledge(number).Ok();
        var afterAcknowledgement = await RecordedAtAsync(number, 2);
        await jp.Decide(number, WrittenConsent()).Ok();

        var then = await (await api.Auditor().GetAsync($"/api/notifications/{number}/state?at={Uri.EscapeDataString(afterAcknowledgement.ToString("O"))}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("acknowledged", then["notification"]!["status"]!.GetValue<string>());
        Assert.Equal(2, then["notification"]!["version"]!.GetValue<long>());
        var v1 = await (await api.Auditor().GetAsync($"/api/notifications/{number}/state?version=1")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("filed", v1["notification"]!["status"]!.GetValue<string>());
        var now = await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("consented", now["status"]!.GetValue<string>());
        await (await api.Auditor().GetAsync($"/api/notifications/{number}/state")).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await api.Authority("JP").GetAsync($"/api/notifications/{number}/state?version=1")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    private async Task<DateTimeOffset> RecordedAtAsync(string stream, long version)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select timestamp from mt_events where stream_id = $1 and version = $2", connection);
        command.Parameters.AddWithValue(stream);
        command.Parameters.AddWithValue(version);
        var value = await command.ExecuteScalarAsync();
        return value is DateTime dt ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : (DateTimeOffset)value!;
    }

    [Fact]
    public async Task An_exported_dossier_verifies_offline_and_a_changed_copy_does_not()
    {
        var (number, _) = await MovementAsync();
        var response = await api.Auditor().GetAsync($"/api/notifications/{number}/dossier");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();

        // Offline: no database, only the file and the chain code.
        var dossier = JsonSerializer.Deserialize<Dossier>(json, Json.Options)!;
        Assert.Equal(AuditEndpoints.DossierFormat, dossier.Format);
        Assert.True(dossier.Integrity.Valid);
        var check = EventChain.Verify(dossier.Events);
        Assert.True(check.Valid, check.BrokenAt?.Reason);
        Assert.Equal(8, check.Events);

        // The acknowledgement at version 3 is Korea's; a copy claiming it was Poland's no longer verifies.
        Assert.Contains("\"KR\"", dossier.Events.Single(e => e.Version == 3 && e.StreamKey == number).Data);
        var forged = dossier.Events.Select(e => e.Version == 3 && e.StreamKey == number ? e with { Data = e.Data.Replace("\"KR\"", "\"PL\"") } : e).ToList();
        var broken = EventChain.Verify(forged);
        Assert.False(broken.Valid);
        Assert.Equal((number, 3L), (broken.BrokenAt!.StreamKey, broken.BrokenAt.Version));
    }
}
