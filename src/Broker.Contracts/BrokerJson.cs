using System.Text.Json;
using System.Text.Json.Serialization;

namespace Broker.Contracts;

/// <summary>The JSON conventions of the public contract: camelCase names, enums as camelCase strings.</summary>
public static class BrokerJson
{
    /// <summary>Options shared by the server, the endpoint and brokerctl.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the contract's conventions to existing options (for example ASP.NET Core's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        return options;
    }
}
