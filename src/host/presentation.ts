import * as vscode from 'vscode';
import type { IndexedDecision } from '../core/index';
import type { StatusKind } from '../core/model';
import { toRange, uriOf } from './paths';

/** Codicon and theme colour per status, shared by the tree, quick picks and hovers. */
const STATUS_ICONS: Record<StatusKind, { icon: string; color?: string }> = {
  proposed: { icon: 'circle-large-outline', color: 'charts.yellow' },
  draft: { icon: 'edit', color: 'charts.yellow' },
  accepted: { icon: 'pass', color: 'charts.green' },
  rejected: { icon: 'circle-slash', color: 'charts.red' },
  deprecated: { icon: 'warning', color: 'charts.orange' },
  superseded: { icon: 'arrow-circle-right', color: 'disabledForeground' },
  'not-implemented': { icon: 'circle-slash', color: 'charts.orange' },
  'on-hold': { icon: 'debug-pause', color: 'charts.yellow' },
  unknown: { icon: 'question' },
};

/** @returns the codicon id for a status (`pass` for accepted, ...). */
export function statusIconId(kind: StatusKind): string {
  return STATUS_ICONS[kind].icon;
}

/** @returns the `ThemeIcon` for a status, coloured with a theme colour. */
export function statusIcon(kind: StatusKind): vscode.ThemeIcon {
  const { icon, color } = STATUS_ICONS[kind];
  return color ? new vscode.ThemeIcon(icon, new vscode.ThemeColor(color)) : new vscode.ThemeIcon(icon);
}

/**
 * @returns the status as users read it: the kind with the word as written when it differs
 *   (`accepted (Implemented)`), the word alone when it is not recognised, or the tool's default
 *   (`accepted, log4brains' default`).
 */
export function statusLabel(d: IndexedDecision): string {
  if (d.status.defaultOf !== undefined) return vscode.l10n.t("{0}, {1}'s default", d.status.kind, d.status.defaultOf);
  const written = d.status.text.trim();
  if (d.status.kind === 'unknown') return written || vscode.l10n.t('no status');
  const plain = written.replace(/[*_[\].]/g, '').trim().toLowerCase();
  if (written === '' || plain.includes(d.status.kind.replace('-', ' ')) || d.status.kind === 'superseded') return d.status.kind;
  return `${d.status.kind} (${written.length > 40 ? written.slice(0, 39) + '…' : written})`;
}

/** @returns the status group title (`Proposed`, `Accepted`, ...). */
export function statusGroupLabel(kind: StatusKind): string {
  switch (kind) {
    case 'proposed':
      return vscode.l10n.t('Proposed');
    case 'draft':
      return vscode.l10n.t('Draft');
    case 'accepted':
      return vscode.l10n.t('Accepted');
    case 'rejected':
      return vscode.l10n.t('Rejected');
    case 'deprecated':
      return vscode.l10n.t('Deprecated');
    case 'superseded':
      return vscode.l10n.t('Superseded');
    case 'not-implemented':
      return vscode.l10n.t('Not implemented');
    case 'on-hold':
      return vscode.l10n.t('On hold');
    default:
      return vscode.l10n.t('No status');
  }
}

/** @returns where a decision is written: its file and title range. */
export function decisionLocation(d: IndexedDecision): vscode.Location {
  return new vscode.Location(uriOf(d.path), toRange(d.titleRange));
}

/** Opens a decision's file with the cursor on its title (the entry's heading in a log). */
export async function openDecision(d: IndexedDecision, options: { preview?: boolean; preserveFocus?: boolean } = {}): Promise<void> {
  const range = toRange(d.titleRange);
  await vscode.window.showTextDocument(uriOf(d.path), {
    selection: new vscode.Range(range.start, range.start),
    preview: options.preview,
    preserveFocus: options.preserveFocus,
  });
}

/**
 * Shortens text from a record for a hover or tooltip: whitespace runs collapsed to one space,
 * cut at a word boundary after at most `max` characters with an ellipsis.
 */
export function trimText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '') + '…';
}

/** @returns `ADR-0005 Use webhooks`: the id as displayed and the title. */
export function decisionName(d: IndexedDecision): string {
  return d.title ? `${d.display} ${d.title}` : d.display;
}

/**
 * Appends text that comes from a file to a Markdown string as plain text: Markdown syntax,
 * theme icons (`$(...)`) and `<` are escaped, so the text cannot add HTML, links or command links.
 */
export function appendFileText(md: vscode.MarkdownString, text: string): void {
  md.appendText(text.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
}
