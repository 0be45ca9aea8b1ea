/**
 * Finds the decision folders and decision logs of a workspace.
 *
 * Sources, strongest first (a folder named by several keeps the first):
 * 1. the user's settings ({@link DiscoverySettings.folders});
 * 2. `.adr-dir` files (adr-tools: the file holds the folder path relative to the file's folder);
 * 3. `.log4brains.yml` (log4brains: `project.adrFolder` and `project.packages[].adrFolder`,
 *    relative to the file's folder; packages keep their `name`);
 * 4. `adr.config.json` (dotnet-adr / adr-cli: `{ "path": "docs\\adr", "templates": ... }`);
 * 5. the usual places (`doc/adr`, `docs/adr`, `docs/adrs`, `docs/decisions`,
 *    `doc/architecture/decisions`, `docs/madr/decisions`, `adr`) at any depth, when they hold
 *    at least one Markdown file that is a decision by name;
 * 6. design-record folders (`docs/rfcs`, `rfcs`, `rfcs/text`, `docs/references/architecture`,
 *    `docs/references/rfc`, `seed`, ...) at any depth, when a file in them is named like a
 *    numbered record (`035-x.md`, `adr-100-x.md`, `0128.rst`, `2025-02-14-x.md`);
 * 7. decision logs (`DECISIONS.md`, `decision-log.md`, `gaps.md`, any case) anywhere.
 * Then every folder learns its citation prefixes from its records (`prefixes.ts`).
 * Excluded folders (`node_modules`, `.git`, `out`, `dist`, `build`, `coverage`, `.vscode-test`
 * by default) are never searched.
 */
import type { DecisionFolder, DiscoverySettings, FolderSetting } from './config';
import {
  CONVENTIONAL_FOLDERS,
  DECISION_LOG_NAMES,
  DEFAULT_EXCLUDES,
  DEFAULT_FOLDER_PREFIX,
  DEFAULT_LOG_PREFIX,
  DESIGN_RECORD_FOLDERS,
  normalizePrefix,
} from './config';
import type { RecordSample } from './prefixes';
import { learnPrefixes } from './prefixes';
import type { Logger, WorkspaceReader } from './ports';
import { nullLogger } from './ports';
import { basename, dirname, extname, isInside, join, normalize, relative } from './paths';
import { parseYamlBounded } from './parse/frontMatter';

/** Config files that name decision folders. */
const CONFIG_FILE_GLOBS = ['**/.adr-dir', '**/.log4brains.yml', '**/.log4brains.yaml', '**/adr.config.json'];

/** File extensions a decision record may have (lower case): Markdown and reStructuredText. */
const RECORD_EXTENSIONS = new Set(['.md', '.markdown', '.rst']);

/** Records read per folder to learn its prefixes (the rest are read by the index anyway). */
const LEARNING_SAMPLE = 100;

/** A file name of a numbered design record: `035-x.md`, `adr-100-x.md`, `0128.rst`, `2025-02-14-x.md`. */
const NUMBERED_RECORD_NAME = /^(?:[A-Za-z]{2,10}[-_]?)?\d{2,9}(?:[-_.][^/]*)?\.(?:md|markdown|rst)$/;

/**
 * File names that are never decisions: READMEs, indexes and templates.
 * `template.md`, `template-foo.md`, `adr-template.md`, `adr-template-bare-minimal.md`,
 * `000-template.md`, `_template.md`; a record about templates (`0005-use-a-template-engine.md`)
 * is still a record.
 */
const NOT_DECISION_NAMES: readonly RegExp[] = [
  /^(readme|index)\.(md|markdown)$/i,
  /^_?template([-_. ][^/]*)?\.(md|markdown)$/i,
  /^(adr|madr|rfc|seed|decision|decision-record|record|architecture-decision-record)[-_]template[^/]*\.(md|markdown|rst)$/i,
  /^0+[-_.]template[^/]*\.(md|markdown|rst)$/i,
  // neon's `YYYY-MM-DD-copy-me.md`: the template new RFCs are copied from.
  /^(?:yyyy-mm-dd-)?copy-me\.(md|markdown)$/i,
];

