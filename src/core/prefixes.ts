/**
 * Learned citation prefixes: every decision folder and log learns the prefixes its team cites
 * it with from its own records, so nobody has to configure a prefix the records already use.
 *
 * Evidence, strongest first (see {@link PrefixSource}):
 * 1. what the records call themselves: heading ids (`# ADR-0003: ...`, `# ADR 100: ...`,
 *    `# RFC-0006: ...`, `### D12 — ...`, `## DEC-004: ...`, `### GAP-009`, the reStructuredText
 *    title `RFC 000: P2P Roadmap`) and front matter `id: MADR-0005`;
 * 2. the records' file names (`adr-047-x.md` → `ADR`, `rfc-100-x.md` → `RFC`);
 * 3. the folder's name (`docs/madr` → `MADR`, `rfcs` → `RFC`, `seed` → `SEED`);
 * 4. how the records cite each other (`superseded by MADR-042`), counted only for numbers that
 *    exist in the folder and prefixes no other folder names itself with (so `ADR-0002` written in
 *    an RFC of a repository that also has `docs/adr` stays that folder's);
 * 5. the owning tool (adr-tools, log4brains, dotnet-adr: `ADR`);
 * 6. the settings (`decisionLens.folders[].prefix`, `decisionLens.folderPrefixes`), which add;
 * 7. `ADR` (folders) or `DL` (logs) when nothing else is known.
 *
 * The folder's display prefix ({@link DecisionFolder.prefix}) is the one its records use most.
 * Pure functions over texts: the caller (discovery) reads the files.
 */
import type { DecisionFolder, LearnedPrefix, PrefixSource } from './config';
import { DEFAULT_FOLDER_PREFIX, DEFAULT_LOG_PREFIX, normalizePrefix } from './config';
import { identityFromFileName, splitHeadingId } from './parse/identity';
import { basename } from './paths';

/** Folder names that name a prefix (lower case). `docs`, `decisions`, `text` name none. */
const FOLDER_NAME_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['madr', 'MADR'],
  ['madrs', 'MADR'],
  ['adr', 'ADR'],
  ['adrs', 'ADR'],
  ['rfc', 'RFC'],
  ['rfcs', 'RFC'],
  ['seed', 'SEED'],
  ['seeds', 'SEED'],
]);

/** Record file names that carry a prefix: `adr-047-x.md`, `rfc-100-x.rst`, `ADR0005_x.md`. */
const FILE_NAME_PREFIX = /^([A-Za-z]{2,10})[-_]?\d{1,9}(?:[-_.]|$)/;

/**
 * A prefixed id in running text the way records cite each other: letters, a separator and a
 * zero-padded number (`MADR-042`, `RFC-0006`, `ADR 007`), or any number as the text of a link
 * (`[ADR-5](0005-x.md)`). `CM4`, `SHA256`, `PG 14`, `EPL-2.0` and `MADR 4.0.0` are no ids.
 */
