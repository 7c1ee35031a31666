using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.PreconsentedFacilities;

/// <summary>POST /api/preconsented-facilities/{entryId}/revocation: the authority revokes a pre-consent, with reasons (EU 2024/1157 Art. 14(10)).</summary>
public static class RevokePreconsentEndpoint
{
    [WolverinePost("/api/preconsented-facilities/{entryId}/revocation", Name = "RevokePreconsent")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string entryId, RevokePreconsent body, StepWriter write) =>
        write.OnRegisterEntry<PreconsentedFacilityEntry, RevokePreconsent>(PreconsentedFacilityEntry.StreamKey(entryId), "pre-consent",
            body, PreconsentRegister.Revoke, written => Results.Ok(new PreconsentWritten(entryId.ToUpperInvariant(), written.Version)));
}
