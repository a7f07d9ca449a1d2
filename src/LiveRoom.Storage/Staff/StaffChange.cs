namespace LiveRoom.Storage.Staff;

/// <summary>What became of a change to a staff account that must leave an active admin behind.</summary>
public enum StaffChange
{
    Done,
    NotFound,

    /// <summary>Refused: the account is the last active admin.</summary>
    LastActiveAdmin,
}
