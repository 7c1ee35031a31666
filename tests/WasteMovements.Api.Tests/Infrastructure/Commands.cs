using WasteMovements.Api.Shipments;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;
using WasteMovements.Tests.Support;

namespace WasteMovements.Api.Tests.Infrastructure;

/// <summary>
/// The typed bodies the scenarios send, with the sample values of <see cref="Samples"/>: dates relative to
/// <see cref="TestStart"/>, the carrier and facility of the sample notification.
/// </summary>
public static class Commands
{
    /// <summary>The carrier of the sample notification.</summary>
    public const string SampleCarrier = "Trans Europa Logistik";

    /// <summary>A written consent, from the start's day to eleven days before a year after the first departure unless told.</summary>
    public static DecideOnConsent WrittenConsent(DateOnly? from = null, DateOnly? until = null, bool contract = true, params string[] conditions) =>
        new(ConsentDecisionKind.Consent, conditions, from ?? TestStart.Day(0), until ?? TestStart.Day(8).AddYears(1).AddDays(-11), contract, null);

    public static DecideOnConsent Refusal(string reason) => new(ConsentDecisionKind.Refuse, null, null, null, false, reason);

    /// <summary>Prior information of a shipment (Annex V B): by default in tonnes, leaving on day 9, 40 boxes.</summary>
    public static AnnounceShipment Announcement(decimal quantity, DateOnly? plannedDeparture = null, string carrier = SampleCarrier, string packaging = "box",
        int packages = 40, string unit = Units.Tonnes) =>
        new(quantity, unit, plannedDeparture ?? TestStart.Day(9), [carrier], packaging, packages);

    /// <summary>The sample guarantee (EU 2024/1157 Art. 7), valid until well after the last departure.</summary>
    public static RecordGuarantee Guarantee(string reference = "G-2026-17", string coverage = "Transport, treatment and 90 days' storage (EU 2024/1157 Art. 7)", GuaranteeCover? cover = null) =>
        new(GuaranteeKind.Guarantee, "Landesbank", reference, 250000m, "EUR", coverage, TestStart.Day(8).AddYears(1).AddDays(212),
            cover ?? new GuaranteeCover(true, true, true, 40000m, 150000m, 60000m));

    /// <summary>The alternative facility of the Art. 8 scenarios.</summary>
    public static readonly Facility Osaka =
        new("JP-FAC-OSAKA-2", "Osaka Lead Works", "Osaka", "Osaka Bay 4", new ContactPerson("Plant manager", null, null), null, null, null);

    public static ArrangeAlternative Alternative(string details, Facility? facility = null) => new(facility ?? Osaka, details);
}
