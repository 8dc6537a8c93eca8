namespace Broker.Endpoint.Tests;

/// <summary>Standard input at which nobody types: every read waits until the test ends.</summary>
public sealed class SilentReader : TextReader
{
    private readonly ManualResetEventSlim disposed = new();

    public override string? ReadLine()
    {
        disposed.Wait();
        return null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            disposed.Set();
        }

        base.Dispose(disposing);
    }
}
