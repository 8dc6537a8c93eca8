namespace Broker.LoadTest.Relay;

/// <summary>One server process in a phase: CPU time used in the window, and peak resident memory (VmHWM) since it started.</summary>
public sealed record ServerFigures(string Name, double CpuSeconds, double PeakMiB);
