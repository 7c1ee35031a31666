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

    /// <summary>One row of the table: the side, for <see cref="FactSide.OwnState"/> the property naming the state, for
    /// <see cref="FactSide.Derived"/> the facts that cause it, and the article that gives the fact to that side.</summary>
    private sealed record Origin(FactSide Side, string Article, Func<object, NotificationState?, string?>? Named = null, Type[]? CausedBy = null);

    private static Origin Own<T>(string article, Func<T, NotificationState?, string?> named) => new(FactSide.OwnState, article, (f, n) => named((T)f, n));
    private static Origin Export(string article) => new(FactSide.StateOfExport, article);
    private static Origin Import(string article) => new(FactSide.StateOfImport, article);
    private static Origin Derived(string article, params Type[] causedBy) => new(FactSide.Derived, article, CausedBy: causedBy);

    private static readonly IReadOnlyDictionary<Type, Origin> Table = new Dictionary<Type, Origin>
    {
        // ---- The notification's stream --------------------------------------------------------------------------
        // Basel Art. 6(1); EU 2024/1157 Art. 5: the state of export notifies, through its own competent authority.
        [typeof(NotificationFiled)] = Export("Basel Art. 6(1); EU 2024/1157 Art. 5"),
        // Basel Art. 6(4); EU 2024/1157 Art. 8: each authority of import or transit acknowledges for itself.
        [typeof(NotificationAcknowledged)] = Own<NotificationAcknowledged>("Basel Art. 6(4); EU 2024/1157 Art. 8", (e, _) => e.State),
        // EU 2024/1157 Art. 8(12): the authority of destination informs that the notification is properly completed.
        [typeof(NotificationCompletenessConfirmed)] = Import("EU 2024/1157 Art. 8(12)"),
        // Basel Art. 6(2), 6(4); EU 2024/1157 Art. 8: the asking authority asks.
        [typeof(InformationRequested)] = Own<InformationRequested>("Basel Art. 6(2), 6(4); EU 2024/1157 Art. 8", (e, _) => e.State),
        // The answer goes through the state of export (Basel Art. 6(1)); its State names the asking authority, not the sender.
        [typeof(InformationProvided)] = Export("Basel Art. 6(1), 6(2); EU 2024/1157 Art. 8"),
        // Basel Art. 6(2)-(4); EU 2024/1157 Art. 9-12: each authority consents or refuses for itself.
        [typeof(ConsentGranted)] = Own<ConsentGranted>("Basel Art. 6(2), 6(4); EU 2024/1157 Art. 9", (e, _) => e.State),
        [typeof(ConsentRefused)] = Own<ConsentRefused>("Basel Art. 6(2), 6(4); EU 2024/1157 Art. 11, 12", (e, _) => e.State),
        // Tacit consent: the deadline of the silent state's decision period fires at the node serving that state.
        [typeof(TransitConsentDeemed)] = Own<TransitConsentDeemed>("Basel Art. 6(4); EU 2024/1157 Art. 9(1)", (e, _) => e.State),
        [typeof(ConsentDeemed)] = Own<ConsentDeemed>("OECD C(2001)107 (tacit consent)", (e, _) => e.State),
        // EU 2024/1157 Art. 9(7)-(8): the state that consented withdraws its own consent.
        [typeof(ConsentWithdrawn)] = Own<ConsentWithdrawn>("EU 2024/1157 Art. 9(7)-(8)", (e, _) => e.State),
        // EU 2024/1157 Art. 12(3): the objecting authority lifts its own objection.
        [typeof(ObjectionLifted)] = Own<ObjectionLifted>("EU 2024/1157 Art. 12(3)", (e, _) => e.State),
        // EU 2024/1157 Art. 12(4): the objecting authority's decision period ended (its deadline, at its node). Older events
        // without the state: the objecting state whose period ended first.
        [typeof(NotificationCeasedToBeValid)] = Own<NotificationCeasedToBeValid>("EU 2024/1157 Art. 12(4)", (e, n) => e.State ?? FirstPeriodEnded(e, n)),
        // Basel Art. 6(1): the state of export withdraws its own notification.
        [typeof(NotificationCancelled)] = Export("Basel Art. 6(1)"),
        // EU 2024/1157 Art. 9(4): the validity deadline has no state of its own: it fires at the node of the state of export.
        [typeof(ConsentExpired)] = Export("EU 2024/1157 Art. 9(4)"),
        // EU 2024/1157 Art. 17(1): the notifier informs of a change through its authority; 17(2): each authority answers for itself.
        [typeof(NotificationChangeRecorded)] = Export("EU 2024/1157 Art. 17(1)"),
        [typeof(NotificationChangeAccepted)] = Own<NotificationChangeAccepted>("EU 2024/1157 Art. 17(2)", (e, _) => e.State),
        [typeof(NewNotificationRequired)] = Own<NewNotificationRequired>("EU 2024/1157 Art. 17(2)", (e, _) => e.State),
        // In force with a non-essential change as recorded, or with the last authority's answer (Art. 17(2)).
        [typeof(NotificationChangeInForce)] = Derived("EU 2024/1157 Art. 17(2)", typeof(NotificationChangeRecorded), typeof(NotificationChangeAccepted)),
        // EU 2024/1157 Art. 16(2): prior information of a shipment comes from the notifier, through the state of export.
        [typeof(ShipmentAnnounced)] = Export("EU 2024/1157 Art. 16(2); Basel Art. 6(3)"),
        // A shipment concluded with its final certificate or its return; discrepancy with the receipt; closure with the conclusion.
        [typeof(ShipmentConcluded)] = Derived("Basel Art. 6(9), 8", typeof(ShipmentCompleted), typeof(ShipmentReturned)),
        [typeof(ShipmentDiscrepancyFlagged)] = Derived("Basel Art. 6(9); EU 2024/1157 Art. 16(5)", typeof(ShipmentReceived)),
        [typeof(NotificationClosed)] = Derived("Basel Art. 6(9)", typeof(ShipmentConcluded)),
        // Basel Art. 6(11); EU 2024/1157 Art. 7: the state of export records the guarantee, the authority requiring it approves,
        // and the authority of dispatch releases it (Art. 7(5)).
        [typeof(FinancialGuaranteeRecorded)] = Export("Basel Art. 6(11); EU 2024/1157 Art. 7"),
        [typeof(FinancialGuaranteeApproved)] = Own<FinancialGuaranteeApproved>("Basel Art. 6(11); EU 2024/1157 Art. 7(1)", (e, _) => e.State),
        [typeof(FinancialGuaranteeReleased)] = Export("EU 2024/1157 Art. 7(5)"),
        // EU 2024/1157 Art. 20: each node keeps its own records, so it alone erases personal data from them.
        [typeof(PersonalDataErased)] = new(FactSide.Local, "EU 2024/1157 Art. 20"),

        // ---- A shipment's stream ---------------------------------------------------------------------------------
        // Basel Annex V B; EU 2024/1157 Art. 16(2): the movement document is issued with the prior information.
        [typeof(MovementDocumentIssued)] = Export("Basel Art. 6(9), Annex V B; EU 2024/1157 Art. 16(2)"),
        // Basel Art. 6(3), Annex V B item 6: the state of export lets the movement start (the steps: its authority records it).
        [typeof(ShipmentDeparted)] = Export("Basel Art. 6(3), Annex V B item 6"),
        // Basel Art. 6(4), 7: the state crossed records its own crossing.
        [typeof(BorderCrossed)] = Own<BorderCrossed>("Basel Art. 6(4), 7", (e, _) => e.State),
        // Basel Art. 6(9): any state concerned records a hand-over; the fact names it. Older events without it: the state of export.
        [typeof(CarrierHandedOver)] = Own<CarrierHandedOver>("Basel Art. 6(9)", (e, n) => e.RecordedBy ?? n?.StateOfExport),
        // Basel Art. 6(9); EU 2024/1157 Art. 15, 16(5)-(6): the disposer (the facility, in the state of import) informs of
        // receipt and completion; it rejects what it will not treat (Basel Art. 8; EU Art. 22).
        [typeof(ShipmentReceived)] = Import("Basel Art. 6(9); EU 2024/1157 Art. 16(5)"),
        [typeof(ShipmentRejected)] = Import("Basel Art. 8; EU 2024/1157 Art. 22"),
        [typeof(ShipmentCompleted)] = Import("Basel Art. 6(9); EU 2024/1157 Art. 15(4)-(5), 16(6)"),
        // Basel Art. 8: the state of import informs the state of export that the movement cannot be completed.
        [typeof(MovementCannotBeCompleted)] = Import("Basel Art. 8"),
        // Basel Art. 8; EU 2024/1157 Art. 22: the state of export arranges the alternative or sees to the return.
        [typeof(AlternativeArrangementMade)] = Export("Basel Art. 8; EU 2024/1157 Art. 22"),
        [typeof(ShipmentReturned)] = Export("Basel Art. 8, 9(2); EU 2024/1157 Art. 22"),
        // Basel Art. 9: the state concerned that found illegal traffic records it.
        [typeof(IllegalTrafficFound)] = Own<IllegalTrafficFound>("Basel Art. 9", (e, _) => e.FoundBy),
        // Basel Art. 6(9): without receipt or certificate the export authority informs the state of import: a shipment's
        // deadline has no state of its own and fires at the node of the state of export.
        [typeof(ShipmentDeadlinePassed)] = Export("Basel Art. 6(9)"),
        // Basel Art. 8, 9(2); EU 2024/1157 Art. 22(2): the informing state (import; for illegal traffic any state concerned
        // but export) records when it informed; the state of export or import records the period both agreed.
        [typeof(TakeBackInformationRecorded)] = Own<TakeBackInformationRecorded>("Basel Art. 8, 9(2); EU 2024/1157 Art. 22(2)", (e, _) => e.InformedBy),
        [typeof(TakeBackPeriodAgreed)] = Own<TakeBackPeriodAgreed>("Basel Art. 8; EU 2024/1157 Art. 22(2)", (e, _) => e.RecordedBy),
        // Basel Art. 13(1): the state concerned that reports the accident (not necessarily the state where it happened).
        [typeof(AccidentDuringMovementReported)] = Own<AccidentDuringMovementReported>("Basel Art. 13(1)", (e, _) => e.ReportedBy),
    };

    /// <summary>Every fact type the table gives a side (the guard test compares it with <see cref="StreamEventTypes"/>).</summary>
    public static IReadOnlyCollection<Type> Known => (IReadOnlyCollection<Type>)Table.Keys;

    /// <summary>Which state may originate each fact type of a notification's or shipment's stream.</summary>
    /// <exception cref="ArgumentException">The type is not a fact of a notification's or shipment's stream, or has no side yet.</exception>
    public static FactSide SideOf(Type eventType) =>
        Table.TryGetValue(eventType, out var origin)
            ? origin.Side
            : throw new ArgumentException($"{eventType.Name} has no origin side in FactOrigins: say which state may originate it between nodes.", nameof(eventType));

    /// <summary>Every article a refusal of <see cref="Check"/> cites (the problem-type catalogue lists them).</summary>
    public static IReadOnlyList<string> Articles => Table.Values.Select(o => o.Article).Append("Basel Art. 6(1)").Distinct().Order(StringComparer.Ordinal).ToArray();

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
    /// <see cref="Rule"/>) naming the fact, the state it belongs to and the sender. A receiving node calls it once it knows
    /// the notification (a batch of a notification not known here, other than its filing, waits for the filing: it is
    /// refused here, not held).
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

            switch (row.Side)
            {
                case FactSide.Local:
                    return Refused(row.Article,
                        $"{type.Name} is local to the node that recorded it (each node erases personal data from its own records only); {Named(sender)} may not send it.");
                case FactSide.Derived:
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
