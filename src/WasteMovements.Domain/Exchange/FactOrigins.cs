using WasteMovements.Domain.Audit;
using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Exchange;

/// <summary>Whose fact it is: which state's authority (or the persons it answers for) may originate it between nodes.</summary>
public enum FactSide
{
    /// <summary>The fact names the deciding state itself (a <c>State</c>, <c>FoundBy</c>, <c>ReportedBy</c>... property): that state, if concerned.</summary>
    OwnState,
    /// <summary>The notifier's and the exporting authority's facts, and deadlines without a state (fired at the node of export).</summary>
    StateOfExport,
    /// <summary>The consignee's and the facility's facts (the facility is in the state of import), and the import authority's own reports.</summary>
    StateOfImport,
    /// <summary>A consequence a step emits with its own fact: it takes the origin of the batch and travels only with a fact that causes it.</summary>
    Derived,
    /// <summary>Local to the node that recorded it (an erasure of personal data): never exchanged; a batch holding it is refused.</summary>
    Local,
}

/// <summary>
/// Which state may originate each fact of a notification's and its shipments' streams when nodes exchange them
/// (docs/exchange-origins.md). Each authority acts only for its own state (Basel Art. 6(1), 6(2), 6(4); EU 2024/1157
/// Art. 5, 8, 9): a node that receives a batch checks that its origin state is the state each fact belongs to, read from
/// the steps that emit it and who they let act. Pure: the notification as the receiving node knows it, before the batch.
/// </summary>
public static class FactOrigins
{
    /// <summary>The rule id of every refusal of <see cref="Check"/>.</summary>
    public const string Rule = "exchange-origin-not-entitled";

    /// <summary>
    /// One row of the table: the side; for <see cref="FactSide.OwnState"/> the property naming the state (<paramref name="By"/>)
    /// and how to read it; for <see cref="FactSide.Derived"/> the facts that cause it; who takes the step, as the steps let
    /// act; and the article that gives the fact to that side. docs/exchange-origins.md is generated from these rows.
    /// </summary>
    private sealed record Origin(FactSide Side, string Who, string Article, string? By = null, Func<object, NotificationState?, string?>? Named = null, Type[]? CausedBy = null);

    private static Origin Own<T>(string by, string who, string article, Func<T, NotificationState?, string?> named) =>
        new(FactSide.OwnState, who, article, by, (f, n) => named((T)f, n));
    private static Origin Export(string who, string article) => new(FactSide.StateOfExport, who, article);
    private static Origin Import(string who, string article) => new(FactSide.StateOfImport, who, article);
    private static Origin Derived(string who, string article, params Type[] causedBy) => new(FactSide.Derived, who, article, CausedBy: causedBy);

