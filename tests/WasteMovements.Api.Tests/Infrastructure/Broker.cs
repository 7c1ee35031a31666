using System.Diagnostics;
using System.Net.Sockets;
using WasteMovements.Api.Tests.Contract;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// The RabbitMQ broker of the exchange's process tests (issue 17), started by eng/test.sh with eng/rabbitmq.sh, which
/// exports its URI as <c>WM_TEST_BROKER</c> and its port as <c>WM_TEST_BROKER_PORT</c>. The fault tests stop, start
/// and restart it through the same script with the same environment, so they act on the very instance the API
/// processes use. For a filtered run without eng/test.sh:
/// <c>export WM_RMQ_PORT=55672 WM_TEST_BROKER="$(bash eng/rabbitmq.sh | tail -n 1)"</c>.
/// </summary>
public static class Broker
{
    public const string UriVariable = "WM_TEST_BROKER";
    public const string PortVariable = "WM_TEST_BROKER_PORT";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    /// <summary>The AMQP URI, e.g. <c>amqp://guest:guest@127.0.0.1:55672/</c>.</summary>
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
                    $"export WM_RMQ_PORT=55672 {UriVariable}=\"$(bash eng/rabbitmq.sh | tail -n 1)\"");
            }

            return uri;
        }
    }

    /// <summary>The broker's AMQP port (from <c>WM_TEST_BROKER_PORT</c>, else from the URI).</summary>
    public static int Port =>
        int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port) ? port : new Uri(Uri).Port;

    /// <summary>
    /// A new broker process (eng/rabbitmq.sh restart: stop, then start; durable queues and persistent messages are
    /// recovered from disk), and waits until its AMQP port answers. Connections open before are closed by the stop.
    /// </summary>
    public static Task RestartAsync() => RunAsync("restart");

    /// <summary>Stops the broker (eng/rabbitmq.sh stop returns once its process has exited): connects are refused.</summary>
    public static async Task StopAsync()
    {
        await RunScriptAsync("stop");
        if (await AnswersAsync()) throw new InvalidOperationException($"The broker still answers on 127.0.0.1:{Port} after eng/rabbitmq.sh stop.");
    }

    /// <summary>Starts the broker (eng/rabbitmq.sh, idempotent) and waits until its AMQP port answers.</summary>
    public static Task StartAsync() => RunAsync("up");

    /// <summary>Whether something accepts TCP connections on the broker's port.</summary>
    public static async Task<bool> AnswersAsync()
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

    private static async Task RunAsync(string action)
    {
        await RunScriptAsync(action);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await AnswersAsync())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"eng/rabbitmq.sh {action} returned, but nothing answers on 127.0.0.1:{Port}.");
            await Task.Delay(100);
        }
    }

    private static async Task RunScriptAsync(string action)
    {
        _ = Uri; // a clear message when the broker was never started
        var start = new ProcessStartInfo("bash", $"eng/rabbitmq.sh {action}")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The same instance as eng/test.sh started: its port (the script derives node name and data folder from it).
        start.Environment["WM_RMQ_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
}
