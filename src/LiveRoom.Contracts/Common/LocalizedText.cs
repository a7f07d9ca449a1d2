using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Common;

/// <summary>A text in the pages' two languages.</summary>
[DataContract]
public sealed record LocalizedText(
    [property: DataMember(Name = "en")] string En,
    [property: DataMember(Name = "zh")] string Zh)
{
    /// <summary>The locales a text comes in, as the pages name them.</summary>
    public static readonly string[] Locales = ["en", "zh"];

    public static bool IsLocale(string? locale) => locale is "en" or "zh";

    public string For(string locale) => locale == "zh" ? Zh : En;

    public bool IsEmpty => string.IsNullOrWhiteSpace(En) && string.IsNullOrWhiteSpace(Zh);
}
