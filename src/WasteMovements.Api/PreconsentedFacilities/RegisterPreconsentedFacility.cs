using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.PreconsentedFacilities;

namespace WasteMovements.Api.PreconsentedFacilities;

/// <summary>What a step on the register answers: the entry and its stream's new version (also the ETag).</summary>
public sealed record PreconsentWritten(string EntryId, long Version);

/// <summary>POST /api/preconsented-facilities: the authority of the facility's state registers a pre-consent (EU 2024/1157 Art. 14(6), (9), (13)).</summary>
public static class RegisterPreconsentedFacilityEndpoint
{
    [WolverinePost("/api/preconsented-facilities", Name = "RegisterPreconsentedFacility")]
    [Authorize(Policy = Policies.Authority)]
    public static Task<IResult> Post(RegisterPreconsentedFacility body, StepWriter write) =>
        write.OnRegisterEntry<PreconsentedFacilityEntry, RegisterPreconsentedFacility>(PreconsentedFacilityEntry.StreamKey(body.EntryId), "pre-consent",
            body, PreconsentRegister.Register,
            written => Results.Created($"/api/preconsented-facilities/{body.EntryId.ToUpperInvariant()}", new PreconsentWritten(body.EntryId.ToUpperInvariant(), written.Version)));
}
