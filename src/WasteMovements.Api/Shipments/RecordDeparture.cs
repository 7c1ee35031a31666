using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class RecordDepartureValidator : AbstractValidator<RecordDeparture>
{
    public RecordDepartureValidator()
    {
        RuleFor(x => x.DepartedAt).NotEmpty().Plausible();
        RuleFor(x => x.Carrier).NotEmpty().MaximumLength(200);
    }
}

/// <summary>POST /api/shipments/{shipmentId}/departure: the state of export records that the movement started and the first carrier took charge (Annex V B item 6).</summary>
public static class RecordDepartureEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/departure", Name = "RecordDeparture")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, RecordDeparture body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.Depart);
}
