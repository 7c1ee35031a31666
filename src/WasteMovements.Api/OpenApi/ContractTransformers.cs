using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using WasteMovements.Api.Infrastructure;

namespace WasteMovements.Api.OpenApi;

/// <summary>
/// The transformers that turn ASP.NET Core's generated document into the contract: operation ids, summaries,
/// descriptions and tags from <see cref="ApiOperations"/>; the bearer scheme with the roles of each route; the
/// <c>Idempotency-Key</c>, <c>If-Match</c> and <c>X-Correlation-Id</c> request headers and the <c>ETag</c>,
/// <c>Location</c>, <c>Idempotent-Replayed</c> and <c>Retry-After</c> response headers; problem responses with
/// examples; and string schemas that the API's own string converter hid.
/// </summary>
public sealed class ContractTransformers(IOptions<JsonOptions> json) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer, IOpenApiSchemaTransformer
{
    public const string BearerScheme = "bearer";
    private const string ProblemSchema = "Problem";
    private const string ProblemJson = "application/problem+json";

    private static readonly string[] ResponseHeaderNames = ["ETag", "Location", "Idempotent-Replayed", "Retry-After", "WWW-Authenticate", CorrelationMiddleware.Header];

    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    private readonly JsonSerializerOptions _requestJson = new(json.Value.SerializerOptions)
    {
        TypeInfoResolver = (json.Value.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(type =>
        {
            foreach (var property in type.Properties.Where(p => p is { Set: null, AssociatedParameter: null })) property.ShouldSerialize = (_, _) => false;
        }),
    };

    // Problems leave out what they do not carry.
    private readonly JsonSerializerOptions _problemJson = new(json.Value.SerializerOptions)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    // ---- operations ---------------------------------------------------------------------------------------------

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var contract = context.Description.ActionDescriptor.EndpointMetadata.OfType<RouteContract>().LastOrDefault();
        if (contract is null) return Task.CompletedTask;
        var document = context.Document!;
        var entry = contract.Operation;

        operation.OperationId = contract.Name;
        if (entry is not null)
        {
            operation.Summary = entry.Summary;
            operation.Description = Describe(entry, contract);
            operation.Tags = new HashSet<OpenApiTagReference> { new(entry.Tag, document) };
        }

        operation.Security = contract.IsPublic
            ? [new OpenApiSecurityRequirement()]
            : contract.Roles.Select(role => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [role] }).ToList();
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray([.. contract.Roles.Select(r => JsonValue.Create(r))]));

        DescribeParameters(operation, contract, document);
        DescribeRequestBody(operation, entry);
        DescribeResponses(operation, contract, document);
        return Task.CompletedTask;
    }

    private static string Describe(ApiOperation entry, RouteContract contract)
    {
        var text = new System.Text.StringBuilder(entry.Description);
        text.Append("\n\n**Who may call:** ");
        text.Append(contract.IsPublic ? "anyone, without a token." : $"a bearer token with the role {string.Join(" or ", contract.Roles.Select(r => $"`{r}`"))}.");
        if (contract.IsWrite)
        {
            text.Append(" Send an `Idempotency-Key` to retry safely");
            text.Append(contract.IfMatch ? "; send `If-Match` with the version you read to act only on that version." : ".");
        }

        if (entry.Refusals.Count > 0)
        {
            text.Append("\n\n**Rules that can refuse it** (among others; see the problem types): ");
            text.Append(string.Join(", ", entry.Refusals.Select(r => $"`{r}`")));
            text.Append('.');
        }

        return text.ToString();
    }

    private static readonly Dictionary<string, (string Description, string Example)> ParameterText = new()
    {
        ["number"] = ("The notification number: the state of export, the year of filing and a sequence.", Examples.Number),
        ["shipmentId"] = ("The shipment id: the notification number and the shipment's number.", Examples.ShipmentId),
        ["requestId"] = ("The information request's id, from the answer that created it or from the notification.", "IR-1"),
        ["code"] = ("An ISO 3166-1 alpha-2 country code.", "NL"),
        ["list"] = ("The code list: y-codes, h-codes, operations, basel-a, basel-b, oecd-amber, oecd-green or countries.", "y-codes"),
        ["token"] = ("The token of the movement document's verification link (its QR code).", "DE-2026-000042-001.Q2hlY2tlZCBieSB0aGUgc2VydmVyIGtleQ"),
        ["status"] = ("Only notifications in this status (filed, acknowledged, awaitingInformation, consented, partiallyConsented, refused, withdrawn, cancelled, expired, closed).", "consented"),
        ["role"] = ("Authorities: only the notifications where your state is the state of export, import or transit.", "import"),
        ["state"] = ("Auditors: only the notifications this state is concerned by. Reports: the state whose report to read.", "DE"),
        ["from"] = ("Only notifications filed on or after this day.", "2026-01-01"),
        ["to"] = ("Only notifications filed on or before this day.", "2026-12-31"),
        ["page"] = ("The page, from 1.", "1"),
        ["pageSize"] = ("Items per page (notifications 1 to 100, history 1 to 1000).", "20"),
        ["at"] = ("An instant (ISO 8601): the state as it stood then. Give `at` or `version`, not both.", "2026-12-01T10:00:00Z"),
        ["version"] = ("A version of the notification's stream: the state as it stood then. Give `at` or `version`, not both.", "3"),
        ["year"] = ("The calendar year of the report (from 1992).", "2026"),
        ["format"] = ("json (default) or csv.", "json"),
        ["partner"] = ("Mirror statistics: the partner state whose figures to compare with (ISO 3166-1 alpha-2).", "JP"),
        ["by"] = ("Mirror statistics: waste (default: the waste code) or y (the Y codes).", "waste"),
        ["kid"] = ("The key id (kid), as `GET /api/exchange/keys` or `GET /api/exchange/status` lists it.", "NL-1"),
        ["rule"] = ("Only the batches refused by this rule (e.g. exchange-bad-signature).", "exchange-bad-signature"),
        ["tolerance"] = ("Mirror statistics: the difference, in percent of the larger figure, within which a cell agrees (default 2).", "2"),
    };

    private static void DescribeParameters(OpenApiOperation operation, RouteContract contract, OpenApiDocument document)
    {
        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (parameter.Name is { } name && ParameterText.TryGetValue(name, out var text))
            {
                parameter.Description ??= text.Description;
                parameter.Example ??= parameter.Schema?.Type is { } type && type.HasFlag(JsonSchemaType.Integer) && int.TryParse(text.Example, out var n)
                    ? JsonValue.Create(n)
                    // A decimal query value (mirror statistics' tolerance) has a number as its example too.
                    : parameter.Schema?.Type is { } number && number.HasFlag(JsonSchemaType.Number)
                      && decimal.TryParse(text.Example, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d)
                        ? JsonValue.Create(d)
                        : JsonValue.Create(text.Example);
            }
        }

        if (contract.IsWrite) operation.Parameters.Add(new OpenApiParameterReference(ComponentNames.IdempotencyKey, document));
        if (contract.IfMatch) operation.Parameters.Add(new OpenApiParameterReference(ComponentNames.IfMatch, document));
        operation.Parameters.Add(new OpenApiParameterReference(ComponentNames.CorrelationId, document));
    }

    private void DescribeRequestBody(OpenApiOperation operation, ApiOperation? entry)
    {
        if (operation.RequestBody is not OpenApiRequestBody body || entry is null) return;
        body.Description ??= entry.Tag == ApiOperations.Tags.Notifications && entry.Name == "FileNotification"
            ? "The notification: the items of Basel Annex V A."
            : "The step's facts, as the schema describes them.";
        if (entry.RequestExamples.Count == 0 || body.Content is null) return;
        foreach (var media in body.Content.Values.OfType<OpenApiMediaType>())
        {
            media.Examples = entry.RequestExamples.ToDictionary(e => e.Name,
                e => (IOpenApiExample)new OpenApiExample { Summary = e.Summary, Value = RequestJson(e.Value) });
        }
    }

    private void DescribeResponses(OpenApiOperation operation, RouteContract contract, OpenApiDocument document)
    {
        operation.Responses ??= new OpenApiResponses();
        var entry = contract.Operation;
        foreach (var (status, response) in operation.Responses.ToArray())
        {
            if (response is not OpenApiResponse r) continue;
            var code = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
            if (code < 400)
            {
                r.Headers ??= new Dictionary<string, IOpenApiHeader>();
                r.Headers[CorrelationMiddleware.Header] = new OpenApiHeaderReference(CorrelationMiddleware.Header, document);
                DescribeSuccess(r, code, contract, entry, document);
                continue;
            }

            var examples = ProblemExamples(code, contract).ToList();
            var description = ProblemDescription(code, contract);
            // Answers that read the same on every route of their kind are one component each.
            var shared = SharedResponseName(code, contract, examples);
            if (shared is not null)
            {
                document.Components ??= new OpenApiComponents();
                document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>();
                if (!document.Components.Responses.ContainsKey(shared))
                {
                    document.Components.Responses[shared] = ProblemResponse(code, description, examples, document);
                }

                operation.Responses[status] = new OpenApiResponseReference(shared, document);
            }
            else
            {
                operation.Responses[status] = ProblemResponse(code, description, examples, document);
            }
        }
    }

    private static string? SharedResponseName(int code, RouteContract contract, IReadOnlyList<ProblemType> examples)
    {
        var generic = examples.All(e => !e.IsRule || e.Id == "not-concerned");
        return code switch
        {
            400 => contract.Name == "LoadPartnerFigures" ? null : contract.IsWrite ? (contract.IfMatch ? "InvalidStep" : "InvalidWrite") : "InvalidQuery",
            401 => "Unauthenticated",
            403 when generic => contract.IsWrite ? "ForbiddenRole" : contract.Name is "GetAnnualReport" or "GetMirrorComparison" or "GetSdgSeries" ? null : "ForbiddenRead",
            404 when generic && examples.All(e => e.Id == "not-found") => "NotFound",
            409 when generic => "ConcurrentChange",
            412 => "VersionMismatch",
            413 => "BodyTooLarge",
            422 => "IdempotencyKeyReused",
            429 => "RateLimited",
            503 => "DatabaseUnavailable",
            _ => null,
        };
    }

    private OpenApiResponse ProblemResponse(int code, string description, IReadOnlyList<ProblemType> examples, OpenApiDocument document)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Headers = new Dictionary<string, IOpenApiHeader> { [CorrelationMiddleware.Header] = new OpenApiHeaderReference(CorrelationMiddleware.Header, document) },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new()
                {
                    Schema = new OpenApiSchemaReference(ProblemSchema, document),
                    Examples = examples.ToDictionary(p => p.Id, p => (IOpenApiExample)ProblemExample(p, code, document)),
                },
            },
        };
        if (code == 401) response.Headers["WWW-Authenticate"] = new OpenApiHeaderReference("WWW-Authenticate", document);
        if (code is 429 or 503) response.Headers["Retry-After"] = new OpenApiHeaderReference("Retry-After", document);
        return response;
    }

    /// <summary>One example per problem type and status, kept once in the components.</summary>
    private OpenApiExampleReference ProblemExample(ProblemType type, int code, OpenApiDocument document)
    {
        var name = type.Statuses.Count > 1 ? $"{type.Id}-{code}" : type.Id;
        document.Components ??= new OpenApiComponents();
        document.Components.Examples ??= new Dictionary<string, IOpenApiExample>();
        if (!document.Components.Examples.ContainsKey(name))
        {
            document.Components.Examples[name] = new OpenApiExample
            {
                Summary = type.IsRule ? $"{type.Id} ({string.Join("; ", type.Articles.Take(1))})" : $"{type.Id}: {type.Title}",
                Description = $"{type.Meaning} **What to do:** {type.Action}",
                Value = JsonSerializer.SerializeToNode(ExampleOf(type, code), _problemJson),
            };
        }

        return new OpenApiExampleReference(name, document);
    }

    private void DescribeSuccess(OpenApiResponse response, int code, RouteContract contract, ApiOperation? entry, OpenApiDocument document)
    {
        if (entry is null) return;
        response.Description = entry.SuccessDescription;
        if (contract.ETag && contract.IsWrite) response.Headers!["ETag"] = new OpenApiHeaderReference("ETag", document);
        if (entry.Location && code == 201) response.Headers!["Location"] = new OpenApiHeaderReference("Location", document);
        if (contract.IsWrite) response.Headers!["Idempotent-Replayed"] = new OpenApiHeaderReference("Idempotent-Replayed", document);
        response.Content ??= new Dictionary<string, OpenApiMediaType>();
        if (entry.SuccessType is null) response.Content.Clear();
        if (entry.ResponseExample is { } example && response.Content.TryGetValue("application/json", out var media) && media is OpenApiMediaType m)
        {
            m.Examples = new Dictionary<string, IOpenApiExample> { ["answer"] = new OpenApiExample { Summary = entry.SuccessDescription, Value = Json(example) } };
        }

        foreach (var (contentType, format) in entry.OtherMedia)
        {
            response.Content[contentType] = new OpenApiMediaType
            {
                Schema = format == "binary"
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The PDF document." }
                    : new OpenApiSchema { Type = JsonSchemaType.String, Description = format == "csv" ? "The report as CSV (RFC 4180), one section after another." : "An HTML page for a person." },
            };
        }
    }

    private static string ProblemDescription(int status, RouteContract contract) => status switch
    {
        400 => contract.IsWrite
            ? "The request is invalid: a field of the body (`validation`, with `errors`), the JSON itself (`invalid-json`, `invalid-body`), or the `Idempotency-Key` or `If-Match` header. Nothing was recorded."
            : "A query value is invalid (`validation`, with `errors`) or cannot be read (the framework's `invalid-query-value`, with `parameter`).",
        401 => "No valid bearer token (`unauthenticated`).",
        403 => contract.IsWrite
            ? "Your role may not use this route (`forbidden-role`), or your authority or facility may not take this step on this movement (a rule such as `not-concerned` or `not-state-of-export`, with `rule` and `article`)."
            : "Your role may not use this route (`forbidden-role`), or your state is not concerned by the file (`not-concerned`).",
        404 => "Nothing exists under the identifier in the path (`not-found`).",
        409 => contract.Operation?.Refusals.Count > 0 || contract.Name == "ReviseCountryProfile"
            ? "A rule of the procedure refuses the step now (`rule` names it, `article` gives its legal basis), or another step changed the file at the same moment (`concurrent-change`: read again and retry). Nothing was recorded."
            : "Another step changed the file at the same moment (`concurrent-change`): read again and retry. Nothing was recorded.",
        412 => "The file is no longer at the version `If-Match` named (`version-mismatch`): read it again.",
        413 => "The body is larger than 1 MiB (`body-too-large`).",
        422 => "This `Idempotency-Key` was already used with another body (`idempotency-key-reused`).",
        429 => "Too many writes (`rate-limited`): retry after `Retry-After` seconds.",
        503 => "The event store cannot be reached (`database-unavailable`): retry after `Retry-After` seconds. Nothing was recorded.",
        _ => "A problem.",
    };

    /// <summary>The problem types a route can answer with a status: its own refusals first, then the generic ones of that status.</summary>
    private static IEnumerable<ProblemType> ProblemExamples(int status, RouteContract contract)
    {
        var own = (contract.Operation?.Refusals ?? []).Select(ProblemTypes.Find).OfType<ProblemType>().Where(p => p.Statuses.Contains(status));
        string[] generic = status switch
        {
            400 => contract.Name == "LoadPartnerFigures" ? ["invalid-partner-figures", "validation", "invalid-idempotency-key"]
                : contract.IsWrite ? ["validation", "invalid-json", "invalid-idempotency-key", "invalid-if-match"] : ["validation", "invalid-query-value"],
            401 => ["unauthenticated"],
            403 => contract.Name is "GetAnnualReport" or "GetMirrorComparison" or "GetSdgSeries" ? ["forbidden-role", "not-your-state"] : contract.IsWrite ? ["forbidden-role"] : ["forbidden-role", "not-concerned"],
            404 => contract.Name switch { "GetCodeList" => ["unknown-code-list"], "VerifyMovementDocument" => ["document-not-genuine"], _ => ["not-found"] },
            409 => ["concurrent-change"],
            412 => ["version-mismatch"],
            413 => ["body-too-large"],
            422 => ["idempotency-key-reused"],
            429 => ["rate-limited"],
            503 => ["database-unavailable"],
            _ => [],
        };
        if (status == 400 && !contract.IfMatch) generic = generic.Where(g => g != "invalid-if-match").ToArray();
        return own.Concat(generic.Select(ProblemTypes.Find).OfType<ProblemType>()).DistinctBy(p => p.Id);
    }

    private static ApiProblem ExampleOf(ProblemType type, int status) => type.Id switch
    {
        "validation" => new ApiProblem(type.Type, type.Title, status, "Fields: waste.yCodes[0]",
            Errors: new Dictionary<string, IReadOnlyList<string>> { ["waste.yCodes[0]"] = ["'Y99' is not a Y code of Basel Annex I."] }),
        "invalid-query-value" => new ApiProblem(type.Type, type.Title, status,
            "Query string parameter 'page' has the value 'abc' which cannot be parsed to the expected type int", Parameter: "page"),
        _ when type.IsRule => new ApiProblem(type.Type, type.Title, status, $"{type.Meaning} ({type.Articles.FirstOrDefault()})",
            Rule: type.Id, Article: type.Articles.FirstOrDefault()),
        _ => new ApiProblem(type.Type, type.Title, status, type.Meaning),
    };

    private JsonNode? Json(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), _json);

    // A request example leaves out what is only ever answered (computed, read-only properties).
    private JsonNode? RequestJson(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), _requestJson);

    // ---- the document ----------------------------------------------------------------------------------------------

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "WasteMovements API",
            Version = "1.0.0",
            Summary = "Transboundary movements of hazardous waste: notification, consent, shipments and their certificates (Basel Convention, OECD Decision C(2001)107, EU 2024/1157).",
            Description = ApiDescription.Text,
            Contact = new OpenApiContact { Name = "WasteMovements operators" },
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "This host (the document is served by the API it describes)." }];

        document.Components ??= new OpenApiComponents();
        var components = document.Components;
        components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token (JWT, RS256 or ES256) of an OpenID Connect provider named in the server's configuration, for its audience; in Development and Testing " +
                              "also a development token (HMAC-SHA256, `token` command). The person is `iss` + `sub` (recorded on every event); the provider asserts " +
                              "`role` (`authority`, `facility`, `undertaking`, `auditor` or `admin`), `country` (authorities: the ISO 3166-1 alpha-2 code of the state they act for) and " +
                              "`facility` (facilities: their facility id) under mapped names, or the rights come from the person's assignment. Each operation lists the roles it accepts in its security requirements (one requirement per role) and in `x-roles`.",
            },
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];

        components.Parameters = new Dictionary<string, IOpenApiParameter>
        {
            [ComponentNames.IdempotencyKey] = new OpenApiParameter
            {
                Name = Idempotency.Header, In = ParameterLocation.Header, Required = false,
                Description = "Makes the write safe to retry: the same key, person, route and body again returns the first successful answer (with `Idempotent-Replayed: true`) and records nothing new; the same key with another body is a 422. Refusals are not remembered. Keys are kept 24 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.MaxKeyLength, Pattern = "^[!-~]+$" },
                Example = JsonValue.Create("5f0c2a8e-7b1d-4c8e-9a51-2d6f3e4b7c90"),
            },
            [ComponentNames.IfMatch] = new OpenApiParameter
            {
                Name = "If-Match", In = ParameterLocation.Header, Required = false,
                Description = "The stream version the step is meant for (the `version` of a read, or the `ETag` of a write): if the file has moved on, the answer is 412 and nothing is recorded. Without it, the step is applied after any concurrent one.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^(W/)?\"?[1-9][0-9]*\"?$" },
                Example = JsonValue.Create("\"3\""),
            },
            [ComponentNames.CorrelationId] = new OpenApiParameter
            {
                Name = CorrelationMiddleware.Header, In = ParameterLocation.Header, Required = false,
                Description = "Your id for this request (1 to 64 letters, digits, `-`, `_` or `.`): echoed in the answer and recorded on every event it appends. One is made up otherwise.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^[A-Za-z0-9._-]{1,64}$" },
                Example = JsonValue.Create("erp-7731-ack"),
            },
        };

        components.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["ETag"] = Header("The stream's new version (a quoted integer): send it back as `If-Match` to make the next step conditional.", "\"4\""),
            ["Location"] = Header("The URL of what was created.", "/api/notifications/" + Examples.Number),
            ["Idempotent-Replayed"] = Header("`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.", "true"),
            ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" }, Example = JsonValue.Create(5) },
            ["WWW-Authenticate"] = Header("The authentication scheme the API expects.", "Bearer"),
            [CorrelationMiddleware.Header] = Header("The request's correlation id: yours if you sent a valid one, else one made up; recorded on every event the request appended.", "erp-7731-ack"),
        };

        document.Tags = new HashSet<OpenApiTag>(ApiOperations.TagOrder.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        document.Extensions["x-problem-types"] = new JsonNodeExtension(JsonSerializer.SerializeToNode(ProblemTypes.All.Select(p => new
        {
            id = p.Id,
            type = p.Type,
            statuses = p.Statuses,
            title = p.Title,
            meaning = p.Meaning,
            articles = p.Articles,
            action = p.Action,
        }))!);

        if (document.Components.Schemas?.TryGetValue(ProblemSchema, out var problem) == true && problem is OpenApiSchema problemSchema)
        {
            problemSchema.Description = ProblemTypes.SchemaDescription + "\n\n" + ProblemTypes.Markdown("###");
        }

        SortPaths(document);
        RemoveUnusedSchemas(document);
        return Task.CompletedTask;
    }

    private static OpenApiHeader Header(string description, string example) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = JsonValue.Create(example) };

    /// <summary>Paths in the order of the procedure (by their first operation's tag, then as the catalogue lists them).</summary>
    private static void SortPaths(OpenApiDocument document)
    {
        var tagIndex = ApiOperations.TagOrder.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var opIndex = ApiOperations.All.Select((o, i) => (o.Name, i)).ToDictionary(x => x.Name, x => x.i);
        int Rank(IOpenApiPathItem item)
        {
            IEnumerable<OpenApiOperation> ops = item.Operations?.Values ?? (IEnumerable<OpenApiOperation>)[];
            return ops.Select(o => o.OperationId is { } id && opIndex.TryGetValue(id, out var i) ? i : int.MaxValue).DefaultIfEmpty(int.MaxValue).Min();
        }

        var ordered = document.Paths.OrderBy(p => Rank(p.Value)).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        document.Paths = new OpenApiPaths();
        foreach (var (path, item) in ordered) document.Paths.Add(path, item);
        _ = tagIndex;
    }

    /// <summary>Drops component schemas no longer referenced (Wolverine's <c>IResult</c> and the like).</summary>
    private static void RemoveUnusedSchemas(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        while (true)
        {
            var text = Serialise(document);
            var unused = schemas.Keys.Where(k => !text.Contains($"\"#/components/schemas/{k}\"", StringComparison.Ordinal)).ToList();
            if (unused.Count == 0) return;
            foreach (var key in unused) schemas.Remove(key);
        }
    }

    private static string Serialise(OpenApiDocument document)
    {
        using var writer = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        return writer.ToString();
    }

    // ---- schemas ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// The API's <see cref="SafeStringConverter"/> makes every string an opaque converter to the schema generator, which
    /// then says nothing (<c>{}</c>), and arrays of strings lose their items: this puts <c>type: string</c> back.
    /// </summary>
    private static OpenApiSchema Art11AgreementSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A Basel Art. 11 agreement: its partner (a state, or OECD for the OECD Decision between members), the direction it covers seen from this state, the operations (none: all) and where it is published.",
        Required = new HashSet<string> { "partner", "direction" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["partner"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["direction"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [System.Text.Json.Nodes.JsonValue.Create("both"), System.Text.Json.Nodes.JsonValue.Create("importsFrom"), System.Text.Json.Nodes.JsonValue.Create("exportsTo")],
            },
            ["operations"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            ["source"] = new OpenApiSchema { Type = JsonSchemaType.String },
        },
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        if (info.Type == typeof(string) && schema.Type is null && schema.OneOf is not { Count: > 0 } && schema.AllOf is not { Count: > 0 })
        {
            var nullable = context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        // Enumerations are written as camelCase strings (JsonStringEnumConverter): say so, or generators read them as integers.
        // (A nullable use is already a oneOf of null and the enumeration, so null is not one of its values.)
        if ((Nullable.GetUnderlyingType(info.Type) ?? info.Type).IsEnum && schema.Enum is { Count: > 0 } && schema.Type is null)
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = schema.Enum.Where(v => v is not null).ToList();
        }

        // A property computed from others (no setter, no constructor parameter) is only ever answered, never read.
        if (context.JsonPropertyInfo is { Set: null, AssociatedParameter: null })
        {
            schema.ReadOnly = true;
        }

        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType == typeof(string) && schema.Items is null)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        // An Art. 11 agreement is written by its own converter (it also reads the older plain partner codes), which hides
        // its shape from the generator: describe the object it writes.
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType == typeof(WasteMovements.Domain.CodeLists.Art11Agreement) && schema.Items is null)
        {
            schema.Items = Art11AgreementSchema();
        }

        if (info.Kind == JsonTypeInfoKind.Dictionary && schema.AdditionalProperties is OpenApiSchema values && values.Items is null
            && info.ElementType is { } element && element != typeof(string) && typeof(IEnumerable<string>).IsAssignableFrom(element))
        {
            values.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        // [Description] on a property whose schema this transformer completed is otherwise lost.
        if (schema.Description is null && context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), true)
                .OfType<System.ComponentModel.DescriptionAttribute>().FirstOrDefault() is { } described)
        {
            schema.Description = described.Description;
        }

        if (info.Type == typeof(JsonElement)) schema.Description ??= "Any JSON value: the event's data exactly as it was recorded.";
        if (info.Type == typeof(ApiProblem)) schema.Title = ProblemSchema;
        return Task.CompletedTask;
    }
}

public static class ComponentNames
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const string IfMatch = "If-Match";
    public const string CorrelationId = "X-Correlation-Id";
}
