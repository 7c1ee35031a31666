using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class RecordCarrierHandoverValidator : AbstractValidator<RecordCarrierHandover>
{
    public RecordCarrierHandoverValidator()
    {
        RuleFor(x => x.FromCarrier).NotEmpty().MaximumLength(200);
        RuleFor(x => x.ToCarrier).NotEmpty().MaximumLength(200);
        RuleFor(x => x.SignedBy).NotEmpty().MaximumLength(200);
        RuleFor(x => x.At).NotEmpty().Plausible();
    }
}

/// <summary>POST /api/shipments/{shipmentId}/carrier-handovers: a new carrier takes charge and signs (Basel Art. 6(9)), recorded by a state concerned.</summary>
public static class RecordCarrierHandoverEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/carrier-handovers", Name = "RecordCarrierHandover")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, RecordCarrierHandover body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.HandOver);
}
