using WasteMovements.Domain.Common;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Reports.Mirror;

/// <summary>What a mirror cell is keyed by: the waste code (Basel Annex VIII/IX, else OECD or national) or the Y codes (Basel Annex I/II).</summary>
public enum MirrorCodeKind
{
    Waste,
    Y,
}

/// <summary>
/// Why one of our movements makes our figure and the partner's differ (docs/law.md, "Mirror statistics"):
/// <c>arrived-next-year</c> (left in the year, arrived in the next: the state of export counts it in the year, the state
/// of import in the next), <c>departed-previous-year</c> (the reverse), <c>under-way</c> (left, not yet received: in no
/// report yet), <c>rejected</c>, <c>returned</c> (taken back: the partner may have counted it), <c>cubic-metres-without-density</c>
/// (received in m3 without a declared density: in our report in m3, not in tonnes), <c>received-differs-from-announced</c>
/// (our report counts the quantity received; a partner may count the quantity announced).
/// </summary>
public static class MirrorReasons
{
    public const string ArrivedNextYear = "arrived-next-year";
    public const string DepartedPreviousYear = "departed-previous-year";
    public const string UnderWay = "under-way";
    public const string Rejected = "rejected";
    public const string Returned = "returned";
    public const string CubicMetresWithoutDensity = "cubic-metres-without-density";
    public const string ReceivedDiffersFromAnnounced = "received-differs-from-announced";
}

/// <summary>One of our shipments in a cell and why it explains (part of) the difference; tonnes as received, else as announced (null: m3 without density).</summary>
public sealed record ExplainingMovement(string ShipmentId, string NotificationNumber, IReadOnlyList<string> Reasons, decimal? Tonnes, DateTimeOffset? DepartedAt,
    DateTimeOffset? ReceivedAt, string Status);

/// <summary>
/// One cell: our direction (export: our exports to the partner against the partner's imports from us; import: our
/// imports from the partner against its exports to us) and one code. <see cref="Difference"/> = ours - the partner's, in
/// tonnes; <see cref="DifferencePercent"/> of the larger of the two (null when both are 0).
/// </summary>
public sealed record MirrorCell(TradeDirection Direction, string Code, decimal OurTonnes, decimal PartnerTonnes, decimal Difference, decimal? DifferencePercent,
    bool WithinTolerance, int OurShipments, int PartnerShipments, decimal OurCubicMetres, IReadOnlyList<int> PartnerRows, IReadOnlyList<ExplainingMovement> Movements);

/// <summary>Where the partner's figures came from: the load the comparison read.</summary>
public sealed record PartnerFiguresSource(string Id, string Source, string FileHash, string? Publisher, string LoadedBy, DateTimeOffset LoadedAt, int RowsInFile, int Flows);

public sealed record MirrorComparison(string State, string Partner, int Year, MirrorCodeKind By, decimal TolerancePercent, decimal ToleranceTonnes,
    PartnerFiguresSource? PartnerFigures, IReadOnlyList<MirrorCell> Cells)
{
    public IEnumerable<MirrorCell> Disagreements => Cells.Where(c => !c.WithinTolerance);
}

/// <summary>
/// Mirror statistics (Basel Art. 13(3)(b)): our annual report's exports to and imports from one partner against the
/// partner's own figures of the same trade, per code, with the difference and our movements that explain it. Pure.
/// </summary>
public static class MirrorStatistics
{
    /// <summary>
    /// The default tolerance: a cell agrees when the difference is at most 2 % of the larger figure, or at most
    /// <see cref="RoundingTonnes"/> (the Part II layout rounds each row to 3 decimals). A choice, written in docs/law.md.
    /// </summary>
    public const decimal DefaultTolerancePercent = 2m;

    public const decimal RoundingTonnes = 0.001m;

    /// <summary>The code of a movement's waste as the annual report keys it (AnnualReporting.Received): Basel code, else OECD, else its fractions.</summary>
    public static string WasteCodeOf(MovementDocument d) =>
        d.Waste.BaselCode ?? d.Waste.OecdCode ?? (d.Waste.FractionCodes.Count > 0 ? string.Join(" ", d.Waste.FractionCodes.Select(f => f.Code)) : "-");

