using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using Serilog;
using Serilog.Formatting.Compact;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;
using WasteMovements.Api.Audit;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Demo;
using WasteMovements.Api.Exchange;
using WasteMovements.Api.Infrastructure;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.OpenApi;
using WasteMovements.Api.Reports;
using WasteMovements.Api.Security;
using WasteMovements.Api.Shipments;
using WasteMovements.Domain.Shipments;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Notifications;

// `token` prints only the token on stdout: the command line's own progress messages go to stderr.
if (args.FirstOrDefault() == "token")
{
    TokenCommand.Output = Console.Out;
    Console.SetOut(Console.Error);
}

// `dotnet run --project src/WasteMovements.Api` runs from the repository root: fall back to the build
// output for appsettings when the working directory has none.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
        ? null
        : AppContext.BaseDirectory,
});

builder.Host.UseSerilog((context, _, logging) =>
{
    logging.ReadFrom.Configuration(context.Configuration).Enrich.FromLogContext();
    // Compact JSON for log collectors when not interactive; logs go to stderr so that commands such as
    // `token` keep stdout for their output.
    if (Console.IsErrorRedirected)
        logging.WriteTo.Console(new CompactJsonFormatter(), standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose);
    else
        logging.WriteTo.Console(
            outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}",
            standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose);
});

var connectionString = DatabaseConnection.WithBoundedTimeouts(builder.Configuration.GetConnectionString("Marten")
                       ?? throw new InvalidOperationException("ConnectionStrings:Marten is not set (env ConnectionStrings__Marten)."));

// The procedure's clock; Clock:Offset (Development only) shifts it for the process tests (docs/reliability.md).
builder.Services.AddSingleton(ShiftedTimeProvider.FromConfiguration(builder.Configuration, builder.Environment));
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
builder.Services.AddSingleton(CodeListCatalog.LoadEmbedded());
builder.Services.AddSingleton<CountryRegistryProvider>();
builder.Services.AddSingleton<NotificationNumbers>();
// Every validator of this assembly, as singletons (they hold no state); run by RequestValidationPolicy.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: false);
builder.Services.AddSingleton<VerificationTokens>();
builder.Services.AddSingleton<ChainReader>();
builder.Services.Configure<ShipmentOptions>(builder.Configuration.GetSection("Shipments"));
builder.Services.Configure<IdempotencyOptions>(builder.Configuration.GetSection("Idempotency"));
builder.Services.AddHostedService<IdempotencyCleanup>();

builder.Services.AddMarten(options =>
    {
        EventStoreSetup.Configure(options, connectionString);
        options.AutoCreateSchemaObjects = builder.Configuration.GetValue("Database:AutoCreate", AutoCreate.CreateOrUpdate);
    })
    .UseLightweightSessions()
    .ApplyAllDatabaseChangesOnStartup()
    // Wolverine runs each async projection on exactly one node of the cluster (its leader election
    // distributes the agents); this replaces Marten's own HotCold daemon coordination.
    .IntegrateWithWolverine(integration => integration.UseWolverineManagedEventSubscriptionDistribution = true);

builder.Host.UseWolverine(options =>
{
    // Without this a handler's session writes are discarded silently (docs/stack-notes.md, section 0).
    options.Policies.AutoApplyTransactions();
    // Scheduled deadlines are durable only on durable local queues.
    options.Policies.UseDurableLocalQueues();
    // Handler and endpoint code (docs/operations.md, "Pre-generated code"). Outside Development and Testing the
    // chains are the types that `eng/codegen.sh write` generated into Internal/Generated and that are compiled into
    // this assembly (Static: no Roslyn at start-up or on a first request; a missing type fails the start). Development
    // and the in-process tests compile the chains at runtime from the current source (Dynamic), so an edited handler
    // never runs against stale generated code there; `eng/codegen.sh check` (run by eng/test.sh) fails when the
    // committed code is not what the current source generates. Wolverine:TypeLoadMode overrides either default (the
    // process tests set Static).
    var preGenerated = !builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing");
    options.CodeGeneration.TypeLoadMode = builder.Configuration.GetValue("Wolverine:TypeLoadMode",
        preGenerated ? TypeLoadMode.Static : TypeLoadMode.Dynamic);
    // Where the generated types are looked for: this assembly, this namespace (also under a test host, whose entry
    // assembly is the test runner's).
    options.ApplicationAssembly = typeof(Program).Assembly;
    options.CodeGeneration.GeneratedNamespace = "WasteMovements.Api.Internal.Generated";
    // `codegen write` writes here (eng/codegen.sh sets it; the default is Internal/Generated under the project).
    if (builder.Configuration["Wolverine:GeneratedCodeOutputPath"] is { Length: > 0 } outputPath)
        options.CodeGeneration.GeneratedCodeOutputPath = outputPath;
    // Polling and node-health periods (Wolverine:Durability:*); defaults suit production, tests shorten them.
    DurabilityConfiguration.Apply(options.Durability, builder.Configuration.GetSection("Wolverine:Durability"));
    // The exchange between authorities' nodes over RabbitMQ (docs/exchange.md); nothing without Exchange:Node.
    ExchangeSetup.Configure(options, builder.Configuration);
});

