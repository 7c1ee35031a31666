namespace WasteMovements.Domain.Common;

public enum ActorRole
{
    /// <summary>An officer of a state's competent authority (Basel Art. 2(6)).</summary>
    Authority,
    /// <summary>A person acting for a disposal or recovery facility (the consignee's site).</summary>
    Facility,
    /// <summary>
    /// A person acting for an undertaking involved in a shipment of green-listed waste: the person who arranges the
    /// shipment or the consignee (EU 2024/1157 Art. 18(4): "all undertakings involved in the shipment").
    /// </summary>
    Undertaking,
    Auditor,
    Admin,
    /// <summary>The system itself: deadlines that fall due.</summary>
    System,
    /// <summary>No known role: acts for no state or facility, so every step refuses it.</summary>
    Anonymous,
}

/// <summary>
/// Who acts: the person (the token's <c>sub</c>, and its issuer <c>iss</c> where the token names one), the role, and
/// the state (authorities) or facility (facilities) they act for. The one actor type of every decision.
/// </summary>
public sealed record Actor(string Person, ActorRole Role, string? Country = null, string? Facility = null, string? Undertaking = null, string? Issuer = null)
{
    /// <summary>The person as the register of assignments names them: <c>issuer|subject</c>, or the subject alone without an issuer.</summary>
    public string Identity => Issuer is null ? Person : $"{Issuer}|{Person}";

    public static Actor Authority(string person, string country) => new(person, ActorRole.Authority, country.ToUpperInvariant());

    public static Actor OfFacility(string person, string facility) => new(person, ActorRole.Facility, Facility: facility);

    public static Actor OfUndertaking(string person, string undertaking) => new(person, ActorRole.Undertaking, Undertaking: undertaking);

    public static readonly Actor Deadlines = new("system", ActorRole.System);

    /// <summary>The state this actor's authority acts for, or "" for anyone else (who then acts for no state).</summary>
    public string State => Role == ActorRole.Authority ? Country ?? "" : "";

    /// <summary>Whether this actor is the competent authority of <paramref name="state"/>.</summary>
    public bool IsAuthorityOf(string state) => Role == ActorRole.Authority && string.Equals(Country, state, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this actor acts for the facility <paramref name="facilityId"/>.</summary>
    public bool IsFacilityOf(string facilityId) => Role == ActorRole.Facility && string.Equals(Facility, facilityId, StringComparison.Ordinal);

    /// <summary>Whether this actor acts for the undertaking <paramref name="undertakingId"/>.</summary>
    public bool IsUndertakingOf(string? undertakingId) => Role == ActorRole.Undertaking && undertakingId is not null && string.Equals(Undertaking, undertakingId, StringComparison.Ordinal);

    public bool IsUndertaking => Role == ActorRole.Undertaking && Undertaking is not null;
    public bool IsAuthority => Role == ActorRole.Authority && Country is not null;
    public bool IsFacility => Role == ActorRole.Facility && Facility is not null;
    public bool IsAuditor => Role == ActorRole.Auditor;
    public bool IsAdmin => Role == ActorRole.Admin;

    /// <summary>What is recorded as the acting authority or facility in event metadata.</summary>
    public string ActingFor => Role switch
    {
        ActorRole.Authority => $"authority:{Country}",
        ActorRole.Facility => $"facility:{Facility}",
        ActorRole.Undertaking => $"undertaking:{Undertaking}",
        _ => Role.ToString().ToLowerInvariant(),
    };
}