const TEXT_ID = /(?<![\w/#.-])(\[)?([A-Z]{2,10})[- ](0\d{1,5}|\d{1,6}(?=\]\())(?![\w]|\.\d)/g;

/** Ranks of the sources for ordering a prefix's sources and picking the display prefix. */
const SOURCE_ORDER: readonly PrefixSource[] = ['settings', 'heading', 'front-matter', 'file-name', 'folder-name', 'cross-reference', 'tool', 'default'];

/** One record file of a folder, as read for learning. */
export interface RecordSample {
  /** Absolute POSIX path. */
  readonly path: string;
  /** The file's text; `undefined` when it could not be read. */
  readonly text: string | undefined;
}

/** Evidence gathered for one folder before the cross-reference pass. */
interface Evidence {
  readonly folder: DecisionFolder;
  readonly found: Map<string, { sources: Set<PrefixSource>; count: number; example?: string }>;
  /** Record numbers that exist in the folder (from file names and heading ids). */
  readonly numbers: Set<number>;
  readonly texts: readonly RecordSample[];
}

/**
 * The prefix a folder's name states: the last two path segments are looked at, nearest first
 * (`docs/madr/decisions` → `MADR`, `neon/docs/rfcs` → `RFC`, `pigweed/seed` → `SEED`), so a
 * repository called `madr` (`madr/docs/decisions`) states none.
 * @returns the prefix and the segment that states it, or `undefined`.
 */
export function prefixFromFolderName(path: string): { prefix: string; segment: string } | undefined {
  const segments = path.split('/').filter((s) => s !== '');
  for (const segment of segments.slice(-2).reverse()) {
    const p = FOLDER_NAME_PREFIXES.get(segment.toLowerCase());
    if (p) return { prefix: p, segment };
  }
  return undefined;
}

/** @returns the prefix a record file name carries (`adr-047-x.md` → `ADR`), or `undefined`. */
export function prefixFromFileName(name: string): string | undefined {
  const m = FILE_NAME_PREFIX.exec(name);
  return m ? normalizePrefix(m[1]) : undefined;
}

/**
 * The ids a record states about itself in its headings: the first `#` heading of a record
 * (its title), every heading of a log (its entries), or a reStructuredText title.
 * @returns prefix, number and the id as written (`ADR 100`, `GAP-009`) of each, in document order.
 */
export function headingIds(text: string, kind: 'folder' | 'log'): { prefix: string; number: number; written: string }[] {
  const out: { prefix: string; number: number; written: string }[] = [];
  const lines = text.split(/\r\n|\r|\n/, 400);
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    let heading: string | undefined;
    const atx = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/.exec(line);
    if (atx) heading = atx[1];
    else if (/^(=+|-+)\s*$/.test(lines[i + 1] ?? '') && line.trim() !== '' && !/^[=-]+$/.test(line.trim())) heading = line.trim();
    if (heading === undefined) continue;
    const id = splitHeadingId(heading.replace(/^\[|\]$/g, ''));
    if (id.prefix !== undefined && id.number !== undefined) {
      out.push({ prefix: id.prefix, number: id.number, written: heading.slice(0, id.titleStart).replace(/[\s:.\-–—]+$/, '') });
    }
    if (kind === 'folder') break;
  }
  return out;
}

/** @returns the front matter `id` prefix (`id: MADR-0005` → `MADR`), or `undefined`. */
function frontMatterIdPrefix(text: string): string | undefined {
  const m = /^\uFEFF?---\r?\n(?:[^\n]*\n){0,40}?id:[ \t]*["']?([A-Za-z]{1,10})[-_ ]?\d{1,9}["']?[ \t]*\r?\n/.exec(text);
  return m ? normalizePrefix(m[1]) : undefined;
}

/**
 * Learns every folder's citation prefixes from samples of its records.
 *
 * @param folders folders and logs from discovery (their `prefix` is the configured or default one).
 * @param samples record files per folder path (a log's sample is the log itself); folders
 *   without samples learn from their names, tool and settings only.
 * @param settingsPrefixes prefixes the settings add per folder path (absolute):
 *   `decisionLens.folders[].prefix` and `decisionLens.folderPrefixes`.
 * @returns the folders with {@link DecisionFolder.prefixes} filled (display prefix first) and
 *   {@link DecisionFolder.prefix} set to the display prefix. Never throws.
 */
export function learnPrefixes(
  folders: readonly DecisionFolder[],
  samples: ReadonlyMap<string, readonly RecordSample[]>,
  settingsPrefixes: ReadonlyMap<string, readonly string[]> = new Map(),
): DecisionFolder[] {
  const evidence: Evidence[] = folders.map((folder) => {
    const found: Evidence['found'] = new Map();
    const note = (prefix: string | undefined, source: PrefixSource, example: string | undefined, count = 1): void => {
      const p = normalizePrefix(prefix);
      if (!p) return;
      let e = found.get(p);
      if (!e) found.set(p, (e = { sources: new Set(), count: 0, ...(example ? { example } : {}) }));
      e.sources.add(source);
      e.count += count;
    };
    for (const p of settingsPrefixes.get(folder.path) ?? []) note(p, 'settings', undefined, 0);
    const texts = samples.get(folder.path) ?? [];
    const numbers = new Set<number>();
    for (const sample of texts) {
      const name = basename(sample.path);
      const fromName = identityFromFileName(sample.path);
      if (folder.kind === 'folder' && fromName.number !== undefined) numbers.add(fromName.number);
      if (sample.text !== undefined) {
        for (const id of headingIds(sample.text, folder.kind)) {
          note(id.prefix, 'heading', `${name}: ${id.written}`);
          numbers.add(id.number);
        }
        const fm = frontMatterIdPrefix(sample.text);
        if (fm) note(fm, 'front-matter', name);
      }
      const filePrefix = folder.kind === 'folder' ? prefixFromFileName(name) : undefined;
      if (filePrefix) note(filePrefix, 'file-name', name);
    }
    if (folder.kind === 'folder') {
      const named = prefixFromFolderName(folder.path);
      if (named) note(named.prefix, 'folder-name', named.segment, 0);
      if (folder.tool !== undefined) note(DEFAULT_FOLDER_PREFIX, 'tool', folder.tool, 0);
    }
    return { folder, found, numbers, texts };
  });

  // A prefix a folder names itself with (not only by cross-reference) belongs to that folder.
  const claimed = new Map<string, Set<Evidence>>();
  for (const e of evidence) {
    for (const [p, v] of e.found) {
      if ([...v.sources].some((s) => s !== 'cross-reference')) {
        let set = claimed.get(p);
        if (!set) claimed.set(p, (set = new Set()));
        set.add(e);
      }
    }
  }
  for (const e of evidence) {
    const counts = new Map<string, { count: number; example: string }>();
    for (const sample of e.texts) {
      if (sample.text === undefined) continue;
      const body = sample.text;
      TEXT_ID.lastIndex = 0;
      for (let m = TEXT_ID.exec(body); m; m = TEXT_ID.exec(body)) {
        const p = m[2];
        if (!e.numbers.has(Number(m[3])) || onHeadingLine(body, m.index)) continue;
        const owners = claimed.get(p);
        if (owners && !owners.has(e)) continue;
        const c = counts.get(p);
        if (c) c.count++;
        else counts.set(p, { count: 1, example: `${basename(sample.path)}: ${m[0]}` });
      }
    }
    for (const [p, c] of counts) {
      // Once is chance (`RFC 7` in prose); twice is how the team writes it.
      if (c.count < 2 && !e.found.has(p)) continue;
      const v = e.found.get(p);
      if (v) {
        v.sources.add('cross-reference');
        v.count += c.count;
      } else {
        e.found.set(p, { sources: new Set(['cross-reference']), count: c.count, example: c.example });
      }
    }
  }

  return evidence.map((e) => {
    const list: LearnedPrefix[] = [...e.found.entries()].map(([prefix, v]) => ({
      prefix,
      sources: [...v.sources].sort((a, b) => SOURCE_ORDER.indexOf(a) - SOURCE_ORDER.indexOf(b)),
      count: v.count,
      ...(v.example !== undefined ? { example: v.example } : {}),
    }));
    if (list.length === 0) {
      const fallback = e.folder.source === 'settings' ? e.folder.prefix : e.folder.kind === 'log' ? DEFAULT_LOG_PREFIX : DEFAULT_FOLDER_PREFIX;
      list.push({ prefix: fallback, sources: ['default'], count: 0 });
    }
    list.sort((a, b) => weight(b) - weight(a) || (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
    return { ...e.folder, prefix: list[0].prefix, prefixes: list };
  });
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const UNDERLINE = /^([=\-~^"'`*+_:.])\1{2,}[ \t]*$/;

/**
 * True when the offset is on a heading line: an ATX heading, or a Setext or reStructuredText
 * title (a line underlined with `===`, `---`, `~~~`). Headings state ids (counted as such);
 * cross-references are on the other lines. Costs one look at the lines around a match.
 */
function onHeadingLine(text: string, offset: number): boolean {
  const start = Math.max(text.lastIndexOf('\n', offset), text.lastIndexOf('\r', offset)) + 1;
  const end = lineEnd(text, offset);
  if (ATX_HEADING.test(text.slice(start, end))) return true;
  const next = end + (text.startsWith('\r\n', end) ? 2 : 1);
  return next < text.length && UNDERLINE.test(text.slice(next, lineEnd(text, next)));
}

/** Offset of the line break (`\n`, `\r\n` or `\r`) that ends the line at `offset`, or the text's length. */
function lineEnd(text: string, offset: number): number {
  const n = text.indexOf('\n', offset);
  const r = text.indexOf('\r', offset);
  const a = n < 0 ? text.length : n;
  const b = r < 0 ? text.length : r;
  return Math.min(a, b);
}

/** How strongly a prefix is the folder's own: settings first, then what records call themselves. */
function weight(p: LearnedPrefix): number {
  let w = 0;
  for (const s of p.sources) {
    if (s === 'settings') w += 1e9;
    else if (s === 'heading' || s === 'front-matter') w += 1000 + p.count * 10;
    else if (s === 'file-name') w += 500 + p.count;
    else if (s === 'folder-name') w += 400;
    else if (s === 'cross-reference') w += 100 + p.count;
    else if (s === 'tool') w += 50;
  }
  return w;
}

/** @returns every prefix of a folder: {@link DecisionFolder.prefixes}, else `[prefix]`. */
export function prefixesOf(folder: DecisionFolder): string[] {
  return folder.prefixes && folder.prefixes.length > 0 ? folder.prefixes.map((p) => p.prefix) : [folder.prefix];
}

/** @returns one line per prefix: `MADR (folder name docs/madr; cross-reference 0003-x.md: MADR-042 ×3)`. */
export function describePrefixes(folder: DecisionFolder): string {
  const list = folder.prefixes ?? [{ prefix: folder.prefix, sources: [folder.source === 'settings' ? 'settings' : 'default'], count: 0 } as LearnedPrefix];
  return list.map((p) => `${p.prefix} (${p.sources.join(', ')}${p.example ? `: ${p.example}` : ''}${p.count > 1 ? `, ×${p.count}` : ''})`).join('; ');
}
