/**
 * What every Decision Lens webview panel shares (the New Decision form, the Decision Map, the
 * design review): the webview options, the page (`pageHtml.ts`) and the script nonce of its
 * strict CSP.
 */
import * as vscode from 'vscode';
import type { PageParts } from './pageHtml';
import { pageHtml } from './pageHtml';

/**
 * Webview options: scripts on, command links off, local resources only from the bundle folder
 * (`dist/`, which holds the panels' scripts, their CSS and the codicon font).
 */
export function bundleWebviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist')],
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

/** A fresh nonce (24 base64 characters of 18 random bytes) for a page's `script-src 'nonce-…'`. */
export function scriptNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '');
}

/**
 * The page of a panel whose script and style sheet are in the bundle folder (`dist/`), in the
 * editor's language, with a fresh script nonce.
 */
export function bundlePage(webview: vscode.Webview, extensionUri: vscode.Uri, parts: Omit<PageParts, 'cspSource' | 'resource' | 'language' | 'nonce'>): string {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  return pageHtml({
    ...parts,
    cspSource: webview.cspSource,
    resource: (file) => webview.asWebviewUri(vscode.Uri.joinPath(dist, file)).toString(),
    language: vscode.env.language,
    nonce: scriptNonce(),
  });
}
