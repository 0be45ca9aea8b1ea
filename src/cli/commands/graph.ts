/**
 * `decision-lens graph [--format mermaid|dot|json] [--status S[,S]] [--tag T] [--folder DIR]
 * [--focus ID] [--hops 1-3] [--code]`: the Decision Map as text (see `core/graph.ts` and
 * `core/graphExport.ts`). Mermaid is the default (it pastes into a README or a pull request).
 */
import type { StatusKind } from '../../core/model';
import type { DecisionGraph, GraphFilter } from '../../core/graph';
import { STATUS_ORDER, buildGraph, filterGraph } from '../../core/graph';
import { toDot, toGraphJson, toMermaid } from '../../core/graphExport';
import type { DecisionIndex } from '../../core/index';
import { relative } from '../../core/paths';
import { EditFailure, findOne } from './shared';

/** The flags `graph` (and `export`) read. */
export interface GraphFlags {
  readonly format?: string;
  readonly status?: string;
  readonly tag?: readonly string[];
  readonly folder?: string;
  readonly focus?: string;
  readonly hops?: string;
  readonly code?: boolean;
}

/** Streams of one run. */
export interface GraphIO {
  readonly stdout: (text: string) => void;
  readonly cwd: string;
}

/**
 * The graph of an index with the command line's filters applied.
 * @param root absolute POSIX path node paths are made relative to.
 * @throws {EditFailure} (exit 2) for an unknown status or format, hops outside 1-3, (exit 1) a focus naming no decision.
 */
export function graphFromFlags(index: DecisionIndex, root: string, cwd: string, flags: GraphFlags): DecisionGraph {
  const statuses = (flags.status ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  for (const s of statuses) if (!STATUS_ORDER.includes(s as StatusKind)) throw new EditFailure(`--status must be one of ${STATUS_ORDER.join(', ')}, not "${s}"`, 2);
  const hops = flags.hops === undefined ? 1 : Number(flags.hops);
  if (!Number.isInteger(hops) || hops < 1 || hops > 3) throw new EditFailure(`--hops must be 1, 2 or 3, not "${flags.hops}"`, 2);
  const rel = (p: string): string => relative(root, p) || '.';
  const graph = buildGraph(index, { relativePath: rel, code: flags.code === true });
  const filter: GraphFilter = {
    statuses: statuses as StatusKind[],
    tags: (flags.tag ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter((t) => t !== ''),
    ...(flags.folder !== undefined ? { folders: [flags.folder.replace(/\\/g, '/').replace(/\/+$/, '')] } : {}),
    ...(flags.focus !== undefined ? { focus: focusId(index, root, cwd, flags.focus), hops } : {}),
  };
  return filterGraph(graph, filter);
}

function focusId(index: DecisionIndex, root: string, cwd: string, what: string): string {
  const d = findOne(index, root, cwd, what);
  return `${relative(root, d.path) || '.'}#${d.range.start.line}`;
}

/**
 * Runs `graph`.
 * @returns the exit code: 0.
 * @throws {EditFailure} for bad flags (exit 2).
 */
export function graphCommand(index: DecisionIndex, root: string, io: GraphIO, flags: GraphFlags): number {
  const format = flags.format ?? 'mermaid';
  if (!['mermaid', 'dot', 'json'].includes(format)) throw new EditFailure(`--format must be mermaid, dot or json, not "${format}"`, 2);
  const graph = graphFromFlags(index, root, io.cwd, flags);
  if (format === 'json') io.stdout(JSON.stringify(toGraphJson(graph), null, 2) + '\n');
  else io.stdout(format === 'dot' ? toDot(graph) : toMermaid(graph));
  return 0;
}
