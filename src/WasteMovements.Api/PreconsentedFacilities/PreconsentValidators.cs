using FluentValidation;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.PreconsentedFacilities;

/// <summary>Field checks of a pre-consent (EU 2024/1157 Art. 14(2), (13)): codes of their code lists, a validity that ends after it starts.</summary>
public sealed class RegisterPreconsentedFacilityValidator : AbstractValidator<RegisterPreconsentedFacility>
{
    public RegisterPreconsentedFacilityValidator(CodeListCatalog codes)
    {
        RuleFor(x => x.EntryId).NotEmpty().MaximumLength(60).Matches("^[A-Za-z]{2}-[A-Za-z0-9.-]{1,57}$")
            .WithMessage("The entry id starts with the state's code: e.g. NL-PC-0001.");
        RuleFor(x => x.State).Must(c => codes[CodeListCatalog.Countries].Contains(c)).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleFor(x => x.EntryId).Must((x, id) => id is null || x.State is null || id.StartsWith(x.State + "-", StringComparison.OrdinalIgnoreCase))
            .WithMessage("The entry id starts with the code of the state that keeps it.");
        RuleFor(x => x.FacilityId).NotEmpty().MaximumLength(100);
        RuleFor(x => x.DecisionReference).NotEmpty().MaximumLength(200);
        RuleFor(x => x.FacilityName).NotEmpty().MaximumLength(300);
        RuleFor(x => x.RegistrationNumber).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Address).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Technology).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.Operations).NotEmpty().Must(o => o is null || o.Count <= 13);
        RuleForEach(x => x.Operations).Must(o => codes[CodeListCatalog.Operations].Contains(o?.Trim()))
            .WithMessage("'{PropertyValue}' is not a code of Basel Annex IV.");
        RuleFor(x => x.WasteCodes).NotEmpty().Must(w => w is null || w.Count <= 200);
        RuleForEach(x => x.WasteCodes).NotEmpty().MaximumLength(20);
        RuleFor(x => x.TotalQuantity).GreaterThan(0);
        RuleFor(x => x.Unit).Must(u => u is Units.Tonnes or Units.CubicMetres).WithMessage("The unit is t or m3.");
        RuleFor(x => x.ValidUntil).Must((x, until) => until is not { } end || end >= x.ValidFrom).WithMessage("The validity ends after it starts.");
    }
}

public sealed class AmendPreconsentedFacilityValidator : AbstractValidator<AmendPreconsentedFacility>
{
    public AmendPreconsentedFacilityValidator(CodeListCatalog codes)
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.FacilityName).NotEmpty().MaximumLength(300);
        RuleFor(x => x.RegistrationNumber).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Address).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Technology).NotEmpty().MaximumLength(4000);
        RuleFor(x => x.Operations).NotEmpty().Must(o => o is null || o.Count <= 13);
        RuleForEach(x => x.Operations).Must(o => codes[CodeListCatalog.Operations].Contains(o?.Trim()))
            .WithMessage("'{PropertyValue}' is not a code of Basel Annex IV.");
        RuleFor(x => x.WasteCodes).NotEmpty().Must(w => w is null || w.Count <= 200);
        RuleForEach(x => x.WasteCodes).NotEmpty().MaximumLength(20);
        RuleFor(x => x.TotalQuantity).GreaterThan(0);
        RuleFor(x => x.Unit).Must(u => u is Units.Tonnes or Units.CubicMetres).WithMessage("The unit is t or m3.");
        RuleFor(x => x.ValidUntil).Must((x, until) => until is not { } end || end >= x.ValidFrom).WithMessage("The validity ends after it starts.");
    }
}

public sealed class RevokePreconsentValidator : AbstractValidator<RevokePreconsent>
{
    // EU 2024/1157 Art. 14(10): a revocation is duly reasoned.
    public RevokePreconsentValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
}
