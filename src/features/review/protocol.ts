/**
 * Messages between the design review panel (the webview, `src/webview/review/main.ts`) and the
 * extension host (`panel.ts`). Both sides import this module; it imports nothing that imports
 * `vscode` (core types are erased at build time).
 *
 * The handshake: the webview posts `ready`; the host answers `agenda` (the cards and the words to
 * show) and sends `agenda` again whenever the records change. The webview posts `action` for a
 * card's button, `copyMarkdown` / `exportAgenda` for the toolbar and `openLink` when a link in
 * record text is clicked; the host answers an action with `actionDone`.
 */
import type { Agenda } from '../../core/agenda';

/** `viewType` of the review panel. */
export const REVIEW_VIEW_TYPE = 'decisionLens.review';

/** What a card's buttons do. `defer` keeps the decision proposed (no edit). */
export type ReviewAction = 'accept' | 'reject' | 'defer' | 'supersede' | 'open';

export const REVIEW_ACTIONS: readonly ReviewAction[] = ['accept', 'reject', 'defer', 'supersede', 'open'];

/** The words the webview shows, localised by the host. */
export interface ReviewLabels {
  readonly title: string;
  readonly summary: string;
  readonly empty: string;
  readonly accept: string;
  readonly reject: string;
  readonly defer: string;
  readonly deferred: string;
  readonly supersede: string;
  readonly open: string;
  readonly copyMarkdown: string;
  readonly exportAgenda: string;
  readonly context: string;
  readonly consideredOptions: string;
  readonly chosen: string;
  readonly good: string;
  readonly neutral: string;
  readonly bad: string;
  readonly decision: string;
  readonly chosenOption: string;
  readonly tradeOffs: string;
  readonly consequences: string;
  readonly decisionMakers: string;
  readonly consulted: string;
  readonly informed: string;
  readonly relations: string;
  readonly notFound: string;
  /** `{0}` is replaced by the number of days. */
  readonly proposedFor: string;
  readonly proposedForOne: string;
  /** `{0}` is replaced by the number of citations. */
  readonly citedIn: string;
  readonly citedInOne: string;
  readonly restricted: string;
}

/** Host → webview. */
export type HostMessage =
  | {
      readonly type: 'agenda';
      readonly agenda: Agenda;
      /** Which decisions: `Proposed decisions`, `Changed on this branch`, `Selected decisions`. */
      readonly scope: string;
      readonly labels: ReviewLabels;
      /** False in Restricted Mode: the edit buttons are disabled. */
      readonly canEdit: boolean;
      /** Keys of decisions deferred in this review. */
      readonly deferred: readonly string[];
      /** The review's decisions, for the webview to keep (`setState`) so a reload restores the panel. */
      readonly state: ReviewState;
    }
  | { readonly type: 'actionDone'; readonly key: string; readonly action: ReviewAction; readonly ok: boolean };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'action'; readonly action: ReviewAction; readonly key: string; readonly path: string }
  | { readonly type: 'copyMarkdown' }
  | { readonly type: 'exportAgenda' }
  | { readonly type: 'openLink'; readonly href: string; readonly key: string; readonly path: string };

/** Longest string the host accepts in a message (keys, paths, link targets). */
export const MAX_MESSAGE_STRING = 4096;

function isString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_MESSAGE_STRING;
}

/**
 * Validates a message from the webview (which runs record text, so it is not trusted further
 * than its shape): exact types, known actions, bounded strings, no extra work for unknown kinds.
 */
export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'ready':
    case 'copyMarkdown':
    case 'exportAgenda':
      return true;
    case 'action':
      return typeof o.action === 'string' && (REVIEW_ACTIONS as readonly string[]).includes(o.action) && isString(o.key) && isString(o.path);
    case 'openLink':
      return isString(o.href) && isString(o.key) && isString(o.path);
    default:
      return false;
  }
}

/** What the webview keeps across reloads (`setState`) and the serializer gives back. */
export interface ReviewState {
  readonly scope: string;
  /** Absolute paths (as the index keeps them) and index keys of the review's decisions. */
  readonly decisions: readonly { readonly path: string; readonly key: string }[];
}

/** Most decisions a restored review may name. */
export const MAX_REVIEW_DECISIONS = 10_000;

/** Validates a restored webview state (it comes back from the webview, so it is checked like a message). */
export function isReviewState(v: unknown): v is ReviewState {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (!isString(o.scope) || !Array.isArray(o.decisions) || o.decisions.length > MAX_REVIEW_DECISIONS) return false;
  return o.decisions.every((d: unknown) => typeof d === 'object' && d !== null && isString((d as Record<string, unknown>).path) && isString((d as Record<string, unknown>).key));
}