    /// <summary>The rows in the order of the procedure (the generated table keeps it).</summary>
    private static readonly (Type Type, Origin Origin)[] Rows =
    [
        // ---- The notification's stream --------------------------------------------------------------------------
        (typeof(NotificationFiled), Export("The state of export notifies, through its own competent authority (Filing.Check: not-state-of-export).",
            "Basel Art. 6(1); EU 2024/1157 Art. 5")),
        (typeof(NotificationAcknowledged), Own<NotificationAcknowledged>("State", "Each authority of import or transit acknowledges for itself.",
            "Basel Art. 6(4); EU 2024/1157 Art. 8", (e, _) => e.State)),
        (typeof(NotificationCompletenessConfirmed), Import("The authority of destination informs all that the notification is properly completed.",
            "EU 2024/1157 Art. 8(12)")),
        (typeof(InformationRequested), Own<InformationRequested>("State", "The asking authority of import or transit asks.",
            "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 8", (e, _) => e.State)),
        (typeof(InformationProvided), Export("The answer goes through the state of export; its State names the asking authority, not the sender.",
            "Basel Art. 6(1), 6(2); EU 2024/1157 Art. 8")),
        (typeof(ConsentGranted), Own<ConsentGranted>("State", "Each authority that must consent decides for itself (EU: dispatch too).",
            "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 9", (e, _) => e.State)),
        (typeof(ConsentRefused), Own<ConsentRefused>("State", "Each authority refuses or objects for itself.",
            "Basel Art. 6(2), 6(4); EU 2024/1157 Art. 11, 12", (e, _) => e.State)),
        (typeof(TransitConsentDeemed), Own<TransitConsentDeemed>("State", "The silent transit state's decision period ended: its deadline fires at its own node.",
            "Basel Art. 6(4); EU 2024/1157 Art. 9(1)", (e, _) => e.State)),
        (typeof(ConsentDeemed), Own<ConsentDeemed>("State", "The silent authority's decision period ended: its deadline fires at its own node.",
            "OECD C(2001)107 (tacit consent)", (e, _) => e.State)),
        (typeof(ConsentWithdrawn), Own<ConsentWithdrawn>("State", "The state that consented withdraws its own consent.",
            "EU 2024/1157 Art. 9(7)-(8)", (e, _) => e.State)),
        (typeof(ObjectionLifted), Own<ObjectionLifted>("State", "The objecting authority lifts its own objection.",
            "EU 2024/1157 Art. 12(3)", (e, _) => e.State)),
        (typeof(NotificationCeasedToBeValid), Own<NotificationCeasedToBeValid>("State",
            "The objecting authority's decision period ended (its deadline, at its node); stored without it: the objecting state whose period ended first.",
            "EU 2024/1157 Art. 12(4)", (e, n) => e.State ?? FirstPeriodEnded(e, n))),
        (typeof(NotificationCancelled), Export("The state of export withdraws its own notification.", "Basel Art. 6(1)")),
        (typeof(ConsentExpired), Export("The end of the consents' validity has no state of its own: the deadline fires at the node of the state of export.",
            "EU 2024/1157 Art. 9(4)")),
        (typeof(NotificationChangeRecorded), Export("The notifier informs of a change through the authority of the state of export.",
            "EU 2024/1157 Art. 17(1)")),
        (typeof(NotificationChangeAccepted), Own<NotificationChangeAccepted>("State", "Each authority asked answers for itself.",
            "EU 2024/1157 Art. 17(2)", (e, _) => e.State)),
        (typeof(NewNotificationRequired), Own<NewNotificationRequired>("State", "Each authority asked answers for itself.",
            "EU 2024/1157 Art. 17(2)", (e, _) => e.State)),
        (typeof(NotificationChangeInForce), Derived("With a non-essential change as recorded, or with the last authority's answer.",
            "EU 2024/1157 Art. 17(2)", typeof(NotificationChangeRecorded), typeof(NotificationChangeAccepted))),
        (typeof(ShipmentAnnounced), Export("Prior information of a shipment comes from the notifier, through the state of export.",
            "EU 2024/1157 Art. 16(2); Basel Art. 6(3)")),
        (typeof(ShipmentConcluded), Derived("With the final certificate (import) or the return (export).",
            "Basel Art. 6(9), 8", typeof(ShipmentCompleted), typeof(ShipmentReturned))),
        (typeof(ShipmentDiscrepancyFlagged), Derived("With the facility's receipt of a quantity beyond the tolerance.",
            "Basel Art. 6(9); EU 2024/1157 Art. 16(5)", typeof(ShipmentReceived))),
        (typeof(NotificationClosed), Derived("With the conclusion of the last shipment.", "Basel Art. 6(9)", typeof(ShipmentConcluded))),
        (typeof(FinancialGuaranteeRecorded), Export("The state of export records the insurance, bond or guarantee.",
            "Basel Art. 6(11); EU 2024/1157 Art. 7")),
        (typeof(FinancialGuaranteeApproved), Own<FinancialGuaranteeApproved>("State", "The authority that requires the guarantee approves it (EU: dispatch).",
            "Basel Art. 6(11); EU 2024/1157 Art. 7(1)", (e, _) => e.State)),
        (typeof(FinancialGuaranteeReleased), Export("The authority of dispatch releases it once every shipment it covers is concluded.",
            "EU 2024/1157 Art. 7(5)")),
        (typeof(PersonalDataErased), new(FactSide.Local, "Each node keeps its own records and alone erases personal data from them; never exchanged.",
            "EU 2024/1157 Art. 20")),

        // ---- A shipment's stream ---------------------------------------------------------------------------------
        (typeof(MovementDocumentIssued), Export("Issued with the prior information, by the state of export.",
            "Basel Art. 6(9), Annex V B; EU 2024/1157 Art. 16(2)")),
        (typeof(ShipmentDeparted), Export("The state of export lets the movement start; its authority records the departure.",
            "Basel Art. 6(3), Annex V B item 6")),
        (typeof(BorderCrossed), Own<BorderCrossed>("State", "The state crossed records its own crossing.", "Basel Art. 6(4), 7", (e, _) => e.State)),
        (typeof(CarrierHandedOver), Own<CarrierHandedOver>("RecordedBy",
            "Any state concerned records a hand-over; the fact names it. Stored without it: the state of export.",
            "Basel Art. 6(9)", (e, n) => e.RecordedBy ?? n?.StateOfExport)),
        (typeof(ShipmentReceived), Import("The facility (in the state of import) confirms receipt.", "Basel Art. 6(9); EU 2024/1157 Art. 16(5)")),
        (typeof(ShipmentRejected), Import("The facility rejects what it will not treat.", "Basel Art. 8; EU 2024/1157 Art. 22")),
        (typeof(ShipmentCompleted), Import("The facility certifies recovery or disposal (the interim facility transmits the final certificate).",
            "Basel Art. 6(9); EU 2024/1157 Art. 15(4)-(5), 16(6)")),
        (typeof(MovementCannotBeCompleted), Import("The state of import informs the state of export.", "Basel Art. 8")),
        (typeof(AlternativeArrangementMade), Export("The state of export arranges the alternative.", "Basel Art. 8; EU 2024/1157 Art. 22")),
        (typeof(ShipmentReturned), Export("The state of export sees to the return.", "Basel Art. 8, 9(2); EU 2024/1157 Art. 22")),
        (typeof(IllegalTrafficFound), Own<IllegalTrafficFound>("FoundBy", "The state concerned that found it.", "Basel Art. 9", (e, _) => e.FoundBy)),
        (typeof(ShipmentDeadlinePassed), Export("A shipment's deadline has no state of its own: it fires at the node of the state of export, whose authority informs the state of import.",
            "Basel Art. 6(9)")),
        (typeof(TakeBackInformationRecorded), Own<TakeBackInformationRecorded>("InformedBy",
            "The informing state: import (Art. 8), any state concerned but export (illegal traffic, Art. 9(2)).",
            "Basel Art. 8, 9(2); EU 2024/1157 Art. 22(2)", (e, _) => e.InformedBy)),
        (typeof(TakeBackPeriodAgreed), Own<TakeBackPeriodAgreed>("RecordedBy", "The state of export or of import records the period both agreed.",
            "Basel Art. 8; EU 2024/1157 Art. 22(2)", (e, _) => e.RecordedBy)),
        (typeof(AccidentDuringMovementReported), Own<AccidentDuringMovementReported>("ReportedBy",
            "The state concerned that reports it (not necessarily the state where it happened).", "Basel Art. 13(1)", (e, _) => e.ReportedBy)),
    ];

