using System.Net.Http.Headers;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>The API host under test, on its own database, with a clock the tests move.</summary>
public sealed class ApiFactory(string connectionString, TestClock clock, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The subject configured in <c>Auth:Administrators</c> (with the development issuer).</summary>
    public const string BootstrapAdministrator = "bootstrap.admin";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Marten", connectionString);
        builder.UseSetting("Auth:SigningKey", JwtSettings.DevelopmentSigningKey);
        // Many scenarios write as the same identities; the limits themselves are tested on their own host.
        builder.UseSetting("RateLimiting:Enabled", "false");
        // A bootstrap administrator (issue 18): a person-only token of this subject is an administrator.
        builder.UseSetting("Auth:Administrators:0:Issuer", "wastemovements");
        builder.UseSetting("Auth:Administrators:0:Subject", BootstrapAdministrator);
        // A host of its own kind (an exchange node, issue 17) adds its settings.
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.RunWolverineInSoloMode();
        });
    }
}

/// <summary>One host and one database for the whole API test run (xUnit collection fixture).</summary>
public class ApiFixture : IAsyncLifetime
{
    /// <summary>Settings of a host of another kind (an exchange node); none for the plain API host.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Tests start on a Monday relative to the real date (<see cref="TestStart"/>); each moves the clock only forward.</summary>
    public static readonly DateTimeOffset Start = TestStart.Now;

    private TestDatabase? _database;

    public ApiFactory Factory { get; private set; } = null!;
    public TestClock Clock { get; } = new(Start);
    public string ConnectionString => _database!.ConnectionString;

    public async Task InitializeAsync()
    {
        // RunJasperFxCommands only starts the host by itself when told it runs under a test harness.
        JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;
        _database = await TestDatabase.CreateAsync();
        Factory = new ApiFactory(_database.ConnectionString, Clock, Settings);
        _ = Factory.Server; // start the host now, so schema creation is not timed by the first test
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    public IServiceProvider Services => Factory.Services;

    public HttpClient Anonymous() => Factory.CreateClient();

    public HttpClient Authority(string country, string person = "officer") =>
        WithToken(Services.GetRequiredService<TokenIssuer>().Issue(Roles.Authority, $"{person}.{country.ToLowerInvariant()}", country));

    public HttpClient FacilityUser(string facilityId, string person = "operator") =>
        WithToken(Services.GetRequiredService<TokenIssuer>().Issue(Roles.Facility, person, facility: facilityId));

    /// <summary>An undertaking of a green-list shipment: the person who arranges it, or the consignee (EU 2024/1157 Art. 18(4)).</summary>
    public HttpClient Undertaking(string undertakingId, string person = "trader") =>
        WithToken(Services.GetRequiredService<TokenIssuer>().Issue(Roles.Undertaking, person, undertaking: undertakingId));

    public HttpClient Auditor(string person = "auditor") =>
        WithToken(Services.GetRequiredService<TokenIssuer>().Issue(Roles.Auditor, person));

    public HttpClient Admin(string person = "admin") =>
        WithToken(Services.GetRequiredService<TokenIssuer>().Issue(Roles.Admin, person));

    /// <summary>A person with only iss and sub in the token (issue 18): their rights come from their assignment, if any.</summary>
    public HttpClient Person(string subject, string? name = null) =>
        WithToken(Services.GetRequiredService<TokenIssuer>().IssuePerson(subject, name));

    public HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// The number of events in the whole store: a refused request must leave it unchanged. Marten's
    /// tombstones (placeholders for the sequence numbers of a rolled-back append, stream <c>mt_tombstone</c>)
    /// record no fact and are not counted.
    /// </summary>
    public async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from mt_events where stream_id <> '{TombstoneStream}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public const string TombstoneStream = "mt_tombstone";

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>
    /// Delivers the deadlines that are due by the test clock, as Wolverine's durable scheduler delivers them
    /// by the wall clock in production: the same message to the same handler.
    /// </summary>
    public async Task<int> FireDueDeadlinesAsync()
    {
        var now = Clock.GetUtcNow();
        List<WasteMovements.Api.Deadlines.ScheduledDeadline> due;
        await using (var session = Store.QuerySession())
        {
            due = (await session.Query<WasteMovements.Api.Deadlines.ScheduledDeadline>()
                .Where(d => !d.Done && d.DueAt <= now).OrderBy(d => d.DueAt).ToListAsync()).ToList();
        }

        foreach (var deadline in due)
        {
            await using var scope = Services.CreateAsyncScope();
            var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
            await bus.InvokeAsync(new WasteMovements.Api.Deadlines.DeadlineReached(deadline.Id, deadline.DueAt));
        }

        return due.Count;
    }

    /// <summary>Moves the clock forward for one test and back to <see cref="Start"/> when disposed.</summary>
    public IDisposable TimeTravel()
    {
        Clock.Set(Start);
        return new ClockReset(Clock);
    }

    private sealed class ClockReset(TestClock clock) : IDisposable
    {
        public void Dispose() => clock.Set(Start);
    }

    /// <summary>Files a notification as the state of export's authority and returns its number.</summary>
    public async Task<string> FileAsync(NotificationParticulars particulars)
    {
        var response = await Authority(particulars.StateOfExport).PostJson("/api/notifications", particulars);
        return (await response.ShouldBe(System.Net.HttpStatusCode.Created))["notificationNumber"]!.GetValue<string>();
    }

    public async Task<long> StreamEventCountAsync(string streamKey)
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamAsync(streamKey)).Count;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
