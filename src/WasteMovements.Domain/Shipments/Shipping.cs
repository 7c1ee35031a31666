using WasteMovements.Domain.Common;
using WasteMovements.Domain.Notifications;

namespace WasteMovements.Domain.Shipments;

/// <summary>Who acts on a shipment: an authority (country) or a facility (facility id), and the person.</summary>
public sealed record ShipmentActor(string Person, string? Country, string? FacilityId);

public sealed record AnnounceShipment(decimal Quantity, string Unit, DateOnly PlannedDeparture, IReadOnlyList<string> Carriers, string Packaging, int Packages);

public sealed record RecordDeparture(DateTimeOffset DepartedAt, string Carrier);

public sealed record RecordBorderCrossing(string State, string CustomsOffice, CrossingDirection Direction, DateTimeOffset At);

public sealed record RecordCarrierHandover(string FromCarrier, string ToCarrier, string SignedBy, DateTimeOffset At);

public sealed record ConfirmReceipt(DateTimeOffset ReceivedAt, decimal Quantity, string Unit);

public sealed record RejectShipment(string Reason, decimal? Quantity);

public sealed record CertifyCompletion(string Operation, DateTimeOffset CompletedAt, string CertificateReference);

public sealed record RecordIllegalTraffic(string Cause, string Details, bool ExporterAtFault);

public sealed record RecordGuarantee(GuaranteeKind Kind, string Provider, string Reference, decimal Amount, string Currency, string Coverage, DateOnly ValidUntil);

/// <summary>
/// The shipment side of the procedure as pure decisions: the notification's and the shipment's state and
/// the command in; events or the rule that refuses the step out.
/// </summary>
public static class Shipping
{
    /// <summary>Default tolerance between announced and received quantity before a discrepancy is flagged.</summary>
    public const decimal DefaultTolerancePercent = 5m;

    public static string ShipmentId(string notificationNumber, int shipmentNumber) => $"{notificationNumber}-{shipmentNumber:D3}";

    private static bool IsExport(NotificationState n, ShipmentActor a) => string.Equals(a.Country, n.StateOfExport, StringComparison.OrdinalIgnoreCase);

    private static Refusal OnlyExport(NotificationState n, string step) => new("not-state-of-export", "Basel Art. 6(1), 6(9)",
        $"Only the competent authority of the state of export ({n.StateOfExport}) {step}.", RefusalKind.NotPermitted);

    private static Refusal OnlyFacility(ShipmentState s) => new("not-the-facility", "Basel Art. 6(9)",
        $"Only the facility named for this shipment ({s.FacilityId}) may do this.", RefusalKind.NotPermitted);

