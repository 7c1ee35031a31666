using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Notifications.Mercury;

namespace WasteMovements.Api.Tests.Notifications;

/// <summary>Mercury wastes over HTTP (issue 16 item 6): the mercury fields are validated, a refusal appends nothing, the file keeps them.</summary>
[Collection(ApiCollection.Name)]
public sealed class MercuryApiTests(ApiFixture api)
{
    private static NotificationParticulars Sludge(string operation, bool flag, MercuryContent? mercury)
    {
        var p = Flows.Eu(shipments: 1, total: 10m) with { Operation = operation };
        return p with
        {
            Waste = p.Waste with
            {
                Designation = "Sludge contaminated with mercury", BaselCode = "A1030", YCodes = ["Y29"], HCodes = ["H6.1"],
                ContainsMercury = flag, Mercury = mercury,
            },
        };
    }

    [Fact]
    public async Task Recovery_of_mercury_waste_without_an_allowed_use_is_refused_and_nothing_is_appended_Minamata_Art_11_3_b_c()
    {
        var de = api.Authority("DE");
        await api.Refused(de.File(Sludge("R4", true, new MercuryContent(MercuryCategory.ContaminatedWith, 15m))), HttpStatusCode.Conflict,
            "mercury-recovery-without-allowed-use", "Minamata Art. 11(3)(b)-(c)");
        await api.Refused(de.File(Sludge("D9", true, null)), HttpStatusCode.Conflict, "mercury-category-required", "Minamata Art. 11(2)");

        // Below 15 mg/kg the waste is not mercury waste under Art. 11: filed, and the file keeps the declaration.
        var number = await api.FiledAsync(Sludge("R4", true, new MercuryContent(MercuryCategory.ContaminatedWith, 14.99m)));
        var mercury = (await api.NotificationAsync(number))["particulars"]!["waste"]!["mercury"]!;
        Assert.Equal("contaminatedWith", mercury["category"]!.GetValue<string>());
        Assert.Equal(14.99m, mercury["concentrationMgPerKg"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_mercury_fields_are_validated_and_name_the_field()
    {
        var de = api.Authority("DE");
        var noConcentration = await (await de.File(Sludge("D9", true, new MercuryContent(MercuryCategory.ContaminatedWith))).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(noConcentration["errors"]!["waste.mercury.concentrationMgPerKg"]);
        var flag = await (await de.File(Sludge("D9", false, new MercuryContent(MercuryCategory.ConsistingOf))).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(flag["errors"]!["waste.containsMercury"]);
    }
}
