using System.Text.Json;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Leads;

/// <summary>The OpenAPI document describes the conversion endpoints with their real answers (typed results), not "any".</summary>
public sealed class ConversionOpenApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task TheLeadAndChannelEndpointsDeclareTheirAnswersAndSchemas()
    {
        using var http = fixture.Server.CreateHttpClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json").WaitAsync(RoomClient.CallTimeout));
        var paths = document.RootElement.GetProperty("paths");

        var submit = paths.GetProperty("/api/rooms/{roomId}/leads").GetProperty("post").GetProperty("responses");
        Names(submit).ShouldBe(["200", "201", "400", "403", "404", "409", "429"], ignoreOrder: true);
        Schema(submit.GetProperty("201")).ShouldBe("#/components/schemas/Lead");
        var list = paths.GetProperty("/api/rooms/{roomId}/leads").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Names(list).ShouldContain("text/csv; charset=utf-8", "the CSV export is described");
        Schema(paths.GetProperty("/api/rooms/{roomId}/leads/form").GetProperty("put").GetProperty("responses").GetProperty("200")).ShouldBe("#/components/schemas/LeadForm");
        Schema(paths.GetProperty("/api/rooms/{roomId}/channel").GetProperty("put").GetProperty("responses").GetProperty("200")).ShouldBe("#/components/schemas/PrivateChannel");
        var lead = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("Lead").GetProperty("properties");
        Names(lead).ShouldContain("consent");
        Names(lead).ShouldContain("marketingConsent");
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static string? Schema(JsonElement response) =>
        response.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
}
