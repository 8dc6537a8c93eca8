using System.Runtime.InteropServices;
using Broker.Endpoint;

// Ctrl+C and SIGTERM (systemd stopping the service) stop the endpoint cleanly; a second one ends it at once.
using var stopping = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await EndpointProgram.RunAsync(args, Console.Out, Console.Error, Console.In, stopping.Token);

void Stop(PosixSignalContext signal)
{
    signal.Cancel = !stopping.IsCancellationRequested;
    stopping.Cancel();
}
