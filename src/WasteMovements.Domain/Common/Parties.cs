namespace WasteMovements.Domain.Common;

/// <summary>A natural person to contact (Basel Annex V A footnote: name, address, phone, fax/e-mail).</summary>
public sealed record ContactPerson(string Name, string? Phone, string? Email);

/// <summary>A legal person taking part in the movement: exporter/notifier, consignee, carrier...</summary>
public sealed record Party(string Name, string Address, string? RegistrationNumber, ContactPerson Contact);

/// <summary>Annex V A item 3 and 16: a generator, its site and the process generating the waste.</summary>
public sealed record Generator(
    string Name,
    string Address,
    string? RegistrationNumber,
    ContactPerson Contact,
    string SiteOfGeneration,
    string Process);

/// <summary>
/// Annex V A item 4 and 20: the disposal or recovery facility and its actual site. <see cref="Id"/> is the
/// identifier a facility's users carry in their <c>facility</c> claim.
/// </summary>
public sealed record Facility(
    string Id,
    string Name,
    string Address,
    string SiteAddress,
    ContactPerson Contact,
    double? Latitude,
    double? Longitude,
    string? TechnicalDescription);

/// <summary>Annex V A item 5 and 11: an intended carrier and its means of transport.</summary>
public sealed record Carrier(
    string Name,
    string Address,
    string? RegistrationNumber,
    ContactPerson Contact,
    IReadOnlyList<string> MeansOfTransport);

/// <summary>Annex V A item 7: a state of transit, in order, with its points and customs offices.</summary>
public sealed record TransitRoute(
    string State,
    string? EntryPoint,
    string? ExitPoint,
    string? CustomsOfficeOfEntry,
    string? CustomsOfficeOfExit);

/// <summary>Annex V A item 12: insurance, bond or guarantee (Basel Art. 6(11)).</summary>
public sealed record Insurance(string Provider, string PolicyNumber, decimal? Amount, string? Currency);

/// <summary>Annex V A item 21 and Art. 6(3)(b): the contract between exporter and disposer.</summary>
public sealed record Contract(string Reference, DateOnly Date);

/// <summary>Annex V A item 19: declaration by generator and exporter that the information is correct.</summary>
public sealed record Declaration(string SignedBy, DateTimeOffset SignedAt, bool InformationCorrect);
