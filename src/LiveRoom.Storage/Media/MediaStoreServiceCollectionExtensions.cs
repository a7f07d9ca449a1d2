using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRoom.Storage.Media;

public static class MediaStoreServiceCollectionExtensions
{
    /// <summary>The folder of the data directory the folder store keeps media in.</summary>
    public const string MediaFolderName = "media";

    /// <summary>
    /// Registers <see cref="IMediaStore"/> as configured in section <c>LiveRoom:MediaStore</c> of
    /// <paramref name="configuration"/> (the application's configuration): the folder
    /// <c>{dataDirectory}/media</c> by default, or an Azure Blob container. The options are checked when
    /// the host starts.
    /// </summary>
    public static IServiceCollection AddLiveRoomMediaStore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MediaStoreOptions>().Bind(configuration.GetSection(MediaStoreOptions.SectionName));
        return services.AddMediaStore(dataDirectory);
    }

    /// <summary>Registers <see cref="IMediaStore"/> with options set in code (tests, tools).</summary>
    public static IServiceCollection AddLiveRoomMediaStore(this IServiceCollection services, Action<MediaStoreOptions> configure, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MediaStoreOptions>().Configure(configure);
        return services.AddMediaStore(dataDirectory);
    }

    private static IServiceCollection AddMediaStore(this IServiceCollection services, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var mediaFolder = Path.Combine(Path.GetFullPath(dataDirectory), MediaFolderName);
        services.AddOptions<MediaStoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaStoreOptions>, MediaStoreOptionsValidator>());
        services.TryAddSingleton<IMediaStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MediaStoreOptions>>().Value;
            var loggers = sp.GetService<ILoggerFactory>();
            return options.Provider switch
            {
                MediaStoreProvider.Folder => new FolderMediaStore(mediaFolder, loggers?.CreateLogger<FolderMediaStore>()),
                MediaStoreProvider.AzureBlob => new AzureBlobMediaStore(
                    new BlobContainerClient(options.ConnectionString, options.Container),
                    loggers?.CreateLogger<AzureBlobMediaStore>()),
                _ => throw new InvalidOperationException($"Unknown media store provider {options.Provider}."),
            };
        });
        return services;
    }
}
