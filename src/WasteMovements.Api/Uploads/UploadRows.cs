using System.Globalization;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Uploads;

/// <summary>One CSV record read by its column names; each unreadable value is collected as a field error (400 of the single route).</summary>
public sealed class UploadRow(IReadOnlyDictionary<string, int> columns, Csv.Record record)
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public string? Text(string column)
    {
        if (!columns.TryGetValue(column, out var index) || index >= record.Fields.Count) return null;
        var value = record.Fields[index].Trim();
        return value.Length == 0 ? null : value;
    }

    public string Required(string column)
    {
        var value = Text(column);
        if (value is null) Errors[column] = [$"{column} is required."];
        return value ?? "";
    }

    public decimal Decimal(string column)
    {
        var value = Required(column);
        if (value.Length > 0 && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) Errors[column] = [$"'{value}' is not a number (use '.' for decimals)."];
        else if (value.Length > 0) return decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
        return 0;
    }

    public int Int(string column)
    {
        var value = Required(column);
        if (value.Length > 0 && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        if (value.Length > 0) Errors[column] = [$"'{value}' is not a whole number."];
        return 0;
    }

    public DateOnly Date(string column)
    {
        var value = Required(column);
        if (value.Length > 0 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        if (value.Length > 0) Errors[column] = [$"'{value}' is not a date (yyyy-MM-dd)."];
        return default;
    }

    public DateTimeOffset Instant(string column)
    {
        var value = Required(column);
        if (value.Length > 0 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && value.Contains('T')) return t;
        if (value.Length > 0) Errors[column] = [$"'{value}' is not an instant (yyyy-MM-ddTHH:mm:ssZ)."];
        return default;
    }

    public bool Bool(string column) => Text(column)?.ToLowerInvariant() is "true" or "yes" or "1";

    public IReadOnlyList<string> List(string column) =>
        (Text(column) ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public TEnum Enum<TEnum>(string column) where TEnum : struct, System.Enum
    {
        var value = Required(column);
        if (value.Length > 0 && System.Enum.TryParse<TEnum>(value.Replace("-", ""), true, out var e) && !int.TryParse(value, out _)) return e;
        if (value.Length > 0) Errors[column] = [$"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}."];
        return default;
    }
}

/// <summary>The columns of each kind of upload (docs/api-guide.md, "Bulk upload") and the command each row becomes.</summary>
public static class UploadColumns
{
    public static readonly string[] PriorInformation = ["notificationNumber", "quantity", "unit", "plannedDeparture", "carriers", "packaging", "packages"];

    public static readonly string[] Receipts = ["shipmentId", "receivedAt", "quantity", "unit"];

    public static readonly string[] AnnexVIIReceipts = ["documentId", "receivedOn", "quantityReceivedTonnes"];

    public static readonly string[] AnnexVIIDocuments =
    [
        "arrangerName", "arrangerAddress", "arrangerRegistration", "arrangerContact", "arrangerKind", "arrangerPermit",
        "consigneeName", "consigneeAddress", "consigneeRegistration", "consigneeContact", "consigneeId",
        "facilityId", "facilityName", "facilityAddress", "facilityContact", "facilityPermit",
        "generatorName", "generatorAddress", "generatorSignedBy", "carrierName", "carrierAddress", "meansOfTransport",
        "stateOfDispatch", "statesOfTransit", "stateOfDestination", "operation", "subsequentFacility", "subsequentOperation",
        "description", "wasteCode", "euWasteCode", "quantityTonnes", "shipmentDate", "contractReference", "sample", "samplePurpose",
    ];

    public static (string Number, AnnounceShipment Command) Announcement(UploadRow r) =>
        (r.Required("notificationNumber"), new AnnounceShipment(r.Decimal("quantity"), r.Required("unit"), r.Date("plannedDeparture"),
            r.List("carriers"), r.Required("packaging"), r.Int("packages")));

    public static (string ShipmentId, ConfirmReceipt Command) Receipt(UploadRow r) =>
        (r.Required("shipmentId"), new ConfirmReceipt(r.Instant("receivedAt"), r.Decimal("quantity"), r.Required("unit")));

    public static (string DocumentId, ConfirmAnnexVIIReceipt Command) AnnexVIIReceipt(UploadRow r) =>
        (r.Required("documentId"), new ConfirmAnnexVIIReceipt(r.Date("receivedOn"), r.Decimal("quantityReceivedTonnes")));

    public static AnnexVIIParticulars AnnexVII(UploadRow r)
    {
        var facilityAddress = r.Required("facilityAddress");
        var generator = r.Text("generatorName") is { } g ? new Party(g, r.Text("generatorAddress") ?? "", null, new ContactPerson(r.Text("generatorSignedBy") ?? g, null, null)) : null;
        return new AnnexVIIParticulars(
            Arranger: new Party(r.Required("arrangerName"), r.Required("arrangerAddress"), r.Text("arrangerRegistration"), new ContactPerson(r.Required("arrangerContact"), null, null)),
            ArrangerKind: r.Enum<ArrangerKind>("arrangerKind"),
            ArrangerPermit: r.Text("arrangerPermit"),
            Consignee: new Party(r.Required("consigneeName"), r.Required("consigneeAddress"), r.Text("consigneeRegistration"), new ContactPerson(r.Required("consigneeContact"), null, null)),
            ConsigneeId: r.Text("consigneeId"),
            Facility: new Facility(r.Required("facilityId"), r.Required("facilityName"), facilityAddress, facilityAddress, new ContactPerson(r.Required("facilityContact"), null, null), null, null, null),
            FacilityPermit: r.Text("facilityPermit") ?? "",
            Generator: generator,
            GeneratorSignedBy: r.Text("generatorSignedBy"),
            Carriers: r.Text("carrierName") is { } c ? [new Carrier(c, r.Text("carrierAddress") ?? "", null, new ContactPerson(c, null, null), r.List("meansOfTransport"))] : [],
            StateOfDispatch: r.Required("stateOfDispatch"),
            StatesOfTransit: r.List("statesOfTransit"),
            StateOfDestination: r.Required("stateOfDestination"),
            Operation: r.Required("operation"),
            SubsequentFacility: r.Text("subsequentFacility"),
            SubsequentOperation: r.Text("subsequentOperation"),
            Description: r.Required("description"),
            WasteCode: r.Required("wasteCode"),
            EuWasteCode: r.Text("euWasteCode"),
            QuantityTonnes: r.Decimal("quantityTonnes"),
            ShipmentDate: r.Date("shipmentDate"),
            ContractReference: r.Text("contractReference") ?? "",
            Sample: r.Bool("sample"),
            SamplePurpose: r.Text("samplePurpose"));
    }
}