/** Folder names whose files are templates, not decisions. */
const TEMPLATE_DIRS = new Set(['template', 'templates', 'adr-templates', '.templates']);

/** Source priority for de-duplicating folders named by several sources (lower wins). */
const SOURCE_RANK: Record<DecisionFolder['source'], number> = {
  settings: 0,
  'adr-dir': 1,
  log4brains: 2,
  'dotnet-adr': 3,
  default: 4,
};

/**
 * Finds the decision folders and logs below `root`.
 *
 * @param reader the workspace to read (the CLI's Node reader, the editor's `workspace.fs` reader).
 * @param root absolute POSIX path of the workspace folder.
 * @param settings user settings: extra folders, citation prefixes per folder, excludes.
 * @param logger receives a warning for each config file that cannot be read.
 * @returns folders and logs with absolute paths, sorted by path; settings folders are kept even
 *   when they do not exist yet (the user named them). Never throws for unreadable config files
 *   (they are logged and skipped); rejects only when the reader itself rejects.
 */
export async function discoverDecisionFolders(
  reader: WorkspaceReader,
  root: string,
  settings: DiscoverySettings = {},
  logger: Logger = nullLogger,
): Promise<DecisionFolder[]> {
  const rootPath = normalize(root);
  const excludes = settings.exclude ?? DEFAULT_EXCLUDES;
  const found = new Map<string, DecisionFolder>();
  const add = (folder: DecisionFolder): void => {
    const existing = found.get(folder.path);
    if (existing === undefined || SOURCE_RANK[folder.source] < SOURCE_RANK[existing.source]) {
      found.set(folder.path, folder);
    }
  };

  for (const setting of settings.folders ?? []) {
    const folder = folderFromSetting(rootPath, setting);
    if (folder) add(folder);
  }

  const wantConventional = settings.conventionalFolders !== false;
  const wantLogs = settings.decisionLogs !== false;
  const includes = [...CONFIG_FILE_GLOBS];
  if (wantConventional || wantLogs) includes.push('**/*.md', '**/*.markdown', '**/*.rst');
  const files = await reader.findFiles(rootPath, includes, excludes);

  const markdown: string[] = [];
  const configs: string[] = [];
  for (const file of files) {
    const name = basename(file);
    if (name === '.adr-dir' || name === '.log4brains.yml' || name === '.log4brains.yaml' || name === 'adr.config.json') {
      configs.push(file);
    } else if (RECORD_EXTENSIONS.has(extname(file))) {
      markdown.push(file);
    }
  }

  const configTexts = await Promise.all(configs.map(async (file) => ({ file, text: await reader.readText(file) })));
  for (const { file, text } of configTexts) {
    if (text === undefined) {
      logger.warn(`Cannot read ${file}`);
      continue;
    }
    for (const folder of foldersFromConfig(file, text, logger)) add(folder);
  }

  if (wantConventional) {
    const candidates = new Set<string>();
    for (const file of markdown) {
      const dir = dirname(file);
      if (candidates.has(dir) || !isInside(dir, rootPath)) continue;
      if (isConventionalFolder(relative(rootPath, dir)) && isDecisionFileName(basename(file))) candidates.add(dir);
    }
    for (const dir of candidates) {
      add({ path: dir, prefix: DEFAULT_FOLDER_PREFIX, kind: 'folder', source: 'default', root: conventionalRoot(dir) });
    }
    const design = new Set<string>();
    for (const file of markdown) {
      const dir = dirname(file);
      if (design.has(dir) || candidates.has(dir) || !isInside(dir, rootPath)) continue;
      if (isDesignFolder(relative(rootPath, dir)) && NUMBERED_RECORD_NAME.test(basename(file)) && isDecisionFileName(basename(file))) design.add(dir);
    }
    for (const dir of design) {
      add({ path: dir, prefix: DEFAULT_FOLDER_PREFIX, kind: 'folder', source: 'default', root: designRoot(dir) });
    }
  }

  if (wantLogs) {
    for (const file of markdown) {
      if (DECISION_LOG_NAMES.includes(basename(file).toLowerCase())) {
        add({ path: file, prefix: DEFAULT_LOG_PREFIX, kind: 'log', source: 'default', format: 'decision-log', root: dirname(file) });
      }
    }
  }

  // Settings prefixes add to what the records show; they never replace it.
  const settingsPrefixes = new Map<string, string[]>();
  for (const setting of settings.folders ?? []) {
    const folder = folderFromSetting(rootPath, setting);
    const p = normalizePrefix(setting.prefix);
    if (folder && p) settingsPrefixes.set(folder.path, [...(settingsPrefixes.get(folder.path) ?? []), p]);
  }
  for (const [path, prefix] of Object.entries(settings.prefixes ?? {})) {
    const p = normalizePrefix(prefix);
    if (!p) continue;
    const abs = path.startsWith('/') ? normalize(path) : join(rootPath, path);
    settingsPrefixes.set(abs, [...(settingsPrefixes.get(abs) ?? []), p]);
  }

  const folders = [...found.values()];
  const existing = await Promise.all(
    folders.map(async (f) => (f.source === 'default' ? true : reader.exists(f.path).catch(() => true))),
  );
  const checked = folders.map((f, i) => (existing[i] ? f : { ...f, missing: true }));
  const samples = await recordSamples(reader, checked, markdown);
  const result = learnPrefixes(checked, samples, settingsPrefixes);
  result.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of result) {
    if (f.missing && f.configFile) logger.warn(`${f.configFile} names ${f.path}, which does not exist`);
  }
  return result;
}

