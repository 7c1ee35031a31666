using Wolverine;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Reads Wolverine's durability timings from configuration (<c>Wolverine:Durability:ScheduledJobPollingTime</c>
/// = "00:00:01", ...). Unset keys keep Wolverine's defaults (scheduled jobs every 5 s, node health every 10 s,
/// a node stale after 1 min); the multi-process tests shorten them (docs/operations.md).
/// </summary>
public static class DurabilityConfiguration
{
    public static void Apply(DurabilitySettings durability, IConfigurationSection section)
    {
        void Set(string key, Action<TimeSpan> apply)
        {
            if (section.GetValue<TimeSpan?>(key) is { } value) apply(value);
        }

        Set(nameof(DurabilitySettings.ScheduledJobPollingTime), v => durability.ScheduledJobPollingTime = v);
        Set(nameof(DurabilitySettings.ScheduledJobFirstExecution), v => durability.ScheduledJobFirstExecution = v);
        Set(nameof(DurabilitySettings.HealthCheckPollingTime), v => durability.HealthCheckPollingTime = v);
        Set(nameof(DurabilitySettings.FirstHealthCheckExecution), v => durability.FirstHealthCheckExecution = v);
        Set(nameof(DurabilitySettings.NodeReassignmentPollingTime), v => durability.NodeReassignmentPollingTime = v);
        Set(nameof(DurabilitySettings.StaleNodeTimeout), v => durability.StaleNodeTimeout = v);
        Set(nameof(DurabilitySettings.CheckAssignmentPeriod), v => durability.CheckAssignmentPeriod = v);
        Set(nameof(DurabilitySettings.OrphanedMessageSweepPollingTime), v => durability.OrphanedMessageSweepPollingTime = v);
    }
}
