using WasteMovements.Api.Pipeline;
using WasteMovements.Domain.Notifications;
using WasteMovements.Api.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Notifications;

public sealed class RecordGuaranteeValidator : AbstractValidator<RecordGuarantee>
{
    public RecordGuaranteeValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Provider).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Amount).GreaterThan(0).LessThanOrEqualTo(1_000_000_000_000m);
        RuleFor(x => x.Currency).NotEmpty().Matches("^[A-Z]{3}$");
        RuleFor(x => x.Coverage).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.ValidUntil).NotEmpty().Plausible();
        RuleFor(x => x.FirstShipment).GreaterThan(0).When(x => x.FirstShipment is not null);
        RuleFor(x => x.LastShipment).GreaterThanOrEqualTo(x => x.FirstShipment ?? 1).When(x => x.LastShipment is not null);
        RuleFor(x => x.Cover!).ChildRules(c =>
        {
            c.RuleFor(x => x.TransportAmount).GreaterThan(0).When(x => x.TransportAmount is not null);
            c.RuleFor(x => x.TreatmentAmount).GreaterThan(0).When(x => x.TreatmentAmount is not null);
            c.RuleFor(x => x.StorageAmount).GreaterThan(0).When(x => x.StorageAmount is not null);
        }).When(x => x.Cover is not null);
        RuleFor(x => x).Must(x => x.Cover is null || (x.Cover.TransportAmount ?? 0) + (x.Cover.TreatmentAmount ?? 0) + (x.Cover.StorageAmount ?? 0) <= x.Amount)
            .OverridePropertyName("cover").WithMessage("The amounts of the items covered add up to more than the guarantee's amount.");
    }
}

/// <summary>
/// The financial guarantee or insurance (Basel Art. 6(11); EU 2024/1157 Art. 7): recorded by the state of
/// export, approved by the authority that requires it before the first shipment, released (EU) when every
/// shipment's certificate has arrived.
/// </summary>
public static class GuaranteeEndpoints
{
    [WolverinePost("/api/notifications/{number}/guarantee", Name = "RecordGuarantee")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Record(string number, RecordGuarantee body, StepWriter write) => write.OnNotification(number, body, Procedure.RecordGuarantee);

    [WolverinePost("/api/notifications/{number}/guarantee/approval", Name = "ApproveGuarantee")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Approve(string number, StepWriter write, string? reference = null) =>
        write.OnNotification(number, new ApproveGuarantee(reference), Procedure.ApproveGuarantee);

    [WolverinePost("/api/notifications/{number}/guarantee/release", Name = "ReleaseGuarantee")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Release(string number, StepWriter write, string? reference = null) =>
        write.OnNotification(number, new ReleaseGuarantee(reference), Procedure.ReleaseGuarantee);
}
