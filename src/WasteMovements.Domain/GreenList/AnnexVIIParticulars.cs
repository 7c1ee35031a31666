using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.GreenList;

/// <summary>Who the person who arranges the shipment is (EU 2024/1157 Art. 3(7)(i)-(v)).</summary>
public enum ArrangerKind
{
    OriginalProducer,
    NewProducer,
    Collector,
    DealerOrBroker,
    Holder,
}

/// <summary>
/// What the Annex VII document holds, box by box [K: box numbers of the 1013/2006 Annex VII form; the 2024/1157 annex
/// was not read, docs/law.md "Green-listed waste"]: 1 the person who arranges the shipment, 2 the consignee, 3 the actual
/// quantity, 4 the actual date of shipment, 5 the carriers, 6 the waste generator, 7 the recovery facility or laboratory,
/// 8 the recovery operation (or, for a sample, the disposal operation), 9 the usual description, 10 the waste
/// identification, 11 the countries concerned, 12 the declaration of the person who arranges the shipment (the contract,
/// Art. 18(10)). Permits: Art. 18(2)-(3). Samples: Art. 4(5).
/// </summary>
public sealed record AnnexVIIParticulars(
    Party Arranger,
    ArrangerKind ArrangerKind,
    string? ArrangerPermit,
    Party Consignee,
    string? ConsigneeId,
    Facility Facility,
    string FacilityPermit,
    Party? Generator,
    string? GeneratorSignedBy,
    IReadOnlyList<Carrier> Carriers,
    string StateOfDispatch,
    IReadOnlyList<string> StatesOfTransit,
    string StateOfDestination,
    string Operation,
    string? SubsequentFacility,
    string? SubsequentOperation,
    string Description,
    string WasteCode,
    string? EuWasteCode,
    decimal QuantityTonnes,
    DateOnly ShipmentDate,
    string ContractReference,
    bool Sample,
    string? SamplePurpose)
{
    /// <summary>The states whose competent authorities the document concerns (Art. 18(4): dispatch, transit, destination).</summary>
    public IReadOnlyList<string> StatesConcerned =>
        new[] { StateOfDispatch }.Concat(StatesOfTransit).Append(StateOfDestination)
            .Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray();
}
