using Npgsql;

namespace ActorQueue.Storage.Postgres;

internal sealed partial class PostgresStore
{
    // Fenced by node AND epoch; the claims come as two arrays paired by position.
    private const string RenewClaimsSql = """
        UPDATE aq_jobs j SET lease_expires_at = @lease
          FROM unnest(@ids::text[], @epochs::bigint[]) AS h(id, epoch)
         WHERE j.id = h.id AND j.claim_epoch = h.epoch AND j.state = 'running' AND j.node_id = @node
        RETURNING j.id, j.claim_epoch, j.cancel_requested
        """;

    public async Task<ClaimRenewal> RenewClaimsAsync(string nodeId, IReadOnlyCollection<HeldClaim> claims, CancellationToken cancellationToken)
    {
        var renewed = new HashSet<HeldClaim>();
        var cancel = new List<HeldClaim>();
        NodeFence? fence;
        await using (var batch = _dataSource.CreateBatch())
        {
            if (claims.Count > 0)
            {
                var renew = new NpgsqlBatchCommand(RenewClaimsSql);
                renew.Parameters
                    .With("lease", Now + _options.Lease)
                    .With("node", nodeId)
                    .With("ids", claims.Select(c => c.JobId).ToArray())
                    .With("epochs", claims.Select(c => c.Epoch).ToArray());
                batch.BatchCommands.Add(renew);
            }
            batch.BatchCommands.Add(FenceSelectCommand(nodeId));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (claims.Count > 0)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var claim = new HeldClaim(reader.GetString(0), reader.GetInt64(1));
                    renewed.Add(claim);
                    if (reader.GetBoolean(2))
                    {
                        cancel.Add(claim);
                    }
                }
                await reader.NextResultAsync(cancellationToken);
            }
            fence = await ReadFenceAsync(reader, nodeId, cancellationToken);
        }
        return new ClaimRenewal(cancel, claims.Where(c => !renewed.Contains(c)).ToList(), fence);
    }
}