    private static readonly IReadOnlyDictionary<Type, Origin> Table = Rows.ToDictionary(r => r.Type, r => r.Origin);

    /// <summary>Every fact type the table gives a side (the guard test compares it with <see cref="StreamEventTypes"/>).</summary>
    public static IReadOnlyList<Type> Known { get; } = Rows.Select(r => r.Type).ToArray();

    /// <summary>Which state may originate each fact type of a notification's or shipment's stream.</summary>
    /// <exception cref="ArgumentException">The type is not a fact of a notification's or shipment's stream, or has no side yet.</exception>
    public static FactSide SideOf(Type eventType) =>
        Table.TryGetValue(eventType, out var origin)
            ? origin.Side
            : throw new ArgumentException($"{eventType.Name} has no origin side in FactOrigins: say which state may originate it between nodes.", nameof(eventType));

    public const string TableStart = "<!-- fact-origins:start (generated from FactOrigins.cs; a domain test checks it) -->";
    public const string TableEnd = "<!-- fact-origins:end -->";

    /// <summary>The table of docs/exchange-origins.md, in stream order (the notification's, then a shipment's).</summary>
    public static string Markdown()
    {
        static string SideText(Origin o) => o.Side switch
        {
            FactSide.OwnState => $"own state (`{o.By}`)",
            FactSide.StateOfExport => "state of export",
            FactSide.StateOfImport => "state of import",
            FactSide.Derived => $"derived (with {string.Join(" or ", o.CausedBy!.Select(t => $"`{t.Name}`"))})",
            _ => "local: never exchanged",
        };

        var lines = new List<string> { "| Fact | Stream | Side | Who, as the steps let act | Article |", "|---|---|---|---|---|" };
        foreach (var (type, o) in Rows)
        {
            var stream = StreamEventTypes.Shipment.Contains(type) ? "shipment" : "notification";
            lines.Add($"| `{type.Name}` | {stream} | {SideText(o)} | {o.Who} | {o.Article} |");
        }

        return string.Join("\n", lines);
    }

