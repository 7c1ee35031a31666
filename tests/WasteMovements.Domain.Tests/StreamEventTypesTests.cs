using WasteMovements.Domain;
using WasteMovements.Domain.Audit;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Tests;

public sealed class StreamEventTypesTests
{
    [Theory]
    [InlineData("DE-2026-000001", "notification")]
    [InlineData("DE-2026-1000000", "notification")]
    [InlineData("DE-2026-000001-003", "shipment")]
    [InlineData("country:DE", "registry")]
    [InlineData("ILL-DE-2026-000001", "illegal-traffic")]
    [InlineData("preconsent:NL-PC-0001", "preconsent")]
    [InlineData("DE-2026-G000001", "annex-vii")]
    [InlineData("person:P-0123456789abcdef01234567", "assignments")]
    [InlineData("mt_tombstone", null)]
    [InlineData("de-2026-000001", null)]
    public void The_kind_of_a_stream_follows_from_its_key(string key, string? kind)
    {
        var types = StreamEventTypes.For(key);
        var expected = kind switch
        {
            "notification" => StreamEventTypes.Notification,
            "shipment" => StreamEventTypes.Shipment,
            "registry" => StreamEventTypes.CountryRegistry,
            "illegal-traffic" => StreamEventTypes.IllegalTrafficCase,
            "preconsent" => StreamEventTypes.PreconsentRegister,
            "annex-vii" => StreamEventTypes.AnnexVII,
            "assignments" => StreamEventTypes.Assignments,
            _ => null,
        };
        Assert.Same(expected, types);
    }

    [Fact]
    public void Every_event_record_of_the_domain_belongs_to_exactly_one_kind_of_stream()
    {
        // Every fact of the procedure carries its procedure time (IProcedureFact): a new one that is not placed in a
        // list would be stored but never projected, and the pipeline could not route it.
        var events = typeof(NotificationFiled).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IProcedureFact).IsAssignableFrom(t))
            .ToArray();
        Assert.Contains(typeof(ShipmentDeparted), events);
        Assert.Contains(typeof(PersonalDataErased), events);
        Assert.Equal(56, events.Length);
        foreach (var type in events)
        {
            var kinds = new[] { StreamEventTypes.Notification, StreamEventTypes.Shipment, StreamEventTypes.CountryRegistry, StreamEventTypes.IllegalTrafficCase, StreamEventTypes.PreconsentRegister, StreamEventTypes.AnnexVII, StreamEventTypes.Assignments }.Count(k => k.Contains(type));
            Assert.True(kinds == 1, $"{type.Name} is in {kinds} lists of StreamEventTypes");
        }
    }
}
