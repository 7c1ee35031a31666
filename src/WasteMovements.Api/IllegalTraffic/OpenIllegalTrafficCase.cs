using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.IllegalTraffic;

public sealed class OpenIllegalTrafficCaseValidator : AbstractValidator<OpenIllegalTrafficCase>
{
    public OpenIllegalTrafficCaseValidator(CodeListCatalog codes, TimeProvider clock)
    {
        DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var countries = codes[CodeListCatalog.Countries];
        RuleFor(x => x.Cause).Must(c => IllegalTrafficCauses.All.Contains(c)).WithMessage($"Cause must be one of: {string.Join(", ", IllegalTrafficCauses.All)} (Basel Art. 9(1)).");
        RuleFor(x => x.Details).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.StateOfExport).NotEmpty().Must(c => countries.IsValid(c, Today())).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleFor(x => x.StateOfImport).NotEmpty().Must(c => countries.IsValid(c, Today())).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleFor(x => x.TransitStates).Must(t => t is null || t.Count <= 20).WithMessage("At most 20 transit states.");
        RuleForEach(x => x.TransitStates).Must(c => countries.IsValid(c, Today())).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleFor(x => x.WasteDescription).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.Quantity).GreaterThan(0).When(x => x.Quantity is not null);
        RuleFor(x => x.Unit).Must(u => Units.All.Contains(u!)).When(x => x.Unit is not null).WithMessage("Unit must be 't' (tonnes) or 'm3'.");
        RuleFor(x => x.Unit).NotNull().When(x => x.Quantity is not null).WithMessage("A quantity names its unit.");
        RuleFor(x => x.NotificationNumber).MaximumLength(40);
        RuleFor(x => x.FoundAt).NotEmpty();
    }
}

public sealed record IllegalTrafficCaseCreated(string CaseId, long Version);

/// <summary>
/// POST /api/illegal-traffic-cases: a state concerned records illegal traffic it found, with or without a notification
/// (Basel Art. 9(1)(a): movements never notified, found by customs or any state). The case gets its own stream.
/// </summary>
public static class OpenIllegalTrafficCaseEndpoint
{
    [WolverinePost("/api/illegal-traffic-cases", Name = "OpenIllegalTrafficCase")]
    [Authorize(Policy = Policies.Authority)]
    public static async Task<IResult> Post(OpenIllegalTrafficCase body, StepWriter write, NotificationNumbers numbers, TimeProvider clock, CancellationToken ct)
    {
        // Checked before a number of the state's sequence is spent on a case that will be refused.
        var probe = IllegalTrafficCases.Open(new NewIllegalTrafficCase("ILL-XX-0000-000000"), write.Actor, body, clock.GetUtcNow());
        if (probe.Refusal is { } refusal) return Infrastructure.Problems.Result(refusal);
        var key = await numbers.NextCaseAsync(write.Actor.State, clock.GetUtcNow().Year, ct);
        return write.StartCase(key, new NewIllegalTrafficCase(key), body, IllegalTrafficCases.Open,
            written => Results.Created($"/api/illegal-traffic-cases/{key}", new IllegalTrafficCaseCreated(key, written.Version)));
    }
}
