using FluentValidation;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Api.Changes;

/// <summary>The form of a change or renotification body (400); whether the change is allowed is the step's (409).</summary>
public sealed class ChangeOfParticularsValidator : AbstractValidator<ChangeOfParticulars>
{
    public ChangeOfParticularsValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A change states its reason (EU 2024/1157 Art. 17(1)).").MaximumLength(4000);
        RuleFor(x => x.Carriers).Must(c => c is null || c.Count is > 0 and <= 20).WithMessage("Between 1 and 20 carriers.");
        RuleForEach(x => x.Carriers).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
            c.RuleFor(x => x.Address).NotNull().MaximumLength(500);
            c.RuleFor(x => x.Contact).NotNull();
            c.RuleFor(x => x.MeansOfTransport).NotNull();
        });
        RuleFor(x => x.TransitStates).Must(t => t is null || t.Count <= 20).WithMessage("At most 20 transit states.");
        RuleForEach(x => x.TransitStates).ChildRules(t => t.RuleFor(x => x.State).NotEmpty().Length(2));
        RuleFor(x => x.Itinerary).MaximumLength(2000);
        RuleFor(x => x.CustomsOfficeOfExit).MaximumLength(200);
        RuleFor(x => x.CustomsOfficeOfEntry).MaximumLength(200);
        RuleFor(x => x.IntendedShipments).GreaterThan(0).LessThanOrEqualTo(10000);
        RuleFor(x => x.TotalQuantity).GreaterThan(0);
        RuleFor(x => x.QuantityPerShipment).GreaterThan(0);
        RuleFor(x => x.LastDeparture).GreaterThanOrEqualTo(x => x.FirstDeparture)
            .When(x => x.FirstDeparture is not null && x.LastDeparture is not null)
            .WithMessage("The last departure cannot precede the first.");
        RuleFor(x => x.Facility!.Id).NotEmpty().When(x => x.Facility is not null);
    }
}
