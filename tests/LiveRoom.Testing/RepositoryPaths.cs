namespace LiveRoom.Testing;

/// <summary>Finds the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Where scripts/build-web.sh puts the built pages.</summary>
    public static string WebRoot => Path.Combine(Root, "src", "LiveRoom.Server", "wwwroot");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveRoom.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"LiveRoom.sln not found above {AppContext.BaseDirectory}.");
    }
}
