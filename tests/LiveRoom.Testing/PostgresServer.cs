using System.Globalization;
using LiveRoom.Shared;
using Npgsql;

namespace LiveRoom.Testing;

/// <summary>
/// A real PostgreSQL (Debian's <c>postgresql</c> package) for the tests that need one: a private cluster made
/// with <c>initdb</c> in a temporary folder, started with <c>pg_ctl</c> on a free loopback port (and a Unix socket
/// in that folder only), stopped and deleted when disposed. PostgreSQL refuses to run as root, so as root its
/// programs run as the <c>postgres</c> system user (<c>runuser</c>) and the folder belongs to that user; as anyone
/// else they run as the current user. Each test class takes its own database (<see cref="CreateDatabaseAsync"/>).
/// When the programs are missing the start fails and says how to install them (scripts/test.sh does).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string SuperUser = "postgres";
    private const string SystemUser = "postgres";
    private const int MaxAttempts = 3;
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly string _binaries;
    private readonly string _directory;
    private readonly bool _asSystemUser;
    private bool _running;

    private PostgresServer(string binaries, string directory, bool asSystemUser)
    {
        _binaries = binaries;
        _directory = directory;
        _asSystemUser = asSystemUser;
    }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "server.log");

    /// <summary>The superuser's connection string for the <c>postgres</c> database (trust authentication on loopback).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>Makes a cluster, starts it and waits until it accepts connections; dispose it to stop and delete it.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = FindBinaries();
        var asSystemUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        // Straight in the temporary folder, not in a shared parent: root and other users run these tests too.
        var directory = Directory.CreateTempSubdirectory("liveroom-postgres-").FullName;
        var server = new PostgresServer(binaries, directory, asSystemUser);
        try
        {
            await server.InitializeAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>: Debian's newest installed version, else the PATH.</summary>
    public static string FindBinaries()
    {
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.GetDirectories(debian)
                .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(candidate => candidate.Version >= 0 && File.Exists(Path.Combine(candidate.Folder, "bin", "initdb")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => Path.Combine(candidate.Folder, "bin"))
                .FirstOrDefault();
            if (newest is not null) return newest;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"))) return folder;
        }

        throw new InvalidOperationException(
            "PostgreSQL is not installed: install Debian's postgresql package (apt-get install -y postgresql; scripts/test.sh " +
            "does this through ensure_postgres). The cluster-mode tests run a real PostgreSQL and cannot run without it.");
    }

    /// <summary>A connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = true,
        Timeout = 15,
        CommandTimeout = 30,
    }.ConnectionString;

    /// <summary>Creates a new, empty database (a test class's own) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{Sanitize(prefix)}_{Guid.NewGuid().ToString("N")[..12]}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>What the server has written to its log so far.</summary>
    public string Log()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log yet)";
        }
        catch (IOException e)
        {
            return $"(log not readable: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_running)
        {
            _running = false;
            try
            {
                await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "15", "stop"], StopTimeout);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException)
            {
                // It would not stop: nothing more a test can do (its folder goes below, and it with it at exit).
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_asSystemUser)
        {
            // The cluster's folder must belong to the user the server runs as, and be private to it.
            await RunCheckedAsync("chown", [$"{SystemUser}:{SystemUser}", _directory], InitTimeout, direct: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await RunCheckedAsync("initdb", ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], InitTimeout);

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Port = FreePorts.Next();
            var options = string.Join(' ',
                $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
                $"-k {_directory}",
                "-c listen_addresses=127.0.0.1",
                // A throwaway cluster: durability is not needed, speed is.
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c max_connections=200");
            var (code, output, errors) = await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", options, "-w", "-t", "30", "start"], StartTimeout);
            if (code == 0)
            {
                _running = true;
                await CheckConnectsAsync(cancellationToken);
                return;
            }

            var log = Log();
            // Stop whatever half-started before trying another port (harmless when nothing runs).
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], StopTimeout);
            if (attempt == MaxAttempts || !log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL did not start on 127.0.0.1:{Port} (pg_ctl exited with {code}): {output}{errors}{Environment.NewLine}Its log:{Environment.NewLine}{log}");
            }
        }
    }

    private async Task CheckConnectsAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync(deadline.Token);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(deadline.Token);
                return;
            }
            catch (NpgsqlException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
    }

    private async Task RunCheckedAsync(string program, string[] arguments, TimeSpan timeout, bool direct = false)
    {
        var (code, output, errors) = await RunAsync(program, arguments, timeout, direct);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} exited with {code}: {output}{errors}");
        }
    }

    /// <summary>Runs one of PostgreSQL's programs, as the <c>postgres</c> system user when this process is root.</summary>
    private Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, string[] arguments, TimeSpan timeout, bool direct = false)
    {
        if (direct) return ToolProcess.RunAsync(program, arguments, timeout);
        var executable = Path.Combine(_binaries, program);
        return _asSystemUser
            ? ToolProcess.RunAsync("runuser", ["-u", SystemUser, "--", executable, .. arguments], timeout)
            : ToolProcess.RunAsync(executable, arguments, timeout);
    }

    private static string Sanitize(string prefix)
    {
        var letters = prefix.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_').Take(40).ToArray();
        return letters.Length == 0 ? "test" : new string(letters);
    }
}
