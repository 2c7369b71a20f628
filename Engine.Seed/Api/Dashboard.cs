namespace ActorQueue.Seed.Api;

/// <summary><c>GET /</c>: a one-page dashboard over the public API (job counts, recent jobs, the dead-letter queue).</summary>
internal static class Dashboard
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"))
            .WithTags("Docs")
            .WithSummary("The dashboard")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        return app;
    }

    private const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>ActorQueue</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 2rem; color: #222; }
          h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
          table { border-collapse: collapse; } td, th { padding: .25rem .75rem; border-bottom: 1px solid #ddd; text-align: left; }
          .discarded { color: #b00; } .completed { color: #070; } .running { color: #05a; }
          #error { color: #b00; }
        </style></head>
        <body>
        <h1>ActorQueue</h1>
        <p id="error"></p>
        <h2>Jobs by queue and state</h2><table id="counts"></table>
        <h2>Recent jobs</h2><table id="recent"></table>
        <h2>Dead-letter queue</h2><table id="dlq"></table>
        <script>
        const token = new URLSearchParams(location.hash.slice(1)).get('token') || localStorage.getItem('aq-token');
        if (token) localStorage.setItem('aq-token', token);
        const headers = token ? { Authorization: 'Bearer ' + token } : {};
        const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
        function rows(el, head, items) {
          el.innerHTML = '<tr>' + head.map(h => '<th>' + h + '</th>').join('') + '</tr>' +
            items.map(r => '<tr>' + r.map(c => '<td>' + c + '</td>').join('') + '</tr>').join('');
        }
        async function refresh() {
          try {
            const metrics = await (await fetch('/metrics', { headers })).text();
            const counts = [...metrics.matchAll(/^aq_jobs\{queue="([^"]*)",state="([^"]*)"\} (\d+)/gm)].filter(m => m[3] !== '0');
            rows(document.getElementById('counts'), ['queue', 'state', 'jobs'],
              counts.map(m => [esc(m[1]), '<span class="' + esc(m[2]) + '">' + esc(m[2]) + '</span>', m[3]]));
            const recent = await (await fetch('/api/jobs?limit=20', { headers })).json();
            rows(document.getElementById('recent'), ['id', 'kind', 'queue', 'state', 'attempt', 'node'],
              (recent.jobs || []).map(j => [esc(j.id), esc(j.kind), esc(j.queue), '<span class="' + esc(j.state) + '">' + esc(j.state) + '</span>', j.attempt + '/' + j.maxAttempts, esc(j.node)]));
            const dlq = await (await fetch('/api/jobs?state=discarded&limit=20', { headers })).json();
            rows(document.getElementById('dlq'), ['id', 'kind', 'last error'],
              (dlq.jobs || []).map(j => [esc(j.id), esc(j.kind), esc((j.errors || []).slice(-1)[0]?.message)]));
            document.getElementById('error').textContent = '';
          } catch (e) {
            document.getElementById('error').textContent = 'Cannot reach the API (' + e + '). With --api-token, open /#token=TOKEN once.';
          }
        }
        refresh(); setInterval(refresh, 2000);
        </script>
        </body></html>
        """;
}
