namespace LiveRoom.Testing;

/// <summary>
/// Where the fixtures run external services (Azurite, ...): in containers through Testcontainers when a
/// Docker engine answers (<see cref="DockerEngine"/>), otherwise natively, started by the fixture itself.
/// <c>LIVEROOM_TEST_SERVICES=native</c> or <c>=container</c> forces the choice; a forced container with no
/// engine fails the tests that need it, with Testcontainers' reason.
/// </summary>
public static class TestServices
{
    public const string ChoiceVariable = "LIVEROOM_TEST_SERVICES";

    /// <summary>Whether services run in containers: as <see cref="ChoiceVariable"/> says, else if an engine answers.</summary>
    public static async Task<bool> InContainersAsync()
    {
        var choice = Environment.GetEnvironmentVariable(ChoiceVariable)?.Trim();
        if (string.IsNullOrEmpty(choice)) return await DockerEngine.AnswersAsync();
        if (choice.Equals("container", StringComparison.OrdinalIgnoreCase)) return true;
        if (choice.Equals("native", StringComparison.OrdinalIgnoreCase)) return false;
        throw new InvalidOperationException(
            $"{ChoiceVariable}={choice} is not understood: use `native`, `container`, or leave it unset to use containers when a Docker engine answers.");
    }
}
