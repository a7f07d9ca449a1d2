using LiveRoom.Storage.Media;

namespace LiveRoom.Storage.Tests.Media;

/// <summary>
/// What every <see cref="IMediaStore"/> promises. Each store's test class derives from this and says how
/// to make a fresh, empty store and how to list everything its backing storage holds.
/// </summary>
public abstract class MediaStoreContract : IAsyncLifetime
{
    protected const int FiveMegabytes = 5 * 1024 * 1024;

    /// <summary>Past the first 4 MiB block of a blob upload, so a failure there comes after a staged block.</summary>
    private const int PastTheFirstBlock = FiveMegabytes + 17;

    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private IMediaStore? _store;

    protected MediaStoreContract()
    {
        // Every store call in these tests takes this token: nothing waits longer than this.
        _timeout.CancelAfter(TimeSpan.FromSeconds(60));
    }

    protected CancellationToken Ct => _timeout.Token;

    protected IMediaStore Store => _store ?? throw new InvalidOperationException("The store is made in InitializeAsync.");

    public async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CleanUpAsync();
        }
        finally
        {
            _timeout.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(FiveMegabytes)]
    public async Task AnObjectReadsBackByteForByte(int size)
    {
        var bytes = SourceStream.MakeBytes(size, seed: size);

        await Store.PutAsync("recordings/room1/rec1.mp4", new SourceStream(bytes), "video/mp4", Ct);

        await using var read = await Store.OpenReadAsync("recordings/room1/rec1.mp4", Ct);
        read.ShouldNotBeNull();
        read.Length.ShouldBe(size);
        read.Offset.ShouldBe(0);
        read.Info.Length.ShouldBe(size);
        (await ReadAllAsync(read)).AsSpan().SequenceEqual(bytes).ShouldBeTrue("the bytes read back differ from those put");
        (await Store.ExistsAsync("recordings/room1/rec1.mp4", Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task TheContentTypeIsKept()
    {
        await Store.PutAsync("posters/room1/rec1.jpg", new SourceStream([1, 2, 3]), "image/jpeg", Ct);

        var info = await Store.GetInfoAsync("posters/room1/rec1.jpg", Ct);
        await using var read = await Store.OpenReadAsync("posters/room1/rec1.jpg", Ct);

        info.ShouldNotBeNull();
        info.Key.ShouldBe("posters/room1/rec1.jpg");
        info.ContentType.ShouldBe("image/jpeg");
        info.Length.ShouldBe(3);
        info.ETag.ShouldStartWith("\"");
        info.LastModified.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        read.ShouldNotBeNull();
        read.Info.ContentType.ShouldBe("image/jpeg");
        read.Info.ETag.ShouldBe(info.ETag);
    }

    [Fact]
    public async Task APutReplacesTheObject()
    {
        await Store.PutAsync("attachments/a.bin", new SourceStream(SourceStream.MakeBytes(1000, 1)), "image/png", Ct);
        var before = await Store.GetInfoAsync("attachments/a.bin", Ct);
        var replacement = SourceStream.MakeBytes(10, 2);

        await Store.PutAsync("attachments/a.bin", new SourceStream(replacement), "application/pdf", Ct);

        await using var read = await Store.OpenReadAsync("attachments/a.bin", Ct);
        read.ShouldNotBeNull();
        (await ReadAllAsync(read)).ShouldBe(replacement);
        read.Info.ContentType.ShouldBe("application/pdf");
        read.Info.Length.ShouldBe(10);
        read.Info.ETag.ShouldNotBe(before!.ETag);
    }

    [Fact]
    public async Task AnUploadWhoseSourceBreaksHalfWayLeavesNothing()
    {
        var source = new SourceStream(SourceStream.MakeBytes(2 * FiveMegabytes, 3)) { FailAfter = PastTheFirstBlock };

        await ShouldFailWithAsync<IOException>(() => Store.PutAsync("recordings/room1/broken.mp4", source, "video/mp4", Ct));

        (await Store.ExistsAsync("recordings/room1/broken.mp4", Ct)).ShouldBeFalse();
        (await Store.GetInfoAsync("recordings/room1/broken.mp4", Ct)).ShouldBeNull();
        (await Store.OpenReadAsync("recordings/room1/broken.mp4", Ct)).ShouldBeNull();
        (await ListStoredNamesAsync()).ShouldBeEmpty("no object and no temporary file may stay behind");
    }

    [Fact]
    public async Task ACancelledUploadLeavesNothing()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var source = new SourceStream(SourceStream.MakeBytes(2 * FiveMegabytes, 4)) { CancelAfter = PastTheFirstBlock, CancelOnRead = cancel };

        await ShouldFailWithAsync<OperationCanceledException>(() => Store.PutAsync("recordings/room1/cancelled.mp4", source, "video/mp4", cancel.Token));

        cancel.IsCancellationRequested.ShouldBeTrue();
        (await Store.ExistsAsync("recordings/room1/cancelled.mp4", Ct)).ShouldBeFalse();
        (await ListStoredNamesAsync()).ShouldBeEmpty("no object and no temporary file may stay behind");
    }

    [Fact]
    public async Task AFailedOverwriteKeepsThePreviousObject()
    {
        var original = SourceStream.MakeBytes(1000, 5);
        await Store.PutAsync("recordings/room1/rec1.mp4", new SourceStream(original), "video/mp4", Ct);
        var stored = await ListStoredNamesAsync();
        var broken = new SourceStream(SourceStream.MakeBytes(2 * FiveMegabytes, 6)) { FailAfter = PastTheFirstBlock };

        await ShouldFailWithAsync<IOException>(() => Store.PutAsync("recordings/room1/rec1.mp4", broken, "text/plain", Ct));

        await using var read = await Store.OpenReadAsync("recordings/room1/rec1.mp4", Ct);
        read.ShouldNotBeNull();
        (await ReadAllAsync(read)).ShouldBe(original);
        read.Info.ContentType.ShouldBe("video/mp4");
        (await ListStoredNamesAsync()).ShouldBe(stored);
    }

    [Fact]
    public async Task AnUploadIsInvisibleUntilItCompletes()
    {
        var original = SourceStream.MakeBytes(100, 7);
        await Store.PutAsync("recordings/room1/rec1.mp4", new SourceStream(original), "video/mp4", Ct);
        var replacement = new SourceStream(SourceStream.MakeBytes(2 * FiveMegabytes, 8)) { PauseAfter = PastTheFirstBlock };
        var first = new SourceStream(SourceStream.MakeBytes(2 * FiveMegabytes, 9)) { PauseAfter = PastTheFirstBlock };

        var replacing = Store.PutAsync("recordings/room1/rec1.mp4", replacement, "video/webm", Ct);
        var creating = Store.PutAsync("recordings/room1/new.mp4", first, "video/mp4", Ct);
        try
        {
            // Both uploads are half-way through their sources (for blobs: a first block is staged).
            await Task.WhenAny(Task.WhenAll(replacement.Paused, first.Paused), replacing, creating).WaitAsync(Ct);
            replacement.Paused.IsCompleted.ShouldBeTrue($"the replacing put ended early: {replacing.Exception?.GetBaseException().Message}");
            first.Paused.IsCompleted.ShouldBeTrue($"the creating put ended early: {creating.Exception?.GetBaseException().Message}");

            (await Store.ExistsAsync("recordings/room1/new.mp4", Ct)).ShouldBeFalse("an object being uploaded for the first time is not there yet");
            (await Store.GetInfoAsync("recordings/room1/new.mp4", Ct)).ShouldBeNull();
            await using var during = await Store.OpenReadAsync("recordings/room1/rec1.mp4", Ct);
            during.ShouldNotBeNull();
            (await ReadAllAsync(during)).ShouldBe(original, "while a replacement uploads, readers see the previous object");
            during.Info.ContentType.ShouldBe("video/mp4");
        }
        finally
        {
            replacement.Release();
            first.Release();
        }

        await Task.WhenAll(replacing, creating).WaitAsync(Ct);
        await using var after = await Store.OpenReadAsync("recordings/room1/rec1.mp4", Ct);
        after.ShouldNotBeNull();
        (await ReadAllAsync(after)).AsSpan().SequenceEqual(replacement.Bytes).ShouldBeTrue("the replacement reads back whole");
        after.Info.ContentType.ShouldBe("video/webm");
        (await Store.ExistsAsync("recordings/room1/new.mp4", Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task ARangeReadGivesThoseBytesAndTheWholeLength()
    {
        var bytes = SourceStream.MakeBytes(1000, 10);
        await Store.PutAsync("recordings/room1/rec1.mp4", new SourceStream(bytes), "video/mp4", Ct);

        await using (var middle = await Store.OpenReadAsync("recordings/room1/rec1.mp4", 100, 50, Ct))
        {
            middle.ShouldNotBeNull();
            (middle.Offset, middle.Length, middle.Info.Length).ShouldBe((100L, 50L, 1000L));
            (await ReadAllAsync(middle)).ShouldBe(bytes[100..150]);
            middle.Info.ContentType.ShouldBe("video/mp4");
        }

        await using (var tail = await Store.OpenReadAsync("recordings/room1/rec1.mp4", 990, null, Ct))
        {
            tail.ShouldNotBeNull();
            (tail.Offset, tail.Length).ShouldBe((990L, 10L));
            (await ReadAllAsync(tail)).ShouldBe(bytes[990..]);
        }

        await using (var pastTheEnd = await Store.OpenReadAsync("recordings/room1/rec1.mp4", 995, 100, Ct))
        {
            pastTheEnd.ShouldNotBeNull();
            pastTheEnd.Length.ShouldBe(5);
            (await ReadAllAsync(pastTheEnd)).ShouldBe(bytes[995..]);
        }

        await using (var beyond = await Store.OpenReadAsync("recordings/room1/rec1.mp4", 1000, 10, Ct))
        {
            beyond.ShouldNotBeNull("a range after the end still tells the length, for a 416 answer");
            beyond.Length.ShouldBe(0);
            beyond.Info.Length.ShouldBe(1000);
            (await ReadAllAsync(beyond)).ShouldBeEmpty();
        }

        (await Store.OpenReadAsync("recordings/room1/other.mp4", 0, 10, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteRemovesTheObjectOnce()
    {
        await Store.PutAsync("recordings/room1/rec1.mp4", new SourceStream([42]), "video/mp4", Ct);

        (await Store.DeleteAsync("recordings/room1/rec1.mp4", Ct)).ShouldBeTrue();

        (await Store.ExistsAsync("recordings/room1/rec1.mp4", Ct)).ShouldBeFalse();
        (await Store.OpenReadAsync("recordings/room1/rec1.mp4", Ct)).ShouldBeNull();
        (await Store.DeleteAsync("recordings/room1/rec1.mp4", Ct)).ShouldBeFalse();
        (await ListStoredNamesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AMissingKeyReadsAsAbsent()
    {
        // First on a store nothing was ever put into, then beside another object.
        for (var round = 0; round < 2; round++)
        {
            (await Store.ExistsAsync("recordings/room1/missing.mp4", Ct)).ShouldBeFalse();
            (await Store.GetInfoAsync("recordings/room1/missing.mp4", Ct)).ShouldBeNull();
            (await Store.OpenReadAsync("recordings/room1/missing.mp4", Ct)).ShouldBeNull();
            (await Store.OpenReadAsync("recordings/room1/missing.mp4", 10, 10, Ct)).ShouldBeNull();
            (await Store.DeleteAsync("recordings/room1/missing.mp4", Ct)).ShouldBeFalse();
            await Store.PutAsync("recordings/room1/present.mp4", new SourceStream([1]), "video/mp4", Ct);
        }
    }

    [Fact]
    public async Task APrefixOfOtherKeysIsNoObject()
    {
        await Store.PutAsync("recordings/room1/rec1.mp4", new SourceStream([1]), "video/mp4", Ct);

        foreach (var prefix in new[] { "recordings", "recordings/room1" })
        {
            (await Store.ExistsAsync(prefix, Ct)).ShouldBeFalse(prefix);
            (await Store.GetInfoAsync(prefix, Ct)).ShouldBeNull(prefix);
            (await Store.OpenReadAsync(prefix, Ct)).ShouldBeNull(prefix);
            (await Store.DeleteAsync(prefix, Ct)).ShouldBeFalse(prefix);
        }

        (await Store.ExistsAsync("recordings/room1/rec1.mp4", Ct)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    [InlineData("A B")]
    [InlineData("")]
    [InlineData("a/")]
    [InlineData("a/../../b")]
    [InlineData("./a")]
    [InlineData("a/.meta")]
    [InlineData("recordings/x.mp4\n")]
    [InlineData("café")]
    public async Task AHostileKeyIsRefused(string key)
    {
        await ShouldFailWithAsync<ArgumentException>(() => Store.PutAsync(key, new SourceStream([1]), "video/mp4", Ct));
        await ShouldFailWithAsync<ArgumentException>(() => Store.GetInfoAsync(key, Ct));
        await ShouldFailWithAsync<ArgumentException>(() => Store.OpenReadAsync(key, Ct));
        await ShouldFailWithAsync<ArgumentException>(() => Store.OpenReadAsync(key, 0, 1, Ct));
        await ShouldFailWithAsync<ArgumentException>(() => Store.ExistsAsync(key, Ct));
        await ShouldFailWithAsync<ArgumentException>(() => Store.DeleteAsync(key, Ct));
        (await ListStoredNamesAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("a")]
    [InlineData("recordings/abcdefghij/0123456789.mp4")]
    [InlineData("snap-shots/x_y.z.jpg")]
    public async Task AKeyOfTheDocumentedShapeWorks(string key)
    {
        await Store.PutAsync(key, new SourceStream([1, 2]), "image/jpeg", Ct);

        (await Store.ExistsAsync(key, Ct)).ShouldBeTrue();
        (await Store.GetInfoAsync(key, Ct))!.Key.ShouldBe(key);
    }

    [Fact]
    public async Task AContentTypeThatCouldSplitAHeaderIsRefused()
    {
        await ShouldFailWithAsync<ArgumentException>(() => Store.PutAsync("a.mp4", new SourceStream([1]), "video/mp4\r\nSet-Cookie: x=y", Ct));
        await ShouldFailWithAsync<ArgumentException>(() => Store.PutAsync("a.mp4", new SourceStream([1]), " ", Ct));
        (await Store.ExistsAsync("a.mp4", Ct)).ShouldBeFalse();
    }

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IMediaStore> CreateStoreAsync();

    /// <summary>Everything the backing storage holds that someone could see, sorted (temporary files too).</summary>
    protected abstract Task<IReadOnlyList<string>> ListStoredNamesAsync();

    protected abstract Task CleanUpAsync();

    /// <summary>Expects <paramref name="action"/> to throw a <typeparamref name="T"/> or a subclass of it.</summary>
    private static async Task ShouldFailWithAsync<T>(Func<Task> action)
        where T : Exception
    {
        var thrown = await Record.ExceptionAsync(action);
        thrown.ShouldNotBeNull($"expected {typeof(T).Name}, nothing was thrown");
        thrown.ShouldBeAssignableTo<T>($"expected {typeof(T).Name}, got {thrown}");
    }

    private async Task<byte[]> ReadAllAsync(MediaObject read)
    {
        using var copy = new MemoryStream();
        await read.Content.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
