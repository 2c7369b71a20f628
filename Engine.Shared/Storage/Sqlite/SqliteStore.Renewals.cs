using System.Text.Json;

namespace ActorQueue.Storage.Sqlite;

internal sealed partial class SqliteStore
{
    // Fenced by node AND epoch. The claims come as two JSON arrays, ids and epochs, paired by position;
    // the row value IN looks each id up by its unique index.
    private const string RenewClaimsSql = """
        UPDATE aq_jobs SET lease_expires_at = @lease
         WHERE state = 'running' AND node_id = @node
           AND (id, claim_epoch) IN (SELECT i.value, e.value FROM json_each(@ids) i JOIN json_each(@epochs) e ON e.key = i.key)
        RETURNING id, claim_epoch, cancel_requested
        """;

    public Task<ClaimRenewal> RenewClaimsAsync(string nodeId, IReadOnlyCollection<HeldClaim> claims, CancellationToken cancellationToken)
    {
        var ids = JsonSerializer.Serialize(claims.Select(c => c.JobId).ToList(), StorageJsonContext.Default.ListString);
        var epochs = JsonSerializer.Serialize(claims.Select(c => c.Epoch).ToList(), StorageJsonContext.Default.ListInt64);
        return _writer.ExecuteAsync(batch =>
        {
            var renewed = new HashSet<HeldClaim>();
            var cancel = new List<HeldClaim>();
            if (claims.Count > 0)
            {
                using var reader = batch.Command(RenewClaimsSql)
                    .With("@lease", SqliteJobRows.ToMs(Now + _options.Lease))
                    .With("@node", nodeId)
                    .With("@ids", ids)
                    .With("@epochs", epochs)
                    .ExecuteReader();
                while (reader.Read())
                {
                    var claim = new HeldClaim(reader.GetString(0), reader.GetInt64(1));
                    renewed.Add(claim);
                    if (reader.GetInt64(2) != 0)
                    {
                        cancel.Add(claim);
                    }
                }
            }
            return new ClaimRenewal(cancel, claims.Where(c => !renewed.Contains(c)).ToList(), ReadFence(batch, nodeId));
        }, cancellationToken);
    }
}
