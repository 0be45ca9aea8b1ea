/**
 * The page of a Decision Lens webview panel (the New Decision form, the Decision Map, the design
 * review): one script and one style sheet from the extension's bundle under a strict Content
 * Security Policy, `default-src 'none'` with the script allowed by nonce only
 * (https://code.visualstudio.com/api/extension-guides/webview#content-security-policy).
 * Free of the `vscode` module, so unit tests read the pages it makes; its `escapeHtml` also
 * escapes the static site of `decision-lens export --html`.
 */

/** What a panel's page loads and says. */
export interface PageParts {
  /** The webview's `cspSource` (where its local resources come from). */
  readonly cspSource: string;
  /** The webview URI of a file of the bundle folder (`dist/map.js` → `https://file+.vscode-resource…`). */
  readonly resource: (file: string) => string;
  /** The page's script and style sheet, file names in `dist/` (`map.js`, `map.css`). */
  readonly script: string;
  readonly style: string;
  /** Loads `dist/codicon.css` first (icons of the webview elements). */
  readonly codicons?: boolean;
  /** Allows `<style>` elements that carry the page's nonce (the webview elements' own styles). */
  readonly styleNonce?: boolean;
  /** Allows `data:` images. */
  readonly dataImages?: boolean;
  /** The page's language (`vscode.env.language`) and title; `label` names its `<main>` for screen readers. */
  readonly language: string;
  readonly title: string;
  readonly label?: string;
  /** The script's nonce (see `scriptNonce`). */
  readonly nonce: string;
}

/** @returns the page's HTML: every attribute value and the title escaped. */
export function pageHtml(page: PageParts): string {
  const n = page.nonce;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${n}'`,
    `style-src ${page.cspSource}${page.styleNonce ? ` 'nonce-${n}'` : ''}`,
    `img-src ${page.cspSource}${page.dataImages ? ' data:' : ''}`,
    `font-src ${page.cspSource}`,
  ].join('; ');
  const codicons = page.codicons ? `\n<link rel="stylesheet" href="${escapeHtml(page.resource('codicon.css'))}" id="vscode-codicon-stylesheet">` : '';
  const label = page.label !== undefined ? ` aria-label="${escapeHtml(page.label)}"` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">${codicons}
<link rel="stylesheet" href="${escapeHtml(page.resource(page.style))}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"${label}></main>
<script nonce="${escapeHtml(n)}" src="${escapeHtml(page.resource(page.script))}"></script>
</body>
</html>`;
}

/** @returns `text` safe in HTML text and in a quoted attribute value (`& < > " '` as entities). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
