using System.Diagnostics;
using System.Net;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;
using Weasel.Core;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class RebuildAndVersioningTests(ApiFixture api)
{
    /// <summary>Malaysia to Japan through Korea, consented, one shipment of 5 t departed this morning.</summary>
    private async Task<(string Number, string Shipment)> ShipmentInTransitAsync()
    {
        var movement = await api.InTransitAsync(Flows.Basel(), Announcement(5m, TestStart.Day(7), "Sea Carrier", "drum", 20),
            new RecordDeparture(TestStart.At(0, 8, 0), "Sea Carrier"));
        return (movement.Number, movement.Shipment);
    }

    private async Task<Dictionary<string, string>> DocumentsAsync(string table, IEnumerable<string> ids)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var result = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            await using var command = new NpgsqlCommand($"select data::text from {table} where id = $1", connection);
            command.Parameters.AddWithValue(id);
            result[id] = (string)(await command.ExecuteScalarAsync())!;
        }

        return result;
    }

    [Fact]
    public async Task Rebuilding_the_projections_from_the_command_line_gives_the_live_documents()
    {
        var (n1, s1) = await ShipmentInTransitAsync();
        var (n2, s2) = await ShipmentInTransitAsync();
        var notificationsBefore = await DocumentsAsync("mt_doc_notificationstate", [n1, n2]);
        var shipmentsBefore = await DocumentsAsync("mt_doc_shipmentstate", [s1, s2]);

        foreach (var projection in new[] { "NotificationState", "ShipmentState" })
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "WasteMovements.Api.dll"), "projections", "rebuild", "-p", projection }) start.ArgumentList.Add(a);
            start.Environment["ConnectionStrings__Marten"] = api.ConnectionString;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            Assert.True(process.ExitCode == 0, await output + await errors);
        }

        Assert.Equal(notificationsBefore, await DocumentsAsync("mt_doc_notificationstate", [n1, n2]));
        Assert.Equal(shipmentsBefore, await DocumentsAsync("mt_doc_shipmentstate", [s1, s2]));
    }

    [Fact]
    public async Task An_event_stored_by_the_previous_release_is_read_in_the_new_shape_and_its_chain_verifies()
    {
        var (number, shipment) = await ShipmentInTransitAsync();

        // The previous release: the old event type under its old name, the same chain listener, no upcaster.
        using (var previousRelease = DocumentStore.For(options =>
               {
                   options.Connection(api.ConnectionString);
                   options.Events.StreamIdentity = StreamIdentity.AsString;
                   options.Events.AppendMode = EventAppendMode.Rich;
                   options.Events.MetadataConfig.HeadersEnabled = true;
                   options.Events.MetadataConfig.CorrelationIdEnabled = true;
                   options.Events.MetadataConfig.CausationIdEnabled = true;
                   options.Events.MetadataConfig.UserNameEnabled = true;
                   options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                   options.Events.MapEventType<BorderCrossingRecordedV1>(EventVersioning.BorderCrossingRecordedV1Name);
                   options.Listeners.Add(new EventChainListener());
                   options.AutoCreateSchemaObjects = AutoCreate.None;
               }))
        {
            await using var session = previousRelease.LightweightSession();
            session.LastModifiedBy = "officer.kr";
            session.Events.Append(shipment, new BorderCrossingRecordedV1(number, shipment, "KR", "Busan customs", false, TestStart.At(1, 6, 0)));
            await session.SaveChangesAsync();
        }

        // Stored in the old form...
        var history = await (await api.Auditor().GetAsync($"/api/notifications/{number}/history")).ShouldBe(HttpStatusCode.OK);
        var old = history["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == EventVersioning.BorderCrossingRecordedV1Name)!;
        Assert.Equal("Busan customs", old["data"]!["office"]!.GetValue<string>());
        Assert.False(old["data"]!["exit"]!.GetValue<bool>());

        // ...read in the new shape...
        await using (var session = api.Store.QuerySession())
        {
            var events = await session.Events.FetchStreamAsync(shipment);
            var crossed = Assert.IsType<BorderCrossed>(events.Last().Data);
            Assert.Equal(("KR", "Busan customs", CrossingDirection.Entry), (crossed.State, crossed.CustomsOffice, crossed.Direction));
            var state = await session.Events.AggregateStreamAsync<ShipmentState>(shipment);
            Assert.Equal("Busan customs", state!.Crossings.Single().CustomsOffice);
        }

        // ...rebuilt by the daemon, whose projection reads only its declared event types (the old type name
        // included, through the upcaster), so that the document is back level with its stream...
        await api.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        using (var daemon = await api.Store.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync("ShipmentState", TimeSpan.FromMinutes(2), CancellationToken.None);
        }

        await using (var session = api.Store.QuerySession())
        {
            var rebuilt = await session.LoadAsync<ShipmentState>(shipment);
            var stream = await session.Events.FetchStreamStateAsync(shipment);
            Assert.Equal("Busan customs", rebuilt!.Crossings.Single().CustomsOffice);
            Assert.Equal(stream!.Version, rebuilt.Version);
        }

        // ...and the chain verifies the stored (old) form.
        var integrity = await (await api.Auditor().GetAsync($"/api/notifications/{number}/integrity")).ShouldBe(HttpStatusCode.OK);
        Assert.True(integrity["valid"]!.GetValue<bool>(), integrity.ToJsonString());
    }
}
