using System.Net;
using System.Text.Json;

namespace LiveRoom.Server.Tests.Calls;

/// <summary>Checks an HTTP refusal: its status and the stable <c>code</c> of its problem details.</summary>
internal static class RefusedResponse
{
    public static async Task ShouldBeRefusedAsync(this HttpResponseMessage response, HttpStatusCode status, string code, string because)
    {
        using (response)
        {
            response.StatusCode.ShouldBe(status, because);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WaitAsync(LiveRoom.Testing.RoomClient.CallTimeout));
            problem.RootElement.GetProperty("code").GetString().ShouldBe(code, because);
        }
    }
}
