using System.Data.Common;
using Npgsql;

namespace WasteMovements.Api.Infrastructure;

public static class DatabaseConnection
{
    /// <summary>
    /// Bounded waits on the event store: a request fails (503) within seconds when PostgreSQL is down or the
    /// pool is exhausted, instead of hanging. Values given in the connection string win.
    /// </summary>
    public static string WithBoundedTimeouts(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout") && !given.ContainsKey("Connect Timeout") && !given.ContainsKey("Connection Timeout")) builder.Timeout = 5;
        if (!given.ContainsKey("Command Timeout") && !given.ContainsKey("CommandTimeout")) builder.CommandTimeout = 15;
        return builder.ConnectionString;
    }
}
