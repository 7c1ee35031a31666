using Microsoft.AspNetCore.OpenApi;
using Swashbuckle.AspNetCore.SwaggerUI;

namespace WasteMovements.Api.OpenApi;

/// <summary>
/// The public contract of the API: the OpenAPI document at <see cref="DocumentPath"/> (ASP.NET Core's generator, shaped by
/// <see cref="ContractPolicy"/> and <see cref="ContractTransformers"/>) and the browsable reference at <see cref="ReferencePath"/>
/// rendered from it by Swagger UI, whose assets the API serves itself (docs/api-guide.md, "The contract").
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";

    public static IServiceCollection AddWasteMovementsOpenApi(this IServiceCollection services)
    {
        services.AddSingleton<ContractTransformers>();
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<ContractTransformers>();
            options.AddOperationTransformer<ContractTransformers>();
            options.AddSchemaTransformer<ContractTransformers>();
            var defaultIds = options.CreateSchemaReferenceId;
            options.CreateSchemaReferenceId = type => type.Type == typeof(ApiProblem) ? "Problem" : defaultIds(type);
        });
        return services;
    }

    /// <summary>
    /// The browsable reference: Swagger UI at <see cref="ReferencePath"/>, every asset served from this host (the package embeds
    /// them; the online validator badge is off), reading the document at <see cref="DocumentPath"/>. The hand-written route list
    /// that stood at <c>/api.html</c> is replaced by it; that address redirects here.
    /// </summary>
    public static WebApplication UseWasteMovementsApiReference(this WebApplication app)
    {
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = ReferencePath.TrimStart('/');
            options.SwaggerEndpoint(DocumentPath, "WasteMovements API v1");
            options.DocumentTitle = "WasteMovements API reference";
            // "none" turns off the badge that Swagger UI would otherwise load from the online validator.
            options.ConfigObject.ValidatorUrl = "none";
            options.DocExpansion(DocExpansion.List);
            options.DefaultModelsExpandDepth(0);
            options.DisplayOperationId();
            options.ShowExtensions();
            options.EnableDeepLinking();
            options.EnablePersistAuthorization();
            options.InjectStylesheet("/api-reference.css");
        });
        return app;
    }

    public static void MapApiReferenceRedirects(this WebApplication app) =>
        app.MapGet("/api.html", () => Results.Redirect(ReferencePath)).ExcludeFromDescription();
}
