namespace WasteMovements.Domain.Reports.Mirror;

/// <summary>
/// One flow as a partner state reported it: from its state of export to its state of import, by waste code, Y codes
/// and operation, in tonnes. <see cref="Row"/>: where it stood in the file (the CSV line, the header being line 1, or
/// the index in the open-data <c>flows</c> array), so that a person can find it again.
/// </summary>
public sealed record PartnerFlow(int Row, string StateOfExport, string StateOfImport, string WasteCode, string YCodes, string Operation, decimal Tonnes, int Shipments);

/// <summary>The layouts a partner's figures come in (docs/api-guide.md, "Mirror statistics").</summary>
public static class PartnerFigureSources
{
    /// <summary>Layout A: the Part II export/import rows of a state's own report (CSV).</summary>
    public const string PartIICsv = "part-ii-csv";

    /// <summary>Layout B: another deployment's open-data flows as JSON.</summary>
    public const string OpenDataJson = "open-data-json";

    /// <summary>Layout B: the same open-data flows as CSV.</summary>
    public const string OpenDataCsv = "open-data-csv";
}

/// <summary>
/// The figures a partner state reported, as one authority loaded them for its own state's mirror comparison
/// (docs/decisions/0015-partner-figures.md): not a fact of the procedure, so a document, not an event. Each load is a
/// document of its own (the file's hash in its id: the same file loaded twice is one load); the comparison reads the
/// latest. <see cref="Flows"/> holds only the rows between <see cref="State"/> and <see cref="Partner"/>.
/// </summary>
public sealed record PartnerFigures
{
    public required string Id { get; init; }
    /// <summary>The state whose authority loaded the figures and whose comparison they serve.</summary>
    public required string State { get; init; }
    public required string Partner { get; init; }
    public required int Year { get; init; }
    public required string Source { get; init; }
    /// <summary>SHA-256 of the file as sent (hex).</summary>
    public required string FileHash { get; init; }
    public string? Publisher { get; init; }
    public required string LoadedBy { get; init; }
    public required DateTimeOffset LoadedAt { get; init; }
    public required int RowsInFile { get; init; }
    public IReadOnlyList<PartnerFlow> Flows { get; init; } = [];

    public static string Key(string state, string partner, int year, string fileHash) => $"{state}:{partner}:{year}:{fileHash[..16]}";
}
