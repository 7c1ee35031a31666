using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

/// <summary>
/// The movement document (Basel Annex V B; harmonised form) as a printable PDF that travels with the waste:
/// its items, the consents and their conditions, the signatures so far, and a QR code to the verification
/// page. Written with PDFsharp 6.2.4 (MIT) in Unicode with the DejaVu Sans fonts embedded, so names in Polish,
/// Czech, Greek or Cyrillic print as written (docs/decisions/0004-pdf-library.md).
/// </summary>
public static class MovementDocumentPdf
{
    static MovementDocumentPdf() => EmbeddedFontResolver.Install();

    // Unicode: Identity-H encoded, subset-embedded TrueType with a ToUnicode map (the text can be searched and copied).
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static byte[] Render(ShipmentState s, string verificationUrl, DateTimeOffset printedAt)
    {
        var d = s.Document;
        using var document = new PdfDocument();
        document.Info.Title = $"Movement document {s.Id}";
        document.Info.Subject = "Basel Convention Annex V B movement document";
        document.Info.Creator = "WasteMovements";
        var page = document.AddPage();
        page.Size = PageSize.A4;
        var gfx = XGraphics.FromPdfPage(page);

        XFont Font(double size, bool bold) =>
            new(EmbeddedFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

        // Points from the top-left corner of the page (PDFsharp's page coordinates); 36 pt margins on A4.
        const double left = 36, width = 523, top = 36;
        var y = top;
        var border = new XPen(XColor.FromArgb(150, 150, 150), 0.6);
        var text8 = Font(8, false);

        void Line(string text, double size, bool bold)
        {
            gfx.DrawString(Printable(text), Font(size, bold), XBrushes.Black, left, y + size);
            y += size + 3;
        }

        IEnumerable<string> Wrap(string text, XFont font, double max)
        {
            foreach (var paragraph in Printable(text).Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > max)
                    {
                        yield return line;
                        line = word;
                    }
                    else line = candidate;
                }

                yield return line;
            }
        }

        void Box(string label, string content)
        {
            var lines = Wrap(content, text8, width - 10).ToList();
            var height = 14 + lines.Count * 10 + 4;
            gfx.DrawRectangle(border, left, y, width, height);
            gfx.DrawString(label, Font(8.5, true), XBrushes.Black, left + 4, y + 10);
            var ly = y + 21;
            foreach (var l in lines)
            {
                gfx.DrawString(l, text8, XBrushes.Black, left + 4, ly);
                ly += 10;
            }

            y += height + 4;
        }

        static string Person(WasteMovements.Domain.Common.Party p) =>
            $"{p.Name}, {p.Address}; reg. {p.RegistrationNumber ?? "-"}; contact {p.Contact.Name} {p.Contact.Phone} {p.Contact.Email}";

        // The QR code of the verification link, drawn as vector squares (sharp at any print resolution).
        using (var qr = new QRCodeGenerator().CreateQrCode(verificationUrl, QRCodeGenerator.ECCLevel.M))
        {
            var modules = qr.ModuleMatrix;
            var cell = 90.0 / modules.Count;
            for (var row = 0; row < modules.Count; row++)
            {
                for (var col = 0; col < modules[row].Length; col++)
                {
                    if (modules[row][col])
                    {
                        gfx.DrawRectangle(XBrushes.Black, left + width - 90 + col * cell, top + row * cell, cell, cell);
                    }
                }
            }
        }

        Line("Movement document (Basel Annex V B)", 14, bold: true);
        Line("Transboundary movement of hazardous wastes and other wastes", 9, bold: false);
        Line($"Notification {d.NotificationNumber}   Shipment {d.ShipmentNumber} of {d.IntendedShipments} ({d.NotificationKind.ToString().ToLowerInvariant()} notification)", 9, bold: false);
        // EU 2024/1157 Art. 17: the version of the notified particulars this document was issued from (1: as filed).
        Line($"Regime: {d.Regime.Instrument}   Particulars version {d.ParticularsVersion ?? 1}", 9, bold: false);
        Line($"Shipment id {s.Id}", 9, bold: false);
        y = Math.Max(y, top + 96);

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
        foreach (var l in Wrap($"Verify this document and the shipment's current status: {verificationUrl}", text8, width)) Line(l, 8, bold: false);
        Line($"Printed {printedAt:yyyy-MM-dd HH:mm} UTC - status {s.Status}", 8, bold: false);

        gfx.Dispose(); // writes the page's content stream
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Any Unicode text is printed; only control characters other than line breaks become spaces.</summary>
    private static string Printable(string text) =>
        new(text.Select(c => c == '\n' || !char.IsControl(c) ? c : ' ').ToArray());
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
        var actor = ActorClaims.From(user);
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
