using System.Diagnostics;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own (initdb into a temporary folder, a free port), so that the outage
/// test can stop and start it without disturbing the server the other tests share. Run as the
/// <c>postgres</c> user when the tests run as root (initdb refuses root), as eng/postgres.sh does.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private ThrowawayPostgres(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=postgres;Password=postgres";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => d, StringComparer.Ordinal)
                      .Select(d => Path.Combine(d, "bin")).LastOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
                  ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (eng/postgres.sh installs them).");
        var data = Path.Combine(Path.GetTempPath(), $"wm-outage-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var cluster = new ThrowawayPostgres(bin, data, ApiProcess.FreePort());
        if (IsRoot) await RunAsync("chown", $"postgres:postgres {data}");
        await cluster.AsPostgresAsync("initdb", $"-D {data} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8");
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"),
            $"\nlisten_addresses = '127.0.0.1'\nport = {cluster.Port}\nunix_socket_directories = '{data}'\nmax_connections = 200\nfsync = off\n");
        await cluster.StartServerAsync();
        return cluster;
    }

    private static bool IsRoot => Environment.UserName == "root";

    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", $"-D {_data} -l {_data}/server.log -w -t 60 start");

    /// <summary>Fast shutdown: open sessions are terminated, new connections are refused.</summary>
    public Task StopServerAsync() => AsPostgresAsync("pg_ctl", $"-D {_data} -m fast -w -t 60 stop");

    private Task AsPostgresAsync(string tool, string arguments) =>
        IsRoot ? RunAsync("runuser", $"-u postgres -- {Path.Combine(_bin, tool)} {arguments}") : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // left in the temporary folder
        }
    }
}
