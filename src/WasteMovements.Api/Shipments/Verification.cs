using System.Net;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.WebUtilities;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.Shipments;

/// <summary>
/// The verification link printed as a QR code on the movement document: the shipment id and an HMAC of it
/// under a server key, so the link cannot be guessed or forged for another shipment. Key: configuration
/// <c>Verification:Key</c>, or derived from the token signing key with a separate label.
/// </summary>
public sealed class VerificationTokens
{
    private readonly byte[] _key;

    public VerificationTokens(IConfiguration configuration, JwtSettings jwt)
    {
        var configured = configuration["Verification:Key"];
        _key = string.IsNullOrWhiteSpace(configured)
            ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(jwt.SigningKey), "wastemovements/movement-document-verification"u8.ToArray())
            : Encoding.UTF8.GetBytes(configured);
    }

    public string Create(string shipmentId) => $"{shipmentId}.{Signature(shipmentId)}";

    /// <summary>The shipment id of a genuine token, or null.</summary>
    public string? Validate(string token)
    {
        var dot = token.LastIndexOf('.');
        if (dot <= 0 || token.Length > 200) return null;
        var id = token[..dot];
        var expected = Encoding.ASCII.GetBytes(Signature(id));
        var given = Encoding.ASCII.GetBytes(token[(dot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? id : null;
    }

    private string Signature(string shipmentId) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("movement-document:" + shipmentId)))[..32];
}

/// <summary>
/// GET /verify/{token}: for a customs officer with the paper in hand, without an account: is the document
/// genuine, and where does the shipment stand. It shows no more than the paper itself (no contacts).
/// </summary>
public static class VerifyEndpoint
{
    public sealed record VerifiedShipment(bool Genuine, string ShipmentId, string NotificationNumber, int ShipmentNumber, int IntendedShipments,
        string StateOfExport, string StateOfImport, IReadOnlyList<string> TransitStates, string Waste, string? BaselCode, decimal Quantity, string Unit,
        string Facility, string Operation, ShipmentStatus Status, DateTimeOffset LastChangedAt, DateOnly? ConsentValidUntil);

    [WolverineGet("/verify/{token}", Name = "VerifyMovementDocument")]
    public static async Task<IResult> Get(string token, HttpContext http, VerificationTokens tokens, IQuerySession session, CancellationToken ct)
    {
        var id = tokens.Validate(token);
        var shipment = id is null ? null : await session.LoadAsync<ShipmentState>(id, ct);
        if (shipment is null)
        {
            return Problems.Result(Problems.Create(StatusCodes.Status404NotFound, "document-not-genuine", "Not a genuine document",
                "This verification link does not belong to any movement document issued by this system."));
        }

        var d = shipment.Document;
        var view = new VerifiedShipment(true, shipment.Id, shipment.NotificationNumber, shipment.ShipmentNumber, d.IntendedShipments, d.StateOfExport,
            d.StateOfImport, d.TransitStates.Select(t => t.State).ToArray(), d.Waste.Designation, d.Waste.BaselCode, d.Quantity, d.Unit,
            d.Facility.Name, d.Operation, shipment.Status, shipment.LastChangedAt, d.ConsentValidUntil);

        if (http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)) return Results.Ok(view);

        string E(object? v) => WebUtility.HtmlEncode(v?.ToString() ?? "");
        var html = $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Movement document {{E(view.ShipmentId)}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
            .ok{background:#e6f4ea;border:1px solid #34a853;padding:.8rem;border-radius:.4rem}th{text-align:left;padding-right:1rem;vertical-align:top}</style></head>
            <body><main><h1>Movement document {{E(view.ShipmentId)}}</h1>
            <p class="ok" role="status"><strong>Genuine.</strong> Issued by WasteMovements under notification {{E(view.NotificationNumber)}}.</p>
            <table>
            <tr><th scope="row">Shipment</th><td>{{view.ShipmentNumber}} of {{view.IntendedShipments}}</td></tr>
            <tr><th scope="row">Current status</th><td><strong>{{E(view.Status)}}</strong> (as of {{view.LastChangedAt:yyyy-MM-dd HH:mm}} UTC)</td></tr>
            <tr><th scope="row">Route</th><td>{{E(view.StateOfExport)}} → {{E(string.Join(" → ", view.TransitStates.Append(view.StateOfImport)))}}</td></tr>
            <tr><th scope="row">Waste</th><td>{{E(view.Waste)}} {{E(view.BaselCode)}}</td></tr>
            <tr><th scope="row">Quantity</th><td>{{view.Quantity}} {{E(view.Unit)}}</td></tr>
            <tr><th scope="row">Facility</th><td>{{E(view.Facility)}} ({{E(view.Operation)}})</td></tr>
            <tr><th scope="row">Consent valid until</th><td>{{view.ConsentValidUntil:yyyy-MM-dd}}</td></tr>
            </table></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
