using LiveRoom.Storage.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveRoom.Storage.Tests.Media;

public sealed class MediaStoreRegistrationTests
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "liveroom-storage-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void WithoutSettingsTheStoreIsTheMediaFolderOfTheDataDirectory()
    {
        using var services = Build(new Dictionary<string, string?>());

        var store = services.GetRequiredService<IMediaStore>().ShouldBeOfType<FolderMediaStore>();

        store.RootDirectory.ShouldBe(Path.Combine(_dataDirectory, "media"));
        Directory.Exists(store.RootDirectory).ShouldBeTrue();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public void AzureBlobSettingsGiveABlobStoreOnTheNamedContainer()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["LiveRoom:MediaStore:Provider"] = "AzureBlob",
            ["LiveRoom:MediaStore:ConnectionString"] = "UseDevelopmentStorage=true",
            ["LiveRoom:MediaStore:Container"] = "recordings-eu",
        });

        var store = services.GetRequiredService<IMediaStore>().ShouldBeOfType<AzureBlobMediaStore>();

        store.ContainerName.ShouldBe("recordings-eu");
        services.GetRequiredService<IOptions<MediaStoreOptions>>().Value.Container.ShouldBe("recordings-eu");
    }

    [Fact]
    public void TheDefaultContainerIsLiveroomMedia()
    {
        new MediaStoreOptions().Container.ShouldBe("liveroom-media");
        new MediaStoreOptions().Provider.ShouldBe(MediaStoreProvider.Folder);
    }

    [Theory]
    [InlineData("AzureBlob", null, "liveroom-media", "ConnectionString is required")]
    [InlineData("AzureBlob", "UseDevelopmentStorage=true", "Bad_Container", "Container must be")]
    [InlineData("AzureBlob", "UseDevelopmentStorage=true", "a--b", "Container must be")]
    [InlineData("Folder", null, "", "Container")]
    [InlineData("7", null, "liveroom-media", "Provider")]
    public void InvalidSettingsAreRefusedWithTheReason(string provider, string? connectionString, string container, string reason)
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["LiveRoom:MediaStore:Provider"] = provider,
            ["LiveRoom:MediaStore:ConnectionString"] = connectionString,
            ["LiveRoom:MediaStore:Container"] = container,
        });

        var refused = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IMediaStore>());

        refused.Message.ShouldContain(reason);
    }

    [Fact]
    public void OptionsCanBeSetInCode()
    {
        var services = new ServiceCollection();
        services.AddLiveRoomMediaStore(o => o.Provider = MediaStoreProvider.Folder, _dataDirectory);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IMediaStore>().ShouldBeOfType<FolderMediaStore>().RootDirectory.ShouldBe(Path.Combine(_dataDirectory, "media"));
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLiveRoomMediaStore(configuration, _dataDirectory);
        return services.BuildServiceProvider();
    }
}
