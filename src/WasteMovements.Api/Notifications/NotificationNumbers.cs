using Npgsql;
using Weasel.Postgresql.Tables;

namespace WasteMovements.Api.Notifications;

/// <summary>
/// Assigns notification numbers such as DE-2026-000042: unique per state of export and year. A row per
/// (state, year) is incremented atomically, so concurrent filings never get the same number; a number
/// whose filing is then refused is not reused (gaps are allowed, duplicates are not).
/// </summary>
public sealed class NotificationNumbers(NpgsqlDataSource dataSource)
{
    public const string TableName = "wm_notification_numbers";

    /// <summary>The table, registered with Marten so that db-apply and start-up create it.</summary>
    public static Table Table(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, TableName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("state_of_export").AsPrimaryKey();
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<long>("last_number").NotNull();
        return table;
    }

    public string Schema { get; init; } = "public";

    public async Task<string> NextAsync(string stateOfExport, int year, CancellationToken ct) =>
        Format(stateOfExport, year, await NextNumberAsync(stateOfExport, year, ct));

    /// <summary>
    /// The next number of a series and year: a state of export's notifications (<c>DE</c>), or another series of
    /// that state such as its Annex VII documents (<c>DE-G</c>, EU 2024/1157 Art. 18).
    /// </summary>
    public async Task<long> NextNumberAsync(string series, int year, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"""
             insert into {Schema}.{TableName} (state_of_export, year, last_number) values ($1, $2, 1)
             on conflict (state_of_export, year) do update set last_number = {TableName}.last_number + 1
             returning last_number
             """);
        command.Parameters.AddWithValue(series.ToUpperInvariant());
        command.Parameters.AddWithValue(year);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// An illegal-traffic case's number (ILL-DE-2026-000001): the same atomic sequence, in a row of its own per finding
    /// state and year (keyed ILL-DE), so case numbers never take a notification number.
    /// </summary>
    public Task<string> NextCaseAsync(string foundBy, int year, CancellationToken ct) =>
        NextAsync(Domain.IllegalTraffic.IllegalTrafficCase.KeyPrefix + foundBy.ToUpperInvariant(), year, ct);

    public static string Format(string stateOfExport, int year, long number) =>
        $"{stateOfExport.ToUpperInvariant()}-{year}-{number:D6}";
}
