using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasteMovements.Domain.CodeLists;

/// <summary>Which movements between the two states an Art. 11 agreement covers, seen from the state that holds the entry.</summary>
public enum Art11Direction
{
    /// <summary>Movements both ways.</summary>
    Both,
    /// <summary>Only imports into this state from the partner (e.g. the US agreements with Malaysia, the Philippines and Costa Rica).</summary>
    ImportsFrom,
    /// <summary>Only exports from this state to the partner.</summary>
    ExportsTo,
}

/// <summary>
/// A bilateral, multilateral or regional agreement or arrangement under Basel Art. 11 that lets a movement to or from a
/// non-Party take place (Art. 4(5)): its partner (a state, or "OECD" for the OECD Decision between members, recovery
/// only), its direction, the operations it covers (null: all) and where it is published.
/// </summary>
[JsonConverter(typeof(Art11AgreementConverter))]
public sealed record Art11Agreement(string Partner, Art11Direction Direction = Art11Direction.Both, IReadOnlyList<string>? Operations = null, string? Source = null)
{
    /// <summary>Whether it covers a movement by <paramref name="operation"/> in the given direction (from this state's side).</summary>
    public bool Covers(string partner, Art11Direction direction, string operation) =>
        string.Equals(Partner, partner, StringComparison.OrdinalIgnoreCase)
        && (Direction == Art11Direction.Both || Direction == direction)
        && (Operations is null || Operations.Count == 0 || Operations.Any(o => o == "*" || string.Equals(o, operation, StringComparison.OrdinalIgnoreCase)
            || (o.EndsWith('*') && operation.StartsWith(o[..^1], StringComparison.OrdinalIgnoreCase))));
}

/// <summary>Reads an agreement as an object, or as the partner's code alone (entries stored before agreements had a direction).</summary>
public sealed class Art11AgreementConverter : JsonConverter<Art11Agreement>
{
    public override Art11Agreement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new Art11Agreement(reader.GetString()!);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        string? Text(string name) => TryGet(root, name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var partner = Text("partner") ?? throw new JsonException("An Art. 11 agreement names its partner.");
        var direction = Text("direction") is { } d ? Enum.Parse<Art11Direction>(d, ignoreCase: true) : Art11Direction.Both;
        IReadOnlyList<string>? operations = TryGet(root, "operations", out var ops) && ops.ValueKind == JsonValueKind.Array
            ? ops.EnumerateArray().Select(o => o.GetString() ?? "").ToArray()
            : null;
        return new Art11Agreement(partner, direction, operations, Text("source"));
    }

    public override void Write(Utf8JsonWriter writer, Art11Agreement value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("partner", value.Partner);
        writer.WriteString("direction", JsonNamingPolicy.CamelCase.ConvertName(value.Direction.ToString()));
        if (value.Operations is not null)
        {
            writer.WriteStartArray("operations");
            foreach (var o in value.Operations) writer.WriteStringValue(o);
            writer.WriteEndArray();
        }

        if (value.Source is not null) writer.WriteString("source", value.Source);
        writer.WriteEndObject();
    }

    private static bool TryGet(JsonElement e, string name, out JsonElement value)
    {
        foreach (var p in e.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        }

        value = default;
        return false;
    }
}
