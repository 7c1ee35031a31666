using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.GreenList;

public sealed class RecordAnnexVIIInspectionValidator : AbstractValidator<RecordAnnexVIIInspection>
{
    public RecordAnnexVIIInspectionValidator()
    {
        RuleFor(x => x.InspectedOn).NotEmpty().Must(d => d.Year is >= 2000 and <= 2100).WithMessage("The date is out of range.");
        RuleFor(x => x.Place).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Finding).NotEmpty().MaximumLength(2000);
    }
}

/// <summary>POST /api/annex-vii-documents/{documentId}/inspections: an authority of a state concerned records an inspection (EU 2024/1157 Art. 3(27), 18(4)).</summary>
public static class RecordAnnexVIIInspectionEndpoint
{
    [WolverinePost("/api/annex-vii-documents/{documentId}/inspections", Name = "RecordAnnexVIIInspection")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string documentId, RecordAnnexVIIInspection body, StepWriter write) =>
        write.OnDocument<AnnexVIIDocumentState, RecordAnnexVIIInspection>(documentId, body, GreenListProcedure.RecordInspection, "Annex VII document");
}
