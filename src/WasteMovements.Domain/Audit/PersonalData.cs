using System.Text.Json.Nodes;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Audit;

/// <summary>
/// Erasure of a natural person's data from stored events once its retention period ended (EU 2024/1157
/// Art. 20: at least 5 years after the last certificate). The contact persons named so and the signatures
/// with that name are replaced by <see cref="EventChain.Erased"/>; the chain keeps their salted digests.
/// </summary>
public static class PersonalData
{
    public static readonly TimeSpan RetentionAfterLastCertificate = TimeSpan.FromDays(5 * 365 + 1);

    /// <summary>
    /// Whether a file's personal data may be erased now, on the procedure clock: the retention period (EU 2024/1157
    /// Art. 20: at least 5 years) runs from the last certificate, or, without one, from the file's last fact; and no
    /// shipment may still be on its way. Null when it may; otherwise the refusal naming the day the period ends.
    /// </summary>
    public static Refusal? RetentionRunning(NotificationState? notification, IReadOnlyList<ShipmentState> shipments, string number, DateTimeOffset now)
    {
        var lastCertificate = shipments.SelectMany(s => s.Certificates).Select(c => (DateTimeOffset?)c.CertifiedAt).Max();
        var from = lastCertificate ?? notification?.LastChangedAt ?? now;
        var until = from + RetentionAfterLastCertificate;
        if (now >= until && shipments.All(s => s.IsConcluded || s.Status == ShipmentStatus.Announced)) return null;
        return new Refusal("retention-period-running", "EU 2024/1157 Art. 20",
            $"The records of notification {number} must be kept until {until:yyyy-MM-dd} (5 years after {(lastCertificate is null ? "its last step" : "its last certificate")}); nothing was erased.");
    }

    public static (string Data, int Erased) Erase(string dataJson, string personName)
    {
        var root = JsonNode.Parse(dataJson);
        var erased = 0;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o.ToArray())
                    {
                        if (key == "contact" && child is JsonObject contact && contact["name"]?.GetValue<string>() is { } name && Same(name, personName))
                        {
                            foreach (var (field, value) in contact.ToArray())
                            {
                                if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                                {
                                    contact[field] = EventChain.Erased;
                                    erased++;
                                }
                            }
                        }
                        else if (EventChain.IsPersonalKey(key) && child is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String && Same(s.GetValue<string>(), personName))
                        {
                            o[key] = EventChain.Erased;
                            erased++;
                        }
                        else
                        {
                            Walk(child);
                        }
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item);
                    break;
            }
        }

        Walk(root);
        return (root!.ToJsonString(), erased);
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>Recorded on each notification whose events had personal data erased; it names no one.</summary>
public sealed record PersonalDataErased(int Fields, string Reason, DateTimeOffset ErasedAt) : IProcedureFact
{
    DateTimeOffset IProcedureFact.OccurredAt => ErasedAt;
}
