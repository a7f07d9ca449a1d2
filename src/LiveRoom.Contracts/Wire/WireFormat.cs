using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Resolvers;

namespace LiveRoom.Contracts.Wire;

/// <summary>
/// How LiveRoom types look on the wire, shared by the server and by .NET clients. In JSON and in
/// MessagePack alike: camelCase field names, enums as lowercase strings, times as ISO-8601 strings, so a
/// JavaScript client sees one shape whichever protocol it picked.
/// </summary>
public static class WireFormat
{
    /// <summary>JSON options for HTTP APIs and the SignalR JSON protocol.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        // A key given twice is refused rather than the last one silently winning: what a check read and what
        // is acted on can never differ.
        options.AllowDuplicateProperties = false;
    }

    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>
    /// MessagePack options for the SignalR MessagePack protocol. Types carry <c>[DataContract]</c> with
    /// camelCase <c>[DataMember(Name)]</c>s, so they are written as maps with the same keys as JSON.
    /// </summary>
    public static MessagePackSerializerOptions MessagePack { get; } =
        MessagePackSerializerOptions.Standard
            .WithResolver(CompositeResolver.Create(WireResolver.Instance, ContractlessStandardResolver.Instance))
            .WithSecurity(MessagePackSecurity.UntrustedData);

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
