/**
 * Date normalisation to `YYYY-MM-DD`. Records write dates as ISO 8601 (adr-tools since its
 * ADR 0008, MADR, log4brains), as `dd/mm/yyyy` (adr-tools before that), `m/d/yy`, as `YYYYMMDD`, or in
 * words (`12 February 2016`, `Feb 12, 2016`).
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

const PATTERNS: readonly { re: RegExp; ymd: (m: RegExpExecArray) => [number, number, number] | undefined }[] = [
  { re: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/, ymd: (m) => [+m[1], +m[2], +m[3]] },
  { re: /(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)/, ymd: (m) => [+m[1], +m[2], +m[3]] },
  {
    // dd/mm/yyyy (adr-tools' old default) unless only mm/dd/yyyy is possible.
    re: /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/,
    ymd: (m) => {
      const a = +m[1];
      const b = +m[2];
      return b > 12 && a <= 12 ? [+m[3], a, b] : [+m[3], b, a];
    },
  },
  {
    // Two-digit years with slashes (`8/20/20`, `02/24/21` in buildpacks RFCs): 20yy, read like the above.
    re: /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{2})(?![\d/])/,
    ymd: (m) => {
      const a = +m[1];
      const b = +m[2];
      return b > 12 && a <= 12 ? [2000 + +m[3], a, b] : [2000 + +m[3], b, a];
    },
  },
  { re: /(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/, ymd: (m) => [+m[1], +m[2], +m[3]] },
  {
    re: new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_WORD},?\\s+(\\d{4})(?!\\d)`, 'i'),
    ymd: (m) => [+m[3], MONTHS[m[2].toLowerCase().slice(0, 3)], +m[1]],
  },
  {
    re: new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'i'),
    ymd: (m) => [+m[3], MONTHS[m[1].toLowerCase().slice(0, 3)], +m[2]],
  },
];

/**
 * Finds the first date in `text` and writes it as `YYYY-MM-DD`.
 * @param text a date as written, possibly with more text (`2019-05-13, updated 2023-02-05`).
 * @returns the normalised date, or `undefined` when no valid calendar date is found.
 */
export function normaliseDate(text: string): string | undefined {
  let best: { at: number; date: string } | undefined;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m || (best && m.index >= best.at)) continue;
    const ymd = p.ymd(m);
    if (!ymd || !isCalendarDate(ymd[0], ymd[1], ymd[2])) continue;
    best = { at: m.index, date: `${pad(ymd[0], 4)}-${pad(ymd[1], 2)}-${pad(ymd[2], 2)}` };
  }
  return best?.date;
}

/** True for a real calendar date in 1900–2999. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!(y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1)) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
