using WasteMovements.Api.Audit;
using WasteMovements.Api.CodeLists;
using WasteMovements.Api.Consent;
using WasteMovements.Api.GreenList;
using WasteMovements.Api.Pipeline;
using WasteMovements.Api.Notifications;
using WasteMovements.Api.PreconsentedFacilities;
using WasteMovements.Api.Shipments;
using WasteMovements.Api.Uploads;
using WasteMovements.Domain.Audit;
using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.GreenList;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.PreconsentedFacilities;
using WasteMovements.Domain.Reports;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Api.OpenApi;

/// <summary>A named example of a request or response body.</summary>
public sealed record BodyExample(string Name, string Summary, object Value);

/// <summary>
/// What the OpenAPI document says about one route beyond what the code shows: its capability (tag), a summary and
/// description for a person, what it answers on success, and examples. The statuses it can answer with a problem, the
/// headers and the roles are derived from the route itself (<see cref="ContractPolicy"/>, <see cref="ContractTransformers"/>).
/// </summary>
public sealed record ApiOperation(string Name, string Tag, string Summary, string Description)
{
    public int SuccessStatus { get; init; } = 200;
    public Type? SuccessType { get; init; }
    public string SuccessDescription { get; init; } = "OK";

    /// <summary>Other media types of the success answer (the JSON one is described by <see cref="SuccessType"/>): content type and what it holds.</summary>
    public IReadOnlyList<(string ContentType, string Format)> OtherMedia { get; init; } = [];

    /// <summary>A 201 answer carries a Location header.</summary>
    public bool Location { get; init; }

    /// <summary>The route reads no database (no 503).</summary>
    public bool NoDatabase { get; init; }

    /// <summary>Statuses the defaults would add but this route never answers.</summary>
    public IReadOnlyList<int> Never { get; init; } = [];

    /// <summary>Rules of the procedure shown as examples of this route's 403 and 409 answers.</summary>
    public IReadOnlyList<string> Refusals { get; init; } = [];

    public IReadOnlyList<BodyExample> RequestExamples { get; init; } = [];
    public object? ResponseExample { get; init; }
}

/// <summary>The catalogue of every route's contract, by the route's <c>Name</c> (its operation id). A route without an entry fails OpenApiContractTests.</summary>
public static class ApiOperations
{
    public static class Tags
    {
        public const string Notifications = "Notifications";
        public const string Consent = "Consent procedure";
        public const string AfterConsent = "After consent";
        public const string Guarantee = "Financial guarantee";
        public const string Shipments = "Shipments";
        public const string TakeBack = "Take-back and illegal traffic";
        public const string Inbox = "Inbox";
        public const string GreenList = "Green-listed waste (Annex VII)";
        public const string Uploads = "Bulk upload";
        public const string Audit = "Audit";
        public const string Reports = "Reports";
        public const string OpenData = "Open data";
        public const string ReferenceData = "Reference data";
        public const string Administration = "Administration";
        public const string Preconsent = "Pre-consented facilities";
        public const string Verification = "Document verification";
        public const string Exchange = "Exchange between nodes";
    }

    /// <summary>The tags in the order of the procedure, each with its description.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> TagOrder =
    [
        (Tags.Notifications, "The file of a transboundary movement (Basel Annex V A): filed by the competent authority of the state of export, read and listed by the states concerned and auditors, cancelled by the state of export."),
        (Tags.AfterConsent, "Changes to a consented notification (EU 2024/1157 Art. 17; Basel Art. 6 by analogy) and renotifications (EU 2024/1157 Art. 9(3)): the changed particulars come into force as a new version once the authorities concerned agree; shipments and movement documents name the version they were announced under."),
        (Tags.Consent, "The prior informed consent procedure (Basel Art. 6(2)-(4); OECD C(2001)107; EU 2024/1157 Art. 8-9): acknowledgements, information requests and answers, consents and refusals, withdrawals."),
        (Tags.Guarantee, "The insurance, bond or guarantee of the movement (Basel Art. 6(11); EU 2024/1157 Art. 7): recorded by the state of export, approved before the first shipment, released when every certificate has arrived."),
        (Tags.Shipments, "Shipments under a consented notification (Basel Art. 6(9), Annex V B): announced with the movement document, departed, across borders, handed over between carriers, received, rejected and certified by the facility."),
        (Tags.TakeBack, "The duty to re-import (Basel Art. 8; EU 2024/1157 Art. 22-24) and illegal traffic (Basel Art. 9)."),
        (Tags.GreenList, "Shipments of green-listed waste for recovery and of samples for analysis (EU 2024/1157 Art. 4(4)-(5), 18): no notification and no consent; the person who arranges the shipment fills and signs the Annex VII document, the consignee and the facility confirm receipt, the facility certifies recovery, authorities concerned read and inspect."),
        (Tags.Uploads, "Many steps at once from a CSV file: each row is decided by the same rules as its single route, in its own transaction; the answer lists each row's outcome."),
        (Tags.Inbox, "What the caller has to do now, with the deadlines of the procedure."),
        (Tags.Audit, "The auditors' view: every event in order, the state at any instant or version, the hash chains and the dossier to archive."),
        (Tags.Reports, "The annual report of a state (Basel Art. 13(3)), its mirror statistics against a partner's figures, and the SDG 12.4.2 series its movements give."),
        (Tags.OpenData, "Aggregated flows for regional monitoring networks, anonymous and read-only, under CC-BY-4.0 (decision 0016)."),
        (Tags.ReferenceData, "Code lists and the country registry the rules read; open to anyone."),
        (Tags.Preconsent, "The register of pre-consented recovery facilities (EU 2024/1157 Art. 14; OECD C(2001)107, Case 2), kept by the authority of each facility's state; read by anyone signed in."),
        (Tags.Administration, "Administrators: revisions of the country registry, the erasure of personal data after the retention period, and the register of assignments (who acts for which authority, facility or undertaking); who am I."),
        (Tags.Verification, "The public check of a movement document's QR code, for customs officers without an account."),
        (Tags.Exchange, "Where each competent authority signs in at its own node (docs/exchange.md): every step decided here is sent, signed by the deciding authority's key, to the nodes of the other states concerned, and what they decide is checked and applied here in order. A step for a state served by another node is refused here (403 `served-by-another-node`). Operators watch the exchange, hold the peers' keys, revoke keys and replay dead letters; auditors check that a copy is what its origin sent. On a single deployment (no `Exchange:Node`) the exchange is off: the status says so and no key is published."),
    ];

    private static ApiOperation Op(string name, string tag, string summary, string description) => new(name, tag, summary, description);

