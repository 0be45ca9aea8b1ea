import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * Gives the core the extension's translations for VS Code's display language: the core (shared
 * with the command line, so it cannot use `vscode.l10n`) writes its messages with `@vscode/l10n`
 * (`l10n.t`), which answers in English until configured. Called once at activation; without a
 * bundle (English, or a language without one) it changes nothing.
 */
export function configureCoreL10n(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) l10n.config({ contents: bundle });
}
