using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class AnnounceShipmentValidator : AbstractValidator<AnnounceShipment>
{
    public AnnounceShipmentValidator()
    {
        RuleFor(x => x.Quantity).GreaterThan(0).LessThanOrEqualTo(10_000_000);
        RuleFor(x => x.Unit).Must(u => u is not null && Units.All.Contains(u)).WithMessage("Unit must be 't' (tonnes) or 'm3'.");
        RuleFor(x => x.PlannedDeparture).NotEmpty().Must(d => d.Year is >= 2000 and <= 2100).WithMessage("The date is out of range.");
        RuleFor(x => x.Carriers).NotEmpty().WithMessage("At least one carrier (Annex V B item 4).").Must(c => c is null || c.Count <= 20);
        RuleForEach(x => x.Carriers).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Packaging).Must(p => p is not null && FormCodes.Packaging.Contains(p))
            .WithMessage($"Packaging must be one of: {string.Join(", ", FormCodes.Packaging)}.");
        RuleFor(x => x.Packages).InclusiveBetween(1, 1_000_000);
    }
}

public sealed record ShipmentCreated(string ShipmentId, int ShipmentNumber, long NotificationVersion);

/// <summary>
/// POST /api/notifications/{number}/shipments: the state of export announces a shipment (prior information,
/// movement document of Annex V B). The notification's stream reserves the number and quantity (locked, so
/// racing announcements cannot both take the last tonnes); the shipment's own stream starts with the document.
/// </summary>
public static class AnnounceShipmentEndpoint
{
    [WolverinePost("/api/notifications/{number}/shipments", Name = "AnnounceShipment")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string number, AnnounceShipment body, StepWriter write) =>
        write.OnNotification(number, body, Shipping.Announce, written =>
        {
            var announced = written.Decision!.Events.OfType<ShipmentAnnounced>().Single();
            return Results.Created($"/api/shipments/{announced.ShipmentId}", new ShipmentCreated(announced.ShipmentId, announced.ShipmentNumber, written.Version));
        });
}
