using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Demo;

/// <summary>
/// Loads demo notifications when Demo:Seed is true and the store holds none. It goes through the HTTP API
/// of this very process, as the authorities would, so the demo data passes every rule the real data does.
/// </summary>
public sealed class DemoDataSeeder(
    IServiceProvider services,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<DemoDataSeeder> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Demo:Seed", false)) return;

        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        try
        {
            await using (var query = services.GetRequiredService<IDocumentStore>().QuerySession())
            {
                if (await query.Query<NotificationState>().AnyAsync(stoppingToken))
                {
                    logger.LogInformation("Demo data: the store already holds notifications; nothing loaded");
                    return;
                }
            }

            var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1");
            var tokens = services.GetRequiredService<TokenIssuer>();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            async Task<JsonElement?> Post(string url, string country, object body)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                    tokens.Issue(Roles.Authority, $"demo.{country.ToLowerInvariant()}", country));
                using var response = await http.SendAsync(request, stoppingToken);
                if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<JsonElement>(Json, stoppingToken);
                logger.LogWarning("Demo data: {Url} as {Country} answered {Status}: {Body}", url, country, (int)response.StatusCode,
                    await response.Content.ReadAsStringAsync(stoppingToken));
                return null;
            }

            var clock = services.GetRequiredService<TimeProvider>();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            object Consent(bool contract, params string[] conditions) => new
            {
                decision = "consent", conditions, validFrom = today.AddDays(7), validUntil = today.AddDays(300), contractConfirmed = contract,
            };

            // EU 2024/1157 Art. 14: the Netherlands' register holds the Rotterdam smelter of the demo notifications.
            await Post("/api/preconsented-facilities", "NL", DemoScenarios.PreconsentedRotterdam(today));

            var numbers = new List<string>();
            foreach (var (notification, steps) in DemoScenarios.Notifications())
            {
                var created = await Post("/api/notifications", notification.StateOfExport, notification);
                if (created is null) continue;
                var number = created.Value.GetProperty("notificationNumber").GetString()!;
                numbers.Add(number);
                foreach (var step in steps)
                {
                    var url = $"/api/notifications/{number}/{step.Route}";
                    object body = step.Route switch
                    {
                        "decisions" => Consent(step.Country == notification.StateOfImport, step.Condition is null ? [] : [step.Condition]),
                        "information-requests" => new { questions = step.Condition ?? "Please provide the latest analysis." },
                        _ => new { },
                    };
                    await Post(url, step.Country, body);
                }
            }

            logger.LogInformation("Demo data: filed {Count} notifications: {Numbers}", numbers.Count, string.Join(", ", numbers));

            // EU 2024/1157 Art. 18: one Annex VII document of green-listed copper scrap, awaiting the facility's receipt.
            using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/annex-vii-documents")
                   {
                       Content = JsonContent.Create(OpenApi.Examples.AnnexVII with { ShipmentDate = today.AddDays(7) }, options: Json),
                   })
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                    tokens.Issue(Roles.Undertaking, "demo.trader", undertaking: OpenApi.Examples.AnnexVII.Arranger.RegistrationNumber));
                using var response = await http.SendAsync(request, stoppingToken);
                logger.LogInformation("Demo data: Annex VII document answered {Status}", (int)response.StatusCode);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Demo data could not be loaded");
        }
    }
}
