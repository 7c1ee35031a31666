using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Assignments;

namespace WasteMovements.Api.Assignments;

/// <summary>POST /api/admin/assignments/{person}/revocations: an administrator revokes a person's current assignment, with the reason.</summary>
public static class RevokeAssignmentEndpoint
{
    [WolverinePost("/api/admin/assignments/{person}/revocations", Name = "RevokeAssignment")]
    [Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Post(string person, RevokeAssignment body, StepWriter write) =>
        !Persons.IsId(person)
            ? Problems.NotFound("person", person)
            : await write.OnPerson(person, body, Assigning.Revoke, written => Results.Ok(new AssignmentWritten(person, written.Version)));
}

public sealed class RevokeAssignmentValidator : AbstractValidator<RevokeAssignment>
{
    public RevokeAssignmentValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
}