// `dotnet run --project src/WasteMovements.Api -- codegen write` from the repository root writes into the project's
// Internal/Generated, not into bin/ (the content root is the build output when the working directory has no appsettings).
// `check-env` also asserts that every pre-generated type exists (for a release: docs/operations.md).
builder.Services.CritterStackDefaults(defaults =>
{
    defaults.AutoResolveProjectRoot = true;
    defaults.Production.AssertAllPreGeneratedTypesExist = true;
});

builder.Services.AddWolverineHttp();
builder.AddWasteMovementsExchange();
builder.AddWasteMovementsSecurity();
// CSP, nosniff, Referrer-Policy, Permissions-Policy, HSTS and the cookie policy (Security/SecurityHeaders.cs).
builder.AddWasteMovementsSecurityHeaders();
builder.AddWriteRateLimiting();
// Refuses to start with the development signing key outside Development (checked when the host starts,
// so that commands such as `token` and `db-apply` still build the application).
builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SigningKeyGuard>());
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ExceptionProblems>();
// The OpenAPI contract: src/WasteMovements.Api/OpenApi (docs/api-guide.md, "The contract").
builder.Services.AddWasteMovementsOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
    json.SerializerOptions.Converters.Add(new SafeStringConverter());
    // Hostile nesting fails fast (the bodies of this API are at most a few levels deep).
    json.SerializerOptions.MaxDepth = 32;
    // A number is a JSON number: "12" for a quantity is a wrong type (400), not silently converted.
    json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
});
builder.Services.AddHostedService<DemoDataSeeder>();

// The web interface (Razor Pages under /ui) calls this host's own API on loopback.
builder.Services.AddRazorPages(options => options.RootDirectory = "/Ui/Pages");
builder.Services.AddHttpClient("ui-api");
builder.Services.AddSingleton<WasteMovements.Api.Ui.UiIdentity>();
builder.Services.AddSingleton<WasteMovements.Api.Ui.ApiClient>();

var app = builder.Build();

app.UseWasteMovementsSecurityHeaders();
app.UseExceptionHandler();
app.UseMiddleware<CorrelationMiddleware>();
app.UseSerilogRequestLogging(options =>
    options.EnrichDiagnosticContext = (diagnostics, http) =>
        diagnostics.Set("CorrelationId", CorrelationMiddleware.Get(http)));
app.UseStaticFiles();
// The browsable API reference at /api-reference, rendered from /openapi/v1.json (src/WasteMovements.Api/OpenApi).
app.UseWasteMovementsApiReference();
app.UseMiddleware<RequestLimitsMiddleware>();
app.UseAuthentication();
// After authentication (the partition is the token's sub), before authorization (floods of refused calls count too).
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi(OpenApiSetup.DocumentPath);
app.MapApiReferenceRedirects();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
app.MapGet("/", () => Results.Redirect("/ui")).ExcludeFromDescription();
app.MapRazorPages();

app.MapWolverineEndpoints(options =>
{
    options.AddPolicy<RequestValidationPolicy>();
    // Added after validation so that its frames come first: a retry is answered before anything else runs.
    options.AddPolicy<IdempotencyPolicy>();
    // An unparseable query value (?page=abc) is a 400 problem, not a silent default.
    options.RejectUnparseableQueryValues = true;
    // Endpoints take a StepWriter: the one write pipeline, built from the chain's own session and bus.
    options.AddParameterHandlingStrategy<WasteMovements.Api.Pipeline.StepWriterParameterStrategy>();
    options.AddMiddleware(typeof(EventMetadataMiddleware), chain => !chain.HttpMethods.Contains("GET"));
    // What each route answers, for the OpenAPI document (src/WasteMovements.Api/OpenApi).
    options.AddPolicy<ContractPolicy>();
});

return await app.RunJasperFxCommands(args);

public partial class Program;
