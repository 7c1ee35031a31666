using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.GreenList;

public sealed class CertifyAnnexVIIRecoveryValidator : AbstractValidator<CertifyAnnexVIIRecovery>
{
    public CertifyAnnexVIIRecoveryValidator() =>
        RuleFor(x => x.CompletedOn).NotEmpty().Must(d => d.Year is >= 2000 and <= 2100).WithMessage("The date is out of range.");
}

/// <summary>POST /api/annex-vii-documents/{documentId}/recovery: the facility certifies that the recovery has been completed (EU 2024/1157 Art. 18(9)).</summary>
public static class CertifyAnnexVIIRecoveryEndpoint
{
    [WolverinePost("/api/annex-vii-documents/{documentId}/recovery", Name = "CertifyAnnexVIIRecovery")]
    [Authorize(Policy = Policies.Facility)]
    public static Task<IResult> Post(string documentId, CertifyAnnexVIIRecovery body, StepWriter write) =>
        write.OnDocument<AnnexVIIDocumentState, CertifyAnnexVIIRecovery>(documentId, body, GreenListProcedure.CertifyRecovery, "Annex VII document");
}