/** Reads up to {@link LEARNING_SAMPLE} record files of each folder (a log: the log itself). */
async function recordSamples(
  reader: WorkspaceReader,
  folders: readonly DecisionFolder[],
  files: readonly string[],
): Promise<Map<string, RecordSample[]>> {
  const byFolder = new Map<string, string[]>();
  for (const f of folders) if (f.kind === 'log') byFolder.set(f.path, [f.path]);
  for (const file of [...files].sort()) {
    const folder = isDecisionFile(file, folders);
    if (!folder || folder.kind !== 'folder') continue;
    const list = byFolder.get(folder.path) ?? [];
    if (list.length < LEARNING_SAMPLE) list.push(file);
    byFolder.set(folder.path, list);
  }
  const out = new Map<string, RecordSample[]>();
  await Promise.all(
    [...byFolder.entries()].map(async ([folder, paths]) => {
      const texts = await Promise.all(paths.map(async (path) => ({ path, text: await reader.readText(path).catch(() => undefined) })));
      out.set(folder, texts);
    }),
  );
  return out;
}

/** @returns the folder a settings entry names, or `undefined` for an empty path. */
function folderFromSetting(root: string, setting: FolderSetting): DecisionFolder | undefined {
  if (typeof setting.path !== 'string' || setting.path.trim() === '') return undefined;
  const path = join(root, setting.path.trim());
  const kind = setting.kind ?? (RECORD_EXTENSIONS.has(extname(path)) ? 'log' : 'folder');
  const prefix = normalizePrefix(setting.prefix) ?? (kind === 'log' ? DEFAULT_LOG_PREFIX : DEFAULT_FOLDER_PREFIX);
  return { path, prefix, kind, source: 'settings', root, ...(kind === 'log' ? { format: 'decision-log' as const } : {}) };
}

/**
 * Reads one config file (`.adr-dir`, `.log4brains.yml`, `adr.config.json`).
 * @returns the folders it names; `[]` (and a warning) when it cannot be understood.
 */
