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

            var numbers = new List<string>();
            foreach (var notification in DemoScenarios.Notifications())
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/notifications")
                {
                    Content = JsonContent.Create(notification, options: Json),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                    tokens.Issue(Roles.Authority, $"demo.{notification.StateOfExport.ToLowerInvariant()}", notification.StateOfExport));
                using var response = await http.SendAsync(request, stoppingToken);
                if (!response.IsSuccessStatusCode)
                {
                    logger.LogWarning("Demo data: filing {Export}->{Import} answered {Status}: {Body}", notification.StateOfExport,
                        notification.StateOfImport, (int)response.StatusCode, await response.Content.ReadAsStringAsync(stoppingToken));
                    continue;
                }

                var created = await response.Content.ReadFromJsonAsync<JsonElement>(Json, stoppingToken);
                numbers.Add(created.GetProperty("notificationNumber").GetString()!);
            }

            logger.LogInformation("Demo data: filed {Count} notifications: {Numbers}", numbers.Count, string.Join(", ", numbers));
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
