namespace LiveRoom.Storage.Tests.Media;

/// <summary>The test classes that share one Azurite (<see cref="AzuriteFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
