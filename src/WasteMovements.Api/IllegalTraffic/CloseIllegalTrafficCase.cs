using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.IllegalTraffic;

public sealed class CloseIllegalTrafficCaseValidator : AbstractValidator<CloseIllegalTrafficCase>
{
    public CloseIllegalTrafficCaseValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

/// <summary>POST /api/illegal-traffic-cases/{caseId}/closure: the case is closed, once the duty is met (Basel Art. 9(2)-(3)).</summary>
public static class CloseIllegalTrafficCaseEndpoint
{
    [WolverinePost("/api/illegal-traffic-cases/{caseId}/closure", Name = "CloseIllegalTrafficCase")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string caseId, CloseIllegalTrafficCase body, StepWriter write) => write.OnCase(caseId, body, IllegalTrafficCases.Close);
}
