namespace Broker.Server;

/// <summary>
/// A host cannot start as configured (a missing setting, a database without our schema): the message says what to do,
/// and the program prints it and exits non-zero instead of showing a stack trace.
/// </summary>
public sealed class BrokerStartupException(string message, Exception? innerException = null) : Exception(message, innerException);
