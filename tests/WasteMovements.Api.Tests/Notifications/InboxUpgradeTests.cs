using System.Net;
using Npgsql;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Notifications;

/// <summary>
/// A notification document projected by a release without <c>pendingSteps</c> (before its rebuild) still
/// shows its steps in the inbox, computed from the whole file.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class InboxUpgradeTests(ApiFixture api)
{
    [Fact]
    public async Task A_document_without_recorded_pending_steps_still_shows_its_steps_in_the_inbox()
    {
        // Peru to Japan through Korea: no other test files for PE, so the inbox below is this file's alone.
        var number = await api.FiledAsync(Samples.Notification("PE", "JP", ["KR"]));
        var before = await (await api.Authority("KR").GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK);
        var expected = before["items"]!.AsArray().Where(i => i!["notificationNumber"]!.GetValue<string>() == number).Select(i => i!.ToJsonString()).ToArray();
        Assert.NotEmpty(expected);

        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("update mt_doc_notificationstate set data = data - 'pendingSteps' where id = $1", connection);
            command.Parameters.AddWithValue(number);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var after = await (await api.Authority("KR").GetAsync("/api/inbox")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(expected, after["items"]!.AsArray().Where(i => i!["notificationNumber"]!.GetValue<string>() == number).Select(i => i!.ToJsonString()).ToArray());
    }
}
