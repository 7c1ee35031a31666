using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class RecordIllegalTrafficValidator : AbstractValidator<RecordIllegalTraffic>
{
    public RecordIllegalTrafficValidator()
    {
        RuleFor(x => x.Cause).Must(c => IllegalTrafficCauses.All.Contains(c)).WithMessage($"Cause must be one of: {string.Join(", ", IllegalTrafficCauses.All)} (Basel Art. 9(1)).");
        RuleFor(x => x.Details).NotEmpty().MaximumLength(4000);
    }
}

/// <summary>POST /api/shipments/{shipmentId}/illegal-traffic: a state concerned records illegal traffic with its cause (Basel Art. 9).</summary>
public static class RecordIllegalTrafficEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/illegal-traffic", Name = "RecordIllegalTraffic")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, RecordIllegalTraffic body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.FindIllegalTraffic);
}
