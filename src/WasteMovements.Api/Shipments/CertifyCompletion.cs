using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class CertifyCompletionValidator : AbstractValidator<CertifyCompletion>
{
    public CertifyCompletionValidator()
    {
        RuleFor(x => x.Operation).NotEmpty().Matches("^(D([1-9]|1[0-5])|R([1-9]|1[0-3]))$").WithMessage("'{PropertyValue}' is not a D1-D15 or R1-R13 operation.");
        RuleFor(x => x.CompletedAt).NotEmpty().Plausible();
        RuleFor(x => x.CertificateReference).NotEmpty().MaximumLength(200);
    }
}

/// <summary>POST /api/shipments/{shipmentId}/completion: the facility certifies disposal or recovery with the operation actually performed (Annex V B item 14; EU Art. 15, 16(6)).</summary>
public static class CertifyCompletionEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/completion", Name = "CertifyCompletion")]
    [Authorize(Policy = Policies.Facility)]
    public static Task<IResult> Post(string shipmentId, CertifyCompletion body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.Complete);
}
