using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using LiveRoom.Storage.Media;

namespace LiveRoom.Storage.Tests.Media;

/// <summary>The media store contract against a fresh blob container in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobMediaStoreTests(AzuriteFixture azurite) : MediaStoreContract
{
    private readonly BlobContainerClient _container = new(azurite.ConnectionString, $"test-{Guid.NewGuid():N}");

    [Fact]
    public async Task TheContainerIsCreatedByTheFirstPut()
    {
        (await _container.ExistsAsync(Ct)).Value.ShouldBeFalse();

        await Store.PutAsync("a.jpg", new SourceStream([1]), "image/jpeg", Ct);

        (await _container.ExistsAsync(Ct)).Value.ShouldBeTrue();
        ((AzureBlobMediaStore)Store).ContainerName.ShouldBe(_container.Name);
    }

    [Fact]
    public async Task ALongObjectIsStoredAsBlocksOfTheBlockSize()
    {
        var bytes = SourceStream.MakeBytes(AzureBlobMediaStore.BlockSize * 2 + 5, 11);

        await Store.PutAsync("recordings/room1/long.mp4", new SourceStream(bytes), "video/mp4", Ct);

        var blocks = (await _container.GetBlockBlobClient("recordings/room1/long.mp4").GetBlockListAsync(cancellationToken: Ct)).Value;
        blocks.CommittedBlocks.Select(b => b.SizeLong).ShouldBe([AzureBlobMediaStore.BlockSize, AzureBlobMediaStore.BlockSize, 5L]);
        blocks.UncommittedBlocks.ShouldBeEmpty();
    }

    protected override Task<IMediaStore> CreateStoreAsync() => Task.FromResult<IMediaStore>(new AzureBlobMediaStore(_container));

    protected override async Task<IReadOnlyList<string>> ListStoredNamesAsync()
    {
        if (!(await _container.ExistsAsync(Ct)).Value) return [];
        var names = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(cancellationToken: Ct)) names.Add(blob.Name);
        return names.Order(StringComparer.Ordinal).ToList();
    }

    protected override async Task CleanUpAsync()
    {
        await _container.DeleteIfExistsAsync(cancellationToken: Ct);
    }
}
