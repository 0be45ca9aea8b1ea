/**
 * dotnet-adr (https://github.com/endjin/dotnet-adr): Nygard-style records (`# Title`,
 * `## Status`) in `NNNN-title.md` files. When `adr new -i N` supersedes record N, it replaces
 * that record's status with `Superseded by ADR 0002 - Title` (plain text, no link).
 */
import type { MetaValue } from './record';

const SUPERSEDED_BY_ADR = /^superseded by adr[-\s]?\d{1,9}\s*[-–—]\s*\S/i;

/** True when a `## Status` value is dotnet-adr's `Superseded by ADR 0002 - Title`. */
export function looksDotnetAdr(statusSection: MetaValue | undefined): boolean {
  return statusSection !== undefined && SUPERSEDED_BY_ADR.test(statusSection.raw.trim());
}
