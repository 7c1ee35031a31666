using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class ReportAccidentValidator : AbstractValidator<ReportAccident>
{
    public ReportAccidentValidator()
    {
        RuleFor(x => x.HappenedAt).NotEmpty();
        RuleFor(x => x.Place).NotEmpty().MaximumLength(500);
        RuleFor(x => x.State).Matches("^[A-Za-z]{2}$").When(x => x.State is not null).WithMessage("state is an ISO 3166-1 alpha-2 code, or null at sea.");
        RuleFor(x => x.WhatHappened).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.MeasuresTaken).NotEmpty().MaximumLength(4000);
    }
}

/// <summary>POST /api/shipments/{shipmentId}/accidents: a state concerned reports an accident during the movement or disposal (Basel Art. 13(1), 13(3)(f)).</summary>
public static class ReportAccidentEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/accidents", Name = "ReportAccident")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, ReportAccident body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.ReportAccident);
}
