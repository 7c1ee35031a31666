using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class ConfirmReceiptValidator : AbstractValidator<ConfirmReceipt>
{
    public ConfirmReceiptValidator()
    {
        RuleFor(x => x.ReceivedAt).NotEmpty().Plausible();
        RuleFor(x => x.Quantity).GreaterThanOrEqualTo(0).LessThanOrEqualTo(10_000_000);
        RuleFor(x => x.Unit).Must(u => u is not null && WasteMovements.Domain.Common.Units.All.Contains(u)).WithMessage("Unit must be 't' (tonnes) or 'm3'.");
    }
}

/// <summary>POST /api/shipments/{shipmentId}/receipt: the facility named for the shipment confirms receipt and the quantity received (Basel Art. 6(9); EU Art. 16(5)).</summary>
public static class ConfirmReceiptEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/receipt", Name = "ConfirmReceipt")]
    [Authorize(Policy = Policies.Facility)]
    public static Task<IResult> Post(string shipmentId, ConfirmReceipt body, StepWriter write) =>
        write.OnShipment(shipmentId, body with { TolerancePercent = write.TolerancePercent }, Shipping.Receive);
}