    /// <summary>
    /// Prior information of a shipment: refused unless every consent is in force and valid on the planned
    /// date (Basel Art. 6(3), 6(4); EU Art. 9(5)), the count and quantity stay within the notification, the
    /// guarantee is approved where required (Art. 6(11); EU Art. 7), and (EU) it comes at least 2 working
    /// days before departure (Art. 16(2)).
    /// </summary>
    public static Decision Announce(NotificationState n, ShipmentActor actor, AnnounceShipment c, DateTimeOffset now)
    {
        if (!IsExport(n, actor)) return Decision.Refuse(OnlyExport(n, "announces shipments"));

        switch (n.Status)
        {
            case NotificationStatus.Refused:
                return Decision.Refuse("notification-refused", "Basel Art. 6(2), 6(4)", $"Notification {n.Id} was refused; no shipment may start.");
            case NotificationStatus.Cancelled:
                return Decision.Refuse("notification-cancelled", "Basel Art. 6(1)", $"Notification {n.Id} was cancelled; no shipment may start.");
            case NotificationStatus.Closed:
                return Decision.Refuse("notification-closed", "Basel Art. 6(9)", $"Notification {n.Id} is closed; no shipment may follow.");
            case NotificationStatus.Withdrawn:
                return Decision.Refuse("consent-withdrawn", "EU 2024/1157 Art. 9(7)-(8)", $"A consent to notification {n.Id} was withdrawn; no shipment may start.");
            case NotificationStatus.Expired:
                return Decision.Refuse("consent-expired", "EU 2024/1157 Art. 9(4), 9(5)", $"The consent to notification {n.Id} has expired.");
        }

        if (!n.AllConsentsGiven)
        {
            var missing = n.Authorities.Where(a => a.MustConsent && !a.HasConsented).Select(a => a.State).ToArray();
            return Decision.Refuse("consent-missing", "Basel Art. 6(3), 6(4)",
                missing.Length > 0
                    ? $"No shipment may start before every consent: still missing from {string.Join(", ", missing)}."
                    : "The state of import has not confirmed the contract with the disposer (Art. 6(3)(b)).");
        }

        if ((n.ConsentValidFrom is { } from && c.PlannedDeparture < from) || (n.ConsentValidUntil is { } until && c.PlannedDeparture > until))
        {
            return Decision.Refuse("outside-consent-validity", "EU 2024/1157 Art. 9(5); Basel Art. 6(6)",
                $"The planned departure {c.PlannedDeparture:yyyy-MM-dd} is outside the consents' validity ({n.ConsentValidFrom:yyyy-MM-dd} to {n.ConsentValidUntil:yyyy-MM-dd}).");
        }

        if (!string.Equals(c.Unit, n.Particulars.Unit, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("unit-differs", "Basel Annex V A item 15",
                $"The notification counts quantities in '{n.Particulars.Unit}', not '{c.Unit}'.");
        }

        if (n.ShipmentsRemaining <= 0)
        {
            return Decision.Refuse("shipment-count-exceeded", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 17",
                $"All {n.Particulars.IntendedShipments} shipments of notification {n.Id} have been announced; more need a new notification.");
        }

        if (c.Quantity > n.QuantityRemaining)
        {
            return Decision.Refuse("total-quantity-exceeded", "Basel Art. 6(6)-(8); EU 2024/1157 Art. 17",
                $"{c.Quantity} {n.Particulars.Unit} would exceed the notified total of {n.Particulars.TotalQuantity} {n.Particulars.Unit}: {n.QuantityRemaining} remain.");
        }

        if (ShipmentRules.GuaranteeRequired(n))
        {
            var approvers = ShipmentRules.GuaranteeApprovers(n);
            if (n.Guarantee is null || approvers.Any(a => !n.Guarantee.ApprovedBy.Contains(a)))
            {
                return Decision.Refuse("guarantee-not-approved", n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 7" : "Basel Art. 6(11)",
                    $"Insurance or a financial guarantee approved by {string.Join(", ", approvers)} is required before the first shipment.");
            }
        }

        if (ShipmentRules.PriorInformationWorkingDays(n.Regime) is { } days
            && new DateTimeOffset(c.PlannedDeparture.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) < ShipmentRules.AddWorkingDays(now, days, n.StateOfExport))
        {
            return Decision.Refuse("prior-information-too-late", n.Regime.Instrument == RegimeInfo.Eu2024Instrument ? "EU 2024/1157 Art. 16(2)" : "Regulation (EC) No 1013/2006 Art. 16(b)",
                $"Prior information must reach the authorities at least {days} working days before the shipment starts; {c.PlannedDeparture:yyyy-MM-dd} is too soon.");
        }

        var number = n.Shipments.Count + 1;
        var id = ShipmentId(n.Id, number);
        var p = n.Particulars;
        var carriers = p.Carriers.Where(x => c.Carriers.Contains(x.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        carriers.AddRange(c.Carriers.Where(name => !p.Carriers.Any(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase)))
            .Select(name => new Carrier(name, "", null, new ContactPerson(name, null, null), p.MeansOfTransport)));
        var document = new MovementDocument(n.Id, number, p.IntendedShipments, p.Kind, n.Regime, p.Exporter, p.Generators, p.Consignee, p.Facility,
            carriers, p.StateOfExport, p.StateOfImport, p.Transits, p.MeansOfTransport, p.Waste, p.Operation, p.SubsequentOperation,
            c.Quantity, p.Unit, c.Packaging, c.Packages, c.PlannedDeparture, n.Conditions,
            n.Authorities.Where(a => a.HasConsented).Select(a => $"{a.State} ({(a.Status == AuthorityStatus.TacitlyConsented ? "tacit" : "written")}, {a.DecidedAt:yyyy-MM-dd})").ToArray(),
            n.ConsentValidUntil);

        return Decision.Accept(
            new ShipmentAnnounced(n.Id, id, number, c.Quantity, p.Unit, c.PlannedDeparture, now),
            new MovementDocumentIssued(id, document, now));
    }

    /// <summary>The movement starts: only with every consent still in force (Basel Art. 6(3); EU Art. 9(5)).</summary>
    public static Decision Depart(ShipmentState s, NotificationState n, ShipmentActor actor, RecordDeparture c, DateTimeOffset now)
    {
        if (!IsExport(n, actor)) return Decision.Refuse(OnlyExport(n, "records the departure"));
        if (s.Status != ShipmentStatus.Announced)
        {
            return Decision.Refuse("already-departed", "Basel Annex V B item 6", $"Shipment {s.Id} departed on {s.DepartedAt:yyyy-MM-dd}.");
        }

        if (n.Status is not (NotificationStatus.Consented or NotificationStatus.Closed))
        {
            return Decision.Refuse("consent-not-in-force", "Basel Art. 6(3); EU 2024/1157 Art. 9(5)",
                $"Notification {n.Id} is {n.Status}: the movement may not start.");
        }

        var day = DateOnly.FromDateTime(c.DepartedAt.UtcDateTime);
        if ((n.ConsentValidFrom is { } from && day < from) || (n.ConsentValidUntil is { } until && day > until))
        {
            return Decision.Refuse("outside-consent-validity", "EU 2024/1157 Art. 9(5); Basel Art. 6(6)",
                $"Departure on {day:yyyy-MM-dd} is outside the consents' validity ({n.ConsentValidFrom:yyyy-MM-dd} to {n.ConsentValidUntil:yyyy-MM-dd}).");
        }

        if (c.DepartedAt > now.AddHours(1))
        {
            return Decision.Refuse("departure-in-the-future", "Basel Annex V B item 6", "A departure is recorded when it has happened.");
        }

        return Decision.Accept(new ShipmentDeparted(n.Id, s.Id, c.DepartedAt, c.Carrier.Trim(), actor.Person));
    }

    /// <summary>The state crossed records the crossing; only a state on the route (export, transit, import).</summary>
    public static Decision CrossBorder(ShipmentState s, NotificationState n, ShipmentActor actor, RecordBorderCrossing c)
    {
        if (!string.Equals(actor.Country, c.State, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse(new Refusal("not-the-state-crossed", "Basel Art. 6(4), 7",
                $"Only the authority of the state crossed ({c.State}) records its crossing.", RefusalKind.NotPermitted));
        }

        if (!n.Concerns(c.State))
        {
            return Decision.Refuse(new Refusal("not-on-the-route", "Basel Art. 6(1), Annex V A item 7",
                $"{c.State} is not a state concerned by notification {n.Id}: crossing it was not consented.", RefusalKind.NotPermitted));
        }

        if (s.Status != ShipmentStatus.InTransit)
        {
            return Decision.Refuse("not-in-transit", "Basel Annex V B item 7", $"Shipment {s.Id} is {s.Status}, not in transit.");
        }

        return Decision.Accept(new BorderCrossed(n.Id, s.Id, c.State.ToUpperInvariant(), c.CustomsOffice.Trim(), c.Direction, c.At));
    }

    /// <summary>Basel Art. 6(9): a new carrier takes charge and signs. Recorded by the state of export or a state concerned.</summary>
    public static Decision HandOver(ShipmentState s, NotificationState n, ShipmentActor actor, RecordCarrierHandover c)
    {
        if (actor.Country is null || !n.Concerns(actor.Country))
        {
            return Decision.Refuse(new Refusal("not-concerned", "Basel Art. 2(13)", "Only a state concerned records a hand-over.", RefusalKind.NotPermitted));
        }

        if (s.Status != ShipmentStatus.InTransit)
        {
            return Decision.Refuse("not-in-transit", "Basel Art. 6(9)", $"Shipment {s.Id} is {s.Status}, not in transit.");
        }

        var current = s.Custody.LastOrDefault()?.Carrier;
        if (!string.Equals(current, c.FromCarrier.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("not-the-carrier-in-charge", "Basel Art. 6(9)",
                $"The carrier in charge is {current}, not {c.FromCarrier}.");
        }

        return Decision.Accept(new CarrierHandedOver(n.Id, s.Id, current!, c.ToCarrier.Trim(), c.SignedBy.Trim(), c.At));
    }

    /// <summary>
    /// Basel Art. 6(9); EU Art. 16(5): the named facility confirms receipt and the quantity. A difference beyond
    /// the tolerance is flagged; a confirmation later than the regime's working days is flagged as late.
    /// </summary>
    public static Decision Receive(ShipmentState s, NotificationState n, ShipmentActor actor, ConfirmReceipt c, DateTimeOffset now, decimal tolerancePercent)
    {
        if (!string.Equals(actor.FacilityId, s.FacilityId, StringComparison.Ordinal)) return Decision.Refuse(OnlyFacility(s));
        if (s.Status != ShipmentStatus.InTransit)
        {
            return Decision.Refuse(s.Status == ShipmentStatus.Announced ? "not-departed" : "already-received", "Basel Art. 6(9)",
                $"Shipment {s.Id} is {s.Status}: receipt can only be confirmed for a shipment in transit.");
        }

        if (!string.Equals(c.Unit, s.Document.Unit, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("unit-differs", "Basel Annex V B item 11", $"The movement document counts '{s.Document.Unit}', not '{c.Unit}'.");
        }

        if (c.ReceivedAt > now.AddHours(1) || (s.DepartedAt is { } departed && c.ReceivedAt < departed))
        {
            return Decision.Refuse("receipt-time-impossible", "Basel Annex V B item 14",
                $"Receipt at {c.ReceivedAt:u} is before the departure or in the future.");
        }

        var difference = s.Document.Quantity == 0 ? 0 : Math.Round(Math.Abs(c.Quantity - s.Document.Quantity) / s.Document.Quantity * 100m, 2);
        var late = ShipmentRules.ReceiptConfirmationWorkingDays(s.Document.Regime) is { } days
                   && now > ShipmentRules.AddWorkingDays(c.ReceivedAt, days, s.Document.StateOfImport);
        var afterValidity = n.ConsentValidUntil is { } until && DateOnly.FromDateTime(c.ReceivedAt.UtcDateTime) > until;
        var received = new ShipmentReceived(n.Id, s.Id, s.FacilityId, c.ReceivedAt, c.Quantity, s.Document.Unit,
            difference > tolerancePercent, difference, late, afterValidity, now);
        return received.Discrepancy
            ? Decision.Accept(received, new ShipmentDiscrepancyFlagged(n.Id, s.Id, s.Document.Quantity, c.Quantity, difference, now))
            : Decision.Accept(received);
    }

    /// <summary>The facility rejects all or part of the shipment: take-back within 90 days (Basel Art. 8; EU Art. 22).</summary>
    public static Decision Reject(ShipmentState s, NotificationState n, ShipmentActor actor, RejectShipment c, DateTimeOffset now)
    {
        if (!string.Equals(actor.FacilityId, s.FacilityId, StringComparison.Ordinal)) return Decision.Refuse(OnlyFacility(s));
        if (s.Status is not (ShipmentStatus.InTransit or ShipmentStatus.Received))
        {
            return Decision.Refuse("cannot-reject-now", "Basel Art. 8", $"Shipment {s.Id} is {s.Status}; only waste arriving or received can be rejected.");
        }

        var delivered = s.Receipt?.Quantity ?? s.Document.Quantity;
        var quantity = c.Quantity ?? delivered;
        if (quantity > delivered - s.RejectedQuantity)
        {
            return Decision.Refuse("rejected-quantity-too-large", "Basel Art. 8", $"Only {delivered - s.RejectedQuantity} {s.Document.Unit} can be rejected.");
        }

        var full = quantity >= delivered - s.RejectedQuantity;
        return Decision.Accept(new ShipmentRejected(n.Id, s.Id, s.FacilityId, c.Reason.Trim(), quantity, full, now, now + ShipmentRules.TakeBackPeriod));
    }

    /// <summary>Basel Art. 8: the state of import informs that the movement cannot be completed as contracted.</summary>
    public static Decision CannotBeCompleted(ShipmentState s, NotificationState n, ShipmentActor actor, string reason, DateTimeOffset now)
    {
        if (!string.Equals(actor.Country, n.StateOfImport, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse(new Refusal("not-state-of-import", "Basel Art. 8",
                $"The state of import ({n.StateOfImport}) informs that a movement cannot be completed.", RefusalKind.NotPermitted));
        }

        if (s.Status is not (ShipmentStatus.InTransit or ShipmentStatus.Received))
        {
            return Decision.Refuse("cannot-be-completed-not-applicable", "Basel Art. 8", $"Shipment {s.Id} is {s.Status}.");
        }

        return Decision.Accept(new MovementCannotBeCompleted(n.Id, s.Id, actor.Country!, reason.Trim(), now, now + ShipmentRules.TakeBackPeriod));
    }

    /// <summary>Basel Art. 8: instead of take-back, the state of export arranges another facility (whose consents it needs).</summary>
    public static Decision ArrangeAlternative(ShipmentState s, NotificationState n, ShipmentActor actor, Facility facility, string details, DateTimeOffset now)
    {
        if (!IsExport(n, actor)) return Decision.Refuse(OnlyExport(n, "arranges an alternative"));
        if (s.Status is not (ShipmentStatus.Rejected or ShipmentStatus.CannotBeCompleted) || s.PendingTakeBack is null)
        {
            return Decision.Refuse("no-take-back-pending", "Basel Art. 8", $"Shipment {s.Id} has no pending take-back to replace.");
        }

        return Decision.Accept(new AlternativeArrangementMade(n.Id, s.Id, facility, details.Trim(), now));
    }

    /// <summary>The state of export records that the waste was taken back.</summary>
    public static Decision Return(ShipmentState s, NotificationState n, ShipmentActor actor, DateTimeOffset now)
    {
        if (!IsExport(n, actor)) return Decision.Refuse(OnlyExport(n, "records the return"));
        if (s.PendingTakeBack is null)
        {
            return Decision.Refuse("no-take-back-pending", "Basel Art. 8", $"Shipment {s.Id} has no pending take-back.");
        }

        var events = new List<object> { new ShipmentReturned(n.Id, s.Id, now) };
        if (s.Status is ShipmentStatus.Rejected or ShipmentStatus.CannotBeCompleted || s.Receipt is null)
        {
            events.Add(new ShipmentConcluded(n.Id, s.Id, ShipmentOutcome.Returned, now));
        }

        return Decision.Accept(events);
    }

    /// <summary>
    /// The certificate of disposal or recovery: by the facility, with the operation actually performed, which
    /// must be the notified one (or, after an interim certificate, the subsequent one). Late when more than
    /// 30 days after completion (EU Art. 16(6)).
    /// </summary>
    public static Decision Complete(ShipmentState s, NotificationState n, ShipmentActor actor, CertifyCompletion c, DateTimeOffset now)
    {
        if (!string.Equals(actor.FacilityId, s.FacilityId, StringComparison.Ordinal)) return Decision.Refuse(OnlyFacility(s));
        if (s.Status is not (ShipmentStatus.Received or ShipmentStatus.InterimCompleted))
        {
            return Decision.Refuse("not-received", "Basel Art. 6(9)", $"Shipment {s.Id} is {s.Status}: only received waste is certified.");
        }

        var expected = s.Status == ShipmentStatus.InterimCompleted ? s.Document.SubsequentOperation ?? s.Document.Operation : s.Document.Operation;
        if (!string.Equals(c.Operation, expected, StringComparison.OrdinalIgnoreCase))
        {
            return Decision.Refuse("operation-differs", "Basel Art. 6(9), Annex V B item 14",
                $"The certificate names {c.Operation}, but the notified operation is {expected}.");
        }

        if (c.CompletedAt > now.AddHours(1) || (s.Receipt is { } r && c.CompletedAt < r.ReceivedAt))
        {
            return Decision.Refuse("completion-time-impossible", "Basel Annex V B item 14", "Completion is after receipt and not in the future.");
        }

        var interim = s.Status == ShipmentStatus.Received && ShipmentRules.IsInterim(expected);
        var late = now > c.CompletedAt.AddDays(ShipmentRules.CertificateDaysAfterCompletion);
        var events = new List<object> { new ShipmentCompleted(n.Id, s.Id, expected.ToUpperInvariant(), interim, c.CompletedAt, c.CertificateReference.Trim(), late, now) };
        if (!interim) events.Add(new ShipmentConcluded(n.Id, s.Id, ShipmentOutcome.Completed, now));
        return Decision.Accept(events);
    }

    /// <summary>Basel Art. 9: a state concerned records illegal traffic; exporter at fault starts a 30-day take-back (Art. 9(2)).</summary>
    public static Decision FindIllegalTraffic(ShipmentState s, NotificationState n, ShipmentActor actor, RecordIllegalTraffic c, DateTimeOffset now)
    {
        if (actor.Country is null || !n.Concerns(actor.Country))
        {
            return Decision.Refuse(new Refusal("not-concerned", "Basel Art. 2(13)", "Only a state concerned records illegal traffic.", RefusalKind.NotPermitted));
        }

        if (!IllegalTrafficCauses.All.Contains(c.Cause))
        {
            return Decision.Refuse("unknown-cause", "Basel Art. 9(1)", $"'{c.Cause}' is not a cause of Art. 9(1): {string.Join(", ", IllegalTrafficCauses.All)}.");
        }

        return Decision.Accept(new IllegalTrafficFound(n.Id, s.Id, actor.Country!, c.Cause, c.Details.Trim(), c.ExporterAtFault, now,
            c.ExporterAtFault ? now + ShipmentRules.IllegalTakeBackPeriod : null));
    }

    /// <summary>A shipment deadline passed: overdue if its step is still not done, otherwise nothing.</summary>
    public static Decision DeadlinePassed(ShipmentState s, ShipmentDeadlineKind kind, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var pending = s.Deadlines.FirstOrDefault(d => d.Kind == kind && d.DueAt == dueAt && !d.Overdue);
        if (pending is null || now < dueAt) return Decision.Accept();
        return Decision.Accept(new ShipmentDeadlinePassed(s.NotificationNumber, s.Id, kind, dueAt, pending.Basis, now));
    }

    /// <summary>
    /// Closure: every announced shipment is concluded and no more may follow (all announced, quantity used up,
    /// or the consent ended).
    /// </summary>
    public static Decision Close(NotificationState n, DateTimeOffset now)
    {
        if (n.ClosedAt is not null || n.Shipments.Count == 0 || n.Shipments.Any(s => s.Outcome is null)) return Decision.Accept();
        var reason = n.ShipmentsRemaining <= 0 ? "every notified shipment was made and concluded"
            : n.QuantityRemaining <= 0 ? "the notified quantity was shipped and every shipment concluded"
            : n.Status is NotificationStatus.Expired or NotificationStatus.Withdrawn or NotificationStatus.Cancelled
                ? $"the notification is {n.Status.ToString().ToLowerInvariant()} and every shipment concluded"
                : null;
        return reason is null ? Decision.Accept() : Decision.Accept(new NotificationClosed(n.Id, reason, now));
    }

    /// <summary>The state of export records the insurance or guarantee (Basel Art. 6(11); EU Art. 7).</summary>
    public static Decision RecordFinancialGuarantee(NotificationState n, ShipmentActor actor, RecordGuarantee c, DateTimeOffset now)
    {
        if (!IsExport(n, actor)) return Decision.Refuse(OnlyExport(n, "records the guarantee"));
        if (n.IsTerminal) return Decision.Refuse("notification-not-open", "Basel Art. 6(11)", $"Notification {n.Id} is {n.Status}.");
        return Decision.Accept(new FinancialGuaranteeRecorded(c.Kind, c.Provider.Trim(), c.Reference.Trim(), c.Amount, c.Currency, c.Coverage.Trim(), c.ValidUntil, now));
    }

    public static Decision ApproveFinancialGuarantee(NotificationState n, ShipmentActor actor, DateTimeOffset now)
    {
        var approvers = ShipmentRules.GuaranteeApprovers(n);
        if (actor.Country is null || !approvers.Contains(actor.Country, StringComparer.OrdinalIgnoreCase))
        {
            return Decision.Refuse(new Refusal("not-the-approving-authority", n.Regime.Regime == ControlRegime.Eu ? "EU 2024/1157 Art. 7(1)" : "Basel Art. 6(11)",
                approvers.Count == 0 ? "No authority of this notification requires a guarantee."
                    : $"The guarantee is approved by {string.Join(", ", approvers)}.", RefusalKind.NotPermitted));
        }

        if (n.Guarantee is null) return Decision.Refuse("no-guarantee-recorded", "Basel Art. 6(11)", "No insurance or guarantee has been recorded yet.");
        if (n.Guarantee.ApprovedBy.Contains(actor.Country)) return Decision.Refuse("already-approved", "Basel Art. 6(11)", $"{actor.Country} already approved the guarantee.");
        return Decision.Accept(new FinancialGuaranteeApproved(actor.Country.ToUpperInvariant(), now));
    }

    /// <summary>EU Art. 7(5): released by the dispatch authority only when every shipment's certificate (or return) is in.</summary>
    public static Decision ReleaseFinancialGuarantee(NotificationState n, ShipmentActor actor, DateTimeOffset now)
    {
        if (!IsExport(n, actor)) return Decision.Refuse(OnlyExport(n, "releases the guarantee"));
        if (n.Guarantee is null || n.Guarantee.ApprovedBy.Count == 0) return Decision.Refuse("no-guarantee-recorded", "EU 2024/1157 Art. 7", "No approved guarantee to release.");
        if (n.Guarantee.ReleasedAt is not null) return Decision.Refuse("already-released", "EU 2024/1157 Art. 7(5)", "The guarantee was already released.");
        var open = n.Shipments.Where(s => s.Outcome is null).Select(s => s.ShipmentNumber).ToArray();
        if (open.Length > 0 || (n.ShipmentsRemaining > 0 && n.QuantityRemaining > 0 && !n.IsTerminal))
        {
            return Decision.Refuse("certificates-outstanding", "EU 2024/1157 Art. 7(5)",
                open.Length > 0
                    ? $"The guarantee is released only when the certificate of every shipment has arrived; shipments {string.Join(", ", open)} are not concluded."
                    : "More shipments may still follow under this notification.");
        }

        return Decision.Accept(new FinancialGuaranteeReleased(actor.Country!.ToUpperInvariant(), now));
    }
}

/// <summary>The causes of illegal traffic in Basel Art. 9(1)(a)-(e).</summary>
public static class IllegalTrafficCauses
{
    public static readonly IReadOnlyList<string> All =
        ["without-notification", "without-consent", "consent-by-fraud", "not-matching-documents", "deliberate-disposal"];
}
