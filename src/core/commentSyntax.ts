/**
 * Comment syntax of common languages, for the comment-aware citation finder. Chosen by VS Code
 * language id or, failing that, by file extension.
 */

/** How one language writes comments and strings. */
export interface CommentSyntax {
  /** Line comment markers: the comment runs to the end of the line. */
  readonly line: readonly string[];
  /** Block comment delimiters `[open, close]`, tried before line markers and strings. */
  readonly block: readonly (readonly [string, string])[];
  /** String quote characters; strings are skipped (a `//` inside `"http://x"` is no comment). */
  readonly strings: readonly string[];
  /** Quote characters whose strings may span lines (JavaScript template literals). */
  readonly multilineStrings?: readonly string[];
  /** Line markers that only count at the start of a line or after white space (shell `#`). */
  readonly lineNeedsSpace?: boolean;
  /** Match line markers case-insensitively (`REM` in batch files). */
  readonly lineIgnoreCase?: boolean;
  /** Block comments count only when the opener starts a line (Ruby `=begin`, Perl `=pod`). */
  readonly blockAtLineStart?: boolean;
}

/** The text is prose: all of it may hold citations (Markdown, plain text). */
export const WHOLE_TEXT = 'whole-text';

const C_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], strings: ['"', "'"] };
const JS_LIKE: CommentSyntax = { line: ['//'], block: [['/*', '*/']], strings: ['"', "'"], multilineStrings: ['`'] };
const GO: CommentSyntax = { line: ['//'], block: [['/*', '*/']], strings: ['"', "'"], multilineStrings: ['`'] };
const RUST: CommentSyntax = { line: ['//'], block: [['/*', '*/']], strings: ['"'] };
const CSS: CommentSyntax = { line: [], block: [['/*', '*/']], strings: ['"', "'"] };
const SCSS: CommentSyntax = { line: ['//'], block: [['/*', '*/']], strings: ['"', "'"] };
const PHP: CommentSyntax = { line: ['//', '#'], block: [['/*', '*/']], strings: ['"', "'"] };
const PYTHON: CommentSyntax = { line: ['#'], block: [['"""', '"""'], ["'''", "'''"]], strings: ['"', "'"] };
const HASH: CommentSyntax = { line: ['#'], block: [], strings: ['"', "'"] };
const SHELL: CommentSyntax = { line: ['#'], block: [], strings: ['"', "'"], lineNeedsSpace: true };
const RUBY: CommentSyntax = { line: ['#'], block: [['=begin', '=end']], strings: ['"', "'"], blockAtLineStart: true };
const PERL: CommentSyntax = { line: ['#'], block: [['=pod', '=cut'], ['=head1', '=cut'], ['=begin', '=end']], strings: ['"', "'"], lineNeedsSpace: true, blockAtLineStart: true };
const POWERSHELL: CommentSyntax = { line: ['#'], block: [['<#', '#>']], strings: ['"', "'"] };
const ELIXIR: CommentSyntax = { line: ['#'], block: [['"""', '"""']], strings: ['"', "'"] };
const HCL: CommentSyntax = { line: ['#', '//'], block: [['/*', '*/']], strings: ['"'] };
const SQL: CommentSyntax = { line: ['--'], block: [['/*', '*/']], strings: ['"', "'"] };
const LUA: CommentSyntax = { line: ['--'], block: [['--[[', ']]']], strings: ['"', "'"] };
const HASKELL: CommentSyntax = { line: ['--'], block: [['{-', '-}']], strings: ['"'] };
const ADA: CommentSyntax = { line: ['--'], block: [], strings: ['"'] };
const LISP: CommentSyntax = { line: [';'], block: [['#|', '|#']], strings: ['"'] };
const CLOJURE: CommentSyntax = { line: [';'], block: [], strings: ['"'] };
const INI: CommentSyntax = { line: [';', '#'], block: [], strings: [], lineNeedsSpace: true };
const ASM: CommentSyntax = { line: [';', '#'], block: [['/*', '*/']], strings: ['"'] };
const TEX: CommentSyntax = { line: ['%'], block: [], strings: [] };
const ERLANG: CommentSyntax = { line: ['%'], block: [], strings: ['"'] };
const MATLAB: CommentSyntax = { line: ['%'], block: [['%{', '%}']], strings: ['"'] };
const PROLOG: CommentSyntax = { line: ['%'], block: [['/*', '*/']], strings: ['"'] };
const HTML: CommentSyntax = { line: [], block: [['<!--', '-->']], strings: [] };
const VUE: CommentSyntax = { line: ['//'], block: [['<!--', '-->'], ['/*', '*/']], strings: ['"', "'"], multilineStrings: ['`'] };
const VB: CommentSyntax = { line: ["'", 'REM '], block: [], strings: ['"'], lineIgnoreCase: true };
const BATCH: CommentSyntax = { line: ['REM ', '::'], block: [], strings: [], lineIgnoreCase: true, lineNeedsSpace: true };
const FSHARP: CommentSyntax = { line: ['//'], block: [['(*', '*)']], strings: ['"'] };
const OCAML: CommentSyntax = { line: [], block: [['(*', '*)']], strings: ['"'] };
const PASCAL: CommentSyntax = { line: ['//'], block: [['{', '}'], ['(*', '*)']], strings: ["'"] };
const FORTRAN: CommentSyntax = { line: ['!'], block: [], strings: ['"', "'"] };
const VIM: CommentSyntax = { line: ['"'], block: [], strings: ["'"], lineNeedsSpace: true };
/** For files we cannot identify: the most common markers. */
export const GENERIC: CommentSyntax = { line: ['//', '#'], block: [['/*', '*/'], ['<!--', '-->']], strings: ['"'], lineNeedsSpace: true };

