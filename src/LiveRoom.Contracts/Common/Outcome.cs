namespace LiveRoom.Contracts.Common;

/// <summary>The result of a command: a value, or a <see cref="Refusal"/> that says why not.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.Outcome`1")]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] Refusal? Refusal)
{
    public bool IsSuccess => Refusal is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Refused(RefusalCode code, string message) => new(default, new Refusal(code, message));

    public static Outcome<T> From(Refusal refusal) => new(default, refusal);
}
