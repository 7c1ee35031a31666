namespace WasteMovements.Api.Notifications;

/// <summary>What every write to a notification answers (docs/api-guide.md: "every write returns the stream's new version").</summary>
public sealed record NotificationWritten(string NotificationNumber, long Version);
