using System.Text;

namespace LotteryTickets.Tickets;

/// <summary>FNV-1a over UTF-8: a hash of a name that is the same in every process and on every platform (unlike <see cref="string.GetHashCode()"/>).</summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
