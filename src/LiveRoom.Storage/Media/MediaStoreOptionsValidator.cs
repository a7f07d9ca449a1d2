using Microsoft.Extensions.Options;

namespace LiveRoom.Storage.Media;

/// <summary>Checks <see cref="MediaStoreOptions"/>' validation attributes (generated at build time, no reflection).</summary>
[OptionsValidator]
internal sealed partial class MediaStoreOptionsValidator : IValidateOptions<MediaStoreOptions>
{
}
