using System.Net;
using LiveRoom.Storage.Database.Postgres;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace LiveRoom.Storage.Tests.Cluster;

/// <summary>
/// Orleans' ADO.NET membership and reminder providers against a real PostgreSQL, with only the project's own
/// schema and queries (<see cref="OrleansPostgresMigrator"/>): silos started in this process find each other
/// through the database, and reminders are written, read and deleted there.
/// </summary>
public sealed class OrleansPostgresSiloTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const int Active = (int)SiloStatus.Active;
    private const int Dead = (int)SiloStatus.Dead;

    [Fact]
    public async Task TheSchemaAppliedByManyNodesAtOnceAndAgainHoldsEveryQueryOnce()
    {
        var database = await postgres.Server.CreateDatabaseAsync("schema").WaitAsync(Timeout);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => OrleansPostgresMigrator.ApplyAsync(database))).WaitAsync(Timeout);
        await OrleansPostgresMigrator.ApplyAsync(database).WaitAsync(Timeout);

        var stored = await ReadAsync(database, "SELECT QueryKey, QueryText FROM OrleansQuery ORDER BY QueryKey",
            record => (Key: record.GetString(0), Text: record.GetString(1)));
        stored.Select(q => q.Key).ShouldBe(OrleansPostgresSchema.Queries.Keys.Order(StringComparer.Ordinal), ignoreOrder: true);
        foreach (var (key, text) in stored) text.ShouldBe(OrleansPostgresSchema.Queries[key], key);
    }

    [Fact]
    public async Task TwoSilosFindEachOtherThroughTheMembershipTableAndALeavingSiloIsMarkedDead()
    {
        var database = await postgres.Server.CreateDatabaseAsync("membership").WaitAsync(Timeout);
        await OrleansPostgresMigrator.ApplyAsync(database).WaitAsync(Timeout);
        var cluster = NewClusterId();

        using var first = await StartSiloAsync(database, cluster, "first");
        using var second = await StartSiloAsync(database, cluster, "second");

        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true).WaitAsync(Timeout);
        hosts.Count.ShouldBe(2, "each silo sees both in the membership table");

        var rows = await MembershipAsync(database, cluster);
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(row => row.Status == Active);
        rows.Select(row => row.SiloName).ShouldBe(["first", "second"], ignoreOrder: true);
        rows.Select(row => row.Port).ShouldBe(
            [first.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.Port,
             second.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.Port],
            ignoreOrder: true);

        await second.StopAsync().WaitAsync(Timeout);

        (await MembershipAsync(database, cluster)).Single(row => row.SiloName == "second").Status.ShouldBe(Dead);
        var remaining = await management.GetHosts(onlyActive: true).WaitAsync(Timeout);
        remaining.Count.ShouldBe(1, "the first silo no longer counts the one that left");

        await first.StopAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task AReminderIsStoredReadBackByGrainAndByHashRangeAndDeletedOnlyAtItsVersion()
    {
        var database = await postgres.Server.CreateDatabaseAsync("reminders").WaitAsync(Timeout);
        await OrleansPostgresMigrator.ApplyAsync(database).WaitAsync(Timeout);
        using var silo = await StartSiloAsync(database, NewClusterId(), "reminders");
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("room", "r-" + Guid.NewGuid().ToString("N"));
        var startAt = new DateTime(2026, 5, 1, 12, 30, 15, 250, DateTimeKind.Utc);

        var etag = (await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "close", StartAt = startAt, Period = TimeSpan.FromMinutes(5) }).WaitAsync(Timeout)).ShouldNotBeNull();
        var read = await table.ReadRow(grain, "close").WaitAsync(Timeout);
        read.ShouldNotBeNull();
        read.GrainId.ShouldBe(grain);
        read.StartAt.ToUniversalTime().ShouldBe(startAt);
        read.Period.ShouldBe(TimeSpan.FromMinutes(5));
        read.ETag.ShouldBe(etag);

        // A period longer than a 32-bit count of milliseconds is kept whole.
        var replaced = (await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "close", StartAt = startAt, Period = TimeSpan.FromDays(40) }).WaitAsync(Timeout)).ShouldNotBeNull();
        replaced.ShouldNotBe(etag);
        (await table.ReadRow(grain, "close").WaitAsync(Timeout))!.Period.ShouldBe(TimeSpan.FromDays(40));
        await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "remind", StartAt = startAt, Period = TimeSpan.FromMinutes(1) }).WaitAsync(Timeout);

        (await table.ReadRows(grain).WaitAsync(Timeout)).Reminders.Select(r => r.ReminderName).ShouldBe(["close", "remind"], ignoreOrder: true);
        (await ReadAsync(database, "SELECT reminder_name, period FROM orleans_reminders WHERE grain_id = $1 ORDER BY reminder_name",
            record => (record.GetString(0), record.GetInt64(1)), grain.ToString()))
            .ShouldBe([("close", (long)TimeSpan.FromDays(40).TotalMilliseconds), ("remind", 60_000L)]);
        var hash = grain.GetUniformHashCode();
        (await table.ReadRows(hash - 1, hash).WaitAsync(Timeout)).Reminders.Count.ShouldBe(2, "a range ending at the grain's hash holds it");
        (await table.ReadRows(hash, hash + 1).WaitAsync(Timeout)).Reminders.ShouldBeEmpty("a range starting at the grain's hash does not");
        (await table.ReadRows(hash - 1, hash - 1).WaitAsync(Timeout)).Reminders.Count.ShouldBe(2, "the whole ring holds it");

        (await table.RemoveRow(grain, "close", etag).WaitAsync(Timeout)).ShouldBeFalse("the etag is out of date");
        (await table.RemoveRow(grain, "close", replaced).WaitAsync(Timeout)).ShouldBeTrue();
        (await table.ReadRow(grain, "close").WaitAsync(Timeout)).ShouldBeNull();
        (await table.ReadRows(grain).WaitAsync(Timeout)).Reminders.Single().ReminderName.ShouldBe("remind");

        await silo.StopAsync().WaitAsync(Timeout);
    }

    private static string NewClusterId() => "liveroom-" + Guid.NewGuid().ToString("N")[..8];

    private static async Task<IHost> StartSiloAsync(string database, string clusterId, string name)
    {
        var host = new HostBuilder()
            .UseOrleans(silo => silo
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = clusterId;
                })
                .Configure<SiloOptions>(options => options.SiloName = name)
                .ConfigureEndpoints(IPAddress.Loopback, FreePorts.Next(), FreePorts.Next())
                .UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = database;
                })
                .UseAdoNetReminderService(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = database;
                }))
            .Build();
        try
        {
            await host.StartAsync().WaitAsync(Timeout);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static Task<List<(string SiloName, int Port, int Status)>> MembershipAsync(string database, string clusterId) =>
        ReadAsync(database, "SELECT silo_name, port, status FROM orleans_membership WHERE deployment_id = $1",
            record => (record.GetString(0), record.GetInt32(1), record.GetInt32(2)), clusterId);

    private static async Task<List<T>> ReadAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> read, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync().WaitAsync(Timeout);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync().WaitAsync(Timeout);
        var rows = new List<T>();
        while (await reader.ReadAsync().WaitAsync(Timeout)) rows.Add(read(reader));
        return rows;
    }
}
