using System.Net;
using Marten;
using Npgsql;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Audit;

/// <summary>
/// The projections subscribe to their streams' event types only (StreamEventTypes): every projected document
/// must still stand at its stream's version, and an event of another kind of stream is refused.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProjectionVersionTests(ApiFixture api)
{
    [Fact]
    public async Task Every_projected_document_stands_at_its_streams_version()
    {
        // A file through an information request, consents, two shipments, departures, a receipt and a rejection;
        // plus whatever the other tests of the run left in the store.
        using var _ = api.TimeTravel();
        var number = await api.FileAsync(Samples.Notification("MY", "JP", ["KR"]));
        var url = $"/api/notifications/{number}";
        var jp = api.Authority("JP"); var kr = api.Authority("KR"); var my = api.Authority("MY");
        await (await kr.PostJson(url + "/acknowledgements", new { })).ShouldBe(HttpStatusCode.OK);
        await (await jp.PostJson(url + "/acknowledgements", new { })).ShouldBe(HttpStatusCode.OK);
        var request = await (await jp.PostJson(url + "/information-requests", new { questions = "Which drums?" })).ShouldBe(HttpStatusCode.Created);
        await (await my.PostJson(url + $"/information-requests/{request["requestId"]!.GetValue<string>()}/answer", new { answer = "UN 1A2" })).ShouldBe(HttpStatusCode.OK);
        foreach (var (client, contract) in new[] { (kr, false), (jp, true) })
        {
            await (await client.PostJson(url + "/decisions",
                new { decision = "consent", validFrom = TestStart.Text(TestStart.Day(0)), validUntil = TestStart.Text(TestStart.Day(8).AddYears(1).AddDays(-11)), contractConfirmed = contract })).ShouldBe(HttpStatusCode.OK);
        }

        var shipments = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            shipments.Add((await (await my.PostJson(url + "/shipments", new
            {
                quantity = 5, unit = "t", plannedDeparture = TestStart.Text(TestStart.Day(7)), carriers = new[] { "Sea Carrier" }, packaging = "drum", packages = 20,
            })).ShouldBe(HttpStatusCode.Created))["shipmentId"]!.GetValue<string>());
        }

        api.Clock.Set(TestStart.At(7, 12, 0));
        foreach (var id in shipments)
        {
            await (await my.PostJson($"/api/shipments/{id}/departure", new { departedAt = TestStart.Text(TestStart.At(7, 8, 0)), carrier = "Sea Carrier" })).ShouldBe(HttpStatusCode.OK);
        }

        var facility = api.FacilityUser("NL-FAC-ROTTERDAM-1");
        await (await facility.PostJson($"/api/shipments/{shipments[0]}/receipt", new { receivedAt = TestStart.Text(TestStart.At(7, 11, 0)), quantity = 5, unit = "t" })).ShouldBe(HttpStatusCode.OK);
        await (await facility.PostJson($"/api/shipments/{shipments[1]}/rejection", new { reason = "Leaking drums" })).ShouldBe(HttpStatusCode.OK);

        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        foreach (var table in new[] { "mt_doc_notificationstate", "mt_doc_shipmentstate", "mt_doc_countryregistryentry" })
        {
            await using var command = new NpgsqlCommand(
                $"select count(*), count(*) filter (where (d.data ->> 'version')::bigint <> s.version) from {table} d join mt_streams s on s.id = d.id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (documents, behind) = (reader.GetInt64(0), reader.GetInt64(1));
            Assert.True(table == "mt_doc_countryregistryentry" || documents > 0, $"{table}: no documents checked");
            Assert.True(behind == 0, $"{table}: {behind} of {documents} documents are not at their stream's version");
        }
    }

    [Fact]
    public async Task An_event_of_another_kind_of_stream_is_refused_and_nothing_is_appended()
    {
        var number = await api.FileAsync(Samples.Notification("MY", "JP"));
        var before = await api.StreamEventCountAsync(number);
        await using var session = api.Store.LightweightSession();
        session.Events.Append(number, new ShipmentDeparted(number, number + "-001", DateTimeOffset.UtcNow, "Sea Carrier", "guard test"));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        Assert.Contains("ShipmentDeparted may not be appended to stream " + number, error.ToString());
        Assert.Equal(before, await api.StreamEventCountAsync(number));
        Assert.Equal(before, (await api.Store.QuerySession().LoadAsync<NotificationState>(number))!.Version);
    }
}
