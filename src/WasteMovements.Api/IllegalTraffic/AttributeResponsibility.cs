using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.IllegalTraffic;

public sealed class AttributeResponsibilityValidator : AbstractValidator<AttributeResponsibility>
{
    public AttributeResponsibilityValidator()
    {
        RuleFor(x => x.Party).IsInEnum();
        RuleFor(x => x.InformedAt).NotEmpty();
        RuleFor(x => x.Details).NotEmpty().MaximumLength(4000);
    }
}

/// <summary>POST /api/illegal-traffic-cases/{caseId}/responsibility: exporter, importer or undetermined; the 30 days run from the information (Basel Art. 9(2)-(4)).</summary>
public static class AttributeResponsibilityEndpoint
{
    [WolverinePost("/api/illegal-traffic-cases/{caseId}/responsibility", Name = "AttributeIllegalTrafficResponsibility")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string caseId, AttributeResponsibility body, StepWriter write) => write.OnCase(caseId, body, IllegalTrafficCases.Attribute);
}
