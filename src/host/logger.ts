import * as vscode from 'vscode';
import type { Logger } from '../core/ports';

/**
 * The extension's log: a `LogOutputChannel` named "Decision Lens" (the user picks the level in the
 * Output view), exposed to the core through its {@link Logger} interface.
 * @returns the logger and the channel; the caller disposes the channel.
 */
export function createLogger(): { logger: Logger; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Decision Lens', { log: true });
  const logger: Logger = {
    trace: (message) => channel.trace(message),
    info: (message) => channel.info(message),
    warn: (message) => channel.warn(message),
    error: (message) => channel.error(message),
  };
  return { logger, channel };
}
