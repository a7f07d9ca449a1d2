namespace LiveRoom.Storage.Media;

/// <summary>Which media store a node uses.</summary>
public enum MediaStoreProvider
{
    /// <summary>The <c>media</c> folder of the data directory (embedded mode).</summary>
    Folder,

    /// <summary>An Azure Blob Storage container (cluster mode; Azurite locally).</summary>
    AzureBlob,
}
