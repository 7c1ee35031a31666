using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Common;

namespace WasteMovements.Domain.GreenList;

/// <summary>What filling starts from: the id the state of dispatch's sequence gave, the registry and the code lists in force.</summary>
public sealed record NewAnnexVIIDocument(string Id, CountryRegistry Registry, CodeListCatalog Codes);

/// <summary>
/// The general information requirements for green-listed waste (EU 2024/1157 Art. 18): who may file, which waste may
/// travel under them instead of notification (Art. 4(2), (4), (5)), and the permits, contract and timing they require.
/// </summary>
public static partial class GreenListProcedure
{
    /// <summary>Art. 4(5)(a) of Reg. 2024/1157: a sample for analysis or trials up to 250 kg (or a larger quantity agreed case by case).</summary>
    public const decimal SampleLimitTonnes = 0.25m;

    /// <summary>Reg. 1013/2006 Art. 3(4) [K]: up to 25 kg, for shipments before Reg. 2024/1157 applies (Art. 85-86).</summary>
    public const decimal SampleLimitTonnes1013 = 0.025m;

    /// <summary>Reg. 2024/1157 applies from 21 May 2026 (Art. 86); until then Reg. 1013/2006 (Art. 85(1)).</summary>
    public static readonly DateOnly Regulation2024Applies = new(2026, 5, 21);

    /// <summary>Art. 4(4): the Art. 18 requirements apply to green-listed waste above 20 kg.</summary>
    public const decimal GreenListThresholdTonnes = 0.02m;

    /// <summary>The sample limit and its article on a date: 250 kg under Reg. 2024/1157, 25 kg under Reg. 1013/2006.</summary>
    public static (decimal Tonnes, string Article) SampleLimit(DateOnly on) =>
        on >= Regulation2024Applies ? (SampleLimitTonnes, "EU 2024/1157 Art. 4(5)(a)") : (SampleLimitTonnes1013, "EC 1013/2006 Art. 3(4)");

    /// <summary>
    /// Art. 18(5): the earliest day the shipment may start when the document is filled at <paramref name="now"/>: the
    /// second working day (of the state of dispatch) after the day of filling. Filled on a Monday, it may start on Wednesday.
    /// </summary>
    public static DateOnly EarliestStart(DateTimeOffset now, string stateOfDispatch) =>
        DateOnly.FromDateTime(WorkingDays.Shipped.AddWorkingDays(now, 2, stateOfDispatch).UtcDateTime).AddDays(-1);

