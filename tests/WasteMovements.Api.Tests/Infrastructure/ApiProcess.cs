using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using WasteMovements.Api.Security;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// The API as a separate operating-system process (<c>dotnet WasteMovements.Api.dll</c> from the test's build
/// output) on its own port, for the fault tests of docs/reliability.md: it can be killed with SIGKILL, run
/// twice against one database, or lose its database. Its log lines are kept for inspection.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    /// <summary>Durability timings shortened from Wolverine's defaults so that the tests take seconds (docs/operations.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> FastDurability = new Dictionary<string, string>
    {
        ["Wolverine__Durability__ScheduledJobPollingTime"] = "00:00:00.500",
        ["Wolverine__Durability__ScheduledJobFirstExecution"] = "00:00:00.200",
        ["Wolverine__Durability__HealthCheckPollingTime"] = "00:00:01",
        ["Wolverine__Durability__FirstHealthCheckExecution"] = "00:00:00.200",
        ["Wolverine__Durability__NodeReassignmentPollingTime"] = "00:00:01",
        ["Wolverine__Durability__CheckAssignmentPeriod"] = "00:00:02",
        ["Wolverine__Durability__StaleNodeTimeout"] = "00:00:05",
        ["Wolverine__Durability__OrphanedMessageSweepPollingTime"] = "00:00:01",
    };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ApiProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }
    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public IReadOnlyCollection<string> Log => _log;
    public bool HasExited => _process.HasExited;

    public static readonly TokenIssuer Tokens = new(new JwtSettings { SigningKey = JwtSettings.DevelopmentSigningKey });

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static ApiProcess Start(string connectionString, int port, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "WasteMovements.Api.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Marten"] = connectionString;
        start.Environment["Auth__SigningKey"] = JwtSettings.DevelopmentSigningKey;
        start.Environment["Demo__Seed"] = "false";
        // As production runs: the committed pre-generated handler code, no Roslyn compile on first requests eating into
        // the time windows of these tests (docs/operations.md, "Pre-generated code"; eng/codegen.sh check keeps it current).
        start.Environment["Wolverine__TypeLoadMode"] = "Static";
        foreach (var (key, value) in FastDurability) start.Environment[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var api = new ApiProcess(process, port);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) api._log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) api._log.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    /// <summary>Polls /health until it answers 200 (bounded).</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The API process exited ({_process.ExitCode}):\n{Tail()}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The API on port {Port} was not healthy within {timeout}:\n{Tail()}");
    }

    public HttpClient Client(string? token = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string AuthorityToken(string country, string person) => Tokens.Issue(Roles.Authority, person, country);

    public static string AuditorToken(string person = "auditor") => Tokens.Issue(Roles.Auditor, person);

    public static string AdminToken(string person = "admin") => Tokens.Issue(Roles.Admin, person);

    /// <summary>The operator of a facility (receipt and certificate of completion).</summary>
    public static string FacilityToken(string facilityId, string person = "operator") => Tokens.Issue(Roles.Facility, person, facility: facilityId);

    /// <summary>SIGKILL, with no chance to finish requests, flush or release anything.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public string Tail(int lines = 40) => string.Join('\n', _log.TakeLast(lines));

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The process tests run one after another, after nothing else competes for the two cores of CI: they
/// measure real time (kills, outages, deadlines seconds ahead).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "processes";
}
