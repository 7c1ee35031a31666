using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class RejectShipmentValidator : AbstractValidator<RejectShipment>
{
    public RejectShipmentValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.Quantity).GreaterThan(0).When(x => x.Quantity is not null);
    }
}

/// <summary>POST /api/shipments/{shipmentId}/rejection: the facility rejects all or part of the shipment; the take-back clock starts (Basel Art. 8).</summary>
public static class RejectShipmentEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/rejection", Name = "RejectShipment")]
    [Authorize(Policy = Policies.Facility)]
    public static Task<IResult> Post(string shipmentId, RejectShipment body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.Reject);
}