    public static Decision Fill(NewAnnexVIIDocument file, Actor actor, AnnexVIIParticulars p, DateTimeOffset now)
    {
        // Art. 18(4)-(5): the person who arranges the shipment fills the form; no authority files it for them.
        if (!actor.IsUndertaking)
        {
            return Decision.Forbid("not-an-undertaking", "EU 2024/1157 Art. 18(5)",
                $"The person who arranges the shipment fills the Annex VII document; you act for {actor.ActingFor}.");
        }

        var dispatch = file.Registry.Find(p.StateOfDispatch);
        var destination = file.Registry.Find(p.StateOfDestination);
        if (dispatch is null || destination is null)
        {
            return Decision.Refuse("unknown-state", "EU 2024/1157 Art. 3(13)-(14)",
                $"{(dispatch is null ? p.StateOfDispatch : p.StateOfDestination)} is not in the country registry.");
        }

        // Art. 3(25): a shipment goes from one country to another.
        if (dispatch.Code == destination.Code)
        {
            return Decision.Refuse("annex-vii-same-state", "EU 2024/1157 Art. 3(25)",
                $"Dispatch and destination are both {dispatch.Code}: that is not a shipment between countries.");
        }

        // Title II (Art. 4-18) governs shipments within the Union; exports and imports follow Titles IV-V, not built here.
        if (!dispatch.Eu || !destination.Eu)
        {
            return Decision.Refuse("annex-vii-within-union-only", "EU 2024/1157 Art. 4(4)",
                $"This service files Annex VII documents for shipments within the Union; {(dispatch.Eu ? destination.Code : dispatch.Code)} is not a Member State.");
        }

        var on = DateOnly.FromDateTime(now.UtcDateTime);
        var recovery = CodeListCatalog.IsRecovery(p.Operation);
        if (p.Sample)
        {
            // Art. 4(5): derogating from Art. 4(1) and (2), a sample for analysis or trials travels under Art. 18, up to the limit.
            var (limit, article) = SampleLimit(on);
            if (p.QuantityTonnes > limit)
            {
                return Decision.Refuse("sample-quantity-limit", article,
                    $"A sample for laboratory analysis or an experimental treatment trial may weigh at most {limit * 1000:0.###} kg; " +
                    $"{p.QuantityTonnes * 1000:0.###} kg needs the agreement of the authorities of dispatch and destination (Art. 4(5)(b)), which this service does not record, or a notification.");
            }
        }
        else
        {
            // Art. 4(1), (4): waste for disposal is notified; Art. 18 covers green-listed waste destined for recovery.
            if (!recovery)
            {
                return Decision.Refuse("annex-vii-recovery-only", "EU 2024/1157 Art. 4(4)",
                    $"{p.Operation} is a disposal operation: a shipment for disposal needs notification and consent (Art. 4(1)).");
            }

            if (Refusal(file.Codes, p, on) is { } refused) return Decision.Refuse(refused);
        }

        // Art. 18(7): an interim recovery names the facility and the R-code of the recovery that follows.
        if (file.Codes.IsInterim(p.Operation) && (string.IsNullOrWhiteSpace(p.SubsequentFacility) || string.IsNullOrWhiteSpace(p.SubsequentOperation)))
        {
            return Decision.Refuse("annex-vii-subsequent-facility", "EU 2024/1157 Art. 18(7)",
                $"{p.Operation} is an interim recovery: name the facility of the recovery that directly follows and its R-code.");
        }

        // Art. 18(2): a new producer, a collector, a dealer or a broker arranges the shipment only with a permit or registration.
        if (p.ArrangerKind is ArrangerKind.NewProducer or ArrangerKind.Collector or ArrangerKind.DealerOrBroker && string.IsNullOrWhiteSpace(p.ArrangerPermit))
        {
            return Decision.Refuse("arranger-permit-required", "EU 2024/1157 Art. 18(2)",
                $"A {p.ArrangerKind} may arrange the shipment only with a permit or registration under Chapter IV of Directive 2008/98/EC: give its number.");
        }

        // Art. 18(3): only to a permitted or registered recovery facility, whose proof was presented before the shipment.
        if (string.IsNullOrWhiteSpace(p.FacilityPermit))
        {
            return Decision.Refuse("facility-permit-required", "EU 2024/1157 Art. 18(3)",
                "The facility must hold a permit or registration under Chapter IV of Directive 2008/98/EC and present it before the shipment: give its number.");
        }

        // Art. 18(10): the contract (or, Art. 18(14), the declaration of a single legal entity) is effective when the document is completed.
        if (string.IsNullOrWhiteSpace(p.ContractReference))
        {
            return Decision.Refuse("annex-vii-contract-required", "EU 2024/1157 Art. 18(10)",
                "A contract between the person who arranges the shipment and the consignee, with its take-back obligation, must be in effect when the Annex VII document is completed.");
        }

        // Art. 18(5): completed no later than two working days before the shipment starts.
        var earliest = EarliestStart(now, dispatch.Code);
        if (p.ShipmentDate < earliest)
        {
            return Decision.Refuse("annex-vii-too-late", "EU 2024/1157 Art. 18(5)",
                $"The Annex VII document must be completed at least two working days of {dispatch.Code} before the shipment starts: filled on {on:yyyy-MM-dd}, the shipment may start on {earliest:yyyy-MM-dd} at the earliest.");
        }

        return Decision.Accept(new AnnexVIIDocumentFilled(file.Id, p with
        {
            StateOfDispatch = dispatch.Code,
            StateOfDestination = destination.Code,
            StatesOfTransit = p.StatesOfTransit.Select(s => s.ToUpperInvariant()).ToArray(),
            WasteCode = p.WasteCode.ToUpperInvariant(),
        }, actor.Undertaking!, actor.Person, now));
    }

    /// <summary>
    /// Art. 4(2): the waste that must be notified rather than shipped with Annex VII information: amber or hazardous
    /// codes (Annex IV: Basel Annex VIII, Basel Y codes, OECD amber), codes not in one green entry (Annex III: Basel Annex
    /// IX and OECD green), waste hazardous under the list of waste. Annex IIIA mixtures and Annex IIIB entries are not
    /// encoded (their lists were not read, docs/law.md), so a code of theirs is refused as not green-listed.
    /// </summary>
    private static Refusal? Refusal(CodeListCatalog codes, AnnexVIIParticulars p, DateOnly on)
    {
        var code = p.WasteCode.Trim();
        if (codes[CodeListCatalog.BaselA].Contains(code) || codes[CodeListCatalog.OecdAmber].Contains(code) || codes[CodeListCatalog.YCodes].Contains(code))
        {
            return new Refusal("notification-required", "EU 2024/1157 Art. 4(2)(a)",
                $"{code} is an amber-listed or hazardous waste (Annex IV): its shipment needs notification and consent.");
        }

        if (!codes[CodeListCatalog.BaselB].IsValid(code, on) && !codes[CodeListCatalog.OecdGreen].IsValid(code, on))
        {
            return new Refusal("not-green-listed", "EU 2024/1157 Art. 4(2)(b)",
                $"{code} is not a single entry of the green list in force on {on:yyyy-MM-dd} (Basel Annex IX, OECD Appendix 3 Part II): its shipment needs notification and consent.");
        }

        if (p.EuWasteCode is { } low && low.TrimEnd().EndsWith('*'))
        {
            return new Refusal("hazardous-under-list-of-waste", "EU 2024/1157 Art. 4(2)(d)",
                $"{low.Trim()} is a hazardous entry of the list of waste: its shipment needs notification and consent.");
        }

        return null;
    }
}
