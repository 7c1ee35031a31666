using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.GreenList;

namespace WasteMovements.Api.GreenList;

public sealed class ConfirmAnnexVIIReceiptValidator : AbstractValidator<ConfirmAnnexVIIReceipt>
{
    public ConfirmAnnexVIIReceiptValidator()
    {
        RuleFor(x => x.ReceivedOn).NotEmpty().Must(d => d.Year is >= 2000 and <= 2100).WithMessage("The date is out of range.");
        RuleFor(x => x.QuantityReceivedTonnes).GreaterThanOrEqualTo(0).LessThanOrEqualTo(1_000_000);
    }
}

/// <summary>
/// POST /api/annex-vii-documents/{documentId}/receipts: the recovery facility or laboratory confirms receipt (EU 2024/1157
/// Art. 18(8)), or the consignee signs upon receipt; who signs follows from the caller.
/// </summary>
public static class ConfirmAnnexVIIReceiptEndpoint
{
    [WolverinePost("/api/annex-vii-documents/{documentId}/receipts", Name = "ConfirmAnnexVIIReceipt")]
    [Authorize(Policy = Policies.GreenList)]
    public static Task<IResult> Post(string documentId, ConfirmAnnexVIIReceipt body, StepWriter write) =>
        write.OnDocument<AnnexVIIDocumentState, ConfirmAnnexVIIReceipt>(documentId, body, GreenListProcedure.ConfirmReceipt, "Annex VII document");
}
