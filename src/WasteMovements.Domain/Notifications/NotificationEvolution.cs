using WasteMovements.Domain.CodeLists;
using WasteMovements.Domain.Shipments;

namespace WasteMovements.Domain.Notifications;

/// <summary>The evolve function: state + event -> state. Pure, used by the projection and by replays.</summary>
public static class NotificationEvolution
{
    public static NotificationState Create(NotificationFiled e)
    {
        var state = new NotificationState
        {
            Id = e.NotificationNumber,
            Status = NotificationStatus.Filed,
            Regime = e.Regime,
            Flow = e.Regime.Regime == ControlRegime.Eu ? e.Flow ?? EuFlow.IntraUnion : null,
            Particulars = e.Particulars,
            Authorities = e.Authorities
                .Where(a => RegimeRules.MustConsent(e.Regime.Regime, a.Role))
                .Select(a => new AuthorityState(a.State, a.Role,
                    // EU dispatch: the filing through it is its Art. 8(6) "properly carried out".
                    a.Role == AuthorityRole.Export ? AuthorityStatus.Acknowledged : AuthorityStatus.Received,
                    a.AcceptsTacitConsent, e.FiledAt)
                {
                    AcknowledgedAt = a.Role == AuthorityRole.Export ? e.FiledAt : null,
                    Profile = a.Profile,
                })
                .ToArray(),
            StatesConcerned = e.Authorities.Select(a => a.State).Distinct().ToArray(),
            FiledAt = e.FiledAt,
            LastChangedAt = e.FiledAt,
        };
        return Derive(state);
    }

    /// <summary>Applies one event. Unknown events leave the state unchanged.</summary>
    public static NotificationState? Evolve(NotificationState? state, object @event)
    {
        if (@event is NotificationFiled filed) return Create(filed);
        if (state is null) return null;

        var next = @event switch
        {
            NotificationAcknowledged e => Update(state, e.State, a => a with
            {
                Status = AuthorityStatus.Acknowledged,
                AcknowledgedAt = e.AcknowledgedAt,
            }) with
            {
                // EU 2024/1157 Art. 85(3): a notification acknowledged by the destination from 21 May 2026 falls under
                // 2024/1157 even if it was filed under 1013/2006; one acknowledged before stays under 1013/2006.
                Regime = e.Role == AuthorityRole.Import ? RegimeInfo.AfterAcknowledgement(state.Regime, e.AcknowledgedAt) : state.Regime,
            },
            InformationRequested e => Update(state, e.State, a => a with { Status = AuthorityStatus.InformationRequested }) with
            {
                InformationRequests = [.. state.InformationRequests, new InformationRequest(e.RequestId, e.State, e.Questions, e.RequestedAt, null, [], null)],
            },
            InformationProvided e => Answered(state, e),
            ConsentGranted e => Update(state, e.State, a => a with
            {
                Status = AuthorityStatus.Consented,
                Consent = new ConsentTerms(e.Conditions, e.ValidFrom, e.ValidUntil, e.ContractConfirmed, false, e.DecidedAt, e.RequiresFinancialGuarantee),
                DecidedAt = e.DecidedAt,
            }),
            ConsentRefused e => Update(state, e.State, a => a with
            {
                Status = AuthorityStatus.Refused,
                RefusalReason = e.Reason,
                DecidedAt = e.DecidedAt,
            }),
            TransitConsentDeemed e => Update(state, e.State, a => a with
            {
                Status = AuthorityStatus.TacitlyConsented,
                Consent = new ConsentTerms([], null, e.ValidUntil, false, true, e.DeemedAt),
                DecidedAt = e.DeemedAt,
            }),
            ConsentDeemed e => Update(state, e.State, a => a with
            {
                Status = AuthorityStatus.TacitlyConsented,
                Consent = new ConsentTerms([], null, e.ValidUntil, false, true, e.DeemedAt),
                DecidedAt = e.DeemedAt,
            }),
            ConsentWithdrawn e => Update(state, e.State, a => a with
            {
                Status = AuthorityStatus.Withdrawn,
                WithdrawalReason = e.Reason,
                WithdrawnAt = e.WithdrawnAt,
            }),
            NotificationCancelled e => state with { CancellationReason = e.Reason, CancelledAt = e.CancelledAt },
            ShipmentAnnounced e => state with
            {
                Shipments = [.. state.Shipments, new AnnouncedShipment(e.ShipmentId, e.ShipmentNumber, e.Quantity, e.PlannedDeparture, null)],
            },
            ShipmentConcluded e => state with
            {
                Shipments = state.Shipments.Select(x => x.ShipmentId == e.ShipmentId ? x with { Outcome = e.Outcome } : x).ToArray(),
            },
            FinancialGuaranteeRecorded e => state with
            {
                Guarantee = new FinancialGuarantee(e.Kind, e.Provider, e.Reference, e.Amount, e.Currency, e.Coverage, e.ValidUntil, e.RecordedAt, [], null),
            },
            FinancialGuaranteeApproved e when state.Guarantee is not null => state with
            {
                Guarantee = state.Guarantee with { ApprovedBy = [.. state.Guarantee.ApprovedBy, e.State] },
            },
            FinancialGuaranteeReleased e when state.Guarantee is not null => state with
            {
                Guarantee = state.Guarantee with { ReleasedAt = e.ReleasedAt },
            },
            NotificationClosed e => state with { ClosedAt = e.ClosedAt, ClosureReason = e.Reason },
            ShipmentDiscrepancyFlagged e => state with { Discrepancies = [.. state.Discrepancies, e] },
            ConsentExpired e => state with { ExpiredAt = e.ExpiredAt },
            _ => null,
        };

        if (next is null) return state;
        // The procedure's time of the fact, never the time the database recorded it (docs/architecture.md).
        return Derive(@event is IProcedureFact fact ? next with { LastChangedAt = fact.OccurredAt } : next);
    }

