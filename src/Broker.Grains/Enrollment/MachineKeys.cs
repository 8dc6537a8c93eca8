using System.Security.Cryptography;
using System.Text;

namespace Broker.Grains.Enrollment;

/// <summary>
/// The key of an <see cref="IMachineGrain"/>: a SHA-256 of the endpoint's machine key, so the broker never keeps the
/// machine key itself and every key has the same safe shape.
/// </summary>
public static class MachineKeys
{
    public static string Of(string machineKey) => "m:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(machineKey)));
}
