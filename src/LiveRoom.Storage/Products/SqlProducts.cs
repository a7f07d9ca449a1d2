using System.Data.Common;
using LiveRoom.Contracts.Products;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Media;

namespace LiveRoom.Storage.Products;

/// <summary><see cref="IProducts"/> in the LiveRoom database (portable SQL: SQLite and PostgreSQL).</summary>
public sealed class SqlProducts(LiveRoomDatabase database) : IProducts
{
    private const string Columns = "id, room_id, title, price, link, coupon_code, image_key, created_at, updated_at";

    public async Task<IReadOnlyList<Product>> ListAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, $"SELECT {Columns} FROM products WHERE room_id = @roomId ORDER BY created_at, id;", cancellationToken, ("@roomId", roomId));
    }

    public async Task<Product?> GetAsync(string roomId, string productId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetAsync(connection, roomId, productId, cancellationToken);
    }

    public async Task<string?> GetImageKeyAsync(string roomId, string productId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT image_key FROM products WHERE room_id = @roomId AND id = @id;";
        command.AddParameter("@roomId", roomId);
        command.AddParameter("@id", productId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<int> CountAsync(string roomId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM products WHERE room_id = @roomId;";
        command.AddParameter("@roomId", roomId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task AddAsync(Product product, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO products ({Columns}) VALUES (@id, @roomId, @title, @price, @link, @coupon, NULL, @createdAt, @updatedAt);";
        command.AddParameter("@id", product.Id);
        command.AddParameter("@roomId", product.RoomId);
        command.AddParameter("@title", product.Title);
        command.AddParameter("@price", product.Price);
        command.AddParameter("@link", product.Link);
        command.AddParameter("@coupon", product.CouponCode);
        command.AddParameter("@createdAt", product.CreatedAt.ToDb());
        command.AddParameter("@updatedAt", product.UpdatedAt.ToDb());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Product?> UpdateAsync(Product product, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                UPDATE products SET title = @title, price = @price, link = @link, coupon_code = @coupon, updated_at = @updatedAt
                WHERE room_id = @roomId AND id = @id;
                """;
            command.AddParameter("@title", product.Title);
            command.AddParameter("@price", product.Price);
            command.AddParameter("@link", product.Link);
            command.AddParameter("@coupon", product.CouponCode);
            command.AddParameter("@updatedAt", product.UpdatedAt.ToDb());
            command.AddParameter("@roomId", product.RoomId);
            command.AddParameter("@id", product.Id);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        }

        return await GetAsync(connection, product.RoomId, product.Id, cancellationToken);
    }

    public async Task<Product?> SetImageAsync(string roomId, string productId, string imageKey, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        MediaKeys.ThrowIfInvalid(imageKey);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE products SET image_key = @key, updated_at = @at WHERE room_id = @roomId AND id = @id;";
            command.AddParameter("@key", imageKey);
            command.AddParameter("@at", at.ToDb());
            command.AddParameter("@roomId", roomId);
            command.AddParameter("@id", productId);
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) return null;
        }

        return await GetAsync(connection, roomId, productId, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string roomId, string productId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM products WHERE room_id = @roomId AND id = @id;";
        command.AddParameter("@roomId", roomId);
        command.AddParameter("@id", productId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task<Product?> GetAsync(DbConnection connection, string roomId, string productId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(connection, $"SELECT {Columns} FROM products WHERE room_id = @roomId AND id = @id;", cancellationToken, ("@roomId", roomId), ("@id", productId));
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<Product>> QueryAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.AddParameter(name, value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<Product>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var imageKey = reader.GetNullableString(6);
            found.Add(new Product(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetNullableString(5),
                MediaKeys.IsPublic(imageKey) ? MediaKeys.ServedPath(imageKey) : null,
                reader.GetTime(7),
                reader.GetTime(8)));
        }

        return found;
    }
}
