using LiveRoom.EndToEnd.Tests;

// One server and one browser for the whole run. Tests run one at a time: the machine has two cores, and
// the "too fast" refusal test needs messages to go out faster than the server's rate allows.
[assembly: AssemblyFixture(typeof(BrowserFixture))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