    private static NotificationState Update(NotificationState state, string country, Func<AuthorityState, AuthorityState> change) =>
        state with
        {
            Authorities = state.Authorities.Select(a => string.Equals(a.State, country, StringComparison.OrdinalIgnoreCase) ? change(a) : a).ToArray(),
        };

    private static NotificationState Answered(NotificationState state, InformationProvided e)
    {
        var requests = state.InformationRequests
            .Select(r => r.RequestId == e.RequestId ? r with { Answer = e.Answer, Attachments = e.Attachments, AnsweredAt = e.AnsweredAt } : r)
            .ToArray();
        var stillOpen = requests.Any(r => r.State == e.State && r.AnsweredAt is null);
        var withRequests = state with { InformationRequests = requests };
        return stillOpen
            ? withRequests
            : Update(withRequests, e.State, a => a with
            {
                Status = a.Status == AuthorityStatus.InformationRequested
                    ? a.AcknowledgedAt is null ? AuthorityStatus.Received : AuthorityStatus.Acknowledged
                    : a.Status,
            });
    }

    /// <summary>Recomputes what follows from the authorities' positions: status, deadlines, validity window, conditions.</summary>
    private static NotificationState Derive(NotificationState s)
    {
        var days = WorkingDays.Shipped;
        var authorities = s.Authorities
            .Select(a => a with { MustConsent = RegimeRules.MustConsent(s.Regime.Regime, a.Role) })
            .ToArray();
        var withFlags = s with { Authorities = authorities };
        authorities = authorities.Select(a => a with
        {
            AcknowledgementDeadline = RegimeRules.Acknowledgement(s.Regime, a, days),
            DecisionDeadline = RegimeRules.Decision(withFlags, a, days),
        }).ToArray();

        var consents = authorities.Where(a => a.HasConsented && a.Consent is not null).Select(a => a.Consent!).ToArray();
        var validFrom = consents.Where(c => c.ValidFrom is not null).Select(c => c.ValidFrom!.Value).DefaultIfEmpty().Max();
        var validUntil = consents.Where(c => c.ValidUntil is not null).Select(c => c.ValidUntil!.Value).DefaultIfEmpty().Min();

        var next = withFlags with
        {
            Authorities = authorities,
            ConsentValidFrom = consents.Any(c => c.ValidFrom is not null) ? validFrom : null,
            ConsentValidUntil = consents.Any(c => c.ValidUntil is not null) ? validUntil : null,
            Conditions = authorities.Where(a => a.Consent is not null)
                .SelectMany(a => a.Consent!.Conditions.Select(c => $"{a.State}: {c}")).ToArray(),
            GuaranteeRequiredBy = authorities.Where(a => a.Consent is { RequiresFinancialGuarantee: true }).Select(a => a.State).ToArray(),
        };
        next = next with { Status = StatusOf(next) };
        // Whether a step is pending does not depend on the time (only whether it is overdue does).
        var steps = next.StatesConcerned.SelectMany(c => Inbox.For(next, c, DateTimeOffset.MinValue)).ToArray();
        return next with { PendingSteps = steps };
    }

    private static NotificationStatus StatusOf(NotificationState s)
    {
        if (s.ClosedAt is not null) return NotificationStatus.Closed;
        if (s.CancelledAt is not null) return NotificationStatus.Cancelled;
        if (s.ExpiredAt is not null) return NotificationStatus.Expired;
        var deciding = s.Authorities.Where(a => a.MustConsent).ToArray();
        if (deciding.Any(a => a.Status == AuthorityStatus.Refused)) return NotificationStatus.Refused;
        if (deciding.Any(a => a.Status == AuthorityStatus.Withdrawn)) return NotificationStatus.Withdrawn;
        if (s.AllConsentsGiven) return NotificationStatus.Consented;
        if (deciding.Any(a => a.Status == AuthorityStatus.InformationRequested)) return NotificationStatus.AwaitingInformation;
        if (deciding.Any(a => a.HasConsented)) return NotificationStatus.PartiallyConsented;
        if (s.Authorities.Where(a => a.Role != AuthorityRole.Export).All(a => a.AcknowledgedAt is not null)) return NotificationStatus.Acknowledged;
        return NotificationStatus.Filed;
    }
}
