using System.Text.RegularExpressions;
using FluentValidation;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Notifications.Mercury;
using WasteMovements.Domain.Notifications.Pops;

namespace WasteMovements.Api.Notifications;

/// <summary>
/// The shape of a notification (Annex V A items) and its codes, checked against the code lists in force
/// on the filing date. Failures are 400 problems naming each field; the procedure's rules come after.
/// </summary>
public sealed partial class FileNotificationValidator : AbstractValidator<NotificationParticulars>
{
    public const int ShortText = 200;
    public const int LongText = 4000;

    public FileNotificationValidator(CodeListCatalog codes, TimeProvider clock)
    {
        // The code lists in force on the filing date: evaluated per request, not when the validator is built.
        DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var countries = codes[CodeListCatalog.Countries];

        RuleFor(x => x.StateOfExport).NotEmpty().Must(c => countries.IsValid(c, Today()))
            .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleFor(x => x.StateOfImport).NotEmpty().Must(c => countries.IsValid(c, Today()))
            .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");

        RuleForEach(x => x.TransitStates).ChildRules(t =>
        {
            t.RuleFor(r => r.State).NotEmpty().Must(c => countries.IsValid(c, Today()))
                .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
            t.RuleFor(r => r.EntryPoint).MaximumLength(ShortText);
            t.RuleFor(r => r.ExitPoint).MaximumLength(ShortText);
            t.RuleFor(r => r.CustomsOfficeOfEntry).MaximumLength(ShortText);
            t.RuleFor(r => r.CustomsOfficeOfExit).MaximumLength(ShortText);
        });
        RuleFor(x => x.TransitStates).Must(t => t is null || t.Count <= 20).WithMessage("At most 20 transit states.")
            .Must(t => t is null || t.Select(r => r.State?.ToUpperInvariant()).Distinct().Count() == t.Count)
            .WithMessage("A transit state may appear only once.");
        RuleFor(x => x).Must(x => x.TransitStates is null || x.TransitStates.All(t =>
                !string.Equals(t.State, x.StateOfExport, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(t.State, x.StateOfImport, StringComparison.OrdinalIgnoreCase)))
            .WithName("transitStates").OverridePropertyName("transitStates")
            .WithMessage("A transit state cannot be the state of export or of import.");

        RuleFor(x => x.CustomsOfficeOfExit).MaximumLength(ShortText);
        RuleFor(x => x.CustomsOfficeOfEntry).MaximumLength(ShortText);
        RuleFor(x => x.Itinerary).MaximumLength(LongText);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.ReasonForExport).NotEmpty().MaximumLength(LongText);

        RuleFor(x => x.Exporter).NotNull().SetValidator(new PartyValidator());
        RuleFor(x => x.Consignee).NotNull().SetValidator(new PartyValidator());
        RuleFor(x => x.Generators).NotEmpty().WithMessage("At least one generator is required (Annex V A item 3).")
            .Must(g => g is null || g.Count <= 50).WithMessage("At most 50 generators.");
        RuleForEach(x => x.Generators).NotNull().ChildRules(g =>
        {
            g.RuleFor(x => x.Name).NotEmpty().MaximumLength(ShortText);
            g.RuleFor(x => x.Address).NotEmpty().MaximumLength(LongText);
            g.RuleFor(x => x.RegistrationNumber).MaximumLength(ShortText);
            g.RuleFor(x => x.Contact).NotNull().SetValidator(new ContactValidator());
            g.RuleFor(x => x.SiteOfGeneration).NotEmpty().MaximumLength(LongText);
            g.RuleFor(x => x.Process).NotEmpty().MaximumLength(LongText);
        });

        RuleFor(x => x.Facility).NotNull().ChildRules(f =>
        {
            f.RuleFor(x => x.Id).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$")
                .WithMessage("A facility id is letters, digits, '.', '_' or '-'.");
            f.RuleFor(x => x.Name).NotEmpty().MaximumLength(ShortText);
            f.RuleFor(x => x.Address).NotEmpty().MaximumLength(LongText);
            f.RuleFor(x => x.SiteAddress).NotEmpty().MaximumLength(LongText);
            f.RuleFor(x => x.Contact).NotNull().SetValidator(new ContactValidator());
            f.RuleFor(x => x.Latitude).InclusiveBetween(-90, 90);
            f.RuleFor(x => x.Longitude).InclusiveBetween(-180, 180);
            f.RuleFor(x => x.TechnicalDescription).MaximumLength(LongText);
        });

        RuleFor(x => x.Carriers).Must(c => c is null || c.Count <= 20).WithMessage("At most 20 carriers.");
        RuleForEach(x => x.Carriers).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().MaximumLength(ShortText);
            c.RuleFor(x => x.Address).NotEmpty().MaximumLength(LongText);
            c.RuleFor(x => x.RegistrationNumber).MaximumLength(ShortText);
            c.RuleFor(x => x.Contact).NotNull().SetValidator(new ContactValidator());
            c.RuleForEach(x => x.MeansOfTransport).Must(m => MeansOfTransport.All.Contains(m))
                .WithMessage("'{PropertyValue}' is not a means of transport (road, rail, sea, air, inland-waterway).");
        });
        RuleFor(x => x.MeansOfTransport).NotEmpty().WithMessage("At least one means of transport is required (Annex V A item 11).");
        RuleForEach(x => x.MeansOfTransport).Must(m => MeansOfTransport.All.Contains(m))
            .WithMessage("'{PropertyValue}' is not a means of transport (road, rail, sea, air, inland-waterway).");

        RuleFor(x => x.IntendedShipments).InclusiveBetween(1, 10_000);
        RuleFor(x => x.TotalQuantity).GreaterThan(0).LessThanOrEqualTo(10_000_000);
        RuleFor(x => x.Unit).Must(u => u is not null && Units.All.Contains(u)).WithMessage("Unit must be 't' (tonnes) or 'm3'.");
        // Basel Art. 13(3)(b): the annual report gives amounts in metric tonnes, so a quantity notified in m3 declares its density.
        RuleFor(x => x.Waste.DensityTonnesPerCubicMetre).NotNull().When(x => x.Unit == Units.CubicMetres && x.Waste is not null)
            .OverridePropertyName("waste.densityTonnesPerCubicMetre")
            .WithMessage("A quantity in m3 declares the waste's density in t/m3, so that it can be reported in tonnes (Basel Art. 13(3)(b)).");
        RuleFor(x => x.QuantityPerShipment).GreaterThan(0).LessThanOrEqualTo(x => x.TotalQuantity)
            .When(x => x.QuantityPerShipment is not null);
        RuleFor(x => x.QuantityPerShipment).NotNull().When(x => x.Kind == NotificationKind.General)
            .WithMessage("A general notification states the quantity per shipment (Annex V A item 15).");
        RuleFor(x => x.FirstDeparture).NotEmpty().Must(d => d.Year is >= 2000 and <= 2100).WithMessage("The date is out of range.");
        RuleFor(x => x.LastDeparture).NotEmpty().GreaterThanOrEqualTo(x => x.FirstDeparture)
            .WithMessage("The last departure cannot be before the first departure.");

        RuleFor(x => x.Waste).NotNull().ChildRules(w =>
        {
            w.RuleFor(x => x.Designation).NotEmpty().MaximumLength(LongText);
            w.RuleFor(x => x.Composition).NotEmpty().MaximumLength(LongText);
            // EU 2024/1157 Art. 5(10): no Y code where an OECD amber code identifies the waste or it is unlisted;
            // Filing.CheckWasteCodes refuses that outside the EU Regulation.
            w.RuleFor(x => x.YCodes).NotEmpty().When(x => !Filing.YCodeOptionalInTheUnion(x))
                .WithMessage("At least one Y code is required (Annex V A item 13), unless an OECD amber code identifies the waste or it is unlisted (EU 2024/1157 Art. 5(10)).");
            w.RuleFor(x => x.YCodes).NotNull().Must(y => y is null || y.Count <= 49);
            w.RuleFor(x => x.Fractions).Must(f => f is null || f.Count <= 20).WithMessage("At most 20 fractions.")
                .Must(f => f is null || f.Sum(x => x?.SharePercent ?? 0) <= 100m).WithMessage("The fractions' shares add up to more than 100 %.");
            w.RuleForEach(x => x.Fractions).NotNull().ChildRules(f =>
            {
                f.RuleFor(x => x.Code).NotEmpty().MaximumLength(20);
                f.RuleFor(x => x.SharePercent).GreaterThan(0).LessThanOrEqualTo(100);
            });
            w.RuleFor(x => x.Fractions).Must(f => f is null || f.Count == 0).When(x => !x.Mixture)
                .WithMessage("Fractions are named only for a mixture (EU 2024/1157 Art. 5(10)(b)).");
            w.RuleFor(x => x.DensityTonnesPerCubicMetre).GreaterThan(0).LessThanOrEqualTo(25).When(x => x.DensityTonnesPerCubicMetre is not null);
            w.RuleForEach(x => x.YCodes).Must(c => codes[CodeListCatalog.YCodes].IsValid(c, Today()))
                .WithMessage("'{PropertyValue}' is not a Y code of Basel Annex I or II in force on the filing date.");
            w.RuleFor(x => x.HCodes).Must(h => h is null || h.Count <= 14);
            w.RuleForEach(x => x.HCodes).Must(c => codes[CodeListCatalog.HCodes].IsValid(c, Today()))
                .WithMessage("'{PropertyValue}' is not an H code of Basel Annex III.");
            w.RuleFor(x => x.HCodes).NotEmpty().When(x => x.YCodes is not null && Filing.IsHazardous(x))
                .WithMessage("Annex I wastes need their Annex III characteristic: at least one H code (Annex V A item 17).");
            w.RuleFor(x => x.BaselCode).Must(c => codes[CodeListCatalog.BaselA].IsValid(c, Today()) || codes[CodeListCatalog.BaselB].IsValid(c, Today()))
                .When(x => x.BaselCode is not null)
                .WithMessage("'{PropertyValue}' is not a Basel Annex VIII (A) or Annex IX (B) code in force on the filing date.");
            w.RuleFor(x => x.OecdCode).Must(c => codes[CodeListCatalog.OecdAmber].IsValid(c, Today()) || codes[CodeListCatalog.OecdGreen].IsValid(c, Today()))
                .When(x => x.OecdCode is not null)
                .WithMessage("'{PropertyValue}' is not an OECD amber or green list code.");
            w.RuleFor(x => x.UnNumber).Matches(UnNumber()).When(x => x.UnNumber is not null)
                .WithMessage("A UN number is 'UN' and four digits, e.g. UN3077.");
            w.RuleFor(x => x.UnClass).MaximumLength(10);
            w.RuleFor(x => x.UnShippingName).MaximumLength(ShortText);
            w.RuleFor(x => x.PhysicalState).Must(s => s is not null && FormCodes.PhysicalStates.Contains(s))
                .WithMessage($"Physical state must be one of: {string.Join(", ", FormCodes.PhysicalStates)}.");
            w.RuleFor(x => x.Packaging).NotEmpty().WithMessage("At least one packaging type is required (Annex V A item 14).")
                .Must(p => p is null || p.Count <= 9);
            w.RuleForEach(x => x.Packaging).Must(p => FormCodes.Packaging.Contains(p))
                .WithMessage($"'{{PropertyValue}}' is not a packaging type ({string.Join(", ", FormCodes.Packaging)}).");
            w.RuleFor(x => x.SpecialHandling).MaximumLength(LongText);

            // Stockholm Art. 6(1)(d); EU 2019/1021 Annex IV: each POP by its code in the limits table, with its concentration.
            w.RuleFor(x => x.Pops).Must(p => p is null || p.Count <= 20).WithMessage("At most 20 POPs.")
                .Must(p => p is null || p.Select(x => x?.Substance?.ToUpperInvariant()).Distinct().Count() == p.Count)
                .WithMessage("A POP may be named only once.");
            w.RuleForEach(x => x.Pops).NotNull().ChildRules(pop =>
            {
                pop.RuleFor(x => x.Substance).NotEmpty().Must(PopLimits.Shipped.IsSubstance)
                    .WithMessage($"'{{PropertyValue}}' is not a POP of the limits table ({string.Join(", ", PopLimits.Shipped.Substances.Select(x => x.Code))}).");
                pop.RuleFor(x => x.ConcentrationMgPerKg).GreaterThan(0).LessThanOrEqualTo(1_000_000)
                    .WithMessage("The concentration is in mg/kg of waste, more than 0 and at most 1 000 000.");
            });
            // A file that names POPs contains POPs: the flag (kept for files filed before the list) agrees with the list.
            w.RuleFor(x => x.ContainsPops).Equal(true).When(x => x.Pops is { Count: > 0 })
                .WithMessage("The waste names POPs: containsPops must be true.");

            // Minamata Art. 11(2): the mercury category and the total mercury concentration.
            w.RuleFor(x => x.Mercury!).ChildRules(m =>
            {
                m.RuleFor(x => x.Category).IsInEnum();
                m.RuleFor(x => x.ConcentrationMgPerKg).NotNull().When(x => x.Category == MercuryCategory.ContaminatedWith)
                    .WithMessage("Waste contaminated with mercury states its total mercury concentration in mg/kg (Minamata Art. 11(2); the COP-5 threshold).");
                m.RuleFor(x => x.ConcentrationMgPerKg).GreaterThanOrEqualTo(0).LessThanOrEqualTo(1_000_000).When(x => x.ConcentrationMgPerKg is not null)
                    .WithMessage("The total mercury concentration is in mg/kg of waste, between 0 and 1 000 000.");
                m.RuleFor(x => x.AllowedUse).MaximumLength(ShortText);
            }).When(x => x.Mercury is not null);
            w.RuleFor(x => x.ContainsMercury).Equal(true).When(x => x.Mercury is not null)
                .WithMessage("The waste declares its mercury: containsMercury must be true.");
        });

        RuleFor(x => x.Operation).Must(o => codes[CodeListCatalog.Operations].IsValid(o, Today()))
            .WithMessage("'{PropertyValue}' is not a disposal (D1-D15) or recovery (R1-R13) operation of Basel Annex IV.");
        RuleFor(x => x.SubsequentOperation).NotEmpty()
            .When(x => x.Operation is not null && codes.IsInterim(x.Operation))
            .WithMessage("An interim operation (D13-D15, R12, R13) must name the subsequent operation (EU 2024/1157 Art. 15(1)).");
        RuleFor(x => x.SubsequentOperation).Must(o => codes[CodeListCatalog.Operations].IsValid(o, Today()))
            .When(x => x.SubsequentOperation is not null)
            .WithMessage("'{PropertyValue}' is not a disposal or recovery operation of Basel Annex IV.");

        // EU 2024/1157 Art. 15(1): the subsequent facilities, each in its state with its operation (the chain is checked by Filing).
        RuleFor(x => x.SubsequentFacilities).Must(f => f is null || f.Count <= 10);
        RuleForEach(x => x.SubsequentFacilities).ChildRules(f =>
        {
            f.RuleFor(x => x.State).Must(c => codes[CodeListCatalog.Countries].Contains(c)).WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
            f.RuleFor(x => x.Operation).Must(o => codes[CodeListCatalog.Operations].IsValid(o, Today()))
                .WithMessage("'{PropertyValue}' is not a disposal or recovery operation of Basel Annex IV.");
            f.RuleFor(x => x.Facility).NotNull().ChildRules(ff =>
            {
                ff.RuleFor(x => x.Id).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$")
                    .WithMessage("A facility id is letters, digits, '.', '_' or '-'.");
                ff.RuleFor(x => x.Name).NotEmpty().MaximumLength(ShortText);
                ff.RuleFor(x => x.Address).NotEmpty().MaximumLength(LongText);
                ff.RuleFor(x => x.SiteAddress).NotEmpty().MaximumLength(LongText);
                ff.RuleFor(x => x.Contact).NotNull().SetValidator(new ContactValidator());
                ff.RuleFor(x => x.TechnicalDescription).MaximumLength(LongText);
            });
        });
        RuleFor(x => x.PreconsentEntry).MaximumLength(60).Matches("^[A-Za-z]{2}-[A-Za-z0-9.-]{1,57}$").When(x => x.PreconsentEntry is not null)
            .WithMessage("A register entry id, e.g. NL-PC-0001 (GET /api/preconsented-facilities).");
        RuleFor(x => x.EarlierNotification).Matches(@"^[A-Za-z]{2}-\d{4}-\d{6,}$").When(x => x.EarlierNotification is not null)
            .WithMessage("A notification number, e.g. NL-2026-000042 (EU 2024/1157 Art. 15(7)-(8)).");

        RuleFor(x => x.Insurance!).ChildRules(i =>
        {
            i.RuleFor(x => x.Provider).NotEmpty().MaximumLength(ShortText);
            i.RuleFor(x => x.PolicyNumber).NotEmpty().MaximumLength(ShortText);
            i.RuleFor(x => x.Amount).GreaterThan(0).When(x => x.Amount is not null);
            i.RuleFor(x => x.Currency).Matches("^[A-Z]{3}$").When(x => x.Currency is not null);
        }).When(x => x.Insurance is not null);

        RuleFor(x => x.Contract).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Reference).NotEmpty().MaximumLength(ShortText);
            c.RuleFor(x => x.Date).NotEmpty();
        });
        RuleFor(x => x.Declaration).NotNull().ChildRules(d =>
        {
            d.RuleFor(x => x.SignedBy).NotEmpty().MaximumLength(ShortText);
            d.RuleFor(x => x.SignedAt).NotEmpty();
            d.RuleFor(x => x.InformationCorrect).Equal(true)
                .WithMessage("The generator and exporter must declare that the information is correct (Annex V A item 19).");
        });
    }

    [GeneratedRegex("^UN[0-9]{4}$")]
    private static partial Regex UnNumber();

    internal sealed class ContactValidator : AbstractValidator<ContactPerson>
    {
        public ContactValidator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(ShortText);
            RuleFor(x => x.Phone).MaximumLength(50);
            RuleFor(x => x.Email).MaximumLength(ShortText).EmailAddress().When(x => !string.IsNullOrEmpty(x.Email));
        }
    }

    internal sealed class PartyValidator : AbstractValidator<Party>
    {
        public PartyValidator()
        {
            RuleFor(x => x.Name).NotEmpty().MaximumLength(ShortText);
            RuleFor(x => x.Address).NotEmpty().MaximumLength(LongText);
            RuleFor(x => x.RegistrationNumber).MaximumLength(ShortText);
            RuleFor(x => x.Contact).NotNull().SetValidator(new ContactValidator());
        }
    }
}