    public static readonly IReadOnlyList<ApiOperation> All =
    [
        // ---- notifications ------------------------------------------------------------------------------------
        Op("FileNotification", Tags.Notifications, "File a notification",
            "The competent authority of the state of export files a notification (Basel Art. 6(1)) with the items of Annex V A. " +
            "The body is validated field by field (400 with `errors`), then the rules of filing are checked: the states exist, " +
            "the movement is transboundary, not south of 60°S, between Parties or under an Art. 11 agreement, not banned by the " +
            "Ban Amendment or an import prohibition, and a general notification covers at most 12 months. A claim of pre-consent names the " +
            "entry of the state of destination's register (`preconsentEntry`), which must be in force and cover the facility, waste, " +
            "operation and quantity (EU 2024/1157 Art. 14); only then do 7 working days and 36 months apply. An interim operation " +
            "(D13-D15, R12, R13) names every subsequent facility with its state and operation (`subsequentFacilities`, Art. 15(1)); an " +
            "onward delivery from an interim facility to another country names the earlier notification (`earlierNotification`, " +
            "Art. 15(7)-(8)), whose subsequent facilities must include this one. The answer names the " +
            "notification number (`<export>-<year>-<sequence>`); the notification is transmitted to the states of import and transit, " +
            "whose acknowledgement and decision deadlines start now.") with
        {
            SuccessStatus = 201, SuccessType = typeof(NotificationCreated), SuccessDescription = "Filed: the new notification's number and version 1.", Location = true,
            Never = [404],
            Refusals = ["not-state-of-export", "ban-amendment", "ban-amendment-recovery", "same-state-movement", "eu-export-to-oct-for-disposal", "non-party-import", "import-prohibited", "general-notification-period",
                "preconsent-not-in-register", "preconsent-not-in-force", "subsequent-facilities-incomplete", "earlier-notification-mismatch"],
            RequestExamples = [new("lead-acid-batteries", "A general notification: spent lead-acid batteries from Germany to the Netherlands through Belgium", Examples.Notification)],
            ResponseExample = Examples.Created,
        },
        Op("ListNotifications", Tags.Notifications, "List notifications",
            "An authority's notifications (those its state is concerned by; `role` narrows it to export, import or transit), or for an " +
            "auditor all of them (`state` narrows it to a state concerned), newest first. One page at a time: `hasMore` says whether a " +
            "next page exists (there is no total count, docs/decisions/0006-list-without-total.md).") with
        { SuccessType = typeof(NotificationPage), SuccessDescription = "One page of notification summaries, newest first." },
        Op("GetNotification", Tags.Notifications, "Read a notification",
            "The current state of a notification as the procedure sees it: its status, regime, particulars, each state concerned with " +
            "its own status and deadlines, information requests, consents, the guarantee, the shipments reserved, and the stream " +
            "`version` to send as `If-Match`. For the states concerned and auditors.") with
        { SuccessType = typeof(NotificationState), SuccessDescription = "The notification's current state." },
        Op("CancelNotification", Tags.Notifications, "Cancel a notification",
            "The state of export cancels its notification; no further step or shipment may follow.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Cancelled: the notification's new version (also in `ETag`).",
            Refusals = ["not-state-of-export", "notification-cancelled"],
            RequestExamples = [new("cancellation", "Cancel with a reason", Examples.Cancellation)], ResponseExample = Examples.NotificationWritten,
        },

        // ---- consent procedure ------------------------------------------------------------------------------------
        Op("AcknowledgeNotification", Tags.Consent, "Acknowledge receipt",
            "The authority of the state of import or of a transit state acknowledges receipt of the notification (Basel Art. 6(4); " +
            "OECD: within 3 working days; EU 2024/1157 Art. 8(11)-(12)). The body may be empty or `{}`.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Acknowledged: the notification's new version (also in `ETag`).",
            Refusals = ["not-import-or-transit", "already-acknowledged", "notification-cancelled"], ResponseExample = Examples.NotificationWritten,
        },
        Op("ConfirmNotificationCompleteness", Tags.Consent, "Inform all that the notification is properly completed",
            "EU 2024/1157 Art. 8(12): once dispatch (Art. 8(6)), destination and transit (Art. 8(11)) are satisfied and no information " +
            "request is open, the destination's authority informs the notifier and the other authorities that the notification is " +
            "properly completed; the 30-day decision period of Art. 9(1) runs from it (Regulation 1182/71 Art. 3). Only under 2024/1157. " +
            "The body may be empty or `{}`.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Informed: the notification's new version (also in `ETag`).",
            Refusals = ["not-state-of-destination", "authority-not-satisfied", "information-request-open", "completeness-already-confirmed",
                "completeness-confirmation-not-applicable", "notification-cancelled"],
            ResponseExample = Examples.NotificationWritten,
        },
        Op("RequestInformation", Tags.Consent, "Ask for more information",
            "An authority of the state of import or transit asks the state of export for more information (Basel Art. 6(2), 6(4); " +
            "EU 2024/1157 Art. 8: a request and at most two further ones). Its decision clock pauses until the answer arrives.") with
        {
            SuccessStatus = 201, SuccessType = typeof(InformationRequestCreated), SuccessDescription = "Asked: the request's id and the notification's new version (also in `ETag`).",
            Refusals = ["not-import-or-transit", "already-decided", "too-many-information-requests"],
            RequestExamples = [new("questions", "Questions about the waste", Examples.Questions)], ResponseExample = Examples.InformationRequestCreated,
        },
        Op("AnswerInformationRequest", Tags.Consent, "Answer an information request",
            "The state of export answers an information request (the notifier's answer goes through its authority); the asking " +
            "authority's decision clock runs again.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Answered: the notification's new version (also in `ETag`).",
            Refusals = ["not-state-of-export", "unknown-information-request", "already-answered"],
            RequestExamples = [new("answer", "The answer with a reference to an attachment", Examples.Answer)], ResponseExample = Examples.NotificationWritten,
        },
        Op("DecideOnConsent", Tags.Consent, "Consent or refuse",
            "The authority of the state of import, of a transit state (or, under the EU regime, of dispatch) consents, with conditions " +
            "and a validity, or refuses with a reason (Basel Art. 6(2)-(4); EU 2024/1157 Art. 9). The state of import confirms the contract " +
            "(`contractConfirmed`, Art. 6(3)(b)). Each authority decides for itself; the notification is consented when every authority " +
            "that must consent has consented.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Decided: the notification's new version (also in `ETag`).",
            Refusals = ["not-a-deciding-authority", "not-acknowledged", "information-outstanding", "dispatch-before-transit-period", "dispatch-before-destination-consent", "consent-validity-too-long", "contract-not-confirmed", "already-decided"],
            RequestExamples =
            [
                new("consent", "A written consent with a condition and its validity", Examples.Consent),
                new("refusal", "A refusal with its reason", Examples.Refusal),
            ],
            ResponseExample = Examples.NotificationWritten,
        },
        Op("LiftObjection", Tags.Consent, "Lift an objection",
            "EU 2024/1157 Art. 12(3)-(4): under 2024/1157 a refusal of a shipment for recovery is an objection that stands until the " +
            "objecting authority lifts it within its 30-day decision period (then it decides again) or the period ends, when the " +
            "notification ceases to be valid.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Lifted: the notification's new version (also in `ETag`).",
            Refusals = ["no-objection-to-lift", "objection-period-ended", "notification-ceased-to-be-valid"],
            RequestExamples = [new("lift", "The objection lifted with its reason", Examples.ObjectionLift)], ResponseExample = Examples.NotificationWritten,
        },
        Op("WithdrawConsent", Tags.Consent, "Withdraw a consent",
            "The state that consented withdraws its consent (EU 2024/1157 Art. 9(7)-(8)); no later shipment may start.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Withdrawn: the notification's new version (also in `ETag`).",
            Refusals = ["no-consent-to-withdraw"],
            RequestExamples = [new("withdrawal", "A withdrawal with its reason", Examples.Withdrawal)], ResponseExample = Examples.NotificationWritten,
        },

        // ---- after consent ----------------------------------------------------------------------------------------
        Op("RecordNotificationChange", Tags.AfterConsent, "Record a change after consent",
            "The state of export's authority records a change the notifier made to the consented particulars (EU 2024/1157 Art. 17(1)): " +
            "carriers, routing, quantities, dates of shipment, facility or contact details; fields left out stay as they are. The change is " +
            "classified item by item: quantity, routing, dates and carriers are essential (Art. 17(1)), so is the facility; contact and " +
            "descriptive details are not. A non-essential change is in force at once as the next particulars version. An essential change " +
            "waits for every other authority concerned to say no new notification is required, each within 5 working days (Art. 17(2)); " +
            "meanwhile no planned shipment takes place. A change that involves a state not concerned needs a new notification (Art. 17(3)). " +
            "The changed particulars pass the filing rules again.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Recorded: the notification's new version (also in `ETag`); the change is in `changes`.",
            Refusals = ["change-before-consent", "change-already-pending", "change-involves-other-authorities", "change-outside-consent-validity", "not-state-of-export"],
            RequestExamples = [new("carrier", "A change of carrier", Examples.CarrierChange)], ResponseExample = Examples.NotificationWritten,
        },
        Op("AnswerNotificationChange", Tags.AfterConsent, "Answer a change",
            "An authority concerned (import, transit) says whether an essential change needs a new notification (EU 2024/1157 Art. 17(2)), " +
            "within 5 working days of receiving it (the inbox step `answer-change`). When every authority asked answered " +
            "`noNewNotificationRequired`, the change comes into force as the next particulars version; one `newNotificationRequired` ends " +
            "the change and the particulars stay as they were (renotify instead). The text gives silence no meaning: without an answer the " +
            "change is not in force and the inbox shows the step overdue.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Answered: the notification's new version (also in `ETag`).",
            Refusals = ["not-asked-about-change", "change-not-awaiting-answers", "change-already-answered", "change-not-found"],
            RequestExamples =
            [
                new("agree", "No new notification is required", Examples.ChangeAgreed),
                new("new-notification", "A new notification is required", Examples.ChangeNeedsNewNotification),
            ],
            ResponseExample = Examples.NotificationWritten,
        },
        Op("Renotify", Tags.AfterConsent, "Renotify",
            "The state of export files a new notification reusing an earlier one's particulars with the changes given (the same body as a " +
            "change), linked to it: the new notification names its predecessor in `renotifies`, with whether it repeats a consented " +
            "notification in the sense of EU 2024/1157 Art. 9(3) (same waste, location, consignee, facility and transit states: the " +
            "authorities take the earlier information into account and decide as soon as possible). A renotification is needed where an " +
            "authority requires one for an essential change (Art. 17(2)), where a change involves other authorities (Art. 17(3)), where " +
            "objections were not resolved (Art. 12(4)), or for shipments after the consent's validity (Art. 9(4)). It passes the filing rules.") with
        {
            SuccessStatus = 201, SuccessType = typeof(NotificationCreated), SuccessDescription = "Filed: the new notification's number and version 1.", Location = true,
            Refusals = ["not-state-of-export", "change-pending-renotification", "general-notification-period"],
            RequestExamples = [new("next-year", "Renotify for the next year's shipments", Examples.Renotification)], ResponseExample = Examples.Created,
        },
        Op("ListRenotifications", Tags.AfterConsent, "List the renotifications of a notification",
            "The notifications that renotify this one (EU 2024/1157 Art. 9(3)), oldest first: the link from a notification to its successors.") with
        { SuccessType = typeof(IReadOnlyList<WasteMovements.Api.Changes.Successor>), SuccessDescription = "The successors, oldest first." },

        // ---- financial guarantee ----------------------------------------------------------------------------------
        Op("RecordGuarantee", Tags.Guarantee, "Record the guarantee",
            "The state of export records the insurance, bond or guarantee of the movement (Basel Art. 6(11); EU 2024/1157 Art. 7). " +
            "`cover` declares what it covers and the amounts: transport, recovery or disposal (interim operations included) and storage " +
            "for 90 days (EU Art. 7(1); the dispatch authority approves the cover, Art. 7(4): approval is refused without all three). For a general notification `firstShipment` and " +
            "`lastShipment` make it a partial guarantee for those shipments (Art. 7(8)-(9)); several may follow one another, but two " +
            "approved ones never cover the same shipment. Recording again under the same `reference` replaces it.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Recorded: the notification's new version (also in `ETag`).",
            Refusals = ["not-state-of-export", "notification-not-open", "guarantee-validity-too-short", "partial-guarantee-general-only", "partial-guarantee-shipments", "guarantee-overlaps"],
            RequestExamples = [new("guarantee", "A bank guarantee", Examples.Guarantee)], ResponseExample = Examples.NotificationWritten,
        },
        Op("ApproveGuarantee", Tags.Guarantee, "Approve the guarantee",
            "The authority that requires the guarantee approves it (EU: the dispatch authority, Art. 7(1); otherwise the states that " +
            "required one). No shipment starts before the approval. Under the EU regime a guarantee whose `cover` lacks transport, " +
            "recovery or disposal, or 90 days' storage is refused (Art. 7(1), 7(4)). `reference` (query) names the guarantee; without " +
            "it the one recorded last. The body may be empty or `{}`.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Approved: the notification's new version (also in `ETag`).",
            Refusals = ["not-the-approving-authority", "no-guarantee-recorded", "already-approved", "guarantee-cover-incomplete"], ResponseExample = Examples.NotificationWritten,
        },
        Op("ReleaseGuarantee", Tags.Guarantee, "Release the guarantee",
            "The state of export releases the guarantee once the certificate of every shipment it covers has arrived (EU 2024/1157 " +
            "Art. 7(5)); a partial guarantee is released with its own shipments while others still travel (Art. 7(8)-(9)). " +
            "`reference` (query) names the guarantee; without it the one recorded last. The body may be empty or `{}`.") with
        {
            SuccessType = typeof(NotificationWritten), SuccessDescription = "Released: the notification's new version (also in `ETag`).",
            Refusals = ["not-state-of-export", "certificates-outstanding", "already-released"], ResponseExample = Examples.NotificationWritten,
        },

        // ---- shipments -------------------------------------------------------------------------------------------
        Op("AnnounceShipment", Tags.Shipments, "Announce a shipment",
            "The state of export announces a shipment under a consented notification (prior information; the movement document of " +
            "Annex V B is issued). The notification reserves the shipment's number and quantity, so racing announcements cannot both " +
            "take the last tonnes. `ETag` is the notification's new version; the shipment is at `Location`.") with
        {
            SuccessStatus = 201, SuccessType = typeof(ShipmentCreated), SuccessDescription = "Announced: the shipment's id and number, and the notification's new version.", Location = true,
            Refusals = ["consent-missing", "outside-consent-validity", "total-quantity-exceeded", "shipment-count-exceeded", "guarantee-not-approved", "shipment-not-covered-by-guarantee", "prior-information-too-late", "transitional-consent-ended"],
            RequestExamples = [new("shipment", "10 tonnes in 40 boxes", Examples.Announcement)], ResponseExample = Examples.ShipmentCreated,
        },
        Op("ListShipments", Tags.Shipments, "List a notification's shipments",
            "The shipments of a notification with the totals against the notified number and quantity: announced, received, certified, " +
            "returned, with discrepancies and overdue steps.") with
        { SuccessType = typeof(NotificationShipments), SuccessDescription = "The shipments and their totals." },
        Op("GetShipment", Tags.Shipments, "Read a shipment",
            "The current state of a shipment: its movement document, custody (carriers and hand-overs), border crossings, receipt, " +
            "rejections, certificates, take-back and deadlines, and the stream `version` to send as `If-Match`. For the states concerned, " +
            "the shipment's facility and auditors.") with
        { SuccessType = typeof(ShipmentState), SuccessDescription = "The shipment's current state." },
        Op("GetMovementDocument", Tags.Shipments, "Download the movement document",
            "The movement document (Annex V B) as a PDF, with a QR code that links to its public verification (`/verify/{token}`).") with
        { SuccessDescription = "The movement document.", OtherMedia = [("application/pdf", "binary")] },
        Op("RecordDeparture", Tags.Shipments, "Record the departure",
            "The state of export records that the movement started and the first carrier took charge (Annex V B item 6).") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Recorded: the shipment's new version (also in `ETag`).",
            Refusals = ["not-state-of-export", "already-departed", "outside-consent-validity", "departure-in-the-future"],
            RequestExamples = [new("departure", "Departed with the first carrier", Examples.Departure)], ResponseExample = Examples.ShipmentWritten,
        },
        Op("RecordBorderCrossing", Tags.Shipments, "Record a border crossing",
            "The state crossed records the exit or entry of the shipment at its customs office.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Recorded: the shipment's new version (also in `ETag`).",
            Refusals = ["not-the-state-crossed", "not-on-the-route", "not-in-transit"],
            RequestExamples = [new("entry", "Entry into the transit state", Examples.Crossing)], ResponseExample = Examples.ShipmentWritten,
        },
        Op("RecordCarrierHandover", Tags.Shipments, "Record a carrier hand-over",
            "A state concerned records that a new carrier took charge of the shipment and signed (Basel Art. 6(9)).") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Recorded: the shipment's new version (also in `ETag`).",
            Refusals = ["not-concerned", "not-in-transit", "not-the-carrier-in-charge"],
            RequestExamples = [new("handover", "Hand-over at the port", Examples.Handover)], ResponseExample = Examples.ShipmentWritten,
        },
        Op("ConfirmReceipt", Tags.Shipments, "Confirm receipt",
            "The facility named for the shipment confirms receipt and the quantity received (Basel Art. 6(9); EU 2024/1157 Art. 16(5)). " +
            "A quantity that differs from the announced one by more than the tolerance is flagged as a discrepancy.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Received: the shipment's new version (also in `ETag`).",
            Refusals = ["not-the-facility", "not-in-transit", "unit-differs", "receipt-time-impossible"],
            RequestExamples = [new("receipt", "Received 9.8 t", Examples.Receipt)], ResponseExample = Examples.ShipmentWritten,
        },
        Op("RejectShipment", Tags.Shipments, "Reject a shipment",
            "The facility rejects all or part of the shipment (leave `quantity` out to reject all of it); the take-back clock of " +
            "Basel Art. 8 starts.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Rejected: the shipment's new version (also in `ETag`).",
            Refusals = ["not-the-facility", "cannot-reject-now", "rejected-quantity-too-large"],
            RequestExamples = [new("partial", "A partial rejection", Examples.Rejection)], ResponseExample = Examples.ShipmentWritten,
        },
        Op("CertifyCompletion", Tags.Shipments, "Certify completion",
            "The facility certifies the disposal or recovery with the operation actually performed (Annex V B item 14; EU 2024/1157 " +
            "Art. 15, 16(6)). After an interim operation (D13-D15, R12, R13) the facility first certifies its interim operation " +
            "(Art. 15(4)); the shipment stays open until the same facility records the final certificate it obtained from the subsequent " +
            "facility, naming that facility (`subsequentFacilityId`, one of the notification's `subsequentFacilities`), when the waste " +
            "was delivered there (`deliveredAt`), and for a facility abroad the new notification of that delivery (`onwardNotification`, " +
            "Art. 15(5), (7)-(8)). A certificate more than 30 days after completion, or a final one more than a year after the delivery, " +
            "is recorded and flagged late. The last certificate of a notification closes it.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Certified: the shipment's new version (also in `ETag`).",
            Refusals = ["not-the-facility", "not-received", "operation-differs", "completion-time-impossible", "subsequent-facility-not-notified",
                "delivery-time-impossible", "onward-notification-required"],
            RequestExamples = [new("certificate", "Recovered by R4", Examples.Completion),
                new("final-certificate", "After the interim R13 certificate: the subsequent facility's R4 certificate", Examples.FinalCompletion)],
            ResponseExample = Examples.ShipmentWritten,
        },

        // ---- take-back and illegal traffic -----------------------------------------------------------------------------
        Op("ReportCannotBeCompleted", Tags.TakeBack, "Report that a movement cannot be completed",
            "The state of import informs that the movement cannot be completed as contracted (Basel Art. 8); the 90-day take-back " +
            "clock starts.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Reported: the shipment's new version (also in `ETag`).",
            Refusals = ["not-state-of-import", "cannot-be-completed-not-applicable"],
            RequestExamples = [new("fire", "The facility closed", Examples.CannotBeCompleted)], ResponseExample = Examples.ShipmentWritten,
        },
        Op("ArrangeAlternative", Tags.TakeBack, "Arrange an alternative facility",
            "The state of export arranges another facility instead of taking the waste back (Basel Art. 8).") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Arranged: the shipment's new version (also in `ETag`).",
            Refusals = ["not-state-of-export", "no-take-back-pending"],
            RequestExamples = [new("alternative", "Another facility in the state of import", Examples.Alternative)], ResponseExample = Examples.ShipmentWritten,
        },
        Op("RecordReturn", Tags.TakeBack, "Record the return",
            "The state of export records that the waste was taken back. The body may be empty or `{}`.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Returned: the shipment's new version (also in `ETag`).",
            Refusals = ["not-state-of-export", "no-take-back-pending"], ResponseExample = Examples.ShipmentWritten,
        },
        Op("RecordIllegalTraffic", Tags.TakeBack, "Record illegal traffic",
            "A state concerned records illegal traffic with its cause of Basel Art. 9(1); where the exporter is at fault, the 30-day " +
            "take-back of Art. 9(2) starts.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Recorded: the shipment's new version (also in `ETag`).",
            Refusals = ["not-concerned", "unknown-cause"],
            RequestExamples = [new("documents", "The load does not match the documents", Examples.IllegalTraffic)], ResponseExample = Examples.ShipmentWritten,
        },
        Op("ReportAccident", Tags.TakeBack, "Report an accident during the movement",
            "A state concerned (export, import, transit) reports an accident that occurred during the movement or the disposal of the " +
            "waste: when and where it happened (`state`: null at sea), what happened and the measures taken (Basel Art. 13(1); the " +
            "annual report's table of accidents, Art. 13(3)(f)). The movement must have started, and the accident must have happened.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Reported: the shipment's new version (also in `ETag`).",
            Refusals = ["not-concerned", "accident-in-the-future", "accident-before-movement"],
            RequestExamples = [new("spill", "A drum leaked on the motorway", Examples.Accident)], ResponseExample = Examples.ShipmentWritten,
        },

        Op("RecordTakeBackInformation", Tags.TakeBack, "Record when the state of export was informed",
            "The state of import records the date it informed the state of export (and whether it informed the Secretariat) that the " +
            "waste must be taken back: the 90 days run from that date (Basel Art. 8; EU 2024/1157 Art. 22(2)), or the agreed period " +
            "if one was recorded. For illegal traffic found on a shipment, a state concerned other than the state of export records it " +
            "(30 days, Art. 9(2)). Until then the period runs from the rejection or the report.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Recorded: the shipment's new version (also in `ETag`); the take-back deadline moved.",
            Refusals = ["not-the-informing-state", "no-take-back-pending", "information-in-the-future", "information-before-take-back"], ResponseExample = Examples.ShipmentWritten,
        },
        Op("AgreeTakeBackPeriod", Tags.TakeBack, "Record an agreed take-back period",
            "The state of export or of import records another take-back period the states concerned agreed, in days from the " +
            "information (Basel Art. 8: \"or such other period of time as the States concerned may agree\"; EU 2024/1157 Art. 22(2)). " +
            "`agreedBy` names the states that agreed: at least the states of export and import.") with
        {
            SuccessType = typeof(ShipmentWritten), SuccessDescription = "Recorded: the shipment's new version (also in `ETag`); the take-back deadline moved.",
            Refusals = ["not-state-of-export-or-import", "no-take-back-pending", "take-back-period-not-agreed", "take-back-period-out-of-range"], ResponseExample = Examples.ShipmentWritten,
        },

        // ---- illegal-traffic cases, with or without a notification (Basel Art. 9) ------------------------------------
        Op("OpenIllegalTrafficCase", Tags.TakeBack, "Open an illegal-traffic case",
            "A state concerned (export, import or transit) records illegal traffic it found, whether or not a notification exists " +
            "(Basel Art. 9(1)(a): movements never notified, found by customs or any state). The case gets its own number " +
            "(ILL-DE-2026-000001) and stream, appears in the inboxes of the states of export and import and in their annual reports.") with
        {
            SuccessStatus = 201, SuccessType = typeof(IllegalTraffic.IllegalTrafficCaseCreated), SuccessDescription = "Opened: the case's number and version.", Location = true,
            Refusals = ["not-concerned", "unknown-cause", "export-equals-import", "found-in-the-future"],
        },
        Op("ListIllegalTrafficCases", Tags.TakeBack, "List illegal-traffic cases",
            "The cases that concern the caller's state (an auditor: all), newest first, at most 500.") with
        { SuccessType = typeof(IllegalTraffic.IllegalTrafficCasePage), SuccessDescription = "The cases." },
        Op("GetIllegalTrafficCase", Tags.TakeBack, "Read an illegal-traffic case",
            "The case as it stands: what was found, the responsibility attributed and the duty's deadline, the take-back or disposal, " +
            "the closure, and the stream `version` to send as `If-Match`. For the states concerned and auditors.") with
        { SuccessType = typeof(Domain.IllegalTraffic.IllegalTrafficCase), SuccessDescription = "The case (its version also in `ETag`)." },
        Op("AttributeIllegalTrafficResponsibility", Tags.TakeBack, "Attribute responsibility",
            "The state of export or of import records who caused the illegal traffic: the exporter (the state of export ensures " +
            "take-back or other disposal within 30 days of being informed, Basel Art. 9(2)), the importer (the state of import ensures " +
            "disposal within 30 days of the matter coming to its attention, Art. 9(3)) or undetermined (cooperation, Art. 9(4), no " +
            "period). `informedAt` is the date the period runs from.") with
        {
            SuccessType = typeof(Pipeline.CaseWritten), SuccessDescription = "Attributed: the case's new version (also in `ETag`).",
            Refusals = ["not-state-of-export-or-import", "case-closed", "duty-already-met", "information-in-the-future", "information-before-finding"],
        },
        Op("AgreeIllegalTrafficPeriod", Tags.TakeBack, "Record an agreed period for the duty",
            "Another period for the take-back or disposal, agreed by the states concerned (Basel Art. 9(2)-(3); EU 2024/1157 Art. 25), " +
            "in days from the same information as the 30 days.") with
        {
            SuccessType = typeof(Pipeline.CaseWritten), SuccessDescription = "Recorded: the case's new version (also in `ETag`).",
            Refusals = ["not-state-of-export-or-import", "case-closed", "no-duty-attributed", "period-not-agreed", "period-out-of-range"],
        },
        Op("RecordIllegalTrafficTakeBack", Tags.TakeBack, "Record the take-back",
            "The state of export records that the waste was taken back (Basel Art. 9(2)(a)); only where the exporter is at fault.") with
        {
            SuccessType = typeof(Pipeline.CaseWritten), SuccessDescription = "Recorded: the case's new version (also in `ETag`).",
            Refusals = ["not-state-of-export", "case-closed", "take-back-not-the-duty", "duty-already-met", "return-in-the-future"],
        },
        Op("ArrangeIllegalTrafficDisposal", Tags.TakeBack, "Arrange the disposal",
            "The responsible state records the environmentally sound disposal at the facility named: the state of export where the " +
            "exporter is at fault (Basel Art. 9(2)(b)), the state of import where the importer is (9(3)), either where undetermined (9(4)).") with
        {
            SuccessType = typeof(Pipeline.CaseWritten), SuccessDescription = "Arranged: the case's new version (also in `ETag`).",
            Refusals = ["not-the-responsible-state", "responsibility-not-attributed", "case-closed", "duty-already-met"],
        },
        Op("CloseIllegalTrafficCase", Tags.TakeBack, "Close the case",
            "The state that found the illegal traffic, or the state of export or of import, closes the case with its reason; where the " +
            "exporter or importer is at fault, only once the waste was taken back or disposed of (Basel Art. 9(2)-(3)).") with
        {
            SuccessType = typeof(Pipeline.CaseWritten), SuccessDescription = "Closed: the case's new version (also in `ETag`).",
            Refusals = ["not-state-of-export-or-import", "case-closed", "duty-outstanding"],
        },

        // ---- inbox, audit, reports ---------------------------------------------------------------------------------
        Op("GetInbox", Tags.Inbox, "Read your inbox",
            "The caller's pending steps, each with its deadline and legal basis, overdue first: for an authority its state's " +
            "acknowledgements, decisions, answers and shipment follow-ups; for a facility its receipts and certificates. Other roles " +
            "are answered 403.") with
        { SuccessType = typeof(InboxPage), SuccessDescription = "The pending steps as of `asOf`." },
        Op("GetHistory", Tags.Audit, "Read the history",
            "Every event of the notification and its shipments, in the order recorded, with who acted for which authority, the " +
            "declared time of the fact, the correlation id and the chain hash. For the states concerned and auditors.") with
        { SuccessType = typeof(HistoryPage), SuccessDescription = "One page of events, oldest first." },
        Op("GetStateAt", Tags.Audit, "Read the state at an instant or version",
            "The notification and its shipments as they stood at an instant (`at`) or at a version of the notification's stream " +
            "(`version`), rebuilt from the events. Exactly one of the two.") with
        { SuccessType = typeof(PointInTimeState), SuccessDescription = "The state as it stood." },
        Op("VerifyIntegrity", Tags.Audit, "Verify the hash chains",
            "Recomputes the hash chains of the notification's and its shipments' streams (docs/audit.md).") with
        { SuccessType = typeof(ChainVerification), SuccessDescription = "Whether every chain verifies, and where the first break is." },
        Op("ExportDossier", Tags.Audit, "Export the dossier",
            "One JSON document to archive and verify offline: the states, every chained event and the verification (docs/audit.md).") with
        { SuccessType = typeof(Dossier), SuccessDescription = "The dossier." },
        Op("GetAnnualReport", Tags.Reports, "Read an annual report",
            "The tables of a state's annual report (Basel Art. 13(3)): movements by direction, counterpart, waste and operation, " +
            "take-backs and illegal traffic, and `partII`, the national report's Part II tables (exports, imports, disposals not as " +
            "intended, accidents, illegal traffic cases; docs/api-guide.md). `format=json` (default), `csv` (with `table=exports`, " +
            "`imports`, `trade`, `not-as-intended`, `accidents` or `illegal-traffic`: that table; without `table`: the whole report) or " +
            "`xlsx` (one workbook, a sheet per Part II table). An authority reads its own state's report, auditors any. Built by an " +
            "asynchronous projection: a step just recorded may take a moment to appear.") with
        {
            SuccessType = typeof(AnnualReport), SuccessDescription = "The report (JSON; CSV with `format=csv`; XLSX with `format=xlsx`).",
            OtherMedia = [("text/csv", "csv"), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "binary")],
        },
        Op("LoadPartnerFigures", Tags.Reports, "Load a partner state's figures",
            "For mirror statistics (Basel Art. 13(3)(b)): an authority loads the figures a partner state reported, for its own state's " +
            "comparison: `text/csv` in the Part II layout (the partner's own export/import rows; `partner` optional, the file names it) or " +
            "in the open-data layout, or `application/json` in the open-data layout of another deployment (`partner` required). Only the " +
            "rows between the partner and your state are kept. Every row is read first: a malformed one gives `invalid-partner-figures` " +
            "naming each bad row and field in `rows` and `errors`, and nothing is stored. The same file loaded again is the same load " +
            "(200, `alreadyLoaded`). The layouts are in docs/api-guide.md, \"Mirror statistics\".") with
        { SuccessStatus = 201, SuccessType = typeof(WasteMovements.Api.Reports.Mirror.PartnerFiguresLoaded), SuccessDescription = "The figures were stored (201), or had been (200).", Location = true },
        Op("GetMirrorComparison", Tags.Reports, "Compare with a partner's figures",
            "Mirror statistics (Basel Art. 13(3)(b)): the state's annual report against the partner's latest loaded figures, per " +
            "direction (our exports against the partner's imports from us, our imports against its exports to us) and code (`by=waste`, " +
            "the waste code, or `by=y`, the Y codes), with the difference in tonnes and percent of the larger figure, whether it lies " +
            "within the tolerance (`tolerance`, percent, default 2; docs/law.md) and the state's own shipments that explain it " +
            "(left in one year and arrived in the next, under way, rejected, returned, received in m3 without density, received " +
            "otherwise than announced). JSON or CSV (`format`). An authority compares its own state, auditors any.") with
        { SuccessType = typeof(WasteMovements.Domain.Reports.Mirror.MirrorComparison), SuccessDescription = "The comparison (JSON, or CSV with `format=csv`).", OtherMedia = [("text/csv", "csv")] },
        Op("GetSdgSeries", Tags.Reports, "Read the SDG 12.4.2 series of a state",
            "The SDG indicator 12.4.2 series a state's movements give for a year: `EN_HAZ_EXP` and `EN_HAZ_IMP` (tonnes received), and " +
            "the exports by type of treatment abroad (Basel Annex IV D/R codes mapped to recycling, incineration with or without energy " +
            "recovery, landfilling, other disposal; interim operations apart). Hazardous as Basel Art. 1(1) defines it (docs/law.md 1.6a). " +
            "From the annual report's projection, as JSON or CSV (`format`); an authority reads its own state's, auditors any.") with
        { SuccessType = typeof(WasteMovements.Domain.Reports.Sdg.SdgSeries), SuccessDescription = "The series (JSON, or CSV with `format=csv`).", OtherMedia = [("text/csv", "csv")] },
        Op("GetOpenDataFlows", Tags.OpenData, "Download the open data flows of a year",
            "Aggregated flows for regional monitoring networks: by month of receipt, state of export and of import, waste code, Y codes " +
            "and operation, with tonnes and shipments; no party, facility or notification. A cell with fewer than 3 shipments, 3 exporters " +
            "or 3 facilities is left out (only counted, `threshold.suppressedCells`; decision 0016). Licence CC-BY-4.0; schema " +
            "`https://wastemovements.example/schemas/open-flows/1` (docs/open-data/open-flows-1.schema.json). Anonymous. A weak `ETag` over " +
            "the published content: send it as `If-None-Match` to get 304 when nothing changed.") with
        { SuccessType = typeof(WasteMovements.Domain.Reports.OpenData.OpenFlowsDataset), SuccessDescription = "The data set (JSON, or CSV with `format=csv`).", OtherMedia = [("text/csv", "csv")] },

        // ---- reference data and administration ------------------------------------------------------------------
        Op("GetCodeList", Tags.ReferenceData, "Read a code list",
            "A code list the rules read (`y-codes`, `h-codes`, `operations`, `basel-a`, `basel-b`, `oecd-amber`, `oecd-green`, " +
            "`countries`), each entry with its validity, with the list's sources (confidence markers V/C/K, docs/law.md) and " +
            "compilation date.") with
        { SuccessType = typeof(CodeList), SuccessDescription = "The code list.", NoDatabase = true },
        Op("ListCountries", Tags.ReferenceData, "Read the country registry",
            "The country registry in force (the shipped data and the administrators' revisions): Basel Party status, Annex VII, OECD " +
            "and EU membership, the Ban Amendment, tacit transit consent, Art. 11 agreements and import prohibitions, with sources.") with
        { SuccessType = typeof(CountryRegistryView), SuccessDescription = "The registry." },
        Op("GetCountry", Tags.ReferenceData, "Read a state's registry entry",
            "One state's entry in the country registry in force.") with
        { SuccessType = typeof(CountryProfile), SuccessDescription = "The state's entry." },
        Op("ReviseCountryProfile", Tags.Administration, "Revise a state's registry entry",
            "An administrator revises a state's registry entry, citing the reason and the source (recorded as an event). Notifications " +
            "already filed keep what they recorded at filing.") with
        {
            SuccessType = typeof(CountryRegistryWritten), SuccessDescription = "Revised: the entry's new version (also in `ETag`).", Never = [404],
            Refusals = ["not-an-administrator"],
            RequestExamples = [new("revision", "A revision of the Netherlands' entry", Examples.Revision)], ResponseExample = Examples.CountryWritten,
        },
        // ---- the register of pre-consented recovery facilities (EU 2024/1157 Art. 14) ---------------------------------
        Op("ListPreconsentedFacilities", Tags.Preconsent, "Read the register of pre-consented facilities",
            "The entries of the register of pre-consented recovery facilities (EU 2024/1157 Art. 14; OECD C(2001)107, Case 2), kept by the " +
            "authority of each facility's state: facility, technology, R-codes, waste codes, total quantity, validity, amendments and " +
            "revocation. `state` narrows it to one state's register, `facility` to one facility. Open to anyone signed in.") with
        { SuccessType = typeof(PreconsentedFacilities.PreconsentRegisterView), SuccessDescription = "The register's entries." },
        Op("GetPreconsentedFacility", Tags.Preconsent, "Read a register entry",
            "One pre-consent as it stands, with its `version`.") with
        { SuccessType = typeof(PreconsentedFacilityEntry), SuccessDescription = "The entry." },
        Op("GetPreconsentHistory", Tags.Preconsent, "Read a register entry's history",
            "Every recorded step of one pre-consent, in order: registration, amendments, revocation, each with the time it was recorded, " +
            "who recorded it and what it said.") with
        { SuccessType = typeof(PreconsentedFacilities.RegisterHistoryEntry[]), SuccessDescription = "The entry's events, oldest first." },
        Op("RegisterPreconsentedFacility", Tags.Preconsent, "Register a pre-consent",
            "The competent authority of the facility's state enters a pre-consent it issued (EU 2024/1157 Art. 14(6), (13)): facility, " +
            "registration number, address, technology, R-codes (recovery only, not R13 alone: Art. 14(1)), waste codes, total " +
            "quantity and validity (10 years from `validFrom` unless the decision says otherwise: Art. 14(9)). From then a notification to " +
            "that facility may claim it (`preconsentEntry`): 7 working days for the decisions (Art. 14(14)) and up to 3 years for a general " +
            "notification (Art. 14(12)).") with
        {
            SuccessStatus = 201, SuccessType = typeof(PreconsentedFacilities.PreconsentWritten), SuccessDescription = "Registered: the entry and version 1.", Location = true,
            Never = [404],
            Refusals = ["not-preconsent-authority", "preconsent-already-registered", "preconsent-recovery-only", "preconsent-not-for-r13"],
            RequestExamples = [new("lead-smelter", "A lead smelter in Rotterdam pre-consented for R4", Examples.PreconsentRegistration)],
            ResponseExample = Examples.PreconsentWritten,
        },
        Op("AmendPreconsentedFacility", Tags.Preconsent, "Amend a pre-consent",
            "The authority updates a pre-consent after a change of the information it was issued on (EU 2024/1157 Art. 14(11), 14(13)(f)-(g)), " +
            "with the reason. Notifications already filed keep the entry as it stood at filing.") with
        {
            SuccessType = typeof(PreconsentedFacilities.PreconsentWritten), SuccessDescription = "Amended: the entry's new version (also in `ETag`).",
            Refusals = ["not-preconsent-authority", "preconsent-not-registered", "preconsent-revoked", "preconsent-not-for-r13"],
            RequestExamples = [new("capacity", "A raised capacity", Examples.PreconsentAmendment)], ResponseExample = Examples.PreconsentWritten,
        },
        Op("RevokePreconsent", Tags.Preconsent, "Revoke a pre-consent",
            "The authority revokes a pre-consent, with reasons (EU 2024/1157 Art. 14(10)). From that day no filing may claim it; notifications " +
            "already filed keep what they recorded.") with
        {
            SuccessType = typeof(PreconsentedFacilities.PreconsentWritten), SuccessDescription = "Revoked: the entry's new version (also in `ETag`).",
            Refusals = ["not-preconsent-authority", "preconsent-not-registered", "preconsent-revoked"],
            RequestExamples = [new("revocation", "Permit suspended", Examples.PreconsentRevocation)], ResponseExample = Examples.PreconsentWritten,
        },

        Op("ErasePersonalData", Tags.Administration, "Erase a person's data",
            "Erases a natural person's name and contacts from the stored events (and the person from the events' user name when " +
            "`subject` is given), once the retention period of every file concerned has ended (EU 2024/1157 Art. 20). The hash chains " +
            "still verify; each file records the erasure as an event.") with
        {
            SuccessType = typeof(ErasureResult), SuccessDescription = "Erased: how many events and fields, in which notifications.",
            Refusals = ["retention-period-running"],
            RequestExamples = [new("erasure", "Erase a contact person", Examples.Erasure)], ResponseExample = Examples.Erased,
        },
        // ---- the register of assignments (issue 18; docs/decisions/0018-assignments.md) ------------------------------
        Op("AssignPerson", Tags.Administration, "Assign a person",
            "An administrator records which person (the identity provider's `issuer` and `subject`) acts in which role: for a state's " +
            "competent authority (`state`, a state of the country registry: Basel Art. 5(1)), a facility (`facility`), an undertaking " +
            "(`undertaking`), or as auditor or administrator; with the basis of the assignment (`reference`). From the person's next " +
            "request their token carries those rights. A person holds one assignment at a time; an administrator does not assign themselves.") with
        {
            SuccessStatus = 201, SuccessType = typeof(Assignments.AssignmentWritten), SuccessDescription = "Assigned: the person's id and their record's version.",
            Location = true, Never = [404],
            Refusals = ["not-an-administrator", "own-assignment", "assignment-state-unknown", "assignment-target-mismatch", "assignment-party-id-invalid", "already-assigned"],
            RequestExamples = [new("officer", "An officer of the German competent authority", Examples.Assignment)], ResponseExample = Examples.AssignmentWritten,
        },
        Op("RevokeAssignment", Tags.Administration, "Revoke an assignment",
            "An administrator other than the person ends the person's current assignment, with the reason. It takes effect on the person's " +
            "next request (403 `no-assignment` from then on); the history keeps it.") with
        {
            SuccessType = typeof(Assignments.AssignmentWritten), SuccessDescription = "Revoked: the record's new version (also in `ETag`).",
            Refusals = ["not-an-administrator", "own-assignment", "not-assigned"],
            RequestExamples = [new("moved", "The officer moved to another unit", Examples.AssignmentRevocation)], ResponseExample = Examples.AssignmentWritten,
        },
        Op("ListAssignments", Tags.Administration, "Read the register of assignments",
            "Every person the register knows, with the assignment they hold now (none once revoked), who assigned it, when and on which " +
            "basis. `current=true` keeps the people assigned now, `state` those assigned to one state's authority. For administrators and auditors.") with
        { SuccessType = typeof(Assignments.AssignmentsView), SuccessDescription = "The people and their current assignments." },
        Op("GetAssignmentHistory", Tags.Administration, "Read a person's assignment history",
            "Every assignment and revocation of one person, in order, each with the time it was recorded, the administrator who recorded " +
            "it and what it said. For administrators and auditors.") with
        { SuccessType = typeof(Assignments.AssignmentHistoryEntry[]), SuccessDescription = "The person's events, oldest first." },
        Op("GetMe", Tags.Administration, "Who am I",
            "The caller as this API sees them: issuer and subject, the person id of the register of assignments, the rights of this " +
            "request (role and what it acts for), where they come from (`token`, `assignment`, `configuration` for a bootstrap " +
            "administrator, or `none`) and the current assignment. Open to anyone signed in, also without an assignment.") with
        { SuccessType = typeof(Assignments.Me), SuccessDescription = "The caller." },
        // ---- the exchange between nodes (issue 17; docs/exchange.md) ----------------------------------------------
        Op("GetPublishedKeys", Tags.Exchange, "Read this node's public keys",
            "The public keys of the authorities this node serves, with their status (`active` signs, `retired` still verifies what it " +
            "signed, `revoked` verifies nothing): what a peer verifies this node's batches with. Open to anyone; no private key leaves the " +
            "node. Not the trust anchor: a peer registers a key only after comparing its SHA-256 fingerprint with the one the authority sent " +
            "by an agreed channel (docs/exchange.md, Trust). On a single deployment the list is empty and `node` is null.") with
        { SuccessType = typeof(Exchange.PublishedKeys), SuccessDescription = "The node, its states and its keys.", ResponseExample = Examples.PublishedKeys },
        Op("GetExchangeStatus", Tags.Exchange, "Read the exchange's status",
            "This node (`enabled: false` on a single deployment), the states it serves, each peer with its states, the keys held for it and " +
            "the batches waiting in the durable outbox to be sent to it; the dead letters, the held batches (arrived before an earlier batch " +
            "of their origin), the refused batches, and the batches sent and received. What to watch: docs/operations.md, \"When a peer is " +
            "down for days\". For administrators and auditors.") with
        { SuccessType = typeof(Exchange.ExchangeStatus), SuccessDescription = "The exchange at this node.", ResponseExample = Examples.ExchangeStatus },
        Op("RegisterPeerKey", Tags.Exchange, "Register a peer's key",
            "An administrator adds a peer authority's public key (ECDSA P-256, SubjectPublicKeyInfo PEM), typically its next key in a " +
            "rotation, after checking its fingerprint with the peer out of band. From then batches signed with it verify here. The state " +
            "must be served by a configured peer (`key-state-not-a-peer`: this node's own keys come from its configuration), and a key id " +
            "is never reused (`key-exists`).") with
        {
            SuccessStatus = 201, SuccessType = typeof(Exchange.PublishedKey), SuccessDescription = "Registered: the key as held here, active.", Location = true,
            Refusals = ["key-state-not-a-peer", "key-exists"],
            RequestExamples = [new("rotation", "The Netherlands' next key, sent by letter with its fingerprint", Examples.PeerKey)], ResponseExample = Examples.PeerKeyHeld,
        },
        Op("RevokeKey", Tags.Exchange, "Revoke a key on this node",
            "An administrator revokes a key, this node's own or a peer's, on this node only (each node revokes for itself), with the " +
            "reason. From then every batch signed with it is refused here (`exchange-key-revoked`), also one signed before and delivered " +
            "after; an own revoked key signs nothing. A revocation is final (`key-already-revoked`).") with
        {
            SuccessType = typeof(Exchange.PublishedKey), SuccessDescription = "Revoked: the key as held here now.",
            Refusals = ["key-already-revoked"],
            RequestExamples = [new("compromise", "A peer reports its key compromised", Examples.KeyRevocation)], ResponseExample = Examples.KeyRevoked,
        },
        Op("GetRefusedBatches", Tags.Exchange, "Read the refused batches",
            "The fact batches from other nodes this node refused, newest first (at most 500): the rule (docs/problem-types.md, \"Refusals of " +
            "a fact batch\"), the reason, the key, the origin state claimed, the notification, the seq, the message id and the SHA-256 of the " +
            "body. Nothing of a refused batch was applied. `rule` keeps one rule. For administrators and auditors.") with
        { SuccessType = typeof(Exchange.RefusedFactBatch[]), SuccessDescription = "The refused batches, newest first." },
        Op("GetDeadLetters", Tags.Exchange, "Read the dead letters",
            "The messages that failed after their retries (Wolverine's dead letters, in this node's database), newest first (at most 200): " +
            "message type, destination, the exception, and whether it is marked for replay. For administrators and auditors.") with
        { SuccessType = typeof(Exchange.DeadLetter[]), SuccessDescription = "The dead letters, newest first." },
        Op("ReplayDeadLetters", Tags.Exchange, "Replay dead letters",
            "An administrator marks dead letters for replay (1 to 500 ids): Wolverine moves them back to the durable inbox and handles them " +
            "again. A batch applied meanwhile is then refused as already applied: nothing is applied twice. Ids that are no dead letter here " +
            "are ignored; `marked` counts those found.") with
        {
            SuccessStatus = 202, SuccessType = typeof(Exchange.DeadLettersReplayed), SuccessDescription = "Accepted: how many dead letters were marked for replay.",
            RequestExamples = [new("two", "Two batches that failed while the database was down", Examples.Replay)], ResponseExample = new Exchange.DeadLettersReplayed(2),
        },
        Op("GetChainHeads", Tags.Exchange, "Read a notification's exchange heads",
            "Per origin state, the last batch of the exchange chain on this notification known here (seq and hash), and the same " +
            "statement signed by this node's key (`body`, `kid`, `signature`, ES256 over the UTF-8 body): what another node's copy is " +
            "compared with, kept as evidence of what this node said (docs/exchange.md, \"Proof\"). 404 when no batch of the notification " +
            "was exchanged here. For administrators and auditors.") with
        { SuccessType = typeof(Exchange.ChainHeads), SuccessDescription = "The heads, signed." },
        Op("GetChainProof", Tags.Exchange, "Prove a notification's copy",
            "Per origin state (and direction: sent from here or received), the exchange chain recomputed from the copies of its batches " +
            "kept here, whether every signature verifies, and whether the facts in this node's event store are exactly those of the batches; " +
            "`matches` and, where not, `problems` naming the batch. Compared with the origin's heads it shows that this copy is what the " +
            "origin decided. 404 when no batch of the notification was exchanged here. For administrators and auditors.") with
        { SuccessType = typeof(Exchange.ChainProof), SuccessDescription = "The proof per origin." },
        // ---- green-listed waste (EU 2024/1157 Art. 18) ----------------------------------------------------------
        Op("FillAnnexVIIDocument", Tags.GreenList, "Fill an Annex VII document",
            "The person who arranges a shipment of green-listed waste destined for recovery (Art. 4(4)), or of a sample for laboratory " +
            "analysis or an experimental treatment trial (`sample: true`, Art. 4(5)), fills and signs the Annex VII document (Art. 18(4)-(5)). " +
            "No consent follows. Refused when the waste must be notified instead (an amber or hazardous code, a code outside the green list, " +
            "a hazardous list-of-waste entry, disposal: Art. 4(1)-(2)), when a sample exceeds 250 kg (Art. 4(5)(a)), without the permits " +
            "(Art. 18(2)-(3)) or the contract (Art. 18(10)), or later than two working days before the shipment starts (Art. 18(5)). " +
            "The id is `<dispatch>-<year>-G<sequence>`.") with
        {
            SuccessStatus = 201, SuccessType = typeof(AnnexVIIDocumentCreated), SuccessDescription = "Filled: the document's id and version 1.", Location = true,
            Never = [404],
            Refusals = ["not-an-undertaking", "notification-required", "not-green-listed", "sample-quantity-limit", "annex-vii-too-late", "annex-vii-contract-required"],
            RequestExamples = [new("copper-scrap", "Copper cable scrap (B1010) from Hamburg to Rotterdam for R4", Examples.AnnexVII)],
            ResponseExample = Examples.AnnexVIICreated,
        },
        Op("ListAnnexVIIDocuments", Tags.GreenList, "List Annex VII documents",
            "The caller's Annex VII documents, newest first, each with its next step: an authority's those concerning its state (dispatch, " +
            "transit, destination; Art. 18(4)), a facility's those naming it, an undertaking's those it arranged or receives as consignee, " +
            "an auditor's all.") with
        { SuccessType = typeof(AnnexVIIDocumentPage), SuccessDescription = "One page of documents." },
        Op("GetAnnexVIIDocument", Tags.GreenList, "Read an Annex VII document",
            "The document as it stands: the particulars (boxes 1-12), the signatures, the receipts of the consignee and the facility, the " +
            "recovery certificate and its due date, inspections, and the stream `version` to send as `If-Match`.") with
        { SuccessType = typeof(AnnexVIIDocumentState), SuccessDescription = "The document." },
        Op("GetAnnexVIIHistory", Tags.GreenList, "Read an Annex VII document's history",
            "Every event of the document in order, for an auditor or a party: who signed (the person, and the undertaking, facility or " +
            "authority they acted for), the fact's time and the recorded time, the correlation id and the event's hash in the chain.") with
        { SuccessType = typeof(AnnexVIIHistory), SuccessDescription = "The document's events." },
        Op("ConfirmAnnexVIIReceipt", Tags.GreenList, "Confirm receipt of green-listed waste",
            "The recovery facility or laboratory confirms receipt and the quantity received within two working days of receipt (Art. 18(8)); " +
            "the consignee signs upon receipt with its own account. A confirmation after two working days is recorded with `late: true`.") with
        {
            SuccessType = typeof(DocumentWritten), SuccessDescription = "Received: the document's new version (also in `ETag`).",
            Refusals = ["not-receiver", "annex-vii-already-received", "annex-vii-receipt-date"],
            RequestExamples = [new("receipt", "Received 22.4 t", Examples.AnnexVIIReceipt)], ResponseExample = Examples.AnnexVIIWritten,
        },
        Op("CertifyAnnexVIIRecovery", Tags.GreenList, "Certify recovery of green-listed waste",
            "The recovery facility certifies that the recovery has been completed, no later than 30 days after completion and one year after " +
            "receipt (Art. 18(9)); a later certificate is recorded with `late: true`.") with
        {
            SuccessType = typeof(DocumentWritten), SuccessDescription = "Certified: the document's new version (also in `ETag`).",
            Refusals = ["not-receiver", "annex-vii-recovery-before-receipt", "annex-vii-already-recovered", "annex-vii-recovery-date"],
            RequestExamples = [new("recovery", "Recovered on 20 December", Examples.AnnexVIIRecovery)], ResponseExample = Examples.AnnexVIIWritten,
        },
        Op("RecordAnnexVIIInspection", Tags.GreenList, "Record an inspection",
            "An authority of a state the document concerns records an inspection of the shipment (Art. 3(27), 18(4)); another state's authority cannot.") with
        {
            SuccessType = typeof(DocumentWritten), SuccessDescription = "Recorded: the document's new version (also in `ETag`).",
            Refusals = ["not-concerned", "annex-vii-inspection-date"],
            RequestExamples = [new("inspection", "A roadside check", Examples.AnnexVIIInspection)], ResponseExample = Examples.AnnexVIIWritten,
        },
        // ---- bulk upload ----------------------------------------------------------------------------------------
        Op("Upload", Tags.Uploads, "Upload many steps as CSV",
            "A CSV file (`Content-Type: text/csv`, UTF-8, a header row naming the columns, at most 500 rows) of one kind: `prior-information` " +
            "(shipment announcements by the state of export), `receipts` (shipment receipts by the facility), `annex-vii-documents` (filled by " +
            "the person who arranges the shipment) or `annex-vii-receipts`. Each row becomes the command of its single route, is validated " +
            "and decided by the same rules in a transaction of its own: a refused row appends nothing, an accepted one stays. The answer lists " +
            "each row's line, outcome (`accepted`, `replayed`, `refused`, `invalid`), the resource it created or changed and, when not " +
            "accepted, the problem (`rule`, `article`, `detail`, field `errors`). The header `Upload-Id` is required: sent again with the " +
            "same `Upload-Id`, a row already accepted answers `replayed` with its earlier resource and appends nothing. The columns of " +
            "each kind are in docs/api-guide.md.") with
        { SuccessType = typeof(UploadResult), SuccessDescription = "Each row's outcome." },
        Op("VerifyMovementDocument", Tags.Verification, "Verify a movement document",
            "For a customs officer with the paper in hand, without an account: is the document genuine, and where does the shipment " +
            "stand. It shows no more than the paper itself. An HTML page, or JSON with `Accept: application/json`.") with
        { SuccessType = typeof(VerifyEndpoint.VerifiedShipment), SuccessDescription = "The document is genuine.", OtherMedia = [("text/html", "html")] },
    ];

    public static readonly IReadOnlyDictionary<string, ApiOperation> ByName = All.ToDictionary(o => o.Name);
}
