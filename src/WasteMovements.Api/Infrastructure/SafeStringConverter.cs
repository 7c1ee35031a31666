using System.Text.Json;
using System.Text.Json.Serialization;

namespace WasteMovements.Api.Infrastructure;

/// <summary>
/// Request strings that PostgreSQL's jsonb cannot store (the NUL character) or that are not valid Unicode
/// (an unpaired surrogate) are refused while the body is read: a 400 problem instead of a failed append.
/// </summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string, found {reader.TokenType}.");
        var value = reader.GetString()!;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') throw new JsonException("Strings may not contain the NUL character.");
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) throw new JsonException("Strings must be valid Unicode (an unpaired surrogate was found).");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
