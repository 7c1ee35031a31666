using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.IllegalTraffic;

namespace WasteMovements.Api.IllegalTraffic;

public sealed class AgreeIllegalTrafficPeriodValidator : AbstractValidator<AgreeIllegalTrafficPeriod>
{
    public AgreeIllegalTrafficPeriodValidator()
    {
        RuleFor(x => x.Days).GreaterThan(0);
        RuleFor(x => x.AgreedBy).NotEmpty().WithMessage("Name the states that agreed the period (Basel Art. 9(2)-(3)).").Must(a => a is null || a.Count <= 22);
        RuleForEach(x => x.AgreedBy).NotEmpty().Matches("^[A-Za-z]{2}$").WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleFor(x => x.Details).NotEmpty().MaximumLength(4000);
    }
}

/// <summary>POST /api/illegal-traffic-cases/{caseId}/agreed-period: another period for the duty, agreed by the states concerned (Basel Art. 9(2)-(3)).</summary>
public static class AgreeIllegalTrafficPeriodEndpoint
{
    [WolverinePost("/api/illegal-traffic-cases/{caseId}/agreed-period", Name = "AgreeIllegalTrafficPeriod")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string caseId, AgreeIllegalTrafficPeriod body, StepWriter write) => write.OnCase(caseId, body, IllegalTrafficCases.AgreePeriod);
}
