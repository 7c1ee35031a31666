using System.Text.RegularExpressions;
using WasteMovements.Domain.Assignments;
using WasteMovements.Domain.Audit;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.IllegalTraffic;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.PreconsentedFacilities;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain;

/// <summary>
/// Which events each kind of stream holds. The projections subscribe to exactly these types (so that a
/// command on a notification does not make the shipment projection load a document, and a rebuild reads
/// only its own events), and the event store refuses to append an event to a stream whose list lacks it:
/// the projected document's version must always equal its stream's version (If-Match and ETags rely on it).
/// </summary>
public static partial class StreamEventTypes
{
    /// <summary>A notification's stream (key: the notification number).</summary>
    public static readonly IReadOnlySet<Type> Notification = new HashSet<Type>
    {
        typeof(NotificationFiled), typeof(NotificationAcknowledged), typeof(NotificationCompletenessConfirmed), typeof(ObjectionLifted), typeof(NotificationCeasedToBeValid), typeof(InformationRequested), typeof(InformationProvided),
        typeof(ConsentGranted), typeof(ConsentRefused), typeof(TransitConsentDeemed), typeof(ConsentDeemed),
        typeof(ConsentWithdrawn), typeof(NotificationCancelled), typeof(ConsentExpired),
        // Changes after consent (EU 2024/1157 Art. 17).
        typeof(NotificationChangeRecorded), typeof(NotificationChangeAccepted), typeof(NewNotificationRequired), typeof(NotificationChangeInForce),
        // Facts of the shipments that change the notification (counts, quantities, guarantee, closure).
        typeof(ShipmentAnnounced), typeof(ShipmentConcluded), typeof(ShipmentDiscrepancyFlagged), typeof(NotificationClosed),
        typeof(FinancialGuaranteeRecorded), typeof(FinancialGuaranteeApproved), typeof(FinancialGuaranteeReleased),
        typeof(PersonalDataErased),
    };

    /// <summary>A shipment's stream (key: the shipment id, e.g. DE-2026-000001-003).</summary>
    public static readonly IReadOnlySet<Type> Shipment = new HashSet<Type>
    {
        typeof(MovementDocumentIssued), typeof(ShipmentDeparted), typeof(BorderCrossed), typeof(CarrierHandedOver),
        typeof(ShipmentReceived), typeof(ShipmentRejected), typeof(MovementCannotBeCompleted), typeof(AlternativeArrangementMade),
        typeof(ShipmentReturned), typeof(ShipmentCompleted), typeof(IllegalTrafficFound), typeof(ShipmentDeadlinePassed),
        typeof(TakeBackInformationRecorded), typeof(TakeBackPeriodAgreed),
    };

    /// <summary>An illegal-traffic case, with or without a notification (key: ILL-DE-2026-000001; Basel Art. 9).</summary>
    public static readonly IReadOnlySet<Type> IllegalTrafficCase = new HashSet<Type>
    {
        typeof(IllegalTrafficCaseOpened), typeof(ResponsibilityAttributed), typeof(IllegalTrafficPeriodAgreed), typeof(WasteTakenBack),
        typeof(AlternativeDisposalArranged), typeof(IllegalTrafficCaseClosed),
    };

    /// <summary>A state's entry in the country registry (key: country:XX).</summary>
    public static readonly IReadOnlySet<Type> CountryRegistry = new HashSet<Type> { typeof(CountryProfileRevised) };

    /// <summary>An entry of the register of pre-consented recovery facilities (key: preconsent:NL-PC-0001; EU 2024/1157 Art. 14).</summary>
    public static readonly IReadOnlySet<Type> PreconsentRegister = new HashSet<Type>
    {
        typeof(PreconsentedFacilityRegistered), typeof(PreconsentedFacilityAmended), typeof(PreconsentRevoked),
    };

    /// <summary>An Annex VII document of green-listed waste (key: e.g. DE-2026-G000001; EU 2024/1157 Art. 18).</summary>
    public static readonly IReadOnlySet<Type> AnnexVII = new HashSet<Type>
    {
        typeof(AnnexVIIDocumentFilled), typeof(AnnexVIIReceiptConfirmed), typeof(AnnexVIIRecoveryCertified), typeof(AnnexVIIInspectionRecorded),
    };

    /// <summary>A person's assignments (key: person:P-...; docs/decisions/0018-assignments.md).</summary>
    public static readonly IReadOnlySet<Type> Assignments = new HashSet<Type> { typeof(PersonAssigned), typeof(AssignmentRevoked) };

    /// <summary>
    /// The stream an event of a step on <paramref name="notificationNumber"/>'s file goes to: a shipment's own
    /// stream for the shipment's facts (its key is in the event), the notification's for everything else. The one
    /// place that routes events; decisions only say which facts happened.
    /// </summary>
    public static string StreamOf(object @event, string notificationNumber) =>
        Shipment.Contains(@event.GetType()) ? ((IShipmentFact)@event).ShipmentId : notificationNumber;

    /// <summary>The events a stream with this key may hold; null for a key of no known kind.</summary>
    public static IReadOnlySet<Type>? For(string streamKey) =>
        streamKey.StartsWith(CountryRegistryEntry.StreamKeyPrefix, StringComparison.Ordinal) ? CountryRegistry
        : IllegalTraffic.IllegalTrafficCase.IsKey(streamKey) ? IllegalTrafficCase
        : streamKey.StartsWith(PreconsentedFacilityEntry.StreamKeyPrefix, StringComparison.Ordinal) ? PreconsentRegister
        : streamKey.StartsWith(AssignedPerson.StreamKeyPrefix, StringComparison.Ordinal) ? Assignments
        : AnnexVIIKey().IsMatch(streamKey) ? AnnexVII
        : ShipmentKey().IsMatch(streamKey) ? Shipment
        : NotificationKey().IsMatch(streamKey) ? Notification
        : null;

    [GeneratedRegex(@"^[A-Z]{2}-\d{4}-\d{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex NotificationKey();

    [GeneratedRegex(@"^[A-Z]{2}-\d{4}-\d{6,}-\d{3,}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShipmentKey();

    [GeneratedRegex(@"^[A-Z]{2}-\d{4}-G\d{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex AnnexVIIKey();

    /// <summary>Whether a key names an Annex VII document's stream.</summary>
    public static bool IsAnnexVIIKey(string key) => AnnexVIIKey().IsMatch(key);
}
