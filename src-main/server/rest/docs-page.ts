import type { OpenApiDocument } from './openapi.ts';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** `code` spans for the document's backticks; everything else escaped. */
const prose = (s: string): string => escape(s).replace(/`([^`]+)`/g, '<code>$1</code>');

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;
}

const refLink = (ref: string): string => {
  const id = ref.split('/').at(-1)!;
  return `<a href="#schema-${escape(id)}">${escape(id)}</a>`;
};

function operationHtml(path: string, method: string, op: Operation): string {
  const params = op.parameters.length
    ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${op.parameters
        .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`)
        .join('')}</table>`
    : '';
  const body = op.requestBody ? `<p>Body (JSON): ${refLink(op.requestBody.content['application/json'].schema.$ref)}</p>` : '';
  const responses = Object.entries(op.responses)
    .map(([code, r]) => {
      const ref = r.content?.['application/json']?.schema.$ref;
      return `<li><code>${code}</code> ${escape(r.description)}${ref ? `: ${refLink(ref)}` : ''}</li>`;
    })
    .join('');
  return `<section class="op" id="op-${escape(op.operationId)}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3><p>${prose(op.summary)}</p>${params}${body}<ul>${responses}</ul></section>`;
}

/**
 * `/docs`: the OpenAPI document as one self-contained page (no script, no CDN; the CSP allows inline styles
 * only). Every operation by tag, then every schema as JSON Schema, with links between them.
 */
export function docsPage(doc: OpenApiDocument): string {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Operation })));
  const byTag = doc.tags
    .map((t) => {
      const mine = ops.filter((o) => o.op.tags.includes(t.name));
      return `<h2 id="tag-${t.name}">${escape(t.name)}: ${escape(t.description)}</h2>${mine.map((o) => operationHtml(o.path, o.method, o.op)).join('')}`;
    })
    .join('');
  const index = ops.map((o) => `<li><a href="#op-${escape(o.op.operationId)}"><span class="m ${o.method}">${o.method.toUpperCase()}</span> ${escape(o.path)}</a></li>`).join('');
  const schemas = Object.entries(doc.components.schemas)
    .map(([id, s]) => `<section id="schema-${escape(id)}"><h3>${escape(id)}</h3><pre>${escape(JSON.stringify(s, null, 2)).replace(/&quot;#\/components\/schemas\/([A-Za-z]+)&quot;/g, '&quot;<a href="#schema-$1">#/components/schemas/$1</a>&quot;')}</pre></section>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(doc.info.title)} ${escape(doc.info.version)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#1d232a;background:#fbfbfc}
code,pre{font-family:ui-monospace,monospace;font-size:12.5px}pre{background:#f0f2f5;padding:.6rem;overflow:auto;max-height:28rem}
table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #d5d9de;padding:.2rem .5rem;text-align:left;vertical-align:top}
.op{border-top:1px solid #d5d9de;padding:.2rem 0}.m{display:inline-block;min-width:3.2rem;font-weight:600}.get{color:#0b6e4f}.post{color:#9a4c00}.put{color:#1f4fa8}
ul.index{columns:2}a{color:#1f4fa8}
</style></head><body>
<h1>${escape(doc.info.title)} <small>${escape(doc.info.version)} · OpenAPI ${doc.openapi}</small></h1>
<p>${prose(doc.info.description)}</p>
<p>The machine-readable document: <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (needs the token, like every <code>/api</code> path).</p>
<ul class="index">${index}</ul>
${byTag}
<h2 id="schemas">Schemas</h2>
${schemas}
</body></html>
`;
}
