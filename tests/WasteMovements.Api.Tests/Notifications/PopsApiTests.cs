using System.Net;
using WasteMovements.Api.Tests.Infrastructure;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Notifications.Pops;

namespace WasteMovements.Api.Tests.Notifications;

/// <summary>POPs wastes over HTTP (issue 16 item 5): the POP list is validated, a refusal appends nothing, the file keeps the list.</summary>
[Collection(ApiCollection.Name)]
public sealed class PopsApiTests(ApiFixture api)
{
    private static NotificationParticulars WithPops(string operation, bool flag, params PopContent[] pops)
    {
        var p = Flows.Eu(shipments: 1, total: 10m) with { Operation = operation };
        return p with { Waste = p.Waste with { ContainsPops = flag, Pops = pops } };
    }

    [Fact]
    public async Task Recovery_of_PCB_waste_at_or_above_the_limit_is_refused_and_nothing_is_appended_EU_2019_1021_Art_7_2()
    {
        var de = api.Authority("DE");
        await api.Refused(de.File(WithPops("R3", true, new PopContent("PCB", 120m))), HttpStatusCode.Conflict,
            "pops-recovery-not-permitted", "EU 2019/1021 Art. 7(2), Annex V Part 1");

        // R4 is an operation of Annex V Part 1: filed, and the file keeps the list.
        var number = await api.FiledAsync(WithPops("R4", true, new PopContent("PCB", 120m)));
        var pops = (await api.NotificationAsync(number))["particulars"]!["waste"]!["pops"]!.AsArray();
        Assert.Equal("PCB", Assert.Single(pops)!["substance"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_POP_list_is_validated_and_names_the_field()
    {
        var de = api.Authority("DE");
        var unknown = await (await de.File(WithPops("R4", true, new PopContent("XYZ", 1m))).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.Contains("XYZ", unknown["errors"]!["waste.pops[0].substance"]![0]!.GetValue<string>());
        var flag = await (await de.File(WithPops("R4", false, new PopContent("PCB", 10m))).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(flag["errors"]!["waste.containsPops"]);
        var zero = await (await de.File(WithPops("R4", true, new PopContent("PFOS", 0m))).SendAsync()).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.NotNull(zero["errors"]!["waste.pops[0].concentrationMgPerKg"]);
    }
}
