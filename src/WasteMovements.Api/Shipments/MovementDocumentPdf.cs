using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using QRCoder;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

/// <summary>
/// The movement document (Basel Annex V B; harmonised form) as a printable PDF that travels with the waste:
/// its items, the consents and their conditions, the signatures so far, and a QR code to the verification
/// page. Written with PdfPig (Apache-2.0) with the DejaVu Sans fonts embedded (docs/decisions/0004-pdf-library.md).
/// </summary>
public static class MovementDocumentPdf
{
    private static readonly Lazy<byte[]> Regular = new(() => Font("DejaVuSans"));
    private static readonly Lazy<byte[]> Bold = new(() => Font("DejaVuSans-Bold"));

    private static byte[] Font(string face)
    {
        using var stream = typeof(MovementDocumentPdf).Assembly.GetManifestResourceStream($"WasteMovements.Fonts.{face}.ttf")
                           ?? throw new InvalidOperationException($"Font {face} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static byte[] Render(ShipmentState s, string verificationUrl, DateTimeOffset printedAt)
    {
        var d = s.Document;
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"Movement document {s.Id}";
        builder.DocumentInformation.Subject = "Basel Convention Annex V B movement document";
        builder.DocumentInformation.Producer = "WasteMovements";
        var regular = builder.AddTrueTypeFont(Regular.Value);
        var bold = builder.AddTrueTypeFont(Bold.Value);
        var page = builder.AddPage(PageSize.A4);
        const double left = 36, width = 523, top = 806;
        var y = top;

        void Line(string text, double size, PdfDocumentBuilder.AddedFont font)
        {
            page.AddText(Printable(text), size, new PdfPoint(left, y - size), font);
            y -= size + 3;
        }

        IEnumerable<string> Wrap(string text, double size, double max)
        {
            foreach (var paragraph in Printable(text).Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && Width(candidate, size) > max)
                    {
                        yield return line;
                        line = word;
                    }
                    else line = candidate;
                }

                yield return line;
            }
        }

        double Width(string text, double size)
        {
            var letters = page.MeasureText(text, size, new PdfPoint(0, 0), regular);
            return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }

        void Box(string label, string content)
        {
            var lines = Wrap(content, 8, width - 10).ToList();
            var height = 14 + lines.Count * 10 + 4;
            page.SetStrokeColor(150, 150, 150);
            page.DrawRectangle(new PdfPoint(left, y - height), width, height, 0.6);
            page.AddText(label, 8.5, new PdfPoint(left + 4, y - 10), bold);
            var ly = y - 21;
            foreach (var l in lines)
            {
                page.AddText(l, 8, new PdfPoint(left + 4, ly), regular);
                ly -= 10;
            }

            y -= height + 4;
        }

        static string Person(WasteMovements.Domain.Common.Party p) =>
            $"{p.Name}, {p.Address}; reg. {p.RegistrationNumber ?? "-"}; contact {p.Contact.Name} {p.Contact.Phone} {p.Contact.Email}";

        // The QR code of the verification link, drawn as vector squares (sharp at any print resolution).
        using (var qr = new QRCodeGenerator().CreateQrCode(verificationUrl, QRCodeGenerator.ECCLevel.M))
        {
            var modules = qr.ModuleMatrix;
            var cell = 90.0 / modules.Count;
            page.SetTextAndFillColor(0, 0, 0);
            for (var row = 0; row < modules.Count; row++)
            {
                for (var col = 0; col < modules[row].Length; col++)
                {
                    if (modules[row][col])
                    {
                        page.DrawRectangle(new PdfPoint(left + width - 90 + col * cell, top - (row + 1) * cell), cell, cell, 0, fill: true);
                    }
                }
            }
        }

        Line("Movement document (Basel Annex V B)", 14, bold);
        Line("Transboundary movement of hazardous wastes and other wastes", 9, regular);
        Line($"Notification {d.NotificationNumber}   Shipment {d.ShipmentNumber} of {d.IntendedShipments} ({d.NotificationKind.ToString().ToLowerInvariant()} notification)", 9, regular);
        Line($"Regime: {d.Regime.Instrument}", 9, regular);
        Line($"Shipment id {s.Id}", 9, regular);
        y = Math.Min(y, top - 96);

        Box("1. Exporter", Person(d.Exporter));
        Box("2. Generator(s) and site of generation", string.Join("\n", d.Generators.Select(g => $"{g.Name}, {g.Address} - site: {g.SiteOfGeneration}; process: {g.Process}")));
        Box("3. Consignee and disposal/recovery facility", $"{Person(d.Consignee)}\nFacility {d.Facility.Id}: {d.Facility.Name}, site {d.Facility.SiteAddress}");
        Box("4. Carrier(s)", string.Join("\n", d.Carriers.Select(c => $"{c.Name} {c.Address} ({string.Join(", ", c.MeansOfTransport)})")));
        Box("5, 7. Notification, route and means of transport",
            $"{d.NotificationKind} notification. {d.StateOfExport} -> {string.Join(" -> ", d.TransitStates.Select(t => $"{t.State} (entry {t.CustomsOfficeOfEntry}, exit {t.CustomsOfficeOfExit})").Append(d.StateOfImport))}; {string.Join(", ", d.MeansOfTransport)}");
        var w = d.Waste;
        Box("8-9. Waste description and special handling",
            $"{w.Designation}. Basel {w.BaselCode ?? "-"}; OECD {w.OecdCode ?? "-"}; {string.Join(", ", w.YCodes)}; {string.Join(", ", w.HCodes)}; UN class {w.UnClass ?? "-"}; {w.UnNumber ?? "-"} {w.UnShippingName ?? ""}; physical state {w.PhysicalState}.\nSpecial handling: {w.SpecialHandling ?? "none stated"}");
        Box("10-11. Packages and quantity",
            $"{d.Packages} x {d.Packaging}; {d.Quantity} {d.Unit}; planned departure {d.PlannedDeparture:yyyy-MM-dd}; operation {d.Operation}{(d.SubsequentOperation is null ? "" : $", then {d.SubsequentOperation}")}");
        Box("12-13. Declarations: consents of the states concerned and their conditions",
            $"Consents: {string.Join("; ", d.ConsentsBy)}. Valid until {d.ConsentValidUntil:yyyy-MM-dd}.\nConditions: {(d.Conditions.Count == 0 ? "none" : string.Join(" | ", d.Conditions))}");
        Box("6. Start of the movement and each person taking charge (Basel Art. 6(9))",
            (s.Custody.Count == 0 ? "Not departed yet." : string.Join("\n", s.Custody.Select(c => $"{c.At:yyyy-MM-dd HH:mm} UTC - {c.Carrier}, signed by {c.SignedBy}")))
            + (s.Crossings.Count == 0 ? "" : "\nCrossings: " + string.Join("; ", s.Crossings.Select(c => $"{c.State} {c.Direction.ToString().ToLowerInvariant()} at {c.CustomsOffice} {c.At:yyyy-MM-dd HH:mm}"))));
        Box("14. Receipt at the facility and certificate of disposal or recovery",
            (s.Receipt is { } r ? $"Received {r.ReceivedAt:yyyy-MM-dd HH:mm} UTC: {r.Quantity} {r.Unit}{(r.Discrepancy ? $" (differs by {r.DifferencePercent} %)" : "")}." : "Not received yet.")
            + (s.Certificates.Count == 0 ? "" : "\n" + string.Join("\n", s.Certificates.Select(c => $"{(c.Interim ? "Interim" : "Final")} certificate {c.Reference}: {c.Operation} completed {c.CompletedAt:yyyy-MM-dd}"))));
        foreach (var l in Wrap($"Verify this document and the shipment's current status: {verificationUrl}", 8, width)) Line(l, 8, regular);
        Line($"Printed {printedAt:yyyy-MM-dd HH:mm} UTC - status {s.Status}", 8, regular);
        return builder.Build();
    }