export function foldersFromConfig(file: string, text: string, logger: Logger = nullLogger): DecisionFolder[] {
  const base = dirname(file);
  const name = basename(file);
  const clean = text.replace(/^\uFEFF/, '');
  if (name === '.adr-dir') {
    const line = clean.split(/\r\n|\r|\n/).map((l) => l.trim()).find((l) => l !== '');
    if (!line) {
      logger.warn(`${file} is empty`);
      return [];
    }
    return [{ path: join(base, line), prefix: DEFAULT_FOLDER_PREFIX, kind: 'folder', source: 'adr-dir', format: 'nygard', root: base, tool: 'adr-tools', configFile: file }];
  }
  if (name === '.log4brains.yml' || name === '.log4brains.yaml') {
    let doc: unknown;
    try {
      // Bounded like front matter (nesting, size), and aliases expand at most 100 times (billion laughs).
      const parsed = parseYamlBounded(clean);
      if (parsed.limit) throw new Error(parsed.limit.message);
      if (parsed.doc.errors.length > 0) throw parsed.doc.errors[0];
      doc = parsed.doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      logger.warn(`${file}: invalid YAML (${error instanceof Error ? error.message : String(error)})`);
      return [];
    }
    const project = isRecord(doc) && isRecord(doc.project) ? doc.project : undefined;
    if (!project) {
      logger.warn(`${file}: no "project" section`);
      return [];
    }
    const out: DecisionFolder[] = [];
    if (typeof project.adrFolder === 'string' && project.adrFolder.trim() !== '') {
      out.push({ path: join(base, project.adrFolder.trim()), prefix: DEFAULT_FOLDER_PREFIX, kind: 'folder', source: 'log4brains', format: 'log4brains', root: base, tool: 'log4brains', configFile: file });
    }
    if (Array.isArray(project.packages)) {
      for (const pkg of project.packages) {
        if (!isRecord(pkg) || typeof pkg.adrFolder !== 'string' || pkg.adrFolder.trim() === '') continue;
        out.push({
          path: join(base, pkg.adrFolder.trim()),
          prefix: DEFAULT_FOLDER_PREFIX,
          kind: 'folder',
          source: 'log4brains',
          format: 'log4brains',
          root: base,
          tool: 'log4brains',
          configFile: file,
          ...(typeof pkg.name === 'string' ? { package: pkg.name } : {}),
        });
      }
    }
    return out;
  }
  if (name === 'adr.config.json') {
    let doc: unknown;
    try {
      doc = JSON.parse(clean);
    } catch (error) {
      logger.warn(`${file}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
      return [];
    }
    const folder = isRecord(doc) ? firstString(doc, ['path', 'adrPath', 'adrFolder', 'docFolder', 'folder', 'directory']) : undefined;
    // adr-cli writes Windows paths with a leading separator (`\docs\adr`) meaning "relative to here".
    const rel = (folder ?? 'docs/adr').replace(/\\/g, '/').replace(/^\/+/, '');
    return [{ path: join(base, rel), prefix: DEFAULT_FOLDER_PREFIX, kind: 'folder', source: 'dotnet-adr', format: 'dotnet-adr', root: base, tool: 'dotnet-adr', configFile: file }];
  }
  return [];
}

/**
 * Says whether a file is a decision and which folder or log it belongs to.
 *
 * @param path absolute POSIX path of a file.
 * @param folders the workspace's folders and logs (from {@link discoverDecisionFolders}).
 * @returns the log whose path is `path`, else the deepest folder containing a Markdown `path`
 *   whose name is not a README, index or template and which is not under a `template(s)/`
 *   folder; `undefined` otherwise.
 */
export function isDecisionFile(path: string, folders: readonly DecisionFolder[]): DecisionFolder | undefined {
  const lookup = folderLookup(folders);
  const p = normalize(path);
  const log = lookup.logs.get(p);
  if (log) return log;
  // Called for every listed file: most are not Markdown, and that test is the cheapest.
  if (!RECORD_EXTENSIONS.has(extname(p))) return undefined;
  const last = p.lastIndexOf('/');
  if (last < 0 || !isDecisionFileName(p.slice(last + 1))) return undefined;
  // The deepest folder holding `p`: its ancestors from the nearest up, one map lookup each.
  let end = last;
  let best: DecisionFolder | undefined;
  while (end > 0 && !(best = lookup.folders.get(p.slice(0, end)))) end = p.lastIndexOf('/', end - 1);
  if (!best && p.startsWith('/')) best = lookup.folders.get('/');
  if (!best) return undefined;
  // Not under a template folder or a hidden one between the folder and the file.
  const between = end < last ? p.slice(end + 1, last).split('/') : [];
  if (between.some((s) => TEMPLATE_DIRS.has(s.toLowerCase()) || s.startsWith('.'))) return undefined;
  return best;
}

/** The folders and logs of one folder list by normalised path, for {@link isDecisionFile}. */
interface FolderLookup {
  /** The list's entries when the lookup was made: a list changed since is looked up again. */
  readonly entries: readonly DecisionFolder[];
  readonly logs: ReadonlyMap<string, DecisionFolder>;
  readonly folders: ReadonlyMap<string, DecisionFolder>;
}

const lookups = new WeakMap<readonly DecisionFolder[], FolderLookup>();

/** @returns the lookup of `folders` (made once per list; the first of equal paths wins, as in a scan in order). */
function folderLookup(folders: readonly DecisionFolder[]): FolderLookup {
  const known = lookups.get(folders);
  if (known && known.entries.length === folders.length && known.entries.every((f, i) => folders[i] === f)) return known;
  const logs = new Map<string, DecisionFolder>();
  const dirs = new Map<string, DecisionFolder>();
  for (const folder of folders) {
    const key = normalize(folder.path);
    const map = folder.kind === 'log' ? logs : dirs;
    if (!map.has(key)) map.set(key, folder);
  }
  const lookup = { entries: [...folders], logs, folders: dirs };
  lookups.set(folders, lookup);
  return lookup;
}

/**
 * @returns true for a template: a template file name (`template.md`, `adr-template*.md`,
 *   `000-template.md`) or a Markdown file under a `template/` or `templates/` folder. Templates
 *   hold placeholders (`ADR-0123`), so they are neither records nor sources of citations.
 */
export function isTemplatePath(path: string): boolean {
  const name = basename(path);
  // Every template name ends in `.md` or `.markdown`: the cheap extension test goes first.
  if (!RECORD_EXTENSIONS.has(extname(name))) return false;
  if (NOT_DECISION_NAMES.slice(1).some((re) => re.test(name))) return true;
  const dirs = normalize(path).split('/').slice(0, -1);
  return dirs.some((d) => TEMPLATE_DIRS.has(d.toLowerCase()));
}

/** @returns false for README, index and template file names (see {@link NOT_DECISION_NAMES}). */
export function isDecisionFileName(name: string): boolean {
  return !NOT_DECISION_NAMES.some((re) => re.test(name));
}

/** @returns the project folder above a usual place: `/repo` for `/repo/docs/adr`. */
function conventionalRoot(dir: string): string {
  const lower = dir.toLowerCase();
  for (const c of CONVENTIONAL_FOLDERS) {
    if (lower.endsWith('/' + c)) return dir.slice(0, dir.length - c.length - 1) || '/';
  }
  return dirname(dir);
}

/** @returns true when the relative folder path ends with one of {@link DESIGN_RECORD_FOLDERS}. */
function isDesignFolder(rel: string): boolean {
  const r = rel.toLowerCase();
  return DESIGN_RECORD_FOLDERS.some((c) => r === c || r.endsWith('/' + c));
}

/** @returns the project folder above a design-record folder: `/repo` for `/repo/docs/rfcs` or `/repo/rfcs/text`. */
function designRoot(dir: string): string {
  const lower = dir.toLowerCase();
  for (const c of [...DESIGN_RECORD_FOLDERS].sort((a, b) => b.length - a.length)) {
    if (lower.endsWith('/' + c)) return dir.slice(0, dir.length - c.length - 1) || '/';
  }
  return dirname(dir);
}

/** @returns true when the relative folder path ends with one of {@link CONVENTIONAL_FOLDERS}. */
function isConventionalFolder(rel: string): boolean {
  const r = rel.toLowerCase();
  return CONVENTIONAL_FOLDERS.some((c) => r === c || r.endsWith('/' + c));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstString(obj: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const v = obj[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}
