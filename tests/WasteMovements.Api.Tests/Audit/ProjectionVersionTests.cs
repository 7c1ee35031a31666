using System.Net;
using Marten;
using Npgsql;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

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
        var number = await api.AcknowledgedAsync(Flows.Basel());
        var jp = api.Authority("JP"); var my = api.Authority("MY");
        var requestId = (await jp.RequestInformation(number, "Which drums?").Created())["requestId"]!.GetValue<string>();
        await my.Answer(number, requestId, "UN 1A2").Ok();
        await api.ConsentByAllAsync(number);

        var shipments = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            shipments.Add(await my.Announce(number, Announcement(5m, TestStart.Day(7), "Sea Carrier", "drum", 20)).ShipmentId());
        }

        api.Clock.Set(TestStart.At(7, 12, 0));
        foreach (var id in shipments)
        {
            await my.Depart(id, new RecordDeparture(TestStart.At(7, 8, 0), "Sea Carrier")).Ok();
        }

        var facility = api.FacilityUser("NL-FAC-ROTTERDAM-1");
        await facility.Receive(shipments[0], new ConfirmReceipt(TestStart.At(7, 11, 0), 5m, "t")).Ok();
        await facility.Reject(shipments[1], new RejectShipment("Leaking drums", null)).Ok();

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
        var number = await api.FiledAsync(Flows.Basel(via: []));
        var before = await api.StreamEventCountAsync(number);
        await using var session = api.Store.LightweightSession();
        session.Events.Append(number, new ShipmentDeparted(number, number + "-001", DateTimeOffset.UtcNow, "Sea Carrier", "guard test"));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => session.SaveChangesAsync());
        Assert.Contains("ShipmentDeparted may not be appended to stream " + number, error.ToString());
        Assert.Equal(before, await api.StreamEventCountAsync(number));
        Assert.Equal(before, (await api.Store.QuerySession().LoadAsync<NotificationState>(number))!.Version);
    }
}
