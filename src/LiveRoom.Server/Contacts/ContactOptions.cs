using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Server.Contacts;

/// <summary>How the contact details viewers leave (call-backs, leads) are read. Section <c>LiveRoom:Contacts</c>.</summary>
public sealed class ContactOptions
{
    public const string SectionName = "LiveRoom:Contacts";

    /// <summary>The region (ISO 3166 two letters) a phone number without a country code is read in.</summary>
    [RegularExpression("^[A-Z]{2}$")]
    public string DefaultPhoneRegion { get; set; } = "CN";
}
