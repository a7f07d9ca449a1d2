namespace LiveRoom.Server.Delivery;

/// <summary>Handles a message a grain sends to this node (not to its connections), e.g. closing a publisher.</summary>
public interface INodeMessageHandler<in T>
{
    void Handle(T message);
}
