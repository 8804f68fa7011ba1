namespace AkkaCompute.Hosting.Storage;

/// <summary>The history store cannot be used: not a database, written by the pre-Akka.NET journal, unreachable, or unwritable. The message names the store and what to do.</summary>
public sealed class HistoryStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming the store, what is wrong and what to do.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public HistoryStoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
