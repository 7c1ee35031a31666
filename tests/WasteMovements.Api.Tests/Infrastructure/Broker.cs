using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using WasteMovements.Api.Tests.Contract;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// The RabbitMQ broker of the exchange's tests (issue 17), started by eng/test.sh with eng/rabbitmq.sh, which exports
/// its URI as <c>WM_TEST_BROKER</c> and its port as <c>WM_TEST_BROKER_PORT</c>. <see cref="RestartAsync"/>,
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> act on that shared instance through the same script with the
/// same port, so on the very broker the API processes use; while they run, every other test on the shared broker
/// (the Exchange collection runs in parallel with the process tests) sees the outage too. A test that only needs
/// a broker to break takes one of its own instead: <see cref="StartPrivateAsync"/>. For a filtered run without
/// eng/test.sh: <c>export WM_RMQ_PORT=55672 WM_TEST_BROKER_PORT=55672</c>, then
/// <c>export WM_TEST_BROKER="$(bash eng/rabbitmq.sh | tail -n 1)"</c>.
/// </summary>
public static class Broker
{
    public const string UriVariable = "WM_TEST_BROKER";
    public const string PortVariable = "WM_TEST_BROKER_PORT";

    /// <summary>The shared broker's AMQP URI, e.g. <c>amqp://guest:guest@127.0.0.1:55672/</c>.</summary>
    public static string Uri
    {
        get
        {
            var uri = Environment.GetEnvironmentVariable(UriVariable);
            if (string.IsNullOrWhiteSpace(uri))
            {
                throw new InvalidOperationException(
                    $"{UriVariable} is not set: this test needs the RabbitMQ broker. eng/test.sh starts it (eng/rabbitmq.sh) and sets " +
                    $"{UriVariable}; if it did, its start failed (see the [rabbitmq] lines of the run). For a filtered run: " +
                    $"export WM_RMQ_PORT=55672 {PortVariable}=55672; export {UriVariable}=\"$(bash eng/rabbitmq.sh | tail -n 1)\"");
            }

            return uri;
        }
    }

    /// <summary>The shared broker's AMQP port (from <c>WM_TEST_BROKER_PORT</c>, else from the URI).</summary>
    public static int Port =>
        int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port) ? port : new Uri(Uri).Port;

    private static BrokerInstance Shared => new(Uri, new Dictionary<string, string> { ["WM_RMQ_PORT"] = Port.ToString(CultureInfo.InvariantCulture) }, null);

    /// <summary>
    /// A new process for the shared broker (eng/rabbitmq.sh restart: stop, then start; durable queues and persistent
    /// messages are recovered from disk); returns once its AMQP port answers. Connections open before are closed.
    /// </summary>
    public static Task RestartAsync() => Shared.RestartAsync();

    /// <summary>Stops the shared broker (returns once its process has exited): connects are refused.</summary>
    public static Task StopAsync() => Shared.StopAsync();

    /// <summary>Starts the shared broker (eng/rabbitmq.sh, idempotent); returns once its AMQP port answers.</summary>
    public static Task StartAsync() => Shared.StartAsync();

    /// <summary>Whether something accepts TCP connections on the shared broker's port.</summary>
    public static Task<bool> AnswersAsync() => Shared.AnswersAsync();

    /// <summary>
    /// A broker of the test's own (eng/rabbitmq.sh on free ports, its data in a temporary folder), to stop and restart
    /// without disturbing the tests on the shared one; disposing it stops it and deletes its folder. A start costs
    /// seconds (12 to 17 s on the loaded build machine).
    /// </summary>
    public static async Task<BrokerInstance> StartPrivateAsync()
    {
        _ = Uri; // the same precondition as the shared broker: eng/rabbitmq.sh works on this machine
        var port = ApiProcess.FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"wm-rmq-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string>
        {
            ["WM_RMQ_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["WM_RMQ_DIST_PORT"] = ApiProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["WM_RMQ_EPMD_PORT"] = ApiProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["WM_RMQ_DATA"] = data,
            // A private instance is never the compose service, which has one fixed volume.
            ["WM_NO_DOCKER"] = "1",
        };
        var broker = new BrokerInstance($"amqp://guest:guest@127.0.0.1:{port}/", settings, data);
        await broker.StartAsync();
        return broker;
    }
}

/// <summary>One RabbitMQ instance run by eng/rabbitmq.sh with the given environment (port, data folder).</summary>
public sealed class BrokerInstance(string uri, IReadOnlyDictionary<string, string> settings, string? ownedData) : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    public string Uri { get; } = uri;
    public int Port { get; } = new Uri(uri).Port;

    /// <summary>A new broker process (eng/rabbitmq.sh restart); returns once its AMQP port answers.</summary>
    public Task RestartAsync() => RunAsync("restart");

    /// <summary>Stops the broker (eng/rabbitmq.sh stop returns once its process has exited).</summary>
    public async Task StopAsync()
    {
        await RunScriptAsync("stop");
        if (await AnswersAsync()) throw new InvalidOperationException($"The broker still answers on 127.0.0.1:{Port} after eng/rabbitmq.sh stop.");
    }

    /// <summary>Starts the broker (eng/rabbitmq.sh, idempotent); returns once its AMQP port answers.</summary>
    public Task StartAsync() => RunAsync("up");

    public async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunAsync(string action)
    {
        await RunScriptAsync(action);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await AnswersAsync())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"eng/rabbitmq.sh {action} returned, but nothing answers on 127.0.0.1:{Port}.");
            await Task.Delay(100);
        }
    }

    private async Task RunScriptAsync(string action)
    {
        var start = new ProcessStartInfo("bash", $"eng/rabbitmq.sh {action}")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The script derives the node name, data folder and Erlang ports from these: the same instance every time.
        foreach (var (key, value) in settings) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run bash");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"eng/rabbitmq.sh {action} did not finish within {ScriptTimeout}:\n{await stderr}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/rabbitmq.sh {action} failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        }
    }

    /// <summary>A private instance is stopped and its folder deleted; the shared one is left as it is.</summary>
    public async ValueTask DisposeAsync()
    {
        if (ownedData is null) return;
        try
        {
            await RunScriptAsync("stop");
        }
        finally
        {
            try
            {
                Directory.Delete(ownedData, recursive: true);
            }
            catch (IOException)
            {
                // a file still held; the temporary folder is cleaned with the machine
            }
        }
    }
}
