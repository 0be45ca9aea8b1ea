// Helpers for the New Decision integration tests (they run inside the real extension host, on a
// temp copy of test/fixtures/workspaces/newdecision).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Decision } from '../../../../src/core/model';
import { parseRecord } from '../../../../src/core/parse/parseRecord';
import type { FormValues, Preview, TargetOption } from '../../../../src/features/newDecision/protocol';
import { defaultValues } from '../../../../src/features/newDecision/values';
import { fileUri } from '../editor/helpers';

/** The core path (URI path) of a workspace file or folder. */
export function pathOf(relativePath: string): string {
  return fileUri(relativePath).path;
}

export async function readBytes(relativePath: string): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(fileUri(relativePath));
}

/** A file's text as on disk (a BOM kept). */
export async function readDisk(relativePath: string): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await readBytes(relativePath));
}

export async function writeDisk(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(relativePath), new TextEncoder().encode(text));
}

/** Names of the files in a workspace folder. */
export async function list(relativePath: string): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(fileUri(relativePath))).map(([name]) => name).sort();
}

/** The decisions the parser reads from a file on disk now. */
export async function parsed(relativePath: string): Promise<Decision[]> {
  return parseRecord(await readDisk(relativePath), pathOf(relativePath));
}

/** New Decision form values for a target folder or log (relative path), over sensible empties. */
export function formValues(target: string, format: FormValues['format'], patch: Partial<FormValues> = {}): FormValues {
  return { ...defaultValues(pathOf(target), format, '', '2026-05-01'), ...patch };
}

export type CreateAnswer = { uri: string; display: string; relativePath: string; note?: string } | { error: string; messages: { field: string; severity: string; message: string }[] };

/** Creates a record the way the form's submit does. */
export async function create(values: FormValues): Promise<CreateAnswer> {
  const answer = await vscode.commands.executeCommand<CreateAnswer>('decisionLens.createDecision', values);
  assert.ok(answer, 'decisionLens.createDecision answered nothing');
  return answer;
}

/** Creates a record and fails the test when it was refused. */
export async function created(values: FormValues): Promise<{ uri: string; display: string; relativePath: string; note?: string }> {
  const answer = await create(values);
  if ('error' in answer) assert.fail(`the record was not created: ${answer.error} ${JSON.stringify(answer.messages)}`);
  return answer;
}

export async function preview(values: FormValues): Promise<Preview> {
  const answer = await vscode.commands.executeCommand<Preview>('decisionLens.previewDecision', values);
  assert.ok(answer, 'no preview');
  return answer;
}

export async function targets(): Promise<TargetOption[]> {
  return (await vscode.commands.executeCommand<TargetOption[]>('decisionLens.newDecisionTargets')) ?? [];
}

/** The form id (`path#line`) of the decision whose title starts with `title` in a file. */
export async function decisionId(relativePath: string, title: string): Promise<string> {
  const d = (await parsed(relativePath)).find((x) => x.title.startsWith(title));
  assert.ok(d, `no decision "${title}" in ${relativePath}`);
  return `${pathOf(relativePath)}#${d.range.start.line}`;
}

/** Saves every edited document (a close would otherwise ask) and closes every editor. */
export async function closeEditors(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
