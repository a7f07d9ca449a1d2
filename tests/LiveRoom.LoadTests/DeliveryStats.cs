namespace LiveRoom.LoadTests;

/// <summary>
/// Deliveries of the acknowledged measured messages: each should reach every connection that was open when
/// the measured window began.
/// </summary>
/// <param name="Expected">Acknowledged measured messages × connections open when the window began.</param>
/// <param name="Received">Deliveries of acknowledged measured messages that arrived (first copies).</param>
/// <param name="Missing">Expected deliveries that never arrived.</param>
/// <param name="Duplicates">Second copies of a message on the same connection.</param>
/// <param name="OfUnacknowledgedMessages">Deliveries of messages whose send failed or timed out on the sender.</param>
/// <param name="ConnectionsMissingSome">Connections that missed at least one message.</param>
/// <param name="DeliveredPerSecond">Received deliveries per second of the measured window.</param>
/// <param name="DrainSeconds">
/// When everything arrived: how long after the sending ended the last delivery came. Otherwise how long the
/// tool waited before giving up.
/// </param>
public sealed record DeliveryStats(
    long Expected,
    long Received,
    long Missing,
    long Duplicates,
    long OfUnacknowledgedMessages,
    int ConnectionsMissingSome,
    double DeliveredPerSecond,
    double DrainSeconds);
