import { badInput } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A required, trimmed text of sensible length; the field path names it in the error. */
export function requiredText(value: string | null | undefined, field: string, label: string, max = 120): string {
  const trimmed = (value ?? '').trim().replace(/\s+/g, ' ');
  if (!trimmed) throw badInput(field, `${label} is required.`);
  if (trimmed.length > max) throw badInput(field, `${label} must be at most ${max} characters (it has ${trimmed.length}).`);
  // PostgreSQL text cannot hold NUL; other control characters have no place in a name either
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw badInput(field, `${label} must not contain control characters.`);
  return trimmed;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function requiredUuid(value: string | null | undefined, field: string, label: string): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) throw badInput(field, `${label} is required.`);
  if (!isUuid(trimmed)) throw badInput(field, `${label} must be a UUID such as 3f2c1a4e-8b7d-4c6e-9f01-2a3b4c5d6e7f (CartonCloud ids are UUIDs).`);
  return trimmed.toLowerCase();
}

/** A list field's `limit` argument, clamped to 1–500 (`fallback` when absent). */
export const clampLimit = (limit: number | null | undefined, fallback: number) => Math.min(500, Math.max(1, Math.trunc(limit ?? fallback)));
