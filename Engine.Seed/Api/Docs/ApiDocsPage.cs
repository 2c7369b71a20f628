namespace ActorQueue.Seed.Api.Docs;

/// <summary>
/// <c>GET /openapi</c>: one self-contained page (no third-party code) that fetches <c>/openapi/v1.json</c> and shows
/// every operation by tag (method, path, summary, parameters, request body, responses) and every schema.
/// </summary>
internal static class ApiDocsPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>ActorQueue API</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 2rem; color: #222; max-width: 70rem; }
          h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
          details.op { border: 1px solid #ddd; border-radius: 4px; margin: .4rem 0; padding: .3rem .6rem; }
          details.op > summary { cursor: pointer; }
          .method { display: inline-block; min-width: 4rem; font-weight: 600; text-transform: uppercase; }
          .get { color: #05a; } .post { color: #070; } .delete { color: #b00; } .put, .patch { color: #a60; }
          code, .path { font-family: ui-monospace, monospace; }
          table { border-collapse: collapse; margin: .3rem 0; } td, th { padding: .2rem .6rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
          .muted { color: #666; } #error { color: #b00; }
        </style></head>
        <body>
        <h1>ActorQueue API</h1>
        <p id="intro" class="muted"></p>
        <p>The OpenAPI document: <a href="/openapi/v1.json"><code>/openapi/v1.json</code></a>.</p>
        <p id="error"></p>
        <div id="operations"></div>
        <h2>Schemas</h2>
        <div id="schemas"></div>
        <script>
        const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
        const refName = ref => ref.split('/').pop();
        function type(schema) {
          if (!schema) return '';
          if (schema.$ref) return '<a href="#schema-' + esc(refName(schema.$ref)) + '">' + esc(refName(schema.$ref)) + '</a>';
          if (schema.enum) return esc(schema.enum.filter(v => v !== null).join(' | '));
          const types = [].concat(schema.type ?? []).filter(t => t !== 'null');
          if (types.includes('array')) return 'array of ' + type(schema.items);
          if (schema.oneOf || schema.anyOf) return (schema.oneOf || schema.anyOf).map(type).filter(Boolean).join(' or ');
          if (types.includes('object') && schema.additionalProperties) return 'map of ' + type(schema.additionalProperties);
          return esc(types.join(' | ') || (schema.format ? '' : 'any')) + (schema.format ? ' <span class="muted">(' + esc(schema.format) + ')</span>' : '');
        }
        function content(media) {
          return Object.entries(media ?? {}).map(([mediaType, m]) => '<code>' + esc(mediaType) + '</code> ' + type(m.schema)).join('<br>');
        }
        function operation(path, method, op) {
          const parameters = (op.parameters ?? []).map(p => '<tr><td><code>' + esc(p.name) + '</code></td><td>' + esc(p.in) + (p.required ? ', required' : '') +
            '</td><td>' + type(p.schema) + '</td><td>' + esc(p.description) + '</td></tr>').join('');
          const responses = Object.entries(op.responses ?? {}).map(([status, r]) =>
            '<tr><td><b>' + esc(status) + '</b></td><td>' + esc(r.description) + '</td><td>' + content(r.content) + '</td></tr>').join('');
          return '<details class="op" id="' + esc(method + ' ' + path) + '"><summary><span class="method ' + esc(method) + '">' + esc(method) + '</span> ' +
            '<span class="path">' + esc(path) + '</span> <span class="muted">' + esc(op.summary) + '</span></summary>' +
            (op.description ? '<p>' + esc(op.description) + '</p>' : '') +
            (parameters ? '<h4>Parameters</h4><table>' + parameters + '</table>' : '') +
            (op.requestBody ? '<h4>Request body</h4><p>' + content(op.requestBody.content) + '</p>' : '') +
            '<h4>Responses</h4><table>' + responses + '</table></details>';
        }
        function schema(name, s) {
          const required = new Set(s.required ?? []);
          const rows = Object.entries(s.properties ?? {}).map(([property, p]) => '<tr><td><code>' + esc(property) + '</code>' +
            (required.has(property) ? ' <span class="muted">required</span>' : '') + '</td><td>' + type(p) + '</td><td>' + esc(p.description) + '</td></tr>').join('');
          return '<details class="op" id="schema-' + esc(name) + '"><summary><b>' + esc(name) + '</b> <span class="muted">' + (rows ? '' : type(s)) + '</span></summary>' +
            (s.description ? '<p>' + esc(s.description) + '</p>' : '') + (rows ? '<table>' + rows + '</table>' : '') + '</details>';
        }
        fetch('/openapi/v1.json').then(r => r.json()).then(doc => {
          document.getElementById('intro').textContent = (doc.info?.title ?? '') + ' ' + (doc.info?.version ?? '') + ': ' + (doc.info?.description ?? '');
          const byTag = new Map();
          for (const [path, item] of Object.entries(doc.paths ?? {}))
            for (const [method, op] of Object.entries(item))
              if (op && op.responses) {
                const tag = (op.tags ?? ['Other'])[0];
                if (!byTag.has(tag)) byTag.set(tag, []);
                byTag.get(tag).push(operation(path, method, op));
              }
          document.getElementById('operations').innerHTML = [...byTag.entries()].map(([tag, ops]) => '<h2>' + esc(tag) + '</h2>' + ops.join('')).join('');
          document.getElementById('schemas').innerHTML = Object.entries(doc.components?.schemas ?? {})
            .sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => schema(name, s)).join('');
          if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.setAttribute('open', '');
        }).catch(e => document.getElementById('error').textContent = 'Could not load /openapi/v1.json: ' + e);
        </script>
        </body></html>
        """;
}
