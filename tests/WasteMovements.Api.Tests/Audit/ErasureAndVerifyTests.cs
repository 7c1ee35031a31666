using System.Diagnostics;
using System.Net;
using Npgsql;
using WasteMovements.Api.Audit;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Common;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class ErasureAndVerifyTests(ApiFixture api)
{
    [Fact]
    public async Task A_person_is_erased_after_the_retention_period_and_the_chain_still_verifies()
    {
        using var _ = api.TimeTravel();
        var person = $"Hanna Erasable {Guid.NewGuid():N}"[..28];
        var sample = Flows.Basel(via: []);
        var particulars = sample with
        {
            Exporter = sample.Exporter with { Contact = new ContactPerson(person, "+60 3 0000", "hanna@example.org") },
            Declaration = sample.Declaration with { SignedBy = person },
        };
        // An officer of this test only: the erasure of the person who acted must not reach other tests' files.
        var officer = $"erasable{Guid.NewGuid():N}"[..16];
        var client = api.Authority("MY", officer);
        var number = (await client.File(particulars).Created())["notificationNumber"]!.GetValue<string>();
        await client.Cancel(number, "Contract terminated").Ok();

        var erasure = new ErasePersonalData(person, $"{officer}.my", "Retention period ended (EU 2024/1157 Art. 20)");
        await api.Refused(api.Admin().Erase(erasure), HttpStatusCode.Conflict, "retention-period-running");
        await (await api.Authority("MY").Erase(erasure).SendAsync()).ShouldBeProblem(HttpStatusCode.Forbidden);

        api.Clock.Advance(TimeSpan.FromDays(5 * 365 + 2));
        var erased = await api.Admin().Erase(erasure).Ok();
        Assert.Contains(number, erased["notifications"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(erased["fields"]!.GetValue<int>() >= 4); // name, phone, e-mail, signature

        // Gone from the events and from the projected state...
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*) from mt_events where strpos(data::text, $1) > 0", connection);
            command.Parameters.AddWithValue(person);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }

        var state = await (await api.Auditor().GetAsync($"/api/notifications/{number}")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(person, state.ToJsonString());
        Assert.Equal("[erased]", state["particulars"]!["exporter"]!["contact"]!["name"]!.GetValue<string>());
        var history = await (await api.Auditor().GetAsync($"/api/notifications/{number}/history")).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(person, history.ToJsonString());
        Assert.Contains(history["events"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "personal_data_erased");
        Assert.All(history["events"]!.AsArray().Where(e => e!["stream"]!.GetValue<string>() == number && e["type"]!.GetValue<string>() != "personal_data_erased"),
            e => Assert.Equal("[erased]", e!["actor"]!.GetValue<string>()));

        // ...and the chain still verifies.
        var integrity = await (await api.Auditor().GetAsync($"/api/notifications/{number}/integrity")).ShouldBe(HttpStatusCode.OK);
        Assert.True(integrity["valid"]!.GetValue<bool>(), integrity.ToJsonString());
    }

    private static async Task<(int ExitCode, string Output)> RunApiCommand(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasteMovements.Api.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__Marten"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task The_verify_command_exits_non_zero_on_a_broken_chain()
    {
        var number = await api.FiledAsync(Flows.Basel(via: []));
        await api.Authority("JP").Acknowledge(number).Ok();

        var (ok, output) = await RunApiCommand(api.ConnectionString, "verify", "--notification", number);
        Assert.True(ok == 0, output);
        Assert.Contains("valid: 2 events in 1 streams", output);

        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("update mt_events set correlation_id = 'forged' where stream_id = $1 and version = 2", connection);
            command.Parameters.AddWithValue(number);
            await command.ExecuteNonQueryAsync();
        }

        var (broken, report) = await RunApiCommand(api.ConnectionString, "verify", "--notification", number);
        Assert.NotEqual(0, broken);
        Assert.Contains($"stream {number} version 2", report);

        // --all checks every stream of a store.
        await using var fresh = await TestDatabase.CreateAsync();
        var (applied, applyOutput) = await RunApiCommand(fresh.ConnectionString, "db-apply");
        Assert.True(applied == 0, applyOutput);
        var (all, allOutput) = await RunApiCommand(fresh.ConnectionString, "verify", "--all");
        Assert.True(all == 0, allOutput);
        Assert.Contains("valid: 0 events in 0 streams", allOutput);
    }
}
