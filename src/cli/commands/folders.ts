/**
 * `decision-lens folders`: every decision folder and log found, with where it was found, the
 * tool that owns it, its records and every citation prefix it has with where each was learned
 * (see `core/prefixes.ts`).
 *
 *   docs/adr  folder  from .adr-dir (adr-tools)  7 records
 *     ADR   heading (0001-x.md), tool (adr-tools), ×7
 *   docs/rfcs  folder  usual place  58 records
 *     RFC   folder name (rfcs)
 */
import type { DecisionFolder, LearnedPrefix } from '../../core/config';
import type { DecisionIndex } from '../../core/index';
import { relative } from '../../core/paths';

/** One folder as `--json` prints it. */
export interface FolderJson {
  /** Path relative to the root (`.` for the root itself). */
  readonly path: string;
  readonly kind: 'folder' | 'log';
  readonly source: DecisionFolder['source'];
  readonly tool?: string;
  readonly package?: string;
  /** The prefix records are shown with. */
  readonly prefix: string;
  readonly prefixes: readonly LearnedPrefix[];
  /** Decisions the index holds for it. */
  readonly records: number;
  /** True when a config file names it and it does not exist. */
  readonly missing?: boolean;
}

const SOURCE_TEXT: Record<DecisionFolder['source'], string> = {
  'adr-dir': 'from .adr-dir',
  log4brains: 'from .log4brains.yml',
  'dotnet-adr': 'from adr.config.json',
  settings: 'from the settings',
  default: 'usual place',
};

const PREFIX_SOURCE_TEXT: Record<LearnedPrefix['sources'][number], string> = {
  heading: 'headings',
  'front-matter': 'front matter id',
  'cross-reference': 'records cite each other',
  'folder-name': 'folder name',
  'file-name': 'file names',
  tool: 'tool',
  settings: 'settings',
  default: 'default',
};

/**
 * The folders of an index as JSON rows.
 * @param root absolute POSIX path the paths are made relative to.
 */
export function foldersJson(root: string, index: DecisionIndex): FolderJson[] {
  const counts = new Map<string, number>();
  for (const d of index.decisions()) counts.set(d.folder.path, (counts.get(d.folder.path) ?? 0) + 1);
  return index.getFolders().map((f) => ({
    path: relative(root, f.path) || '.',
    kind: f.kind,
    source: f.source,
    ...(f.tool !== undefined ? { tool: f.tool } : {}),
    ...(f.package !== undefined ? { package: f.package } : {}),
    prefix: f.prefix,
    prefixes: f.prefixes ?? [{ prefix: f.prefix, sources: ['default'], count: 0 }],
    records: counts.get(f.path) ?? 0,
    ...(f.missing ? { missing: true } : {}),
  }));
}

/**
 * Prints the folders of an index, one block per folder: the folder line, then one line per
 * prefix (display prefix first) with where it was learned.
 * @returns the text, ending with a summary line.
 */
export function foldersText(root: string, index: DecisionIndex): string {
  const rows = foldersJson(root, index);
  if (rows.length === 0) return `No decision folders or logs found in ${root}.\n`;
  const lines: string[] = [];
  for (const r of rows) {
    const where = [SOURCE_TEXT[r.source], r.tool !== undefined && r.source !== 'default' ? `(${r.tool})` : '', r.package !== undefined ? `package ${r.package}` : '']
      .filter((s) => s !== '')
      .join(' ');
    const records = r.missing ? 'does not exist' : `${r.records} ${r.kind === 'log' ? 'entr' + (r.records === 1 ? 'y' : 'ies') : 'record' + (r.records === 1 ? '' : 's')}`;
    lines.push(`${r.path}  ${r.kind === 'log' ? 'decision log' : 'folder'}  ${where}  ${records}`);
    for (const p of r.prefixes) {
      const sources = p.sources.map((s) => PREFIX_SOURCE_TEXT[s]).join(', ');
      const evidence = [p.example, p.count > 1 ? `×${p.count}` : ''].filter((s) => s !== undefined && s !== '').join(', ');
      lines.push(`  ${p.prefix.padEnd(6)} ${sources}${evidence ? ` (${evidence})` : ''}`);
    }
  }
  const folders = rows.filter((r) => r.kind === 'folder').length;
  lines.push('', `${folders} folder${folders === 1 ? '' : 's'} and ${rows.length - folders} decision log${rows.length - folders === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}
