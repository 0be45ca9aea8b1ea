/**
 * Messages between the New Decision form (the webview, `src/webview/main.ts`) and the extension
 * host (`panel.ts`). Both sides import this module; it must not import `vscode` or anything that
 * does (types from the core are fine: they are erased at build time).
 *
 * The handshake: the webview posts `ready` once its script runs; the host answers `init` with
 * the targets, the decisions that can be superseded and the form's starting values (or a draft
 * to restore). From then on the webview posts `change` while the user types (debounced) and the
 * host answers each with `preview`; `submit` is answered with `submitted` or `submitFailed`.
 */
import type { FieldMessage, FieldName } from '../../core/templates/validate';
import type { TemplateFormat } from '../../core/templates/recordData';

/** `viewType` of the New Decision panel (also the key of its serializer). */
export const NEW_DECISION_VIEW_TYPE = 'decisionLens.newDecision';

/**
 * The form's values as the webview holds them: lists are typed as comma-separated text (one
 * `applies-to` glob per line or comma), options as a list of rows.
 */
export interface FormValues {
  /** Path of the target folder or decision log ({@link TargetOption.id}). */
  readonly target: string;
  readonly format: TemplateFormat;
  readonly title: string;
  readonly status: string;
  readonly date: string;
  readonly decisionMakers: string;
  readonly consulted: string;
  readonly informed: string;
  readonly context: string;
  readonly options: readonly string[];
  readonly chosenOption: string;
  readonly decision: string;
  readonly consequences: string;
  /** `''` for none. */
  readonly relationKind: '' | 'supersedes' | 'amends';
  /** {@link DecisionOption.id} of the record superseded or amended, `''` for none. */
  readonly relationTarget: string;
  readonly tags: string;
  readonly appliesTo: string;
}

/** A decision folder or decision log a record can be written to. */
export interface TargetOption {
  /** The folder's (or log file's) path; stable id. */
  readonly id: string;
  /** Workspace-relative path shown to the user: `docs/adr`, `DECISIONS.md`. */
  readonly label: string;
  readonly kind: 'folder' | 'log';
  readonly prefix: string;
  /** The format detected from the records there. */
  readonly format: TemplateFormat;
  /** Why that format: `like 9 of 9 records here`. */
  readonly formatReason: string;
}

/** An existing decision, for the "supersedes or amends" pick. */
export interface DecisionOption {
  /** `path#line` of the record (unique even with duplicate ids). */
  readonly id: string;
  /** `ADR-0005 Help comments`. */
  readonly label: string;
  /** Status and folder: `accepted · doc/adr`. */
  readonly description: string;
}

/** A format the form offers. */
export interface FormatOption {
  readonly id: TemplateFormat;
  readonly label: string;
}

/** The live preview of the record the form would create. */
export interface Preview {
  /** Echo of the `change` message's `seq`, so the webview drops stale answers. */
  readonly seq: number;
  /** Workspace-relative path of the file written: `docs/adr/0012-use-webhooks.md`. */
  readonly relativePath: string;
  readonly fileName: string;
  /** The new record's id: `ADR-0012`. */
  readonly display: string;
  /** The record text (the entry, for a decision log). */
  readonly text: string;
  /** What the submit button says: `Create docs/adr/0012-use-webhooks.md`. */
  readonly action: string;
  /** Errors and warnings by field. */
  readonly messages: readonly FieldMessage[];
  /** A note on the plan, e.g. that the record also edits the superseded one. */
  readonly note?: string;
}

/** Messages from the host to the webview. */
export type HostMessage =
  | {
      readonly type: 'init';
      readonly targets: readonly TargetOption[];
      readonly decisions: readonly DecisionOption[];
      readonly formats: readonly FormatOption[];
      readonly statuses: readonly string[];
      /** Values to start with (defaults, a restored draft, or a pre-filled supersede). */
      readonly values: FormValues;
      /** The empty form for the chosen target ("Start over" of a restored draft). */
      readonly defaults: FormValues;
      /** True when `values` is an unsaved draft from an earlier form. */
      readonly restored: boolean;
      /**
       * The extension's translations for VS Code's display language (`vscode.l10n.bundle`:
       * English message -> translated message, from `l10n/bundle.l10n.<language>.json`), for
       * the form's own labels; absent in English or when the language has no bundle.
       */
      readonly l10n?: { readonly [message: string]: string };
    }
  | { readonly type: 'decisions'; readonly decisions: readonly DecisionOption[]; readonly targets: readonly TargetOption[] }
  | ({ readonly type: 'preview' } & Preview)
  | { readonly type: 'submitted'; readonly relativePath: string; readonly display: string; readonly note?: string }
  | { readonly type: 'submitFailed'; readonly message: string; readonly messages: readonly FieldMessage[] };

/** Messages from the webview to the host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'change'; readonly seq: number; readonly values: FormValues; readonly dirty: boolean }
  | { readonly type: 'submit'; readonly values: FormValues }
  | { readonly type: 'cancel'; readonly dirty: boolean };

/** What the webview keeps with `setState` (survives hiding the panel and reloading the window). */
export interface WebviewState {
  readonly values: FormValues;
  readonly dirty: boolean;
}

/** Field names, re-exported for the webview's inline messages. */
export type { FieldMessage, FieldName };

/**
 * @returns true when `value` looks like a {@link WebviewMessage} (the host never trusts the
 *   webview's messages blindly).
 */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  switch (type) {
    case 'ready':
      return true;
    case 'change':
      return typeof (value as { seq?: unknown }).seq === 'number' && isFormValues((value as { values?: unknown }).values);
    case 'submit':
      return isFormValues((value as { values?: unknown }).values);
    case 'cancel':
      return true;
    default:
      return false;
  }
}

const STRING_FIELDS: readonly (keyof FormValues)[] = [
  'target', 'format', 'title', 'status', 'date', 'decisionMakers', 'consulted', 'informed', 'context',
  'chosenOption', 'decision', 'consequences', 'relationKind', 'relationTarget', 'tags', 'appliesTo',
];

/** @returns true when `value` has every {@link FormValues} field with the right type. */
export function isFormValues(value: unknown): value is FormValues {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (!STRING_FIELDS.every((k) => typeof v[k] === 'string')) return false;
  if (!Array.isArray(v.options) || !v.options.every((o) => typeof o === 'string')) return false;
  return v.relationKind === '' || v.relationKind === 'supersedes' || v.relationKind === 'amends';
}
