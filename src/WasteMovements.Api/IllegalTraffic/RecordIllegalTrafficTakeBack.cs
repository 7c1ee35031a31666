using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.IllegalTraffic;

public sealed class RecordIllegalTrafficTakeBackValidator : AbstractValidator<RecordIllegalTrafficTakeBack>
{
    public RecordIllegalTrafficTakeBackValidator() => RuleFor(x => x.ReturnedAt).NotEmpty();
}

/// <summary>POST /api/illegal-traffic-cases/{caseId}/take-back: the state of export records the take-back (Basel Art. 9(2)(a)).</summary>
public static class RecordIllegalTrafficTakeBackEndpoint
{
    [WolverinePost("/api/illegal-traffic-cases/{caseId}/take-back", Name = "RecordIllegalTrafficTakeBack")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string caseId, RecordIllegalTrafficTakeBack body, StepWriter write) => write.OnCase(caseId, body, IllegalTrafficCases.TakeBack);
}
