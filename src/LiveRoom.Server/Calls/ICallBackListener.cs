using LiveRoom.Contracts.Calls;

namespace LiveRoom.Server.Calls;

/// <summary>Told of each call-back a viewer leaves, once it is stored (other capabilities act on it: leads).</summary>
public interface ICallBackListener
{
    /// <summary>Acts on a stored call-back; <paramref name="locale"/> is the language of the viewer's page (<c>en</c> or <c>zh</c>).</summary>
    Task SavedAsync(CallBack callBack, string locale, CancellationToken cancellationToken);
}
