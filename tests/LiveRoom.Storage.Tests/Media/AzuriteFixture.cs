using LiveRoom.Testing;

namespace LiveRoom.Storage.Tests.Media;

/// <summary>The shared <see cref="AzuriteEmulator"/> for the storage test classes that need Azure Blob Storage.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteEmulator? _emulator;

    public const string AccountName = AzuriteEmulator.AccountName;

    public int Port => Emulator.Port;

    public string ConnectionString => Emulator.ConnectionString;

    private AzuriteEmulator Emulator => _emulator ?? throw new InvalidOperationException("Azurite has not started.");

    public async ValueTask InitializeAsync() => _emulator = await AzuriteEmulator.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}
