using WasteMovements.Api.Pipeline;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Security;
using WasteMovements.Domain.CodeLists;

namespace WasteMovements.Api.CodeLists;

public sealed class ReviseCountryProfileValidator : AbstractValidator<ReviseCountryProfile>
{
    public ReviseCountryProfileValidator(CodeListCatalog codes)
    {
        var countries = codes[CodeListCatalog.Countries];
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.Source).NotEmpty().MaximumLength(2000);
        RuleFor(x => x.Profile).NotNull();
        RuleFor(x => x.Profile.Code).Must(c => countries.Contains(c)).When(x => x.Profile is not null)
            .WithMessage("'{PropertyValue}' is not an ISO 3166-1 alpha-2 country code.");
        RuleFor(x => x.Profile.Name).NotEmpty().MaximumLength(200).When(x => x.Profile is not null);
        RuleForEach(x => x.Profile.Art11Agreements).Must(a => a is not null && (a.Partner == "OECD" || countries.Contains(a.Partner))).When(x => x.Profile is not null)
            .WithMessage("'{PropertyValue}' is neither a country code nor OECD.");
        RuleFor(x => x.Profile.ImportProhibitions).Must(p => p is null || p.Count <= 100).When(x => x.Profile is not null);
        RuleForEach(x => x.Profile.ImportProhibitions).ChildRules(p =>
        {
            p.RuleFor(x => x.Codes).NotEmpty();
            p.RuleFor(x => x.Operations).NotEmpty();
        }).When(x => x.Profile is not null);
        RuleFor(x => x.Profile.TacitTransitConsentSource).NotEmpty()
            .WithMessage("A Basel Art. 6(4) declaration (tacit transit consent) needs its source: a fact without a source is not used as a rule.")
            .MaximumLength(2000)
            .When(x => x.Profile is not null && x.Profile.TacitTransitConsent);
        RuleFor(x => x.Profile).Must(p => p.AnnexVII == (p.Oecd || p.Eu || p.Code == "LI"))
            .When(x => x.Profile is not null)
            .WithMessage("Annex VII is the OECD members, the EU member states and Liechtenstein (Basel Art. 4A).");
    }
}

/// <summary>What a revision of a registry entry answers: the state and its entry's new version (also the ETag).</summary>
public sealed record CountryRegistryWritten(string Code, long Version);

public sealed record CountryRegistryView(string Title, IReadOnlyList<CodeListSource> Sources, string Compiled, IReadOnlyList<CountryProfile> Entries);

public static class CountryRegistryEndpoints
{
    /// <summary>GET /api/countries: the registry in force (shipped data and revisions), with its sources. Open to anyone.</summary>
    [WolverineGet("/api/countries", Name = "ListCountries")]
    public static async Task<CountryRegistryView> List(CountryRegistryProvider provider, CancellationToken ct)
    {
        var current = await provider.CurrentAsync(ct);
        return new CountryRegistryView(provider.Shipped.Title, provider.Shipped.Sources, provider.Shipped.Compiled,
            current.All.OrderBy(p => p.Code, StringComparer.Ordinal).ToArray());
    }

    /// <summary>GET /api/countries/{code}: one state's entry.</summary>
    [WolverineGet("/api/countries/{code}", Name = "GetCountry")]
    public static async Task<IResult> Get(string code, CountryRegistryProvider provider, CancellationToken ct) =>
        (await provider.CurrentAsync(ct)).Find(code) is { } profile
            ? Results.Ok(profile)
            : Problems.NotFound("country", code);

    /// <summary>PUT /api/countries/{code}: an administrator revises a state's entry (recorded as an event).</summary>
    [WolverinePut("/api/countries/{code}", Name = "ReviseCountryProfile")]
    [Authorize(Policy = Policies.Admin)]
    public static async Task<IResult> Put(string code, ReviseCountryProfile body, StepWriter write, CountryRegistryProvider provider)
    {
        if (!string.Equals(code, body.Profile.Code, StringComparison.OrdinalIgnoreCase))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["profile.code"] = [$"The body is for {body.Profile.Code}, the route for {code}."] },
                type: Problems.TypeBase + "validation", title: "The request is invalid");
        }

        var result = await write.OnRegistryEntry(CountryRegistryEntry.StreamKey(code), body, RegistryRevision.Revise,
            written => Results.Ok(new CountryRegistryWritten(body.Profile.Code.ToUpperInvariant(), written.Version)));
        provider.Invalidate();
        return result;
    }
}
