using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.GreenList;

public sealed class AnnexVIIParticularsValidator : AbstractValidator<AnnexVIIParticulars>
{
    public AnnexVIIParticularsValidator(CodeListCatalog codes)
    {
        RuleFor(x => x.Arranger).NotNull().SetValidator(new FileNotificationValidator.PartyValidator());
        RuleFor(x => x.Consignee).NotNull().SetValidator(new FileNotificationValidator.PartyValidator());
        RuleFor(x => x.Generator!).SetValidator(new FileNotificationValidator.PartyValidator()).When(x => x.Generator is not null);
        RuleFor(x => x.ArrangerKind).IsInEnum();
        RuleFor(x => x.ArrangerPermit).MaximumLength(100);
        RuleFor(x => x.ConsigneeId).MaximumLength(64).Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").When(x => x.ConsigneeId is not null);
        RuleFor(x => x.Facility).NotNull().ChildRules(f =>
        {
            f.RuleFor(x => x.Id).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$")
                .WithMessage("A facility id is letters, digits, '.', '_' or '-'.");
            f.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            f.RuleFor(x => x.Address).NotEmpty().MaximumLength(500);
            f.RuleFor(x => x.SiteAddress).NotEmpty().MaximumLength(500);
            f.RuleFor(x => x.Contact).NotNull().SetValidator(new FileNotificationValidator.ContactValidator());
        });
        RuleFor(x => x.FacilityPermit).MaximumLength(100);
        RuleFor(x => x.GeneratorSignedBy).MaximumLength(200);
        RuleFor(x => x.Carriers).NotNull().Must(c => c is null || c.Count <= 20).WithMessage("At most 20 carriers.");
        RuleForEach(x => x.Carriers).NotNull().ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
            c.RuleFor(x => x.Address).NotEmpty().MaximumLength(500);
            c.RuleFor(x => x.Contact).NotNull().SetValidator(new FileNotificationValidator.ContactValidator());
        });
        RuleFor(x => x.StateOfDispatch).NotEmpty().Length(2);
        RuleFor(x => x.StateOfDestination).NotEmpty().Length(2);
        RuleFor(x => x.StatesOfTransit).NotNull().Must(t => t is null || t.Count <= 20);
        RuleForEach(x => x.StatesOfTransit).NotEmpty().Length(2);
        RuleFor(x => x.Operation).Must(o => o is not null && codes[CodeListCatalog.Operations].Contains(o))
            .WithMessage("'{PropertyValue}' is not an R or D operation.");
        RuleFor(x => x.SubsequentOperation).Must(o => codes[CodeListCatalog.Operations].Contains(o) && o!.StartsWith('R'))
            .When(x => !string.IsNullOrEmpty(x.SubsequentOperation)).WithMessage("The subsequent operation is an R code.");
        RuleFor(x => x.SubsequentFacility).MaximumLength(500);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(500);
        RuleFor(x => x.WasteCode).NotEmpty().MaximumLength(20).Matches("^[A-Za-z0-9 ]+$");
        RuleFor(x => x.EuWasteCode).Matches(@"^[0-9]{2} ?[0-9]{2} ?[0-9]{2}\*?$").When(x => x.EuWasteCode is not null)
            .WithMessage("A list-of-waste code is six digits in three pairs, a hazardous entry ending in '*' (e.g. 17 04 01).");
        RuleFor(x => x.QuantityTonnes).GreaterThan(0).LessThanOrEqualTo(1_000_000);
        RuleFor(x => x.ShipmentDate).NotEmpty().Must(d => d.Year is >= 2000 and <= 2100).WithMessage("The date is out of range.");
        RuleFor(x => x.ContractReference).MaximumLength(200);
        RuleFor(x => x.SamplePurpose).NotEmpty().MaximumLength(500).When(x => x.Sample)
            .WithMessage("A sample names its purpose: laboratory analysis or an experimental treatment trial (EU 2024/1157 Art. 4(5)).");
    }
}

public sealed record AnnexVIIDocumentCreated(string DocumentId, long Version);

/// <summary>
/// POST /api/annex-vii-documents: the person who arranges a shipment of green-listed waste (or of a sample) fills and
/// signs the Annex VII document (EU 2024/1157 Art. 18(4)-(5)); no consent follows. Decided by
/// <see cref="GreenListProcedure.Fill"/> before a number of the state of dispatch's series is spent.
/// </summary>
public static class FillAnnexVIIDocumentEndpoint
{
    [WolverinePost("/api/annex-vii-documents", Name = "FillAnnexVIIDocument")]
    [Authorize(Policy = Policies.Undertaking)]
    public static async Task<IResult> Post(AnnexVIIParticulars body, StepWriter write, CountryRegistryProvider registry, CodeListCatalog codes,
        NotificationNumbers numbers, TimeProvider clock, CancellationToken ct)
    {
        var registryNow = await registry.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        // The same pure decision, first with a placeholder id, so that a refused filling spends no number.
        if (GreenListProcedure.Fill(new NewAnnexVIIDocument("", registryNow, codes), write.Actor, body, now).Refusal is { } refusal)
        {
            return Problems.Result(refusal);
        }

        var id = AnnexVIIIds.Format(body.StateOfDispatch, now.Year, await numbers.NextNumberAsync(AnnexVIIIds.Series(body.StateOfDispatch), now.Year, ct));
        return await write.StartDocument<AnnexVIIDocumentState, NewAnnexVIIDocument, AnnexVIIParticulars>(id, new NewAnnexVIIDocument(id, registryNow, codes),
            body, GreenListProcedure.Fill, "Annex VII document",
            written => Results.Created($"/api/annex-vii-documents/{id}", new AnnexVIIDocumentCreated(id, written.Version)));
    }
}

/// <summary>Annex VII document ids: the state of dispatch, the year, G and the number of the state's series (DE-2026-G000001).</summary>
public static class AnnexVIIIds
{
    public static string Series(string stateOfDispatch) => stateOfDispatch.ToUpperInvariant() + "-G";

    public static string Format(string stateOfDispatch, int year, long number) => $"{stateOfDispatch.ToUpperInvariant()}-{year}-G{number:D6}";
}
