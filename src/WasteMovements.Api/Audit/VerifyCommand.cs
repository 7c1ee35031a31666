using JasperFx.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using WasteMovements.Domain.Audit;

namespace WasteMovements.Api.Audit;

public sealed class VerifyInput : NetCoreInput
{
    [Description("A notification number: verify it and its shipments")]
    [FlagAlias("notification", 'n')]
    public string? NotificationFlag { get; set; }

    [Description("Verify every stream in the store")]
    [FlagAlias("all", 'A')]
    public bool AllFlag { get; set; }
}

/// <summary>
/// <c>dotnet run --project src/WasteMovements.Api -- verify --all</c> (or <c>verify --notification DE-2026-000001</c>):
/// recomputes the hash chains and exits non-zero on the first break, naming it.
/// </summary>
[Description("Verifies the tamper-evident event chains", Name = "verify")]
public sealed class VerifyCommand : JasperFxAsyncCommand<VerifyInput>
{
    public override async Task<bool> Execute(VerifyInput input)
    {
        if (!input.AllFlag && string.IsNullOrWhiteSpace(input.NotificationFlag))
        {
            Console.Error.WriteLine("Give a notification number or --all");
            return false;
        }

        using var host = input.BuildHost();
        var reader = host.Services.GetRequiredService<ChainReader>();
        var events = input.AllFlag ? await reader.AllAsync(CancellationToken.None) : await reader.ForNotificationAsync(input.NotificationFlag!, CancellationToken.None);
        var result = EventChain.Verify(events.Select(e => e.ToChained()));
        if (result.Valid)
        {
            Console.WriteLine($"valid: {result.Events} events in {result.Streams} streams");
            return true;
        }

        Console.WriteLine($"BROKEN after {result.Events} events: stream {result.BrokenAt!.StreamKey} version {result.BrokenAt.Version} (sequence {result.BrokenAt.Sequence}): {result.BrokenAt.Reason}");
        return false;
    }
}