type Syntax = CommentSyntax | typeof WHOLE_TEXT;

/** VS Code language ids → syntax. */
const BY_LANGUAGE: Record<string, Syntax> = {
  markdown: WHOLE_TEXT, plaintext: WHOLE_TEXT, mdx: WHOLE_TEXT, restructuredtext: WHOLE_TEXT, asciidoc: WHOLE_TEXT,
  c: C_LIKE, cpp: C_LIKE, 'cuda-cpp': C_LIKE, csharp: C_LIKE, java: C_LIKE, kotlin: C_LIKE, scala: C_LIKE, swift: C_LIKE,
  dart: C_LIKE, groovy: C_LIKE, 'objective-c': C_LIKE, 'objective-cpp': C_LIKE, proto: C_LIKE, proto3: C_LIKE,
  solidity: C_LIKE, jsonc: C_LIKE, json: C_LIKE, json5: C_LIKE, zig: C_LIKE, d: C_LIKE, hlsl: C_LIKE, glsl: C_LIKE,
  javascript: JS_LIKE, javascriptreact: JS_LIKE, typescript: JS_LIKE, typescriptreact: JS_LIKE,
  go: GO, rust: RUST, css: CSS, scss: SCSS, less: SCSS, stylus: SCSS, php: PHP,
  python: PYTHON, ruby: RUBY, perl: PERL, perl6: PERL, raku: PERL, powershell: POWERSHELL, elixir: ELIXIR,
  shellscript: SHELL, bash: SHELL, sh: SHELL, zsh: SHELL, fish: SHELL, dockerfile: SHELL, makefile: SHELL,
  yaml: HASH, toml: HASH, r: HASH, julia: HASH, nim: HASH, coffeescript: HASH, cmake: HASH, graphql: HASH,
  properties: INI, ini: INI, gitignore: SHELL, ignore: SHELL, 'git-commit': SHELL, dotenv: SHELL, nix: HASH, starlark: PYTHON,
  terraform: HCL, hcl: HCL, sql: SQL, plsql: SQL, lua: LUA, haskell: HASKELL, elm: HASKELL, purescript: HASKELL,
  ada: ADA, vhdl: ADA, lisp: LISP, scheme: LISP, racket: LISP, clojure: CLOJURE, 'emacs-lisp': LISP,
  asm: ASM, 'asm-intel-x86-generic': ASM, nasm: ASM,
  latex: TEX, tex: TEX, bibtex: TEX, erlang: ERLANG, matlab: MATLAB, octave: MATLAB, prolog: PROLOG,
  html: HTML, xml: HTML, xsl: HTML, svg: HTML, vue: VUE, svelte: VUE, astro: VUE, razor: VUE, handlebars: HTML,
  vb: VB, bat: BATCH, fsharp: FSHARP, ocaml: OCAML, pascal: PASCAL, fortran: FORTRAN, 'fortran-modern': FORTRAN,
  vim: VIM, viml: VIM,
};

