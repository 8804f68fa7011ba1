using System.Security.Cryptography;
using System.Text;

namespace AkkaCompute.Compute.Distributed;

/// <summary>The hashes of the distributed protocol (DESIGN.md, "The distributed protocol"), lowercase hex or raw SHA-256.</summary>
public static class TaskHash
{
    /// <summary>A task's hash: lowercase-hex SHA-256 (64 characters) of <c>"{taskId}:{workflowId}"</c> in UTF-8.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="workflowId">The workflow (job) id; empty for a task submitted outside a job.</param>
    public static string Of(string taskId, string workflowId) => HexSha256(taskId + ":" + workflowId);

    /// <summary>The point a task is placed at: SHA-256 (32 bytes) of <c>stampedHead + ":" + taskHash</c> in UTF-8.</summary>
    /// <param name="stampedHead">The merkle clock head stamped on the task at acceptance (64 hex characters).</param>
    /// <param name="taskHash">The task's hash (<see cref="Of"/>).</param>
    public static byte[] PlacementPoint(string stampedHead, string taskHash) => SHA256.HashData(Encoding.UTF8.GetBytes(stampedHead + ":" + taskHash));

    /// <summary>A member's point: SHA-256 (32 bytes) of its address (<c>akka.tcp://system@host:port</c>) in UTF-8.</summary>
    public static byte[] MemberPoint(string address) => SHA256.HashData(Encoding.UTF8.GetBytes(address));

    /// <summary>Lowercase-hex SHA-256 of <paramref name="text"/> in UTF-8.</summary>
    public static string HexSha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The Hamming distance in bits (0 to 256) between two 32-byte hashes.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static int Hamming(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"hashes of {a.Length} and {b.Length} bytes cannot be compared");
        }

        var bits = 0;
        for (var i = 0; i < a.Length; i++)
        {
            bits += System.Numerics.BitOperations.PopCount((uint)(a[i] ^ b[i]));
        }

        return bits;
    }
}
