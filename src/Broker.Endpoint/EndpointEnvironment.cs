using System.Runtime.InteropServices;
using Broker.Endpoint.Connection;
using Broker.Endpoint.Consent;
using Broker.Endpoint.Frames;
using Broker.Endpoint.Identity;
using Microsoft.AspNetCore.SignalR.Client;

namespace Broker.Endpoint;

/// <summary>What the endpoint takes from the machine it runs on; tests replace the parts they control.</summary>
internal sealed record EndpointEnvironment
{
    public static EndpointEnvironment Machine { get; } = new();

    /// <summary>Sends the HTTP API's requests instead of the network (in-process tests). The hub always uses a real WebSocket.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Where the installer puts <c>enrollment.json</c>: beside the executable.</summary>
    public string BaseDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>
    /// The file the machine key is derived from. Cloned VMs and containers can share <c>/etc/machine-id</c> and would
    /// then enrol as one device: <c>BROKER_ENDPOINT_MACHINE_ID_FILE</c> points each at its own id.
    /// </summary>
    public string MachineIdPath { get; init; } =
        System.Environment.GetEnvironmentVariable("BROKER_ENDPOINT_MACHINE_ID_FILE") is { Length: > 0 } path ? path : MachineKey.DefaultMachineIdPath;

    public string ComputerName { get; init; } = System.Environment.MachineName;

    public string OsDescription { get; init; } = RuntimeInformation.OSDescription;

    /// <summary>Answers consent requests instead of what <c>--consent</c> chooses.</summary>
    public IConsentPrompt? ConsentPrompt { get; init; }

    /// <summary>The screen the sessions send and act on, instead of the test pattern that <c>--frame-size</c> and <c>--codec</c> describe.</summary>
    public IFrameSource? FrameSource { get; init; }

    /// <summary>Waits between attempts instead of <see cref="ReconnectPolicy"/> with <c>--max-retry-delay</c>.</summary>
    public IRetryPolicy? Backoff { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
