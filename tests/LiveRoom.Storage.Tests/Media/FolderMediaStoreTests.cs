using LiveRoom.Storage.Media;

namespace LiveRoom.Storage.Tests.Media;

/// <summary>The media store contract against a folder in a temporary data directory.</summary>
public sealed class FolderMediaStoreTests : MediaStoreContract
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "liveroom-storage-tests", Guid.NewGuid().ToString("N"));

    private string Root => Path.Combine(_dataDirectory, "media");

    [Fact]
    public async Task AnObjectIsAFileUnderTheRootNamedByItsKey()
    {
        await Store.PutAsync("recordings/room1/rec1.mp4", new SourceStream([1, 2, 3]), "video/mp4", Ct);

        var store = (FolderMediaStore)Store;
        store.GetFilePath("recordings/room1/rec1.mp4").ShouldBe(Path.Combine(Root, "recordings", "room1", "rec1.mp4"));
        (await File.ReadAllBytesAsync(Path.Combine(Root, "recordings", "room1", "rec1.mp4"), Ct)).ShouldBe(new byte[] { 1, 2, 3 });
        MediaKeys.ServedPath("recordings/room1/rec1.mp4").ShouldBe("/media/recordings/room1/rec1.mp4");
    }

    [Fact]
    public async Task HostileKeysWriteNothingOutsideTheRoot()
    {
        foreach (var key in new[] { "../x", "../../x", "a/../../x", "/tmp/x" })
        {
            await Record.ExceptionAsync(() => Store.PutAsync(key, new SourceStream([1]), "video/mp4", Ct));
        }

        Directory.EnumerateFileSystemEntries(_dataDirectory).ShouldBe([Root]);
        (await ListStoredNamesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AFilePutThereByHandReadsAsBytes()
    {
        Directory.CreateDirectory(Path.Combine(Root, "imports"));
        await File.WriteAllBytesAsync(Path.Combine(Root, "imports", "old.bin"), [9, 8, 7], Ct);

        var info = await Store.GetInfoAsync("imports/old.bin", Ct);

        info.ShouldNotBeNull();
        info.ContentType.ShouldBe("application/octet-stream");
        info.Length.ShouldBe(3);
    }

    protected override Task<IMediaStore> CreateStoreAsync() => Task.FromResult<IMediaStore>(new FolderMediaStore(Root));

    protected override Task<IReadOnlyList<string>> ListStoredNamesAsync()
    {
        // Hidden files too: that is where temporary files would be.
        var everything = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None };
        IReadOnlyList<string> names = Directory.EnumerateFiles(Root, "*", everything)
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(names);
    }

    protected override Task CleanUpAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return Task.CompletedTask;
    }
}
