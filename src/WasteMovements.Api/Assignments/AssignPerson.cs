using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Assignments;

namespace WasteMovements.Api.Assignments;

/// <summary>What a step on the register of assignments answers: the person's id and their stream's new version (also the ETag).</summary>
public sealed record AssignmentWritten(string PersonId, long Version);

/// <summary>POST /api/admin/assignments: an administrator assigns a person to a role and what they act for (docs/decisions/0018-assignments.md).</summary>
public static class AssignPersonEndpoint
{
    [WolverinePost("/api/admin/assignments", Name = "AssignPerson")]
    [Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Post(AssignPerson body, StepWriter write, CountryRegistryProvider registry, CancellationToken ct)
    {
        var personId = Persons.Id(body.Issuer, body.Subject);
        var states = await registry.CurrentAsync(ct);
        return await write.OnPerson(personId, body, Assigning.Assign(states),
            written => Results.Created($"/api/admin/assignments/{personId}", new AssignmentWritten(personId, written.Version)));
    }
}

/// <summary>Field checks of an assignment; which target a role needs, and the state and id rules, are the step's refusals.</summary>
public sealed class AssignPersonValidator : AbstractValidator<AssignPerson>
{
    public AssignPersonValidator()
    {
        RuleFor(x => x.Issuer).NotEmpty().MaximumLength(500);
        RuleFor(x => x.Subject).NotEmpty().MaximumLength(255);
        RuleFor(x => x.DisplayName).MaximumLength(200);
        RuleFor(x => x.Role).IsInEnum();
        RuleFor(x => x.State).MaximumLength(2);
        RuleFor(x => x.Facility).MaximumLength(64);
        RuleFor(x => x.Undertaking).MaximumLength(64);
        // The basis of the assignment (designation letter, decision, ticket): what an auditor asks for.
        RuleFor(x => x.Reference).NotEmpty().MaximumLength(500);
    }
}
