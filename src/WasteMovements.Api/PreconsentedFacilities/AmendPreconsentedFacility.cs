using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.PreconsentedFacilities;

/// <summary>POST /api/preconsented-facilities/{entryId}/amendments: the authority updates a pre-consent after a change (EU 2024/1157 Art. 14(11)).</summary>
public static class AmendPreconsentedFacilityEndpoint
{
    [WolverinePost("/api/preconsented-facilities/{entryId}/amendments", Name = "AmendPreconsentedFacility")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(string entryId, AmendPreconsentedFacility body, StepWriter write) =>
        write.OnRegisterEntry<PreconsentedFacilityEntry, AmendPreconsentedFacility>(PreconsentedFacilityEntry.StreamKey(entryId), "pre-consent",
            body, PreconsentRegister.Amend, written => Results.Ok(new PreconsentWritten(entryId.ToUpperInvariant(), written.Version)));
}
