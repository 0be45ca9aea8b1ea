/**
 * File-name slugs for new decision records that are safe on every operating system.
 *
 * The result only ever contains `a-z`, `0-9` and single `-` between words, so it has no path
 * separators, no characters Windows forbids (`<>:"/\|?*`), no control characters, no trailing dot
 * or space, and no case clashes on case-insensitive file systems.
 */

/** Longest slug {@link slugify} returns by default, in characters (the title part of a file name). */
export const DEFAULT_MAX_SLUG_LENGTH = 60;

/** The slug used when a title has no letters or digits that survive transliteration. */
export const FALLBACK_SLUG = 'decision';

/**
 * Device names Windows reserves as a whole file name, with or without an extension
 * (`con.md` cannot be created). Matched case-insensitively.
 */
export const WINDOWS_RESERVED_NAMES: ReadonlySet<string> = new Set([
  'con', 'prn', 'aux', 'nul', 'conin$', 'conout$',
  ...Array.from({ length: 9 }, (_, i) => `com${i + 1}`),
  ...Array.from({ length: 9 }, (_, i) => `lpt${i + 1}`),
  'com¹', 'com²', 'com³', 'lpt¹', 'lpt²', 'lpt³',
]);

/**
 * Latin letters that Unicode normalisation (NFKD) does not decompose into an ASCII base letter,
 * with their usual ASCII transliteration.
 */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ð: 'd', Ð: 'd',
  þ: 'th', Þ: 'th', ł: 'l', Ł: 'l', ħ: 'h', Ħ: 'h', ı: 'i', ĸ: 'k', ŋ: 'ng', Ŋ: 'ng', ſ: 's',
  // Greek and Cyrillic letters, so titles in those scripts keep a readable slug.
  α: 'a', β: 'b', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'i', є: 'ie', ґ: 'g',
  // Symbols that carry meaning in a title.
  '&': ' and ', '+': ' plus ', '@': ' at ', '%': ' percent ', '#': ' ', '№': ' no ',
};

/** Options for {@link slugify}. */
export interface SlugOptions {
  /** Longest result in characters; default {@link DEFAULT_MAX_SLUG_LENGTH}. Values below 8 are raised to 8. */
  readonly maxLength?: number;
}

/**
 * Turns a decision title into a file-name slug: lower case ASCII letters and digits joined by
 * single dashes.
 *
 * - Accented and other Latin letters become their ASCII base (`Café` → `cafe`, `Straße` → `strasse`),
 *   Greek and Cyrillic are transliterated; other scripts (CJK, emoji, ...) are dropped.
 * - Punctuation and whitespace become word breaks; `&` `+` `@` `%` become words.
 * - A slug longer than `maxLength` is cut at the last word break that fits (or hard-cut when a
 *   single word is too long).
 * - A slug that is a Windows reserved device name (`con`, `nul`, `com1`, ...) gets `-decision`
 *   appended, and an empty slug becomes {@link FALLBACK_SLUG}.
 *
 * @param title the title as the user typed it (any Unicode).
 * @returns a non-empty slug matching `/^[a-z0-9]+(-[a-z0-9]+)*$/`. Never throws.
 */
export function slugify(title: string, options: SlugOptions = {}): string {
  const maxLength = Math.max(8, Math.floor(options.maxLength ?? DEFAULT_MAX_SLUG_LENGTH));
  let ascii = '';
  for (const ch of title.normalize('NFKD')) {
    const mapped = TRANSLITERATIONS[ch] ?? TRANSLITERATIONS[ch.toLowerCase()];
    if (mapped !== undefined) {
      ascii += mapped;
    } else if (/[\p{M}]/u.test(ch)) {
      // Combining marks left by NFKD (the accent of `é`): drop them.
      continue;
    } else if (/[A-Za-z0-9]/.test(ch)) {
      ascii += ch;
    } else if (/['’ʼ`]/.test(ch)) {
      // Apostrophes join words: "don't" → "dont".
      continue;
    } else {
      ascii += ' ';
    }
  }
  const words = ascii.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  let slug = '';
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`;
    if (next.length > maxLength) {
      if (slug === '') slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  if (slug === '') return FALLBACK_SLUG;
  if (isWindowsReservedName(slug)) slug = `${slug}-${FALLBACK_SLUG}`;
  return slug;
}

/**
 * @param name a file name, with or without an extension.
 * @returns true when Windows refuses to create a file of that name: a reserved device name as
 *   the part before the first dot (`con`, `NUL.md`, `com1.txt`).
 */
export function isWindowsReservedName(name: string): boolean {
  const stem = name.split('.')[0].trim().toLowerCase();
  return WINDOWS_RESERVED_NAMES.has(stem);
}

/**
 * Checks that a file name can be created on Windows, macOS and Linux.
 * @param name a single path segment (no folders).
 * @returns `undefined` when the name is safe, otherwise a sentence saying why it is not.
 */
export function fileNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'The file name is empty.';
  // eslint-disable-next-line no-control-regex
  if (/[<>:"/\\|?*\u0000-\u001f]/.test(name)) return `The file name "${name}" contains a character that is not allowed in file names.`;
  if (/[. ]$/.test(name)) return `The file name "${name}" ends with a dot or a space, which Windows does not allow.`;
  if (isWindowsReservedName(name)) return `"${name}" is a reserved device name on Windows.`;
  if (name.length > 255) return 'The file name is longer than 255 characters.';
  return undefined;
}