    /// <summary>Keeps the text to characters the embedded font writer encodes (Latin-1).</summary>
    private static string Printable(string text) =>
        new(text.Select(c => c == '\n' || (c >= ' ' && c <= '\u00ff') ? c : '?').ToArray());
}

/// <summary>GET /api/shipments/{shipmentId}/document.pdf: the movement document, for the states concerned, the facility and auditors.</summary>
public static class MovementDocumentEndpoint
{
    [WolverineGet("/api/shipments/{shipmentId}/document.pdf", Name = "GetMovementDocument")]
    [Authorize]
    public static async Task<IResult> Get(string shipmentId, ClaimsPrincipal user, HttpContext http, IQuerySession session, VerificationTokens tokens,
        IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var shipment = await session.LoadAsync<ShipmentState>(shipmentId, ct);
        if (shipment is null) return Problems.NotFound("shipment", shipmentId);
        var notification = await session.LoadAsync<NotificationState>(shipment.NotificationNumber, ct);
        var actor = Actor.From(user);
        var allowed = actor.IsAuditor || (actor.IsAuthority && notification is not null && notification.Concerns(actor.Country!))
                      || (actor.IsFacility && actor.Facility == shipment.FacilityId);
        if (!allowed)
        {
            return Problems.NotConcerned($"You are neither a state concerned by {shipment.NotificationNumber} nor its facility.");
        }

        var baseUrl = configuration["PublicBaseUrl"]?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}";
        var pdf = MovementDocumentPdf.Render(shipment, $"{baseUrl}/verify/{tokens.Create(shipment.Id)}", clock.GetUtcNow());
        return Results.File(pdf, "application/pdf", $"movement-document-{shipment.Id}.pdf");
    }
}
