using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.IllegalTraffic;

public sealed class ArrangeIllegalTrafficDisposalValidator : AbstractValidator<ArrangeIllegalTrafficDisposal>
{
    public ArrangeIllegalTrafficDisposalValidator(CodeListCatalog codes, TimeProvider clock)
    {
        RuleFor(x => x.Facility).NotEmpty().MaximumLength(400);
        RuleFor(x => x.Operation).Must(o => codes[CodeListCatalog.Operations].IsValid(o, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            .WithMessage("'{PropertyValue}' is not a disposal (D1-D15) or recovery (R1-R13) operation of Basel Annex IV.");
        RuleFor(x => x.Details).NotEmpty().MaximumLength(4000);
    }
}

/// <summary>POST /api/illegal-traffic-cases/{caseId}/disposal: the responsible state arranges environmentally sound disposal (Basel Art. 9(2)(b), 9(3), 9(4)).</summary>
public static class ArrangeIllegalTrafficDisposalEndpoint
{
    [WolverinePost("/api/illegal-traffic-cases/{caseId}/disposal", Name = "ArrangeIllegalTrafficDisposal")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string caseId, ArrangeIllegalTrafficDisposal body, StepWriter write) => write.OnCase(caseId, body, IllegalTrafficCases.ArrangeDisposal);
}
