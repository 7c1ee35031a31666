using WasteMovements.Api.Infrastructure;

namespace WasteMovements.Api.OpenApi;

/// <summary>
/// One kind of problem this API answers with: its <c>type</c> URI, the statuses it comes with, what it means, the
/// articles a refusal by a rule of the procedure cites (its <c>article</c> extension), and what the caller should do.
/// </summary>
public sealed record ProblemType(string Id, string Type, IReadOnlyList<int> Statuses, string Title, string Meaning, string Action)
{
    /// <summary>The articles a refusal of this kind cites in <c>article</c> (empty for problems of the transport).</summary>
    public IReadOnlyList<string> Articles { get; init; } = [];

    /// <summary>A refusal decided by a rule of the procedure (it carries <c>rule</c> and <c>article</c>).</summary>
    public bool IsRule { get; init; }
}

/// <summary>
/// The catalogue of every problem type (docs/problem-types.md is written from it, and the OpenAPI document carries it
/// in its description and as <c>x-problem-types</c>). ProblemTypeCatalogueTests reads the source for every rule id the
/// domain refuses with and every type the API creates, so that none is missing here and none here is stale.
/// </summary>
public static class ProblemTypes
{
    /// <summary>The framework's own answer to an unparseable query value (<c>?page=abc</c>); it names the query parameter in <c>parameter</c>.</summary>
    public const string InvalidQueryValueType = "https://tools.ietf.org/html/rfc9110#section-15.5.1";

    private static ProblemType Api(string id, int status, string title, string meaning, string action) =>
        new(id, Problems.TypeBase + id, [status], title, meaning, action);

    private static ProblemType Rule(string id, int[] statuses, string meaning, string action, params string[] articles) =>
        new(id, Problems.TypeBase + id, statuses, statuses[0] switch
        {
            403 => "Not permitted for your authority",
            404 => "Not found",
            _ => "Refused by a rule of the procedure",
        }, meaning, action) { Articles = articles, IsRule = true };

    private static readonly int[] Conflict = [409];
    private static readonly int[] Forbidden = [403];

