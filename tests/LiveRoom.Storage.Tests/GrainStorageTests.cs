using LiveRoom.Storage.GrainState;
using Orleans.Storage;

namespace LiveRoom.Storage.Tests;

public sealed class GrainStorageTests(TempDatabase temp) : IClassFixture<TempDatabase>
{
    public sealed class Counter
    {
        public int Value { get; set; }

        public string? Note { get; set; }
    }

    private SqlGrainStorage Storage => new("test", temp.Database, TimeProvider.System);

    [Fact]
    public async Task AStateNeverWrittenReadsAsNewAndAbsent()
    {
        var state = new GrainState<Counter>();

        await Storage.ReadStateAsync("counter", GrainId.Create("counter", Guid.NewGuid().ToString()), state);

        state.RecordExists.ShouldBeFalse();
        state.ETag.ShouldBeNull();
        state.State!.Value.ShouldBe(0);
    }

    [Fact]
    public async Task WrittenStateReadsBackWithItsEtag()
    {
        var id = GrainId.Create("counter", Guid.NewGuid().ToString());
        var written = new GrainState<Counter>(new Counter { Value = 7, Note = "你好" });
        await Storage.WriteStateAsync("counter", id, written);
        written.State!.Value = 8;
        await Storage.WriteStateAsync("counter", id, written);

        var read = new GrainState<Counter>();
        await Storage.ReadStateAsync("counter", id, read);

        read.RecordExists.ShouldBeTrue();
        read.State!.Value.ShouldBe(8);
        read.State!.Note.ShouldBe("你好");
        read.ETag.ShouldBe(written.ETag);
        read.ETag.ShouldBe("2");
    }

    [Fact]
    public async Task AWriteWithAStaleEtagFailsAndChangesNothing()
    {
        var id = GrainId.Create("counter", Guid.NewGuid().ToString());
        var first = new GrainState<Counter>(new Counter { Value = 1 });
        await Storage.WriteStateAsync("counter", id, first);
        var stale = new GrainState<Counter>();
        await Storage.ReadStateAsync("counter", id, stale);
        first.State!.Value = 2;
        await Storage.WriteStateAsync("counter", id, first);

        stale.State!.Value = 99;
        await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", id, stale));
        var brandNew = new GrainState<Counter>(new Counter { Value = 5 });
        await Should.ThrowAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", id, brandNew));

        var read = new GrainState<Counter>();
        await Storage.ReadStateAsync("counter", id, read);
        read.State!.Value.ShouldBe(2);
    }

    [Fact]
    public async Task ClearedStateIsGone()
    {
        var id = GrainId.Create("counter", Guid.NewGuid().ToString());
        var state = new GrainState<Counter>(new Counter { Value = 3 });
        await Storage.WriteStateAsync("counter", id, state);

        await Storage.ClearStateAsync("counter", id, state);
        var read = new GrainState<Counter>();
        await Storage.ReadStateAsync("counter", id, read);

        state.RecordExists.ShouldBeFalse();
        read.RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task StatesOfDifferentNamesAndProvidersDoNotMix()
    {
        var id = GrainId.Create("counter", Guid.NewGuid().ToString());
        await Storage.WriteStateAsync("a", id, new GrainState<Counter>(new Counter { Value = 1 }));
        await new SqlGrainStorage("other", temp.Database, TimeProvider.System).WriteStateAsync("a", id, new GrainState<Counter>(new Counter { Value = 2 }));

        var b = new GrainState<Counter>();
        await Storage.ReadStateAsync("b", id, b);
        var a = new GrainState<Counter>();
        await Storage.ReadStateAsync("a", id, a);

        b.RecordExists.ShouldBeFalse();
        a.State!.Value.ShouldBe(1);
    }
}
