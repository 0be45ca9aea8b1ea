/**
 * Provenance and drift as the hover and the Decisions view's tooltip say them, each marked as
 * coming from git: "Created by Alice on 2025-01-10 (git)", "Accepted by Carol on 2025-03-02 in
 * 1a2b3c4 (git)", "14 commits in 9 files since accepted on 2025-03-02 (git)".
 */
import * as vscode from 'vscode';
import type { IndexedDecision } from '../../core/index';
import type { GitFacts } from '../../host/git';
import { gitHistory } from '../../host/git';

/** The git facts of a decision, or `{}` (no git, no repository, not committed). */
export function gitFactsOf(d: IndexedDecision): GitFacts {
  return gitHistory()?.factsOf(d) ?? {};
}

/**
 * @returns plain-text lines (record text such as author names is in them: append them as file
 *   text, never as Markdown); `[]` without history.
 */
export function gitFactLines(d: IndexedDecision, facts: GitFacts = gitFactsOf(d)): string[] {
  const p = facts.provenance;
  if (!p) return [];
  const lines: string[] = [];
  lines.push(
    p.shallow
      ? vscode.l10n.t('Created by {0} on {1} or earlier (git, shallow clone)', p.created.author, p.created.date)
      : vscode.l10n.t('Created by {0} on {1} (git)', p.created.author, p.created.date),
  );
  if (p.statusChanged && p.statusChanged.commit !== p.created.commit) {
    lines.push(vscode.l10n.t('Status set to {0} by {1} on {2} in {3} (git)', p.statusChanged.to, p.statusChanged.author, p.statusChanged.date, p.statusChanged.commit.slice(0, 7)));
  }
  if (p.lastChanged.commit !== p.created.commit && p.lastChanged.commit !== p.statusChanged?.commit) {
    lines.push(vscode.l10n.t('Last changed by {0} on {1} (git)', p.lastChanged.author, p.lastChanged.date));
  }
  const drift = facts.drift;
  if (drift) {
    lines.push(
      drift.commits === 0
        ? vscode.l10n.t('No commits to the files it governs or that cite it since accepted on {0} (git)', drift.since)
        : vscode.l10n.t('{0} in {1} since accepted on {2} (git)', drift.commits === 1 ? vscode.l10n.t('1 commit') : vscode.l10n.t('{0} commits', drift.commits), drift.files === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', drift.files), drift.since),
    );
  }
  return lines;
}
