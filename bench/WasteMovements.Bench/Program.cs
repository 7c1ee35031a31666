using System.Globalization;
using WasteMovements.Api.Security;
using WasteMovements.Bench;

// Benchmarks for issue 7: run through eng/bench.sh, which starts PostgreSQL and a fresh API and passes
// --api and --db. Prints a table and writes it as markdown to --out.
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
string Opt(string name, string fallback) => options.TryGetValue(name, out var v) && v.Length > 0 && !v.StartsWith("--") ? v : fallback;

var api = Opt("api", "http://127.0.0.1:5090");
var db = Opt("db", "Host=127.0.0.1;Port=55432;Database=wm_bench;Username=wastemovements;Password=wastemovements");
var seconds = int.Parse(Opt("seconds", "15"), CultureInfo.InvariantCulture);
var clientLevels = Opt("clients", "1,8,32").Split(',').Select(int.Parse).ToArray();
var only = Opt("only", "http,sql,replay,rebuild,queries").Split(',').ToHashSet();
var rebuildNotifications = int.Parse(Opt("rebuild-notifications", "125000"), CultureInfo.InvariantCulture);
var queryNotifications = int.Parse(Opt("query-notifications", "1000000"), CultureInfo.InvariantCulture);
var output = Opt("out", "bench-results.md");
// (7) the exchange's latency (issue 17; eng/bench.sh --exchange): the broker, the API build the two nodes run, movements per level.
var broker = Opt("broker", "amqp://guest:guest@127.0.0.1:55672/");
var apiDll = Opt("api-dll", Path.Combine(AppContext.BaseDirectory, "WasteMovements.Api.dll"));
var exchangeMovements = int.Parse(Opt("exchange-movements", "200"), CultureInfo.InvariantCulture);
var exchangeLevels = Opt("exchange-clients", "1,8").Split(',').Select(int.Parse).ToArray();
var exchangePort = int.Parse(Opt("exchange-port", "5091"), CultureInfo.InvariantCulture);

var tokens = new TokenIssuer(new JwtSettings { SigningKey = JwtSettings.DevelopmentSigningKey });
var stores = new StoreBenchmarks(db);
Console.WriteLine($"WasteMovements benchmarks: api {api}, {Environment.ProcessorCount} cores, {seconds} s per level");

var ratios = new List<string>();
if (only.Contains("http") || only.Contains("sql"))
{
    var sql = new SqlBaseline(db);
    if (only.Contains("sql")) await sql.SetUpAsync();
    foreach (var clients in clientLevels)
    {
        double http = 0, raw = 0;
        if (only.Contains("http"))
        {
            // Warm-up: the first request of each endpoint compiles its handler chain.
            await new HttpMix(api, tokens).RunAsync(1, TimeSpan.FromSeconds(2));
            var (throughput, errors, byCommand, all) = await new HttpMix(api, tokens).RunAsync(clients, TimeSpan.FromSeconds(seconds));
            http = throughput;
            Report.Add("(1) HTTP command mix", clients.ToString(), $"{throughput:N0} commands/s",
                $"p50 {all.Percentile(50):0.0} / p95 {all.Percentile(95):0.0} / p99 {all.Percentile(99):0.0} ms; {all.Count} ok, {errors} errors");
            foreach (var (command, l) in byCommand)
            {
                Report.Add($"    {command}", clients.ToString(), $"p50 {l.Percentile(50):0.0} ms", $"p95 {l.Percentile(95):0.0}, p99 {l.Percentile(99):0.0} ms");
            }
        }

        if (only.Contains("sql"))
        {
            var (throughput, _, all) = await sql.RunAsync(clients, TimeSpan.FromSeconds(seconds));
            raw = throughput;
            Report.Add("(2) same writes as plain SQL", clients.ToString(), $"{throughput:N0} commands/s",
                $"p50 {all.Percentile(50):0.0} / p95 {all.Percentile(95):0.0} / p99 {all.Percentile(99):0.0} ms");
        }

        if (http > 0 && raw > 0)
        {
            Report.Add("(1)/(2) ratio", clients.ToString(), $"{http / raw:P0}", "HTTP command mix / plain SQL writes");
        }
    }
}

if (only.Contains("replay")) await stores.ReplayAsync();
if (only.Contains("rebuild")) await stores.RebuildAsync(rebuildNotifications);
if (only.Contains("queries"))
{
    var queries = new QueryBenchmarks(api, stores, tokens);
    await queries.LoadAsync(queryNotifications);
    foreach (var clients in new[] { 1, 8 }) await queries.QueryAsync(clients, 50);
}

if (only.Contains("exchange-baseline") || only.Contains("exchange"))
{
    var exchange = new ExchangeLatency(broker, db, apiDll, tokens, Path.GetDirectoryName(Path.GetFullPath(output))!);
    // The plain baseline in the same run, first, then the two nodes.
    await exchange.BaselineAsync(exchangeLevels, exchangeMovements);
    if (only.Contains("exchange")) await exchange.NodesAsync(exchangeLevels, exchangeMovements, exchangePort);
}

await File.WriteAllTextAsync(output, Report.Markdown() + "\n");
Console.WriteLine($"written to {output}");
