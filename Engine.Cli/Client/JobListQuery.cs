using System.Globalization;
using System.Text;
using ActorQueue.Protocol;

namespace ActorQueue.Cli.Client;

/// <summary>The filters of <c>GET /api/jobs</c>; unset ones are left out of the query string.</summary>
internal sealed record JobListQuery(
    JobStateName? State = null,
    string? Queue = null,
    string? Kind = null,
    int? Limit = null,
    string? After = null)
{
    public string ToPathAndQuery()
    {
        var query = new StringBuilder("api/jobs");
        var separator = '?';
        void Add(string name, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            query.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        Add("state", State is { } state ? JobStates.Name(state) : null);
        Add("queue", Queue);
        Add("kind", Kind);
        Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
        Add("after", After);
        return query.ToString();
    }
}
