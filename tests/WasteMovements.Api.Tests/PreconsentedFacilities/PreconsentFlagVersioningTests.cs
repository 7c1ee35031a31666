using System.Text.Json.Nodes;
using Npgsql;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.Events;
using Marten;
using Weasel.Core;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.PreconsentedFacilities;

/// <summary>
/// Decision 0005, rule 4: a notification filed by the previous release with the self-declared pre-consent flag (and
/// none of the register's fields) is stored without them and read by this release as pre-consented.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PreconsentFlagVersioningTests(ApiFixture api)
{
    /// <summary>The previous release's shape: NotificationFiled without preconsent, particulars without the register's and Art. 15's fields.</summary>
    private static void PreviousReleaseShape(JsonTypeInfo info)
    {
        string[] absent = info.Type == typeof(NotificationFiled) ? ["preconsent"]
            : info.Type == typeof(NotificationParticulars) ? ["preconsentEntry", "subsequentFacilities", "earlierNotification"]
            : [];
        foreach (var property in info.Properties.Where(x => absent.Contains(x.Name)).ToArray()) info.Properties.Remove(property);
    }

    [Fact]
    public async Task A_notification_filed_with_the_old_flag_still_reads_as_pre_consented()
    {
        var number = $"DE-1999-{Random.Shared.Next(100000, 999999)}";
        var p = Samples.Notification("DE", "NL") with { PreconsentedFacility = true };
        var filed = Filing.Filed(p, number, WasteMovements.Domain.CodeLists.CountryRegistry.LoadEmbedded(), TestStart.Now);

        using (var previousRelease = DocumentStore.For(options =>
               {
                   options.Connection(api.ConnectionString);
                   options.Events.StreamIdentity = StreamIdentity.AsString;
                   options.Events.AppendMode = EventAppendMode.Rich;
                   options.Events.MetadataConfig.HeadersEnabled = true;
                   options.Events.MetadataConfig.CorrelationIdEnabled = true;
                   options.Events.MetadataConfig.CausationIdEnabled = true;
                   options.Events.MetadataConfig.UserNameEnabled = true;
                   options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
                       o => o.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { PreviousReleaseShape } });
                   options.Listeners.Add(new EventChainListener());
                   options.AutoCreateSchemaObjects = AutoCreate.None;
               }))
        {
            await using var session = previousRelease.LightweightSession();
            session.LastModifiedBy = "officer.de";
            session.Events.StartStream(number, filed);
            await session.SaveChangesAsync();
        }

        await using (var session = api.Store.QuerySession())
        {
            // Stored without the new fields...
            await using var connection = new NpgsqlConnection(api.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select data::text from mt_events where stream_id = @id", connection);
            command.Parameters.AddWithValue("id", number);
            var data = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!;
            Assert.False(data.AsObject().ContainsKey("preconsent"));
            Assert.True(data["particulars"]!["preconsentedFacility"]!.GetValue<bool>());
            Assert.False(data["particulars"]!.AsObject().ContainsKey("preconsentEntry"));

            // ...read in the current shape, still pre-consented as filed.
            var read = Assert.IsType<NotificationFiled>(Assert.Single(await session.Events.FetchStreamAsync(number)).Data);
            Assert.Null(read.Preconsent);
            Assert.Null(read.Particulars.PreconsentEntry);
            Assert.Empty(read.Particulars.Subsequent);
            var state = await session.Events.AggregateStreamAsync<NotificationState>(number);
            Assert.True(state!.PreconsentedFacility);
        }
    }
}