/** File extensions (lower case, with dot) → language id in {@link BY_LANGUAGE}. */
const BY_EXTENSION: Record<string, string> = {
  '.md': 'markdown', '.markdown': 'markdown', '.mdx': 'mdx', '.txt': 'plaintext', '.rst': 'restructuredtext', '.adoc': 'asciidoc',
  '.c': 'c', '.h': 'c', '.cc': 'cpp', '.cpp': 'cpp', '.cxx': 'cpp', '.hpp': 'cpp', '.hh': 'cpp', '.cu': 'cuda-cpp',
  '.cs': 'csharp', '.java': 'java', '.kt': 'kotlin', '.kts': 'kotlin', '.scala': 'scala', '.sc': 'scala', '.swift': 'swift',
  '.dart': 'dart', '.groovy': 'groovy', '.gradle': 'groovy', '.m': 'objective-c', '.mm': 'objective-cpp', '.proto': 'proto',
  '.sol': 'solidity', '.jsonc': 'jsonc', '.json': 'json', '.json5': 'json5', '.zig': 'zig',
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascriptreact',
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact',
  '.go': 'go', '.rs': 'rust', '.css': 'css', '.scss': 'scss', '.sass': 'scss', '.less': 'less', '.styl': 'stylus', '.php': 'php',
  '.py': 'python', '.pyi': 'python', '.pyw': 'python', '.rb': 'ruby', '.rake': 'ruby', '.gemspec': 'ruby', '.pl': 'perl', '.pm': 'perl',
  '.ps1': 'powershell', '.psm1': 'powershell', '.ex': 'elixir', '.exs': 'elixir',
  '.sh': 'shellscript', '.bash': 'shellscript', '.zsh': 'shellscript', '.fish': 'fish', '.mk': 'makefile',
  '.yml': 'yaml', '.yaml': 'yaml', '.toml': 'toml', '.r': 'r', '.jl': 'julia', '.nim': 'nim', '.coffee': 'coffeescript',
  '.cmake': 'cmake', '.graphql': 'graphql', '.gql': 'graphql', '.properties': 'properties', '.ini': 'ini', '.cfg': 'ini',
  '.env': 'dotenv', '.nix': 'nix', '.bzl': 'starlark', '.tf': 'terraform', '.tfvars': 'terraform', '.hcl': 'hcl',
  '.sql': 'sql', '.lua': 'lua', '.hs': 'haskell', '.elm': 'elm', '.purs': 'purescript', '.adb': 'ada', '.ads': 'ada',
  '.vhd': 'vhdl', '.vhdl': 'vhdl', '.lisp': 'lisp', '.el': 'emacs-lisp', '.scm': 'scheme', '.rkt': 'racket',
  '.clj': 'clojure', '.cljs': 'clojure', '.cljc': 'clojure', '.edn': 'clojure', '.asm': 'asm', '.s': 'asm',
  '.tex': 'latex', '.sty': 'latex', '.cls': 'latex', '.bib': 'bibtex', '.erl': 'erlang', '.hrl': 'erlang',
  '.pro': 'prolog', '.html': 'html', '.htm': 'html', '.xml': 'xml', '.xsl': 'xsl', '.svg': 'svg', '.csproj': 'xml',
  '.vue': 'vue', '.svelte': 'svelte', '.astro': 'astro', '.cshtml': 'razor', '.hbs': 'handlebars',
  '.vb': 'vb', '.bas': 'vb', '.bat': 'bat', '.cmd': 'bat', '.fs': 'fsharp', '.fsx': 'fsharp', '.fsi': 'fsharp',
  '.ml': 'ocaml', '.mli': 'ocaml', '.pas': 'pascal', '.pp': 'pascal', '.f90': 'fortran-modern', '.f95': 'fortran-modern',
  '.f': 'fortran', '.for': 'fortran', '.vim': 'vim',
};

/** Whole file names (lower case) → language id. */
const BY_NAME: Record<string, string> = {
  dockerfile: 'dockerfile', makefile: 'makefile', gnumakefile: 'makefile', '.gitignore': 'gitignore',
  '.dockerignore': 'ignore', '.npmignore': 'ignore', '.env': 'dotenv', 'cmakelists.txt': 'cmake', rakefile: 'ruby',
  gemfile: 'ruby', jenkinsfile: 'groovy', build: 'starlark', 'build.bazel': 'starlark', workspace: 'starlark',
  'commit_editmsg': 'git-commit', license: 'plaintext', readme: 'plaintext',
};

/**
 * Chooses the comment syntax of a text.
 * @param languageId a VS Code language id (`typescript`, `python`, ...), preferred when known.
 * @param fileName a file name or path, used when the language id is missing or unknown.
 * @returns the syntax, {@link WHOLE_TEXT} for prose formats, {@link GENERIC} when neither says.
 */