    /// <summary>Every article a refusal of <see cref="Check"/> cites (the problem-type catalogue lists them).</summary>
    public static IReadOnlyList<string> Articles => Table.Values.Select(o => o.Article).Append("Basel Art. 6(1)").Append(OtherFileArticle).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The article that gives the fact type to its side.</summary>
    public static string ArticleOf(Type eventType) =>
        Table.TryGetValue(eventType, out var origin) ? origin.Article : throw new ArgumentException($"{eventType.Name} has no origin side in FactOrigins.", nameof(eventType));

    /// <summary>
    /// The state entitled to originate this fact, given the notification state BEFORE the batch (null before
    /// NotificationFiled; NotificationFiled itself: its state of export, or the known file's). Null for Derived and
    /// Local facts, for a fact of no known type, and for any other fact of a notification not known yet.
    /// </summary>
    public static string? EntitledState(object fact, NotificationState? before)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (!Table.TryGetValue(fact.GetType(), out var origin)) return null;
        if (fact is NotificationFiled filed) return Upper(before?.StateOfExport ?? filed.Particulars.StateOfExport);
        if (before is null) return null;
        return origin.Side switch
        {
            FactSide.OwnState => Upper(origin.Named!(fact, before)),
            FactSide.StateOfExport => Upper(before.StateOfExport),
            FactSide.StateOfImport => Upper(before.StateOfImport),
            _ => null,
        };
    }

    /// <summary>
    /// The state that originates a whole batch (a step's decision): the single entitled state of its non-derived facts.
    /// Null when they name different states or none, or the batch holds a local fact or a fact of no known type.
    /// </summary>
    public static string? OriginOf(IReadOnlyList<object> facts, NotificationState? before)
    {
        ArgumentNullException.ThrowIfNull(facts);
        string? origin = null;
        foreach (var (fact, state) in WithState(facts, before))
        {
            if (!Table.TryGetValue(fact.GetType(), out var row) || row.Side == FactSide.Local) return null;
            if (row.Side == FactSide.Derived) continue;
            var entitled = EntitledState(fact, state);
            if (entitled is null) return null;
            if (origin is not null && origin != entitled) return null;
            origin = entitled;
        }

        return origin;
    }

    /// <summary>
    /// Null when <paramref name="originState"/> may originate every fact of the batch; else a refusal (rule
    /// <see cref="Rule"/>) naming the fact, the state it belongs to and the sender. The receiving node calls it once it knows
    /// the notification: it holds a batch of a notification not known yet (other than its filing) until the filing arrives,
    /// since batches are ordered per origin state only; called anyway, this refuses it.
    /// </summary>
    public static Refusal? Check(string originState, IReadOnlyList<object> facts, NotificationState? before)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sender = Upper(originState) ?? "";
        if (facts.Count == 0) return Refused("Basel Art. 6(1)", $"The batch from {Named(sender)} holds no fact.");

        var types = facts.Select(f => f.GetType()).ToHashSet();
        foreach (var (fact, state) in WithState(facts, before))
        {
            var type = fact.GetType();
            if (!Table.TryGetValue(type, out var row))
            {
                return Refused("Basel Art. 6(1)", $"{type.Name}, sent by {Named(sender)}, is not a fact of a notification's or a shipment's stream; nothing was applied.");
            }

            if (row.Side == FactSide.Local)
            {
                return Refused(row.Article,
                    $"{type.Name} is local to the node that recorded it (each node erases personal data from its own records only); {Named(sender)} may not send it.");
            }

            // The states concerned and the sides are those of this notification: a fact of another file is not sent under it.
            if (state is not null && OtherFile(fact, state.Id) is { } other)
            {
                return Refused(OtherFileArticle, $"{type.Name}, sent by {Named(sender)} under notification {state.Id}, is a fact of {other}; nothing was applied.");
            }

            if (row.Side == FactSide.Derived)
            {
                // A consequence travels with the step that causes it, and so takes that step's origin.
                if (!row.CausedBy!.Any(types.Contains))
                {
                    return Refused(row.Article,
                        $"{type.Name} follows {string.Join(" or ", row.CausedBy!.Select(t => t.Name))} in the same decision; the batch from {Named(sender)} holds none.");
                }

                continue;
            }

            if (state is null)
            {
                return Refused("Basel Art. 6(1)",
                    $"{type.Name}, sent by {Named(sender)}, is for a notification not known here: a notification starts with its filing by the state of export.");
            }

            var entitled = EntitledState(fact, state);
            if (entitled is null || !state.Concerns(entitled))
            {
                return Refused(row.Article,
                    $"{type.Name} names {Named(entitled ?? "")}, which is not a state concerned by notification {state.Id}; {Named(sender)} may not send it.");
            }

            if (!string.Equals(entitled, sender, StringComparison.Ordinal))
            {
                return Refused(row.Article,
                    $"{type.Name} of notification {state.Id} is {Whose(row.Side, entitled)}; {Named(sender)} may not originate it.");
            }

            // A fact that names the role it is taken in (acknowledgement, consent, refusal, tacit consent): the state acts
            // only in the role the file gives it, as import, transit or (EU) dispatch, never as another.
            if (RoleOf(fact) is { } role && state.AuthorityOf(entitled)?.Role is var onFile && onFile != role)
            {
                return Refused(row.Article, onFile is null
                    ? $"{type.Name} names {entitled} as the authority of {role.ToString().ToLowerInvariant()}, but {entitled} does not decide on notification {state.Id}."
                    : $"{type.Name} names {entitled} as the authority of {role.ToString().ToLowerInvariant()}, but {entitled} is the authority of {onFile.Value.ToString().ToLowerInvariant()} on notification {state.Id}.");
            }
        }

        return null;
    }

    /// <summary>
    /// Each fact with the notification as it stands for it: <paramref name="before"/>, or for a filing and the facts after
    /// it in the same batch, the file that filing starts.
    /// </summary>
    private static IEnumerable<(object Fact, NotificationState? State)> WithState(IReadOnlyList<object> facts, NotificationState? before)
    {
        var state = before;
        foreach (var fact in facts)
        {
            ArgumentNullException.ThrowIfNull(fact);
            // A filing is checked against the file it starts (or the copy known here already).
            if (state is null && fact is NotificationFiled filed) state = NotificationEvolution.Create(filed);
            yield return (fact, state);
        }
    }

    private const string OtherFileArticle = "Basel Art. 2(13)";

    private static AuthorityRole? RoleOf(object fact) => fact switch
    {
        NotificationAcknowledged e => e.Role,
        ConsentGranted e => e.Role,
        ConsentRefused e => e.Role,
        ConsentDeemed e => e.Role,
        _ => null,
    };

    /// <summary>The notification or shipment another file's fact names, or null when it names none or this one's.</summary>
    private static string? OtherFile(object fact, string number)
    {
        var named = fact switch
        {
            NotificationFiled f => f.NotificationNumber,
            MovementDocumentIssued m => m.Document.NotificationNumber,
            _ => fact.GetType().GetProperty("NotificationNumber")?.GetValue(fact) as string,
        };
        if (named is not null && !string.Equals(named, number, StringComparison.OrdinalIgnoreCase)) return $"notification {named}";
        var shipment = fact.GetType().GetProperty("ShipmentId")?.GetValue(fact) as string;
        return shipment is not null && !shipment.StartsWith(number + "-", StringComparison.OrdinalIgnoreCase) ? $"shipment {shipment}" : null;
    }

    /// <summary>Old NotificationCeasedToBeValid events name no state: the objecting state whose decision period ended first.</summary>
    private static string? FirstPeriodEnded(NotificationCeasedToBeValid e, NotificationState? n) =>
        n?.Authorities.Where(a => a.Status == AuthorityStatus.Objected && a.DecisionDeadline is { DueAt: { } due } && due <= e.CeasedAt)
            .OrderBy(a => a.DecisionDeadline!.DueAt).Select(a => a.State).FirstOrDefault()
        ?? e.ObjectingStates.FirstOrDefault();

    private static string Whose(FactSide side, string state) => side switch
    {
        FactSide.StateOfExport => $"a fact of the state of export ({state})",
        FactSide.StateOfImport => $"a fact of the state of import ({state}) and its facility",
        _ => $"a fact of {state}'s own authority",
    };

    private static string Named(string state) => state.Length == 0 ? "no state" : state;

    private static string? Upper(string? state) => string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToUpperInvariant();

    private static Refusal Refused(string article, string detail) => new Refusal("exchange-origin-not-entitled", article, detail, RefusalKind.NotPermitted);
}
