/**
 * `decision-lens export --html DIR`: a static site of the decision records for people without
 * VS Code. It opens from the file system (`file://`) with no server and no network:
 *
 *   DIR/index.html        the map and the timeline (the Decision Map's own bundle), a search box
 *                         and the list of every record with its status and date
 *   DIR/agenda.html       the design review agenda of the proposed decisions (`decision-lens review`)
 *   DIR/records/N-x.html  one page per record: id, title, status, date, decision makers, tags,
 *                         relations (linked), and the record's text rendered by markdown-it
 *                         with `html: false` (raw HTML in a record is shown as text)
 *   DIR/data.js           the map as `window.DECISION_LENS_SITE = {...}`: a script file, not an
 *                         inline script, so the pages' CSP allows none
 *   DIR/map.js, map.css   copied from the extension's build (`dist/`)
 *   DIR/site.css          the record pages' style
 *
 * Every page has the CSP `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'
 * data:` (Chromium matches `'self'` for `file:` pages against other `file:` URLs).
 * Files of an earlier export are overwritten; nothing else in DIR is touched.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { agendaMarkdown, buildAgenda, selectForReview } from '../../core/agenda';
import type { DecisionNode } from '../../core/graph';
import { buildGraph } from '../../core/graph';
import type { DecisionIndex, IndexedDecision } from '../../core/index';
import { relative } from '../../core/paths';
import { toNative } from '../nodeWorkspace';
import type { GraphFlags } from './graph';
import { EditFailure } from './shared';
import { escapeHtml } from '../../host/pageHtml';

/** The CSP of every page of the site. */
export const SITE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:";

/** Streams of one run. */
export interface ExportIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

/**
 * The folder that holds the map's bundle: `dist/` beside the CLI bundle (`dist/cli.js`), or the
 * repository's `dist/` when run from the sources.
 * @throws {EditFailure} when `map.js` is not built.
 */
export function mapBundleDir(): string {
  const candidates = [__dirname, resolve(__dirname, '../../../dist'), resolve(__dirname, '../../dist')];
  const found = candidates.find((d) => existsSync(join(d, 'map.js')) && existsSync(join(d, 'map.css')));
  if (!found) throw new EditFailure(`the map's bundle (map.js, map.css) was not found beside ${__dirname}; run "npm run build"`);
  return found;
}

/** A page's file name for a decision: its id and a slug of its path, unique within the site. */
function pageName(d: IndexedDecision, taken: Set<string>): string {
  const base = `${d.display}-${d.title}`
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .toLowerCase() || 'record';
  let name = `${base}.html`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}.html`;
  taken.add(name);
  return name;
}

function page(title: string, lang: string, css: string[], body: string, scripts: string[] = []): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${css.map((c) => `<link rel="stylesheet" href="${c}">`).join('\n')}
</head>
<body>
${body}
${scripts.map((s) => `<script src="${s}"></script>`).join('\n')}
</body>
</html>
`;
}

/** The lines of a record's text that belong to it (the whole file, or one log entry). */
function recordText(d: IndexedDecision, files: Map<string, string | undefined>): string | undefined {
  if (!files.has(d.path)) {
    let text: string | undefined;
    try {
      text = readFileSync(toNative(d.path), 'utf8').replace(/^\uFEFF/, '');
    } catch {
      text = undefined;
    }
    files.set(d.path, text);
  }
  const text = files.get(d.path);
  if (text === undefined) return undefined;
  if (d.folder.kind !== 'log') return text;
  const lines = text.split(/\r\n|\r|\n/);
  return lines.slice(d.range.start.line, d.range.end.line + 1).join('\n');
}

/**
 * Writes the site.
 * @param options.bundleDir where `map.js` and `map.css` are (default: {@link mapBundleDir}).
 * @returns the exit code: 0.
 * @throws {EditFailure} without `--html`, when the bundle is not built, or DIR cannot be written.
 */
