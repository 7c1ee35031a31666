using Npgsql;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database for one test run, created on the server that eng/postgres.sh provides
/// (or the one named by ConnectionStrings__Marten), and dropped afterwards: runs never collide.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string DefaultServer =
        "Host=127.0.0.1;Port=55432;Database=wastemovements;Username=wastemovements;Password=wastemovements";

    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("WM_TEST_SERVER")
        ?? Environment.GetEnvironmentVariable("ConnectionStrings__Marten")
        ?? DefaultServer;

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = ServerConnectionString;
        var name = $"wm_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"create database {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 };
        return new TestDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // Background agents of the stopped host may still be closing their connections: try a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"drop database if exists {Name} with (force)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 5)
            {
                Console.Error.WriteLine($"drop database {Name} failed ({e.SqlState} {e.MessageText}); retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }
}
