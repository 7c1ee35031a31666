namespace WasteMovements.Domain;

/// <summary>An event of a shipment's own stream: it names the shipment, so the write pipeline knows the stream's key.</summary>
public interface IShipmentFact
{
    string ShipmentId { get; }
}