export function exportCommand(index: DecisionIndex, root: string, io: ExportIO, flags: GraphFlags & { html?: string }, options: { bundleDir?: string } = {}): number {
  if (flags.html === undefined || flags.html === '') throw new EditFailure('export needs --html DIR', 2);
  const out = resolve(io.cwd, flags.html);
  const bundle = options.bundleDir ?? mapBundleDir();
  const rel = (p: string): string => relative(root, p) || '.';
  const graph = buildGraph(index, { relativePath: rel, code: true });
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  try {
    mkdirSync(join(out, 'records'), { recursive: true });
  } catch (error) {
    throw new EditFailure(`cannot write ${flags.html}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const decisions = index.decisions();
  const taken = new Set<string>();
  const names = new Map<IndexedDecision, string>();
  for (const d of decisions) names.set(d, pageName(d, taken));
  const nodes = new Map(graph.nodes.filter((n): n is DecisionNode => n.type === 'decision').map((n) => [n.id, n]));
  const idOf = (d: IndexedDecision): string => `${rel(d.path)}#${d.range.start.line}`;
  const files = new Map<string, string | undefined>();
  const records: Record<string, string> = {};
  for (const d of decisions) {
    const name = names.get(d) as string;
    records[idOf(d)] = `records/${name}`;
    const node = nodes.get(idOf(d));
    const facts: [string, string][] = [
      ['Status', d.status.text !== '' && d.status.text.toLowerCase() !== d.status.kind ? `${d.status.kind} (${d.status.text})` : d.status.kind],
      ['Date', d.date ?? ''],
      ['Decision makers', d.decisionMakers.join(', ')],
      ['Consulted', d.consulted.join(', ')],
      ['Informed', d.informed.join(', ')],
      ['Tags', d.tags.join(', ')],
      ['File', rel(d.path)],
      ['Cited in', node && node.citations > 0 ? `${node.citations} place${node.citations === 1 ? '' : 's'}` : ''],
    ];
    const relations = index.relationsOf(d).map(({ relation, target }) => {
      const verb = escapeHtml(relation.verb);
      if (!target) return `<li>${verb} ${escapeHtml(relation.target.text)} <span class="missing">(missing)</span></li>`;
      return `<li>${verb} <a href="${encodeURI(names.get(target) as string)}">${escapeHtml(`${target.display}: ${target.title}`)}</a></li>`;
    });
    const text = recordText(d, files);
    const body = text === undefined ? '<p class="missing">The record could not be read.</p>' : /\.(md|markdown)$/i.test(d.path) ? md.render(text) : `<pre>${escapeHtml(text)}</pre>`;
    const html = `<header><a href="../index.html">← All decisions</a></header>
<main class="record${node?.dimmed ? ' dimmed' : ''}">
<h1><span class="id">${escapeHtml(d.display)}</span> ${escapeHtml(d.title)}</h1>
<dl class="facts">
${facts.filter(([, v]) => v !== '').map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}
</dl>
${relations.length > 0 ? `<h2>Relations</h2>\n<ul class="relations">\n${relations.join('\n')}\n</ul>` : ''}
<article class="text">
${body}
</article>
</main>`;
    writeFileSync(join(out, 'records', name), page(`${d.display}: ${d.title}`, 'en', ['../site.css'], html));
  }
  const list = decisions
    .map((d) => {
      const text = [d.display, d.title, d.status.kind, ...d.tags, ...d.decisionMakers].join(' ').toLowerCase();
      return `<li data-text="${escapeHtml(text)}" class="status-${d.status.kind}"><a href="records/${encodeURI(names.get(d) as string)}"><span class="id">${escapeHtml(d.display)}</span> ${escapeHtml(d.title)}</a> <span class="meta">${escapeHtml([d.status.kind, d.date ?? ''].filter((s) => s !== '').join(' · '))}</span></li>`;
    })
    .join('\n');
  // The design review agenda of the proposed decisions, the document `decision-lens review` prints
  // (record text in it is already safe Markdown; markdown-it renders it without HTML).
  const proposed = selectForReview(decisions);
  const agenda = buildAgenda(index, proposed, { today: new Date().toISOString().slice(0, 10), relativePath: rel });
  const agendaHtml = `<header><a href="index.html">← All decisions</a></header>
<main class="agenda text">
${md.render(agendaMarkdown(agenda))}
</main>`;
  writeFileSync(join(out, 'agenda.html'), page('Design review agenda', 'en', ['site.css'], agendaHtml));
  const index_ = `<nav class="site-nav"><a href="agenda.html">Design review agenda (${proposed.length} proposed)</a></nav>
<main id="app" class="site-map" aria-busy="true"></main>
<section class="list" aria-labelledby="all">
<h2 id="all">All decisions (${decisions.length})</h2>
<ul id="records">
${list}
</ul>
</section>`;
  writeFileSync(join(out, 'index.html'), page('Decisions', 'en', ['map.css', 'site.css'], index_, ['data.js', 'map.js']));
  // JSON inside a script: `<`, U+2028 and U+2029 escaped so no record text can end the script.
  const data = JSON.stringify({ graph, records })
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  writeFileSync(join(out, 'data.js'), `window.DECISION_LENS_SITE = ${data};\n`);
  copyFileSync(join(bundle, 'map.js'), join(out, 'map.js'));
  copyFileSync(join(bundle, 'map.css'), join(out, 'map.css'));
  writeFileSync(join(out, 'site.css'), SITE_STYLE);
  io.stdout(`Wrote ${decisions.length} decision${decisions.length === 1 ? '' : 's'} to ${join(out, 'index.html')}\n`);
  return 0;
}

const SITE_STYLE = `body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #e6edf3; background: #0d1117; } a { color: #4493f8; } }
header { padding: 8px 16px; border-bottom: 1px solid #8884; }
main.record { max-width: 900px; margin: 0 auto; padding: 8px 16px 48px; }
main.record.dimmed h1 { opacity: 0.7; }
.id { font-weight: 600; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
.facts dt { opacity: 0.75; }
.facts dd { margin: 0; }
.missing { color: #cf222e; }
.text pre, .text code { font-family: ui-monospace, monospace; font-size: 0.9em; }
.text pre { overflow: auto; padding: 8px; border: 1px solid #8884; }
.text table { border-collapse: collapse; }
.text td, .text th { border: 1px solid #8884; padding: 2px 6px; }
.site-map { height: 70vh; border-bottom: 1px solid #8884; }
.site-map.map { height: 70vh; }
.list { padding: 8px 16px 48px; }
.list ul { list-style: none; padding: 0; }
.list li { padding: 2px 0; }
.list .meta { opacity: 0.7; font-size: 0.9em; }
`;
