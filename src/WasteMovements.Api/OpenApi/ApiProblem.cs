using System.ComponentModel;

namespace WasteMovements.Api.OpenApi;

/// <summary>
/// The shape of every error answer (RFC 9457, <c>application/problem+json</c>), as the OpenAPI document describes it
/// under the name <c>Problem</c>. The answers themselves are written by <see cref="Infrastructure.Problems"/> and the
/// framework; this type only documents them (and is what a generated client reads them into).
/// </summary>
[Description(ProblemTypes.SchemaDescription)]
public sealed record ApiProblem(
    [property: Description("The problem type: `urn:wastemovements:problem:<id>` (an identifier, not a link). Branch on this, not on `title`.")]
    string Type,
    [property: Description("A short summary of the problem type, in English.")]
    string Title,
    [property: Description("The HTTP status code of the answer.")]
    int Status,
    [property: Description("What happened in this case, for a person to read; for a refusal it ends with the article in parentheses.")]
    string? Detail = null,
    [property: Description("The rule of the procedure that refused the step (the id at the end of `type`); only on refusals by a rule.")]
    string? Rule = null,
    [property: Description("The legal basis of the rule (e.g. `Basel Art. 4A`, `EU 2024/1157 Art. 9(4)`); only on refusals by a rule.")]
    string? Article = null,
    [property: Description("Validation problems (type `urn:wastemovements:problem:validation`): each invalid field (its JSON path in camelCase) and its messages.")]
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors = null,
    [property: Description("The query parameter that could not be read (type `https://tools.ietf.org/html/rfc9110#section-15.5.1`).")]
    string? Parameter = null,
    [property: Description("The trace id of the request, for the operators' logs.")]
    string? TraceId = null,
    [property: Description("A URI reference for this occurrence, where the framework sets one.")]
    string? Instance = null);
