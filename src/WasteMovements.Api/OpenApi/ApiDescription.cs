namespace WasteMovements.Api.OpenApi;

/// <summary>The OpenAPI document's description: how to use the API, then the catalogue of problem types.</summary>
public static class ApiDescription
{
    public static string Text => Usage;

    private const string Usage = """
        WasteMovements records the transboundary movements of hazardous wastes under the prior informed consent procedure of the
        Basel Convention, with the OECD Decision C(2001)107 and the EU Regulation 2024/1157: the competent authority of the state of
        export files a **notification**, the states of import and transit **acknowledge** it and **consent** (or refuse), the state
        of export **announces shipments** under the consent, each shipment **departs**, crosses borders, is **received** and
        **certified** by the facility, and auditors read the **history** of every step.

        A typical movement through this API:

        1. `POST /api/notifications` (state of export) answers `201` with the notification number.
        2. `POST /api/notifications/{number}/acknowledgements` and `.../decisions` (each state of import and transit).
        3. `POST /api/notifications/{number}/shipments` (state of export) answers `201` with the shipment id.
        4. `POST /api/shipments/{shipmentId}/departure` (state of export), `.../receipt` and `.../completion` (the facility).
        5. `GET /api/notifications/{number}/history` (states concerned, auditors): every event in order.

        ## Conventions

        - JSON, camelCase property names, enumerations as camelCase strings, dates and instants in ISO 8601, quantities as JSON
          numbers (`"12"` is refused) in `t` or `m3`.
        - **Authentication**: every route but the reference data and the document verification needs `Authorization: Bearer <JWT>`
          (scheme `bearer`). The token's `role` decides which routes you may call (each operation says so, and lists the roles in
          its security requirements and in `x-roles`); `country` (authorities) and `facility` (facilities) decide on which
          movements you may act: only the states concerned and the named facility.
        - **Every write answers the stream's new version**, in the body and as `ETag` (`"7"`). Send it back as `If-Match: "7"` to
          make the next step conditional (412 `version-mismatch` if the file has moved on); without `If-Match` a step is applied
          after any concurrent one.
        - **Retries**: send an `Idempotency-Key` (e.g. a UUID) with every write that may be retried after a timeout, a dropped
          connection or a 503. The same key and body again returns the first answer (`Idempotent-Replayed: true`) and records
          nothing; the same key with another body is a 422.
        - **A refused request records nothing.** Every error is a problem (`application/problem+json`, schema `Problem`); branch on
          its `type` (`urn:wastemovements:problem:<id>`). A refusal by a rule of the procedure names the rule in `rule` and its legal
          basis in `article`. Every problem type, with its meaning, article and what to do, is listed in the description of the
          `Problem` schema and, for programs, in the document's `x-problem-types`.
        - `X-Correlation-Id`: send one to find your request in the history (`correlationId`) and the logs; it is echoed back.
        - Limits: bodies up to 1 MiB (413); writes per person per minute (429 with `Retry-After`); reads are not limited.

        """;
}
