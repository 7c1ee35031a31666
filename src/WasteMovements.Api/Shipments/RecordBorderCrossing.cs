using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class RecordBorderCrossingValidator : AbstractValidator<RecordBorderCrossing>
{
    public RecordBorderCrossingValidator()
    {
        RuleFor(x => x.State).NotEmpty().Length(2).Matches("^[A-Za-z]{2}$");
        RuleFor(x => x.CustomsOffice).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Direction).IsInEnum();
        RuleFor(x => x.At).NotEmpty().Plausible();
    }
}

/// <summary>POST /api/shipments/{shipmentId}/border-crossings: the state crossed records the exit or entry with its customs office.</summary>
public static class RecordBorderCrossingEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/border-crossings", Name = "RecordBorderCrossing")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, RecordBorderCrossing body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.CrossBorder);
}
