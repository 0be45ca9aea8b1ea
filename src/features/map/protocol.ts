/**
 * Messages between the Decision Map (the webview, `src/webview/map/main.ts`) and the extension
 * host (`panel.ts`). Both sides import this module; it imports nothing that needs `vscode`.
 *
 * The handshake: the webview posts `ready`; the host answers `graph` with the whole map (and again
 * whenever the index's records change). `focus` asks the webview to focus a decision (Show in Map).
 * The webview posts `open` (a node was clicked or Enter pressed), `exportSvg` (the drawing as SVG
 * text) and `exportMermaid` (the current filter and clusters; the host makes the text from its own
 * graph).
 * Every message from the webview is checked by {@link isMapWebviewMessage} before it is used.
 */
import type { ClusterBy, DecisionGraph, GraphFilter } from '../../core/graph';
import { STATUS_ORDER } from '../../core/graph';

/** `viewType` of the Decision Map panel. */
export const MAP_VIEW_TYPE = 'decisionLens.map';

/** Largest SVG the host accepts from the webview, in UTF-16 code units (64 MiB). */
export const MAX_SVG_LENGTH = 64 * 1024 * 1024;

/** Strings the map shows, translated by the host (`vscode.l10n.t`) or the site's defaults. */
export interface MapStrings {
  readonly [key: string]: string;
}

/** The host's messages. */
export type MapHostMessage =
  | { readonly type: 'graph'; readonly graph: DecisionGraph; readonly strings: MapStrings }
  | { readonly type: 'focus'; readonly id: string };

/** The webview's messages. */
export type MapWebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly id: string }
  | { readonly type: 'exportSvg'; readonly svg: string }
  | { readonly type: 'exportMermaid'; readonly filter: GraphFilter; readonly clusterBy?: ClusterBy };

/** What the webview keeps across hiding and reloads (`setState`). */
export interface MapViewState {
  readonly mode: 'graph' | 'timeline';
  readonly filter: GraphFilter;
  readonly laneBy: 'folder' | 'tag' | 'status';
  /** The graph mode's cluster boxes (absent in state saved before they existed: by folder). */
  readonly clusterBy?: ClusterBy;
  readonly code: boolean;
}

function isStringArray(v: unknown, max = 10_000): v is string[] {
  return Array.isArray(v) && v.length <= max && v.every((s) => typeof s === 'string' && s.length <= 10_000);
}

/** @returns true when `v` is a {@link GraphFilter} with known statuses and bounded sizes. */
export function isGraphFilter(v: unknown): v is GraphFilter {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const f = v as Record<string, unknown>;
  for (const key of Object.keys(f)) if (!['statuses', 'tags', 'folders', 'text', 'focus', 'hops'].includes(key)) return false;
  if (f.statuses !== undefined && !(isStringArray(f.statuses, 20) && f.statuses.every((s) => (STATUS_ORDER as readonly string[]).includes(s)))) return false;
  if (f.tags !== undefined && !isStringArray(f.tags)) return false;
  if (f.folders !== undefined && !isStringArray(f.folders)) return false;
  if (f.text !== undefined && !(typeof f.text === 'string' && f.text.length <= 1000)) return false;
  if (f.focus !== undefined && !(typeof f.focus === 'string' && f.focus.length <= 10_000)) return false;
  if (f.hops !== undefined && !(typeof f.hops === 'number' && Number.isInteger(f.hops) && f.hops >= 1 && f.hops <= 3)) return false;
  return true;
}

/** Checks a message from the webview: its type and every field's type and size. */
export function isMapWebviewMessage(v: unknown): v is MapWebviewMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'open':
      return typeof m.id === 'string' && m.id.length <= 10_000;
    case 'exportSvg':
      return typeof m.svg === 'string' && m.svg.length <= MAX_SVG_LENGTH && /^<svg[\s>]/.test(m.svg);
    case 'exportMermaid':
      return isGraphFilter(m.filter) && (m.clusterBy === undefined || m.clusterBy === 'folder' || m.clusterBy === 'tag' || m.clusterBy === 'none');
    default:
      return false;
  }
}