export function commentSyntaxFor(languageId: string | undefined, fileName: string | undefined): Syntax {
  if (languageId !== undefined) {
    const byId = BY_LANGUAGE[languageId];
    if (byId) return byId;
  }
  if (fileName !== undefined) {
    const name = fileName.slice(fileName.replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
    const byName = BY_NAME[name];
    if (byName) return BY_LANGUAGE[byName] ?? GENERIC;
    if (name.startsWith('dockerfile')) return SHELL;
    const dot = name.lastIndexOf('.');
    if (dot > 0 || (dot === 0 && BY_EXTENSION[name])) {
      const lang = BY_EXTENSION[name.slice(dot)];
      if (lang) return BY_LANGUAGE[lang] ?? GENERIC;
    }
  }
  return GENERIC;
}

/**
 * Finds the comment text of a source file in one pass.
 *
 * @param text the file's text.
 * @param syntax the language's comment syntax.
 * @returns `[start, end)` UTF-16 offsets of each comment's content (without its markers), in
 *   order and non-overlapping. An unclosed block comment runs to the end of the text. Never throws.
 */
export function commentRegions(text: string, syntax: CommentSyntax): [number, number][] {
  const regions: [number, number][] = [];
  const n = text.length;
  const scanner = scannerFor(syntax);
  const lineTokens = syntax.lineIgnoreCase ? syntax.line.map((t) => t.toLowerCase()) : syntax.line;
  const next = scanner.next;

  const atLineStart = (i: number): boolean => {
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    return j < 0 || text[j] === '\n' || text[j] === '\r';
  };
  const restOfLine = /[^\r\n]*/y;
  const lineEnd = (i: number): number => {
    restOfLine.lastIndex = i;
    restOfLine.exec(text);
    return restOfLine.lastIndex;
  };

  let i = 0;
  outer: while (i < n) {
    next.lastIndex = i;
    const hit = next.exec(text);
    if (!hit) break;
    i = hit.index;
    const ch = text[i];
    if (i > 0 && text[i - 1] === '\\') {
      i++;
      continue;
    }
    for (const [open, close] of syntax.block) {
      if (text.startsWith(open, i) && (!syntax.blockAtLineStart || atLineStart(i))) {
        const start = i + open.length;
        const end = text.indexOf(close, start);
        if (end < 0) {
          regions.push([start, n]);
          break outer;
        }
        regions.push([start, end]);
        i = end + close.length;
        continue outer;
      }
    }
    for (const token of lineTokens) {
      const matches = syntax.lineIgnoreCase ? text.slice(i, i + token.length).toLowerCase() === token : text.startsWith(token, i);
      if (!matches) continue;
      if (syntax.lineNeedsSpace && i > 0 && !/\s/.test(text[i - 1])) continue;
      const start = i + token.length;
      const end = lineEnd(start);
      regions.push([start, end]);
      i = end;
      continue outer;
    }
    const stringEnd = scanner.strings.get(ch);
    if (stringEnd) {
      stringEnd.lastIndex = i + 1;
      stringEnd.exec(text);
      // The sticky body pattern always matches (possibly empty); step over the closing quote.
      i = stringEnd.lastIndex + 1;
      continue;
    }
    i++;
  }
  return regions;
}

interface Scanner {
  /** Finds the next character that may open a comment or a string. */
  readonly next: RegExp;
  /** Sticky patterns for the body of a string, by opening quote. */
  readonly strings: Map<string, RegExp>;
}

const scanners = new WeakMap<CommentSyntax, Scanner>();

function scannerFor(syntax: CommentSyntax): Scanner {
  const cached = scanners.get(syntax);
  if (cached) return cached;
  const firsts = new Set<string>();
  for (const [open] of syntax.block) firsts.add(open[0]);
  for (const token of syntax.line) {
    firsts.add(token[0]);
    if (syntax.lineIgnoreCase) {
      firsts.add(token[0].toLowerCase());
      firsts.add(token[0].toUpperCase());
    }
  }
  const strings = new Map<string, RegExp>();
  const esc = (c: string): string => c.replace(/[\\\]^-]/g, '\\$&');
  for (const q of syntax.strings) {
    firsts.add(q);
    strings.set(q, new RegExp(`(?:[^${esc(q)}\\\\\\n\\r]|\\\\.)*`, 'y'));
  }
  for (const q of syntax.multilineStrings ?? []) {
    firsts.add(q);
    strings.set(q, new RegExp(`(?:[^${esc(q)}\\\\]|\\\\[\\s\\S])*`, 'y'));
  }
  const next = firsts.size > 0 ? new RegExp(`[${[...firsts].map(esc).join('')}]`, 'g') : /(?!)/g;
  const scanner = { next, strings };
  scanners.set(syntax, scanner);
  return scanner;
}
