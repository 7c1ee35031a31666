using WasteMovements.Api.Pipeline;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

public sealed class ReportCannotBeCompletedValidator : AbstractValidator<ReportCannotBeCompleted>
{
    public ReportCannotBeCompletedValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(4000);
}

public sealed class ArrangeAlternativeValidator : AbstractValidator<ArrangeAlternative>
{
    public ArrangeAlternativeValidator()
    {
        RuleFor(x => x.Details).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.Facility).NotNull();
        RuleFor(x => x.Facility.Id).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").When(x => x.Facility is not null);
        RuleFor(x => x.Facility.Name).NotEmpty().MaximumLength(200).When(x => x.Facility is not null);
        RuleFor(x => x.Facility.SiteAddress).NotEmpty().MaximumLength(4000).When(x => x.Facility is not null);
    }
}

public sealed class RecordTakeBackInformationValidator : AbstractValidator<RecordTakeBackInformation>
{
    public RecordTakeBackInformationValidator() => RuleFor(x => x.InformedAt).NotEmpty();
}

public sealed class AgreeTakeBackPeriodValidator : AbstractValidator<AgreeTakeBackPeriod>
{
    public AgreeTakeBackPeriodValidator()
    {
        RuleFor(x => x.Days).GreaterThan(0);
        RuleFor(x => x.AgreedBy).NotEmpty().WithMessage("Name the states that agreed the period (Basel Art. 8).")
            .Must(a => a is null || a.Count <= 22);
        RuleForEach(x => x.AgreedBy).NotEmpty().Matches("^[A-Za-z]{2}$").WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleFor(x => x.Details).NotEmpty().MaximumLength(4000);
    }
}

// The duty to re-import (Basel Art. 8; EU 2024/1157 Art. 22-24): the state of import reports that a movement
// cannot be completed, the state of export arranges an alternative facility or records the return.

/// <summary>
/// POST /api/shipments/{shipmentId}/cannot-be-completed: the state of import informs that the movement cannot
/// be completed as contracted (Basel Art. 8); the 90-day take-back clock starts.
/// </summary>
public static class ReportCannotBeCompletedEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/cannot-be-completed", Name = "ReportCannotBeCompleted")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, ReportCannotBeCompleted body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.CannotBeCompleted);
}

/// <summary>POST /api/shipments/{shipmentId}/alternative-arrangements: the state of export arranges another facility (Basel Art. 8).</summary>
public static class ArrangeAlternativeEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/alternative-arrangements", Name = "ArrangeAlternative")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, ArrangeAlternative body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.ArrangeAlternative);
}

/// <summary>POST /api/shipments/{shipmentId}/return: the state of export records the completed take-back.</summary>
public static class RecordReturnEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/return", Name = "RecordReturn")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, StepWriter write) => write.OnShipment(shipmentId, new RecordReturn(), Shipping.Return);
}

/// <summary>
/// POST /api/shipments/{shipmentId}/take-back/information: the state of import records when it informed the state of
/// export (and the Secretariat); the take-back period runs from that date (Basel Art. 8; EU 2024/1157 Art. 22(2)).
/// </summary>
public static class RecordTakeBackInformationEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/take-back/information", Name = "RecordTakeBackInformation")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, RecordTakeBackInformation body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.InformTakeBack);
}

/// <summary>POST /api/shipments/{shipmentId}/take-back/agreed-period: another take-back period the states concerned agreed (Basel Art. 8, 9(2); EU Art. 22(2), 25).</summary>
public static class AgreeTakeBackPeriodEndpoint
{
    [WolverinePost("/api/shipments/{shipmentId}/take-back/agreed-period", Name = "AgreeTakeBackPeriod")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string shipmentId, AgreeTakeBackPeriod body, StepWriter write) => write.OnShipment(shipmentId, body, Shipping.AgreeTakeBackPeriod);
}