    public static readonly IReadOnlyList<ProblemType> All =
    [
        // ---- the request itself ----------------------------------------------------------------------------
        Api("validation", 400, "The request is invalid",
            "A field of the body or a query value breaks a rule of form: missing, too long, not a code of its code list, a date out of range. `errors` maps each field (its JSON path in camelCase, e.g. `waste.yCodes[0]`) to its messages.",
            "Correct the fields named in `errors` and send the request again. Nothing was recorded."),
        Api("invalid-json", 400, "Invalid request body",
            "The body is not JSON of this route's shape: a syntax error, a string where a number belongs (`\"12\"`), an unknown enumeration value, or nesting deeper than 32 levels.",
            "Send a body that matches the request schema of the route. Nothing was recorded."),
        Api("invalid-body", 400, "Invalid request body",
            "The route needs a JSON object as its body and none (or `null`) was sent.",
            "Send the body the request schema describes (`{}` where the schema has no required property)."),
        Api("bad-request", 400, "Bad request",
            "The server could not read the request (for example a truncated body); `status` and `detail` say what the server found.",
            "Fix the request as `detail` says and send it again. Nothing was recorded."),
        new ProblemType("invalid-query-value", InvalidQueryValueType, [400], "Invalid query string value",
            "A query value cannot be read as the type of its parameter (`?page=abc`). This type is the framework's own (RFC 9110 section 15.5.1); `parameter` names the query parameter.",
            "Send the value in the format of the parameter's schema."),
        Api("invalid-if-match", 400, "Invalid If-Match",
            "`If-Match` is not a stream version.",
            "Send the version of a read (its `version`) or of a write (its `ETag`) as `If-Match: \"7\"`, or leave the header out."),
        Api("invalid-idempotency-key", 400, "Invalid Idempotency-Key",
            "`Idempotency-Key` is not one value of 1 to 200 visible ASCII characters.",
            "Send one key per logical request, e.g. a UUID."),

        // ---- who is calling --------------------------------------------------------------------------------
        Api("unauthenticated", 401, "Authentication required",
            "No bearer token, or one that is expired, wrongly signed, issued for another audience, or lacks a claim the API needs (`sub`; `role`; `country` for authorities; `facility` for facilities). The answer carries `WWW-Authenticate: Bearer`.",
            "Obtain a new token and send it as `Authorization: Bearer <JWT>`."),
        Api("forbidden-role", 403, "Not permitted for your role",
            "Your role may not use this route (each operation names the roles it accepts), e.g. a facility filing a notification, or an auditor asking for an inbox.",
            "Call the route with an account of a role it accepts."),
        new ProblemType("not-concerned", Problems.TypeBase + "not-concerned", Forbidden, "Not permitted for your authority",
            "Your state is not a state concerned by the movement (neither export, import nor transit), or you are not the facility of the shipment. Only the states concerned see and act on a file.",
            "Check the notification number; act through the authority of a state concerned.") { Articles = ["Basel Art. 2(13)", "EU 2024/1157 Art. 18(4)"], IsRule = true },
        Api("not-your-state", 403, "Not permitted for your authority",
            "An authority reads the annual report of its own state only.",
            "Ask for `state=` of the state your token names, or use an auditor's account."),

        // ---- what is addressed ----------------------------------------------------------------------------
        Api("not-found", 404, "Not found",
            "No notification, shipment or country exists under the identifier in the path.",
            "Check the identifier: a notification number reads `DE-2026-000001`, a shipment id `DE-2026-000001-003`, a country an ISO 3166-1 alpha-2 code."),
        Api("unknown-code-list", 404, "Not found",
            "No code list of that name; `detail` lists the names (`y-codes`, `h-codes`, `operations`, `basel-a`, `basel-b`, `oecd-amber`, `oecd-green`, `countries`).",
            "Ask for one of the listed code lists."),
        Api("document-not-genuine", 404, "Not a genuine document",
            "The verification link (the QR code of a movement document) was not issued by this system for any shipment.",
            "Treat the paper as suspect and contact the competent authority of the state of export."),

        // ---- the state of the file ------------------------------------------------------------------------
        Api("concurrent-change", 409, "Changed concurrently",
            "Another step changed the same file at the same moment; this request was rolled back and nothing was recorded.",
            "Read the file again, check that the step still applies, and send it again (with the same `Idempotency-Key`)."),
        Api("version-mismatch", 412, "Precondition failed",
            "The file is no longer at the version `If-Match` named: another step was recorded since you read it.",
            "Read the file again (its `version`), decide whether the step still applies, and send it with the new version."),
        Api("idempotency-key-reused", 422, "Idempotency-Key reused",
            "This `Idempotency-Key` was already used by you on this route with another body.",
            "Use a new key for a new request; reuse a key only to retry the identical request."),

        // ---- limits and availability ----------------------------------------------------------------------
        Api("upload-id-required", 400, "Upload-Id required",
            "A bulk upload names itself in the header `Upload-Id` (1 to 100 letters, digits, `-`, `_`, `.`, `:`); its rows' idempotency keys are derived from it.",
            "Send `Upload-Id`, and the same one on every retry of the file. Nothing was recorded."),
        Api("invalid-csv", 400, "Invalid CSV file",
            "The upload is not `text/csv`, a quoted field is not closed, the header row is missing, or a column is not one of the kind's columns (docs/api-guide.md, \"Bulk upload\").",
            "Correct the file as `detail` says. Nothing was recorded."),
        Api("unknown-upload-kind", 404, "Not found",
            "There is no upload of this kind: `prior-information`, `receipts`, `annex-vii-documents` or `annex-vii-receipts`.",
            "Use one of the kinds."),
        Api("upload-too-many-rows", 413, "Too many rows",
            "An upload holds at most 500 rows.",
            "Split the file into several uploads, each with its own `Upload-Id`. Nothing was recorded."),
        Api("body-too-large", 413, "Request body too large",
            "The body is larger than 1 MiB.",
            "Send documents as references (attachments are names or links, not content)."),
        Api("rate-limited", 429, "Too many requests",
            "More writes than the configured limit per person per window (1200 a minute by default); reads are not limited. `Retry-After` gives the seconds to wait.",
            "Wait the `Retry-After` seconds, then retry. Nothing was recorded."),
        Api("database-unavailable", 503, "Service unavailable",
            "The event store cannot be reached. Nothing was recorded. `Retry-After` gives the seconds to wait.",
            "Retry after `Retry-After` seconds with the same `Idempotency-Key`."),
        Api("internal", 500, "Internal error",
            "An unexpected failure; nothing was recorded and no internals are shown.",
            "Retry later; if it persists, report the `X-Correlation-Id` of the answer to the operators."),

        // ---- rules of the procedure: filing (Basel Art. 4, 6(1)) ----------------------------------------------
        Rule("not-state-of-export", Forbidden,
            "Only the competent authority of the state of export files the notification, answers information requests, cancels, records the guarantee, announces shipments, records departures and arranges take-back.",
            "Act from an account of the state of export's authority.", "Basel Art. 6(1)", "Basel Art. 6(1), 6(9)"),
        Rule("unknown-state", Conflict,
            "The state of export or the state of import is not in the country registry.",
            "Use ISO 3166-1 alpha-2 codes of the registry (`GET /api/countries`).", "Basel Art. 6(1)", "EU 2024/1157 Art. 3(13)-(14)"),
        Rule("export-equals-import", Conflict,
            "The state of export and the state of import are the same: that is not a transboundary movement.",
            "Correct the states; a movement within one state is not notified here.", "Basel Art. 2(3)"),
        Rule("south-of-60", Conflict,
            "No waste may be exported for disposal within the area south of 60 degrees South latitude.",
            "Choose another state of import.", "Basel Art. 4(6)"),
        Rule("non-party-export", Conflict,
            "The state of export is not a Party to the Basel Convention and no Art. 11 agreement covers the movement.",
            "A movement with a non-Party needs an Art. 11 agreement recorded in the country registry.", "Basel Art. 4(5)"),
        Rule("non-party-import", Conflict,
            "The state of import is not a Party to the Basel Convention and no Art. 11 agreement covers the movement.",
            "A movement with a non-Party needs an Art. 11 agreement recorded in the country registry.", "Basel Art. 4(5)"),
        Rule("ban-amendment", Conflict,
            "The state of export is an Annex VII Party bound by the Ban Amendment: hazardous wastes may not go to a state outside Annex VII for disposal (D operations).",
            "The movement is prohibited; no notification can be filed for it.", "Basel Art. 4A(1)"),
        Rule("ban-amendment-recovery", Conflict,
            "The state of export is an Annex VII Party bound by the Ban Amendment: hazardous wastes of Art. 1(1)(a) may not go to a state outside Annex VII for recovery (R operations).",
            "The movement is prohibited; no notification can be filed for it.", "Basel Art. 4A(2)"),
        Rule("ban-amendment-national-definition", Conflict,
            "A state concerned defines the waste as hazardous under its national law (Art. 1(1)(b), 3): the Ban Amendment prohibits its export for disposal to a state outside Annex VII.",
            "The movement is prohibited; the definition's source is in the country registry.", "Basel Art. 4A(1), 1(1)(b)"),
        Rule("same-state-movement", Conflict,
            "The states of export and import are parts of one Member State in the Union (e.g. France and Reunion) and the movement passes through no other state: transport within a Member State.",
            "Follow the national regime of that Member State (EU 2024/1157 Art. 36); name the transit states if the movement passes through another state.",
            "Basel Art. 2(3); EU 2024/1157 Art. 36"),
        Rule("import-prohibited", Conflict,
            "The state of import has notified a prohibition of the import of these wastes.",
            "The movement is prohibited; see the prohibition's source in `detail`.", "Basel Art. 4(1)"),
        Rule("general-notification-period", Conflict,
            "A general notification covers at most 12 months from the first to the last departure; 36 months to a pre-consented facility (EU, OECD).",
            "Shorten the period or file another notification for the rest.", "Basel Art. 6(8)", "EU 2024/1157 Art. 14(12)",
            "OECD C(2001)107 (pre-consented facilities)"),
        Rule("single-notification-several-shipments", Conflict,
            "A single notification covers one shipment; several shipments make it a general notification.",
            "File it as a general notification (with the quantity per shipment), or as one shipment.", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 13"),
        Rule("preconsent-recovery-only", Conflict,
            "A facility is pre-consented for recovery only; the notification names a disposal operation.",
            "File without claiming a pre-consented facility.", "EU 2024/1157 Art. 14(1); OECD C(2001)107 (pre-consented facilities)"),
        Rule("preconsent-not-for-r13", Conflict,
            "A facility that only stores waste (R13) before recovery elsewhere cannot be pre-consented.",
            "File without claiming a pre-consented facility.", "EU 2024/1157 Art. 14(1)"),
        Rule("eu-export-for-disposal", Conflict,
            "Waste may leave the Union for disposal only to EFTA countries (CH, IS, LI, NO) that are Parties to the Basel Convention.",
            "The export is prohibited; dispose of the waste in the Union or an EFTA Basel Party.", "EU 2024/1157 Art. 37"),
        Rule("eu-export-ban-hazardous", Conflict,
            "Hazardous waste may not leave the Union for recovery in a country to which the OECD Decision does not apply.",
            "The export is prohibited.", "EU 2024/1157 Art. 39(1)", "EU 2024/1157 Art. 49(2), 39(1)"),
        Rule("eu-export-ban-national-definition", Conflict,
            "The destination notified these wastes as hazardous under Basel Art. 3: they may not leave the Union for recovery there.",
            "The export is prohibited; the definition's source is in the country registry.", "EU 2024/1157 Art. 39(1)(i)", "EU 2024/1157 Art. 49(2), 39(1)(i)"),
        Rule("eu-export-to-oct-for-disposal", Conflict,
            "Waste may not leave the Union for disposal in an overseas country or territory.",
            "The export is prohibited.", "EU 2024/1157 Art. 49(1)"),
        Rule("dispatch-before-destination-consent", Conflict,
            "In an export for disposal (or a shipment through a third country it applies to), the dispatch authority decides only after the destination's written consent.",
            "Wait for the destination's written consent, then decide.",
            "EU 2024/1157 Art. 38(2)(g)", "EU 2024/1157 Art. 34(a), 38(2)(g)", "EU 2024/1157 Art. 35(1), 34(a), 38(2)(g)"),
        Rule("dispatch-before-transit-period", Conflict,
            "The dispatch authority may consent not earlier than 61 days after the acknowledgement of a transit authority outside the Union, unless every other authority consented in writing.",
            "Decide from the date in `detail`, or once every other authority consented in writing.",
            "EU 2024/1157 Art. 38(2)(g)", "EU 2024/1157 Art. 44(6)(b)", "EU 2024/1157 Art. 34(a), 38(2)(g)", "EU 2024/1157 Art. 35(1), 34(a), 38(2)(g)"),
        Rule("dispatch-before-transit-consent", Conflict,
            "The dispatch authority decides only after the tacit or written consent of the transit authority outside the Union.",
            "Wait for the transit authority's consent (its period is on the notification).",
            "EU 2024/1157 Art. 38(2)(g)", "EU 2024/1157 Art. 44(6)(b)", "EU 2024/1157 Art. 34(a), 38(2)(g)", "EU 2024/1157 Art. 35(1), 34(a), 38(2)(g)"),
        Rule("eu-export-ban-plastics", Conflict,
            "Plastic waste B3011 may not leave the Union for a non-OECD country from 21 November 2026.",
            "The export is prohibited.", "EU 2024/1157 Art. 39(1)(d)"),
        Rule("eu-export-ban-pops", Conflict,
            "Waste with persistent organic pollutants at or above the limits of Regulation (EU) 2019/1021 may not leave the Union for a non-OECD country.",
            "The export is prohibited.", "EU 2024/1157 Art. 39(1)(f)"),

        // ---- rules of the procedure: the consent procedure (Basel Art. 6(2)-(4), EU 2024/1157 Art. 8-9) ---------
        Rule("not-import-or-transit", Forbidden,
            "Only the authorities of the states of import and transit acknowledge and ask for information.",
            "Act from an account of the state of import or of transit.", "Basel Art. 6(4)", "Basel Art. 6(2), 6(4)"),
        Rule("not-a-deciding-authority", Forbidden,
            "Under this regime the consent of your state is not asked (the state of export decides only under the EU regime, as dispatch).",
            "Only the states of import and transit (EU: also dispatch) decide.", "Basel Art. 6(2), 6(4)"),
        Rule("already-acknowledged", Conflict,
            "Your authority already acknowledged the notification.",
            "Nothing to do; the acknowledgement stands.", "Basel Art. 6(4)"),
        Rule("already-decided", Conflict,
            "Your authority already decided (consented, refused or withdrew); it can no longer acknowledge, ask for information or decide again.",
            "Read the notification; a consent can be withdrawn (`withdrawals`), a decision is not changed.", "Basel Art. 6(2), 6(4)", "Basel Art. 6(4)"),
        Rule("tacit-consent-deemed", Conflict,
            "Your state gave no answer within its period and is deemed to have consented tacitly; a later written answer is refused.",
            "Read the notification; a deemed consent can be withdrawn where the regime allows it.", "Basel Art. 6(4)", "OECD C(2001)107 (tacit consent)", "EU 2024/1157 Art. 9(1)",
            "EU 2024/1157 Art. 32", "EU 2024/1157 Art. 35(2)(b)", "EU 2024/1157 Art. 9(1), 44(1), 53(1)", "EU 2024/1157 Art. 44(2)(g)",
            "EU 2024/1157 Art. 53(2)(a)", "EU 2024/1157 Art. 58(2), 53(2)(a)", "EU 2024/1157 Art. 34(b); Basel Art. 6(4)",
            "EU 2024/1157 Art. 38(2)(f); Basel Art. 6(4)", "EU 2024/1157 Art. 44(6)(a); Basel Art. 6(4)", "EU 2024/1157 Art. 51(2)(e); Basel Art. 6(4)",
            "EU 2024/1157 Art. 49(3); Basel Art. 6(4)", "EU 2024/1157 Art. 56(1); Basel Art. 6(4)"),
        Rule("not-acknowledged", Conflict,
            "Your authority must acknowledge the notification before deciding.",
            "Acknowledge first (`acknowledgements`), then decide.", "Basel Art. 6(4); EU 2024/1157 Art. 8"),
        Rule("information-outstanding", Conflict,
            "Your authority has an unanswered information request; the decision waits for the answer.",
            "Wait for the state of export's answer (it appears in your inbox), then decide.", "Basel Art. 6(2)"),
        Rule("consent-validity-before-decision", Conflict,
            "A consent cannot be valid from a day before it is given: no movement may precede consent.",
            "Send a `validFrom` on or after today.", "Basel Art. 6(3); EU 2024/1157 Art. 9(4)"),
        Rule("consent-validity-in-the-past", Conflict,
            "The consent's last day of validity is already past.",
            "Send a `validUntil` in the future.", "EU 2024/1157 Art. 9(4)"),
        Rule("consent-validity-too-long", Conflict,
            "The consent would be valid longer than the regime allows: 12 months (Basel general notifications, OECD, EU), 36 for a general notification to a pre-consented facility (OECD, EU).",
            "Shorten the validity; `detail` names the maximum.", "Basel Art. 6(8)", "OECD C(2001)107", "EU 2024/1157 Art. 9(4)", "EU 2024/1157 Art. 14(12)",
            "OECD C(2001)107 (pre-consented facility)"),
        Rule("contract-not-confirmed", Conflict,
            "The state of import must confirm that a contract between exporter and disposer requiring environmentally sound management exists.",
            "Consent with `contractConfirmed: true` once the contract is confirmed, or ask for information.", "Basel Art. 6(3)(b)"),
        Rule("unknown-information-request", [404],
            "The notification has no information request with that id.",
            "Use the `requestId` of the request (from its 201 answer, the notification or the inbox).", "Basel Art. 6(2)"),
        Rule("already-answered", Conflict,
            "The information request was already answered.",
            "Nothing to do; a new question needs a new information request.", "Basel Art. 6(2)"),
        Rule("too-many-information-requests", Conflict,
            "Your authority has made a request and two further requests; the notification must now be decided.",
            "Decide on the notification.", "EU 2024/1157 Art. 8(9)"),
        Rule("no-consent-to-withdraw", [409, 403],
            "Your state has not consented (409), or is not a deciding authority of the notification (403): only the state that consented withdraws its consent.",
            "Read the notification; nothing to withdraw.", "EU 2024/1157 Art. 9(7)"),
        Rule("notification-cancelled", Conflict,
            "The state of export cancelled the notification; no further step may be taken on it.",
            "A new movement needs a new notification.", "Basel Art. 6(1)"),
        Rule("notification-refused", Conflict,
            "A state concerned refused the notification; the procedure has ended and no shipment may start.",
            "A new movement needs a new notification.", "Basel Art. 6(2), 6(4)"),
        Rule("consent-withdrawn", Conflict,
            "A consent to the notification was withdrawn; the procedure has ended and no shipment may start.",
            "A new movement needs a new notification.", "EU 2024/1157 Art. 9(7)-(8)"),
        Rule("consent-expired", Conflict,
            "The consent's validity has ended; the notification expired.",
            "Further shipments need a new notification.", "EU 2024/1157 Art. 9(4); Basel Art. 6(8)", "EU 2024/1157 Art. 9(4), 9(5)"),
        Rule("notification-closed", Conflict,
            "The notification is closed: every shipment has been concluded.",
            "Further shipments need a new notification.", "Basel Art. 6(9)"),

        // ---- rules of the procedure: the financial guarantee (Basel Art. 6(11), EU 2024/1157 Art. 7) ----------
        Rule("notification-not-open", Conflict,
            "The notification has ended (refused, withdrawn, cancelled, expired or closed); no guarantee can be recorded for it.",
            "Nothing to do for this notification.", "Basel Art. 6(11)"),
        Rule("not-the-approving-authority", Forbidden,
            "Your authority does not approve this guarantee: under the EU regime the dispatch authority does, otherwise the states that required one.",
            "Leave the approval to the authority named in `detail`.", "Basel Art. 6(11)", "EU 2024/1157 Art. 7(1)"),
        Rule("no-guarantee-recorded", Conflict,
            "No insurance or guarantee has been recorded (or, for a release, approved) yet.",
            "The state of export records it first (`guarantee`).", "Basel Art. 6(11)", "EU 2024/1157 Art. 7"),
        Rule("already-approved", Conflict,
            "Your authority already approved the guarantee.",
            "Nothing to do; the approval stands.", "Basel Art. 6(11)"),
        Rule("already-released", Conflict,
            "The guarantee was already released.",
            "Nothing to do.", "EU 2024/1157 Art. 7(5)"),
        Rule("certificates-outstanding", Conflict,
            "The guarantee is released only when every shipment's certificate has arrived (or the notification will carry no further shipment).",
            "Wait for the certificates named in `detail`.", "EU 2024/1157 Art. 7(5)"),

        // ---- rules of the procedure: shipments (Basel Art. 6(3), 6(6)-(9), Annex V B; EU 2024/1157 Art. 15-17) ----
        Rule("consent-missing", Conflict,
            "Not every state that must consent has consented; no shipment may start before every consent.",
            "Wait until the notification is consented; `detail` names the states still missing.", "Basel Art. 6(3), 6(4)"),
        Rule("outside-consent-validity", Conflict,
            "The planned or actual departure lies outside the consents' validity.",
            "Plan the shipment within the validity shown on the notification.", "EU 2024/1157 Art. 9(5); Basel Art. 6(6)"),
        Rule("unit-differs", Conflict,
            "The quantity is counted in another unit than the notification (announcement) or the movement document (receipt).",
            "Send the quantity in the unit of the notification (`t` or `m3`).", "Basel Annex V A item 15", "Basel Annex V B item 11"),
        Rule("shipment-count-exceeded", Conflict,
            "Every shipment the notification intended has been announced.",
            "More shipments need a new notification.", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 17"),
        Rule("total-quantity-exceeded", Conflict,
            "The shipment would exceed the notified total quantity.",
            "Announce at most the remaining quantity (`detail` says how much remains).", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 17"),
        Rule("guarantee-not-approved", Conflict,
            "The insurance or financial guarantee must be approved before the first shipment.",
            "Record the guarantee and have it approved by the authority named in `detail`.", "Basel Art. 6(11)", "EU 2024/1157 Art. 7"),
        Rule("prior-information-too-late", Conflict,
            "Under the EU regime prior information must reach the authorities a number of working days before the shipment starts.",
            "Plan the departure later (`detail` gives the number of working days).", "EU 2024/1157 Art. 16(2)", "Regulation (EC) No 1013/2006 Art. 16(b)"),
        Rule("already-departed", Conflict,
            "The shipment's departure was already recorded.",
            "Nothing to do; read the shipment.", "Basel Annex V B item 6"),
        Rule("consent-not-in-force", Conflict,
            "The notification is not (or no longer) consented: the movement may not start.",
            "Read the notification's status.", "Basel Art. 6(3); EU 2024/1157 Art. 9(5)"),
        Rule("departure-before-consent", Conflict,
            "A shipment may not be planned, or depart, before the last consent: a movement before consent is illegal traffic.",
            "Plan or record the departure on or after the day of the last consent.", "Basel Art. 6(3), 9(1)(a)"),
        Rule("carrier-not-notified", Conflict,
            "The carrier is not one the notification names: a change of carrier is notified to the authorities concerned first.",
            "Use a notified carrier, or have the change of carrier notified (EU 2024/1157 Art. 17) before the shipment.",
            "EU 2024/1157 Art. 17(1)", "Basel Annex V A item 5, Art. 6(9)"),
        Rule("guarantee-validity-too-short", Conflict,
            "The financial guarantee ends before the notification's last departure; it must apply until the completion certificates.",
            "Record a guarantee valid at least until the last departure and the certificates.", "EU 2024/1157 Art. 7", "Basel Art. 6(11)"),
        Rule("guarantee-expired", Conflict,
            "The approved financial guarantee ends before the planned departure.",
            "Record and have approved a guarantee that covers the shipment.", "EU 2024/1157 Art. 7", "Basel Art. 6(11)"),
        Rule("departure-in-the-future", Conflict,
            "A departure is recorded when it has happened.",
            "Record it after the movement started, with the actual time.", "Basel Annex V B item 6"),
        Rule("not-the-state-crossed", Forbidden,
            "Only the authority of the state crossed records its border crossing.",
            "Record crossings of your own state's borders only.", "Basel Art. 6(4), 7"),
        Rule("not-on-the-route", Forbidden,
            "The state named is not a state concerned by the notification: crossing it was not consented.",
            "Record illegal traffic if the waste left the consented route.", "Basel Art. 6(1), Annex V A item 7"),
        Rule("not-in-transit", Conflict,
            "The shipment is not in transit (not departed yet, or already received).",
            "Read the shipment's status.", "Basel Annex V B item 7", "Basel Art. 6(9)"),
        Rule("not-the-carrier-in-charge", Conflict,
            "The carrier handing over is not the carrier in charge of the shipment.",
            "Name the carrier in charge (read the shipment) as `fromCarrier`.", "Basel Art. 6(9)"),
        Rule("not-the-facility", Forbidden,
            "Only the facility named for the shipment confirms receipt, rejects and certifies.",
            "Act from an account of the named facility.", "Basel Art. 6(9)"),
        Rule("receipt-time-impossible", Conflict,
            "The time of receipt is before the departure or in the future.",
            "Send the actual time of receipt.", "Basel Annex V B item 14"),
        Rule("not-received", Conflict,
            "Only received waste is certified.",
            "Confirm receipt first.", "Basel Art. 6(9)"),
        Rule("operation-differs", Conflict,
            "The certificate names another disposal or recovery operation than the one notified.",
            "Certify the notified operation, or have the notification's operation changed by a new notification.", "Basel Art. 6(9), Annex V B item 14"),
        Rule("completion-time-impossible", Conflict,
            "Completion is before receipt or in the future.",
            "Send the actual time of completion.", "Basel Annex V B item 14"),

        // ---- rules of the procedure: take-back and illegal traffic (Basel Art. 8, 9) -------------------------
        Rule("cannot-reject-now", Conflict,
            "Only waste that is arriving or received can be rejected.",
            "Read the shipment's status.", "Basel Art. 8"),
        Rule("rejected-quantity-too-large", Conflict,
            "More would be rejected than was delivered and not yet rejected.",
            "Reject at most the quantity `detail` names.", "Basel Art. 8"),
        Rule("not-state-of-import", Forbidden,
            "Only the state of import informs that a movement cannot be completed.",
            "Act from an account of the state of import's authority.", "Basel Art. 8"),
        Rule("cannot-be-completed-not-applicable", Conflict,
            "The shipment is not on its way or received, so there is nothing that cannot be completed.",
            "Read the shipment's status.", "Basel Art. 8"),
        Rule("no-take-back-pending", Conflict,
            "The shipment has no pending take-back (nothing was rejected or reported as impossible to complete).",
            "Read the shipment's status.", "Basel Art. 8"),
        Rule("unknown-cause", Conflict,
            "The cause is not one of the causes of illegal traffic of Art. 9(1).",
            "Send one of the causes listed in `detail`.", "Basel Art. 9(1)"),

        // ---- rules of the procedure: green-listed waste and samples (EU 2024/1157 Art. 4(4)-(5), 18) ---------
        Rule("not-an-undertaking", Forbidden,
            "The person who arranges the shipment fills and signs the Annex VII document; an authority, facility or auditor does not.",
            "Fill the document with an undertaking's account (role `undertaking`).", "EU 2024/1157 Art. 18(5)"),
        Rule("annex-vii-same-state", Conflict,
            "The state of dispatch and the state of destination are the same: that is not a shipment between countries.",
            "Name the state of destination.", "EU 2024/1157 Art. 3(25)"),
        Rule("annex-vii-within-union-only", Conflict,
            "The service files Annex VII documents for shipments within the Union (Title II); the dispatch or destination named is not a Member State.",
            "Exports and imports of green-listed waste are not handled here (docs/law.md).", "EU 2024/1157 Art. 4(4)"),
        Rule("annex-vii-recovery-only", Conflict,
            "Green-listed waste travels with Annex VII information only to recovery (Art. 4(4)); a recovery certificate exists only for a recovery operation (Art. 18(9)).",
            "Notify a shipment for disposal (`POST /api/notifications`); a sample for a disposal trial needs no recovery certificate.", "EU 2024/1157 Art. 4(4)", "EU 2024/1157 Art. 18(9)"),
        Rule("notification-required", Conflict,
            "The waste code is amber-listed or hazardous (Annex IV: Basel Annex VIII, Y codes, OECD amber): its shipment needs notification and consent.",
            "File a notification (`POST /api/notifications`).", "EU 2024/1157 Art. 4(2)(a)"),
        Rule("not-green-listed", Conflict,
            "The waste code is not a single entry of the green list in force (Basel Annex IX, OECD Appendix 3 Part II). Annex IIIA mixtures and Annex IIIB entries are not encoded.",
            "File a notification, or correct the code.", "EU 2024/1157 Art. 4(2)(b)"),
        Rule("hazardous-under-list-of-waste", Conflict,
            "The list-of-waste code is a hazardous entry (it ends in `*`): its shipment needs notification and consent.",
            "File a notification.", "EU 2024/1157 Art. 4(2)(d)"),
        Rule("sample-quantity-limit", Conflict,
            "A sample for laboratory analysis or an experimental treatment trial weighs more than the limit: 250 kg (Reg. 2024/1157), 25 kg before 21 May 2026 (Reg. 1013/2006).",
            "Ship at most the limit, or notify; a larger agreed quantity (Art. 4(5)(b)) is not recorded by this service.", "EU 2024/1157 Art. 4(5)(a)", "EC 1013/2006 Art. 3(4)"),
        Rule("annex-vii-subsequent-facility", Conflict,
            "An interim recovery (R12, R13) names the facility and the R-code of the recovery that directly follows.",
            "Give `subsequentFacility` and `subsequentOperation`.", "EU 2024/1157 Art. 18(7)"),
        Rule("arranger-permit-required", Conflict,
            "A new producer, collector, dealer or broker arranges a shipment only with a permit or registration under Chapter IV of Directive 2008/98/EC.",
            "Give `arrangerPermit`.", "EU 2024/1157 Art. 18(2)"),
        Rule("facility-permit-required", Conflict,
            "The recovery facility holds a permit or registration and presents it before the shipment.",
            "Give `facilityPermit`.", "EU 2024/1157 Art. 18(3)"),
        Rule("annex-vii-contract-required", Conflict,
            "The contract between the person who arranges the shipment and the consignee (with the take-back obligation) is in effect when the document is completed.",
            "Give `contractReference` (or the declaration of a single legal entity, Art. 18(14)).", "EU 2024/1157 Art. 18(10)"),
        Rule("annex-vii-too-late", Conflict,
            "The document is completed later than two working days (of the state of dispatch) before the shipment starts.",
            "Move the shipment date to the day named in `detail` or later.", "EU 2024/1157 Art. 18(5)"),
        Rule("not-receiver", Forbidden,
            "Only the facility named in the document (or its consignee, for the receipt) confirms receipt or certifies recovery.",
            "Act with the facility's or the consignee's account.", "EU 2024/1157 Art. 18(8)", "EU 2024/1157 Art. 18(9)"),
        Rule("annex-vii-already-received", Conflict,
            "This receiver confirmed receipt of the document already.",
            "Read the document.", "EU 2024/1157 Art. 18(8)"),
        Rule("annex-vii-receipt-date", Conflict,
            "The day of receipt is before the shipment's start or after today.",
            "Send the day the waste arrived.", "EU 2024/1157 Art. 18(8)"),
        Rule("annex-vii-recovery-before-receipt", Conflict,
            "The facility has not confirmed receipt; the recovery is certified after it.",
            "Confirm receipt first.", "EU 2024/1157 Art. 18(8)-(9)"),
        Rule("annex-vii-already-recovered", Conflict,
            "The recovery of the document was certified already.",
            "Read the document.", "EU 2024/1157 Art. 18(9)"),
        Rule("annex-vii-recovery-date", Conflict,
            "The day of completion is before the receipt or after today.",
            "Send the day the recovery was completed.", "EU 2024/1157 Art. 18(9)"),
        Rule("annex-vii-inspection-date", Conflict,
            "The inspection's day is in the future.",
            "Record an inspection once it took place.", "EU 2024/1157 Art. 3(27)"),

        // ---- administration ---------------------------------------------------------------------------------
        Rule("not-an-administrator", Forbidden,
            "Only an administrator revises the country registry.",
            "Ask an administrator.", "Country registry administration (docs/operations.md)"),
        Rule("retention-period-running", Conflict,
            "A file concerned must still be kept (5 years after its last certificate, or its last step), or a shipment is still on its way; nothing was erased.",
            "Erase after the day named in `detail`.", "EU 2024/1157 Art. 20"),
    ];

    public static ProblemType? Find(string idOrType) =>
        All.FirstOrDefault(p => p.Id == idOrType || p.Type == idOrType);

    public const string SchemaDescription =
        "An RFC 9457 problem: every error of this API. `type` identifies the kind of problem; a refusal by a rule of the procedure also carries `rule` and `article`.";

    /// <summary>The catalogue as Markdown: the OpenAPI document's description and docs/problem-types.md.</summary>
    public static string Markdown(string heading = "##")
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"{heading} Problem types").AppendLine();
        text.AppendLine("Every error is an RFC 9457 problem (`application/problem+json`, schema `Problem`). Its `type` is a URN of the form " +
                        "`urn:wastemovements:problem:<id>` (an identifier, not a link), except one type of the framework. A refusal by a rule of " +
                        "the procedure also names the rule in `rule` and its legal basis in `article`. Nothing is recorded by a request that is " +
                        "answered with a problem.").AppendLine();
        foreach (var (title, rules) in new[] { ("Problems of the request, the caller and the service", false), ("Refusals by a rule of the procedure (`rule`, `article`)", true) })
        {
            text.AppendLine($"{heading}# {title}").AppendLine();
            text.AppendLine(rules ? "| rule (`type` is `urn:wastemovements:problem:<rule>`) | status | meaning | article | what to do |" : "| `type` | status | meaning | what to do |");
            text.AppendLine(rules ? "| --- | --- | --- | --- | --- |" : "| --- | --- | --- | --- |");
            foreach (var p in All.Where(p => p.IsRule == rules))
            {
                var statuses = string.Join(", ", p.Statuses);
                text.AppendLine(rules
                    ? $"| `{p.Id}` | {statuses} | {Cell(p.Meaning)} | {Cell(string.Join("; ", p.Articles))} | {Cell(p.Action)} |"
                    : $"| `{p.Type}` | {statuses} | {Cell(p.Meaning)} | {Cell(p.Action)} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
