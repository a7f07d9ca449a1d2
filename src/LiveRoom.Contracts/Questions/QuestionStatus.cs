namespace LiveRoom.Contracts.Questions;

[GenerateSerializer, Alias("LiveRoom.QuestionStatus")]
public enum QuestionStatus
{
    Open = 0,
    Answered = 1,
    Dismissed = 2,
}
