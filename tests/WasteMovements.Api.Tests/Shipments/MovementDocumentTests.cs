using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WasteMovements.Api.Shipments;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Tests.Support;
using static WasteMovements.Api.Tests.Infrastructure.Commands;

namespace WasteMovements.Api.Tests.Shipments;

[Collection(ApiCollection.Name)]
public sealed class MovementDocumentTests(ApiFixture api)
{
    /// <summary>Malaysia to Japan, consented with a condition the document carries; 12.5 t announced.</summary>
    private async Task<string> AnnouncedShipmentAsync(Func<NotificationParticulars, NotificationParticulars>? vary = null)
    {
        var sample = Flows.Basel(via: []);
        return (await api.AnnouncedAsync(vary is null ? sample : vary(sample), Announcement(12.5m), WrittenConsent(conditions: "Sea route via Akita only"))).Shipment;
    }

    [Fact]
    public async Task The_movement_document_is_a_pdf_with_embedded_fonts_and_a_QR_code()
    {
        var id = await AnnouncedShipmentAsync();
        var response = await api.Authority("JP").GetAsync($"/api/shipments/{id}/document.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(bytes, 0, 8));

        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes))
        {
            var page = Assert.Single(pdf.GetPages());
            var text = string.Join(" ", page.GetWords().Select(w => w.Text));
            foreach (var expected in new[] { "Movement", "document", id, "Basel", "A1160", "UN2794", "12.5", "JP:", "Sea", "Akita", "/verify/" })
            {
                Assert.Contains(expected, text);
            }

            Assert.True(page.Paths.Count > 100, "the QR code's modules are drawn"); // vector QR code
            Assert.All(page.Letters.Select(l => l.FontName).Distinct(), f => Assert.Contains("DejaVu", f)); // the embedded fonts
            Assert.Equal($"Movement document {id}", pdf.Information.Title);
        }

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "artifacts", "movement-document.pdf"), bytes);

        await (await api.Authority("PL").GetAsync($"/api/shipments/{id}/document.pdf")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await api.Anonymous().GetAsync($"/api/shipments/{id}/document.pdf")).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Polish_Czech_Greek_and_Cyrillic_names_are_printed_and_read_back_exactly()
    {
        // None of these fits Latin-1: Polish, Czech, Greek and Cyrillic (Bulgarian) names and addresses.
        const string consignee = "Zakład Odzysku Łódź Sp. z o.o.";
        const string consigneeAddress = "ul. Żółkiewskiego 12, 90-001 Łódź";
        const string contact = "Jiří Dvořák";
        const string exporter = "Ανακύκλωση Μπαταριών Α.Ε.";
        const string generator = "Автосервиз Пловдив ЕООД";
        var id = await AnnouncedShipmentAsync(n => n with
        {
            Exporter = n.Exporter with { Name = exporter, Address = "Λεωφόρος Αθηνών 5, Θεσσαλονίκη" },
            Consignee = n.Consignee with { Name = consignee, Address = consigneeAddress, Contact = n.Consignee.Contact with { Name = contact } },
            Generators = [n.Generators[0] with { Name = generator }],
        });

        var response = await api.Authority("JP").GetAsync($"/api/shipments/{id}/document.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        var page = Assert.Single(pdf.GetPages());
        var text = string.Join(" ", page.GetWords().Select(w => w.Text));
        foreach (var expected in new[] { consignee, consigneeAddress, contact, exporter, generator, "Λεωφόρος Αθηνών 5, Θεσσαλονίκη" })
        {
            Assert.Contains(expected, text);
        }

        Assert.DoesNotContain("?", text); // no character replaced (the PdfPig writer printed '?' outside Latin-1)
        Assert.All(page.Letters.Select(l => l.FontName).Distinct(), f => Assert.Contains("DejaVu", f));

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "artifacts", "movement-document-unicode.pdf"), bytes);
    }

    [Fact]
    public async Task The_verification_link_shows_a_genuine_document_without_an_account_and_refuses_a_forged_one()
    {
        var id = await AnnouncedShipmentAsync();
        var token = api.Services.GetRequiredService<VerificationTokens>().Create(id);

        var client = api.Anonymous();
        var html = await client.GetAsync($"/verify/{token}");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("Genuine", page);
        Assert.Contains(id, page);
        Assert.DoesNotContain("erika@example.org", page); // no contact details beyond the paper's essentials

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var json = await (await client.GetAsync($"/verify/{token}")).ShouldBe(HttpStatusCode.OK);
        Assert.True(json["genuine"]!.GetValue<bool>());
        Assert.Equal("announced", json["status"]!.GetValue<string>());
        Assert.Equal(12.5m, json["quantity"]!.GetValue<decimal>());

        var otherShipment = id[..^3] + "002";
        var forged = $"{otherShipment}.{token[(token.LastIndexOf('.') + 1)..]}";
        await (await client.GetAsync($"/verify/{forged}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/verify/{id}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
