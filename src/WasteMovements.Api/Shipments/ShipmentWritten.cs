using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

/// <summary>What every write to a shipment answers: the shipment's stream and its new version (also the ETag).</summary>
public sealed record ShipmentWritten(string ShipmentId, long Version);

public sealed class ShipmentOptions
{
    /// <summary>Received quantity differing from the announced one by more than this (percent) raises a discrepancy.</summary>
    public decimal DiscrepancyTolerancePercent { get; set; } = Shipping.DefaultTolerancePercent;
}
