namespace WasteMovements.Domain.Assignments;

/// <summary>The capacity in which a person is assigned: the API's roles (Security/Actor.cs), never "system".</summary>
public enum AssignedRole
{
    /// <summary>An officer of a state's competent authority (Basel Art. 2(6), 5(1)): names the state.</summary>
    Authority,
    /// <summary>A person acting for a disposal or recovery facility: names the facility.</summary>
    Facility,
    /// <summary>A person acting for an undertaking of a green-list shipment (EU 2024/1157 Art. 18(4)): names the undertaking.</summary>
    Undertaking,
    Auditor,
    Admin,
}

/// <summary>
/// An administrator assigned a person (identified by the identity provider's issuer and subject) to act in a role for a
/// state's competent authority, a facility or an undertaking, or as auditor or administrator, on a recorded basis
/// (<see cref="Reference"/>: the designation letter, ticket or decision). Stream <c>person:{personId}</c>.
/// </summary>
public sealed record PersonAssigned(
    string PersonId,
    string Issuer,
    string Subject,
    string? DisplayName,
    AssignedRole Role,
    string? State,
    string? Facility,
    string? Undertaking,
    string AssignedBy,
    string Reference,
    DateTimeOffset AssignedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => AssignedAt;
}

/// <summary>An administrator revoked the person's current assignment, with the reason; from the next request the person has no rights.</summary>
public sealed record AssignmentRevoked(string PersonId, string RevokedBy, string Reason, DateTimeOffset RevokedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => RevokedAt;
}
