using WasteMovements.Domain.Audit;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Domain.Tests.Audit;

/// <summary>EU 2024/1157 Art. 20: records are kept for at least 5 years, counted on the procedure clock.</summary>
public sealed class RetentionTests
{
    private static readonly DateTimeOffset T0 = Given.Now;

    private static NotificationState Cancelled() =>
        Given.That(NotificationEvolution.Create(Filing.Filed(Samples.Notification("MY", "JP"), "MY-2026-000009", Given.Registry, T0)),
            new NotificationCancelled("Contract terminated", T0.AddDays(3)));

    [Fact]
    public void The_period_runs_from_the_files_last_fact_when_it_has_no_certificate()
    {
        var n = Cancelled();
        Assert.Equal(T0.AddDays(3), n.LastChangedAt); // the fact's own time, not when the database recorded it
        var running = PersonalData.RetentionRunning(n, [], n.Id, T0.AddDays(3) + PersonalData.RetentionAfterLastCertificate - TimeSpan.FromTicks(1));
        Assert.Equal("retention-period-running", running!.Rule);
        Assert.Equal("EU 2024/1157 Art. 20", running.Article);
        Assert.Contains((T0.AddDays(3) + PersonalData.RetentionAfterLastCertificate).ToString("yyyy-MM-dd"), running.Detail);
        Assert.Null(PersonalData.RetentionRunning(n, [], n.Id, T0.AddDays(3) + PersonalData.RetentionAfterLastCertificate));
    }

    [Fact]
    public void A_shipment_still_on_its_way_keeps_the_records()
    {
        var n = Cancelled();
        var inTransit = new ShipmentState
        {
            Id = n.Id + "-001", NotificationNumber = n.Id, ShipmentNumber = 1, Status = ShipmentStatus.InTransit,
            Document = null!, AnnouncedAt = T0, FacilityId = "F", StateOfExport = "MY",
        };
        Assert.NotNull(PersonalData.RetentionRunning(n, [inTransit], n.Id, T0.AddYears(10)));
    }
}
