using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Domain.Notifications;

public enum ControlRegime
{
    /// <summary>Basel Convention Art. 6 prior informed consent.</summary>
    Basel,
    /// <summary>OECD Decision C(2001)107/FINAL, amber control procedure (recovery between OECD members).</summary>
    Oecd,
    /// <summary>EU Waste Shipment Regulation (1013/2006 or 2024/1157).</summary>
    Eu,
}

/// <summary>
/// The control regime recorded on a notification with the instrument version in force when it was filed,
/// so that a later change of the rules never rewrites an old file (docs/procedure.md, "Control regimes").
/// </summary>
public sealed record RegimeInfo(ControlRegime Regime, string Instrument)
{
    /// <summary>Reg. 2024/1157 applies from 21 May 2026 (Art. 85, 86) [V].</summary>
    public static readonly DateOnly Eu2024Applies = new(2026, 5, 21);

    public const string BaselInstrument = "Basel Convention (1989, as amended)";
    public const string OecdInstrument = "OECD Decision C(2001)107/FINAL, as amended";
    public const string Eu2024Instrument = "Regulation (EU) 2024/1157";
    public const string Eu2006Instrument = "Regulation (EC) No 1013/2006";

    /// <summary>
    /// Chooses the regime from the states concerned and the operation: any EU member state concerned
    /// gives the EU regime; all states OECD members and a recovery operation gives the OECD Decision;
    /// otherwise Basel. Under Reg. 2024/1157 Art. 85(3) the instrument follows the date of the destination's
    /// acknowledgement: a file filed before 21 May 2026 starts under 1013/2006 and moves to 2024/1157 if it is
    /// acknowledged from that day (<see cref="AfterAcknowledgement"/>); one filed from that day is under 2024/1157.
    /// </summary>
    public static RegimeInfo Choose(IReadOnlyList<CountryProfile> statesConcerned, string operation, DateOnly filedOn)
    {
        if (statesConcerned.Any(s => s.Eu))
        {
            return new RegimeInfo(ControlRegime.Eu, filedOn >= Eu2024Applies ? Eu2024Instrument : Eu2006Instrument);
        }

        if (statesConcerned.All(s => s.Oecd) && CodeListCatalog.IsRecovery(operation))
        {
            return new RegimeInfo(ControlRegime.Oecd, OecdInstrument);
        }

        return new RegimeInfo(ControlRegime.Basel, BaselInstrument);
    }

    /// <summary>EU 2024/1157 Art. 85(3): the instrument of an EU file once the destination acknowledged it.</summary>
    public static RegimeInfo AfterAcknowledgement(RegimeInfo regime, DateTimeOffset acknowledgedAt) =>
        regime is { Regime: ControlRegime.Eu, Instrument: Eu2006Instrument } && DateOnly.FromDateTime(acknowledgedAt.UtcDateTime) >= Eu2024Applies
            ? regime with { Instrument = Eu2024Instrument }
            : regime;
}
