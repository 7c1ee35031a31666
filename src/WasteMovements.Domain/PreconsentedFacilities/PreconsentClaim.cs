using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.PreconsentedFacilities;

/// <summary>
/// A filing that claims pre-consent (EU 2024/1157 Art. 14; OECD C(2001)107, Case 2): the claim stands only on an entry
/// of the register of the state of destination that is in force on the filing date and covers this facility, waste,
/// operation and quantity. Only then do the 7 working days (Art. 14(14)) and the 3 years (Art. 14(12)) apply.
/// Pure: the endpoint loads the entry the filing names and passes it in.
/// </summary>
public static class PreconsentClaim
{
    public static Refusal? Check(NotificationParticulars p, PreconsentedFacilityEntry? entry, DateTimeOffset now)
    {
        if (!p.ClaimsPreconsent) return null;

        // Art. 14 concerns recovery facilities; an R13-only facility is not eligible (Art. 14(1), second subparagraph).
        if (!CodeLists.CodeListCatalog.IsRecovery(p.Operation))
        {
            return new Refusal("preconsent-recovery-only", "EU 2024/1157 Art. 14(1); OECD C(2001)107 (pre-consented facilities)",
                $"A facility is pre-consented for recovery only; {p.Operation} is a disposal operation.");
        }

        if (string.Equals(p.Operation, "R13", StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal("preconsent-not-for-r13", "EU 2024/1157 Art. 14(1)",
                "A facility carrying out only R13 (storage pending recovery) cannot be pre-consented.");
        }

        if (p.PreconsentEntry is null || entry is null || !string.Equals(entry.EntryId, p.PreconsentEntry, StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal("preconsent-not-in-register", "EU 2024/1157 Art. 14(6), (14)",
                p.PreconsentEntry is null
                    ? "Pre-consent is claimed without naming the register entry (preconsentEntry): only a facility in the register of the state of destination is pre-consented."
                    : $"The register of pre-consented facilities holds no entry {p.PreconsentEntry}.");
        }

        if (!string.Equals(entry.State, p.StateOfImport, StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal("preconsent-other-state", "EU 2024/1157 Art. 14(1)",
                $"Entry {entry.EntryId} is kept by {entry.State}, not by the state of destination {p.StateOfImport}.");
        }

        if (!string.Equals(entry.Terms.FacilityId, p.Facility.Id, StringComparison.Ordinal))
        {
            return new Refusal("preconsent-other-facility", "EU 2024/1157 Art. 14(6)",
                $"Entry {entry.EntryId} pre-consents facility {entry.Terms.FacilityId}, not {p.Facility.Id}.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!entry.InForceOn(today))
        {
            return new Refusal("preconsent-not-in-force", "EU 2024/1157 Art. 14(9)-(10)",
                entry.RevokedAt is { } revoked && DateOnly.FromDateTime(revoked.UtcDateTime) <= today
                    ? $"The pre-consent {entry.EntryId} was revoked on {revoked:yyyy-MM-dd}."
                    : $"The pre-consent {entry.EntryId} is valid from {entry.Terms.ValidFrom:yyyy-MM-dd} to {entry.Terms.ValidUntil:yyyy-MM-dd}, not on {today:yyyy-MM-dd}.");
        }

        // The waste is identified by its list code (Basel A/B or OECD), or by its Y codes where it has none.
        var codes = new[] { p.Waste.BaselCode, p.Waste.OecdCode }.OfType<string>().ToArray();
        if (codes.Length == 0) codes = p.Waste.YCodes.ToArray();
        var uncovered = codes.Where(c => !entry.Terms.CoversWaste(c)).ToArray();
        if (uncovered.Length > 0)
        {
            return new Refusal("preconsent-waste-not-covered", "EU 2024/1157 Art. 14(6), (13)(c)",
                $"The pre-consent {entry.EntryId} does not cover {string.Join(", ", uncovered)} (it covers {string.Join(", ", entry.Terms.WasteCodes)}).");
        }

        if (!entry.Terms.CoversOperation(p.Operation))
        {
            return new Refusal("preconsent-operation-not-covered", "EU 2024/1157 Art. 14(2)(d), (13)(b)",
                $"The pre-consent {entry.EntryId} covers {string.Join(", ", entry.Terms.Operations)}, not {p.Operation}.");
        }

        if (string.Equals(entry.Terms.Unit, p.Unit, StringComparison.OrdinalIgnoreCase) && p.TotalQuantity > entry.Terms.TotalQuantity)
        {
            return new Refusal("preconsent-quantity-exceeded", "EU 2024/1157 Art. 14(6), (13)(d)",
                $"The notification covers {p.TotalQuantity} {p.Unit}; the pre-consented quantity of {entry.EntryId} is {entry.Terms.TotalQuantity} {entry.Terms.Unit}.");
        }

        return null;
    }
}
