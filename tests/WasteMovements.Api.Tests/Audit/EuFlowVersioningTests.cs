using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;
using Weasel.Core;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Audit;

/// <summary>The filing as releases before the EU flow stored it: no <c>flow</c>, authorities without <c>profile</c>.</summary>
public sealed record ConcernedAuthorityBeforeFlows(string State, AuthorityRole Role, bool AcceptsTacitConsent);

public sealed record NotificationFiledBeforeFlows(
    string NotificationNumber, NotificationParticulars Particulars, RegimeInfo Regime, IReadOnlyList<ConcernedAuthorityBeforeFlows> Authorities, DateTimeOffset FiledAt);

/// <summary>Decision 0005 rule 4 for the optional <c>flow</c> and <c>profile</c> of <see cref="NotificationFiled"/> (decision 0008).</summary>
[Collection(ApiCollection.Name)]
public sealed class EuFlowVersioningTests(ApiFixture api)
{
    [Fact]
    public async Task A_filing_stored_before_the_flow_was_recorded_reads_as_intra_Union()
    {
        var number = $"DE-{TestStart.Year}-9{Random.Shared.Next(10000, 99999)}";
        var p = Samples.Notification("DE", "CH");
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
                   options.Events.MapEventType<NotificationFiledBeforeFlows>("notification_filed");
                   options.Listeners.Add(new EventChainListener());
                   options.AutoCreateSchemaObjects = AutoCreate.None;
               }))
        {
            await using var session = previousRelease.LightweightSession();
            session.LastModifiedBy = "officer.de";
            session.Events.StartStream(number, new NotificationFiledBeforeFlows(number, p, new RegimeInfo(ControlRegime.Eu, RegimeInfo.Eu2024Instrument),
                [new("DE", AuthorityRole.Export, false), new("CH", AuthorityRole.Import, false)], TestStart.At(0)));
            await session.SaveChangesAsync();
        }

        // The previous release stored the event under the domain's own type (only its shape was older).
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"update {api.Store.Options.Events.DatabaseSchemaName}.mt_events set mt_dotnet_type = $1 where stream_id = $2", connection);
            command.Parameters.AddWithValue($"{typeof(NotificationFiled).FullName}, {typeof(NotificationFiled).Assembly.GetName().Name}");
            command.Parameters.AddWithValue(number);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await using var query = api.Store.QuerySession();
        var filed = Assert.IsType<NotificationFiled>((await query.Events.FetchStreamAsync(number)).Single().Data);
        Assert.Null(filed.Flow);
        Assert.All(filed.Authorities, a => Assert.Null(a.Profile));

        var state = (await query.Events.AggregateStreamAsync<NotificationState>(number))!;
        Assert.Equal(EuFlow.IntraUnion, state.Flow);
        // Read as it was filed: the Swiss destination decides in writing (Art. 9(1)), not tacitly (Art. 44(2)(g)).
        Assert.False(RegimeRules.SilenceIsConsent(state, state.AuthorityOf("CH")!));
    }
}
