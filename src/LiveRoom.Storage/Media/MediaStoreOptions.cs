using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Storage.Media;

/// <summary>Where recordings, posters and attachments are kept (section <c>LiveRoom:MediaStore</c>).</summary>
public sealed class MediaStoreOptions : IValidatableObject
{
    public const string SectionName = "LiveRoom:MediaStore";

    [EnumDataType(typeof(MediaStoreProvider))]
    public MediaStoreProvider Provider { get; set; } = MediaStoreProvider.Folder;

    /// <summary>The storage account's connection string; required for <see cref="MediaStoreProvider.AzureBlob"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob container (created if missing): 3–63 lowercase letters, digits and single hyphens.</summary>
    [Required]
    [RegularExpression("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Container must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.")]
    public string Container { get; set; } = "liveroom-media";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == MediaStoreProvider.AzureBlob && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"ConnectionString is required when Provider is {nameof(MediaStoreProvider.AzureBlob)} (set {SectionName}:ConnectionString).",
                [nameof(ConnectionString)]);
        }
    }
}