    public static MirrorComparison Compare(AnnualReport ours, string partner, PartnerFigures? theirs, IEnumerable<ShipmentState> shipments, MirrorCodeKind by,
        decimal tolerancePercent = DefaultTolerancePercent)
    {
        var us = ours.State;
        var year = ours.Year;
        string KeyOfLine(ReportLine l) => by == MirrorCodeKind.Waste ? l.WasteCode : PartnerFiguresFile.YKey(l.YCodes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        string KeyOfFlow(PartnerFlow f) => by == MirrorCodeKind.Waste ? f.WasteCode : f.YCodes;

        var cells = new Dictionary<(TradeDirection, string), Acc>();
        Acc Cell(TradeDirection d, string code) => cells.TryGetValue((d, code), out var a) ? a : cells[(d, code)] = new Acc();

        foreach (var l in ours.Lines.Where(l => l.Counterpart == partner))
        {
            var a = Cell(l.Direction, KeyOfLine(l));
            if (l.Unit == Units.Tonnes) { a.Ours += l.Quantity; a.OurShipments += l.Shipments; }
            else a.OurCubicMetres += l.Quantity;
        }

        foreach (var f in theirs?.Flows ?? [])
        {
            // The partner's imports from us mirror our exports to it, and its exports to us our imports.
            var direction = f.StateOfExport == us ? TradeDirection.Export : TradeDirection.Import;
            var a = Cell(direction, KeyOfFlow(f));
            a.Theirs += f.Tonnes;
            a.TheirShipments += f.Shipments;
            a.Rows.Add(f.Row);
        }

        foreach (var s in shipments)
        {
            var d = s.Document;
            TradeDirection direction;
            if (d.StateOfExport == us && d.StateOfImport == partner) direction = TradeDirection.Export;
            else if (d.StateOfImport == us && d.StateOfExport == partner) direction = TradeDirection.Import;
            else continue;
            if (Explain(s, direction, year) is not { Count: > 0 } reasons) continue;
            var code = by == MirrorCodeKind.Waste ? WasteCodeOf(d) : PartnerFiguresFile.YKey(d.Waste.YCodes);
            var tonnes = s.Receipt is { } r
                ? AnnualReporting.InTonnes(r.Quantity, r.Unit, d.Waste.DensityTonnesPerCubicMetre)
                : AnnualReporting.InTonnes(d.Quantity, d.Unit, d.Waste.DensityTonnesPerCubicMetre);
            Cell(direction, code).Movements.Add(new ExplainingMovement(s.Id, s.NotificationNumber, reasons, tonnes.Unit == Units.Tonnes ? tonnes.Quantity : null,
                s.DepartedAt, s.Receipt?.ReceivedAt, s.Status.ToString()));
        }

        var list = cells.Select(kv =>
            {
                var (direction, code) = kv.Key;
                var a = kv.Value;
                var difference = a.Ours - a.Theirs;
                var larger = Math.Max(a.Ours, a.Theirs);
                decimal? percent = larger == 0 ? null : decimal.Round(Math.Abs(difference) * 100m / larger, 1);
                var within = Math.Abs(difference) <= RoundingTonnes * Math.Max(1, a.Rows.Count) || percent <= tolerancePercent;
                return new MirrorCell(direction, code, a.Ours, a.Theirs, difference, percent, within && a.OurCubicMetres == 0, a.OurShipments, a.TheirShipments,
                    a.OurCubicMetres, a.Rows.Order().ToArray(), a.Movements.OrderBy(m => m.ShipmentId, StringComparer.Ordinal).ToArray());
            })
            .OrderBy(c => c.Direction).ThenBy(c => c.Code, StringComparer.Ordinal).ToArray();

        var source = theirs is null ? null
            : new PartnerFiguresSource(theirs.Id, theirs.Source, theirs.FileHash, theirs.Publisher, theirs.LoadedBy, theirs.LoadedAt, theirs.RowsInFile, theirs.Flows.Count);
        return new MirrorComparison(us, partner, year, by, tolerancePercent, RoundingTonnes, source, list);
    }

    /// <summary>
    /// Why a shipment of ours with the partner may make the two figures of <paramref name="year"/> differ. Exports count
    /// in the year the shipment left, imports in the year it arrived (AnnualReporting.ReportsFor), in the quantity
    /// received, in tonnes; a partner counting the other way, or the quantity announced, reports another figure.
    /// </summary>
    public static IReadOnlyList<string> Explain(ShipmentState s, TradeDirection direction, int year)
    {
        var departed = s.DepartedAt?.UtcDateTime.Year;
        var received = s.Receipt?.ReceivedAt.UtcDateTime.Year;
        if (departed != year && received != year) return [];
        var reasons = new List<string>();
        if (departed == year && received == year + 1) reasons.Add(MirrorReasons.ArrivedNextYear);
        if (departed == year - 1 && received == year) reasons.Add(MirrorReasons.DepartedPreviousYear);
        if (departed == year && s.Receipt is null && s.Status is ShipmentStatus.InTransit) reasons.Add(MirrorReasons.UnderWay);
        if (s.Status == ShipmentStatus.Rejected || s.RejectedQuantity > 0) reasons.Add(MirrorReasons.Rejected);
        if (s.Status == ShipmentStatus.Returned || s.TakeBacks.Any(t => t.CompletedAt is not null && t.AlternativeFacility is null)) reasons.Add(MirrorReasons.Returned);
        if (s.Receipt is { } r)
        {
            if (r.Unit == Units.CubicMetres && s.Document.Waste.DensityTonnesPerCubicMetre is null) reasons.Add(MirrorReasons.CubicMetresWithoutDensity);
            if (r.Quantity != s.Document.Quantity || r.Unit != s.Document.Unit) reasons.Add(MirrorReasons.ReceivedDiffersFromAnnounced);
        }

        return reasons;
    }

    private sealed class Acc
    {
        public decimal Ours;
        public decimal Theirs;
        public decimal OurCubicMetres;
        public int OurShipments;
        public int TheirShipments;
        public readonly List<int> Rows = [];
        public readonly List<ExplainingMovement> Movements = [];
    }
}
