import type { Request } from 'express';
import { AwardErrorCode } from '../award/award-error-codes.js';
import { CommonErrorCode } from '../common/common-error-codes.js';
import { DomainError, isRefusal, UnauthenticatedError } from '../common/errors.js';
import { RoundErrorCode } from '../round-core/round-error-codes.js';
import { ScoringErrorCode } from '../scoring/scoring-error-codes.js';
import { createValidationPipe, RequestValidationError } from '../common/validation.js';
import { CSRF_FIELD } from './csrf.js';
import type { FormError } from './views.js';

let pipe: ReturnType<typeof createValidationPipe> | null = null;

/** The posted form without the CSRF field, as plain strings. */
/** A page's view fields before anything is posted: no notice, no problem, no form to refill (extras override). */
export const NOTHING_POSTED = Object.freeze({ notice: null, error: null, errorFor: null, form: Object.freeze({}) });

export function formFields(req: Request): Record<string, string> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === CSRF_FIELD) continue;
    if (typeof value === 'string') fields[key] = value;
  }
  return fields;
}

/**
 * Validates a form with the API's own DTO and pipe (so a page accepts exactly what the API accepts);
 * a refusal comes back as a FormError with a message per field.
 */
export async function validated<T extends object>(dto: new () => T, value: unknown): Promise<T> {
  pipe ??= createValidationPipe();
  return (await pipe.transform(value, { type: 'body', metatype: dto })) as T;
}

/** Turns what a service or the validation threw into words for the page; anything else is rethrown. */
export function formError(error: unknown, fieldNames: Record<string, string> = {}): FormError & { status: number } {
  if (error instanceof RequestValidationError) {
    const fields: Record<string, string> = {};
    const list: string[] = [];
    for (const e of error.errors) {
      const message = e.messages.map(humanise).join('; ');
      fields[e.field] = message;
      list.push(`${fieldNames[e.field] ?? e.field}: ${message}`);
    }
    return { status: 400, code: CommonErrorCode.RequestInvalid, message: 'Please check the form', list, fields };
  }
  if (error instanceof DomainError) {
    if (isRefusal(error) || error instanceof UnauthenticatedError) throw error;
    const details = error.details;
    const list = listOf(error.code, details);
    const field = typeof details.field === 'string' ? details.field : null;
    return { status: error.status, code: error.code, message: error.message, list, fields: field ? { [field]: error.message } : {} };
  }
  throw error;
}

/** The errors whose details carry a list to show under the message, by code. */
function listOf(code: string, details: Record<string, unknown>): string[] {
  switch (code) {
    case RoundErrorCode.TransitionNotAllowed: return strings(details.reasons);
    case RoundErrorCode.DefinitionBreaksRules:
    case RoundErrorCode.CriteriaBreakRules: return strings(details.problems);
    case AwardErrorCode.WeakReasons: return strings(details.weakReasons);
    case ScoringErrorCode.ScoresMissing: return missingList(details.missing);
    default: return [];
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function missingList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((m: { supplierName?: string; title?: string; key?: string }) => `${m.supplierName ?? ''}: ${m.title ?? m.key ?? ''}`);
}

/** class-validator speaks in property names; the pages speak to people. */
function humanise(message: string): string {
  return message.replace(/^[\w.[\]]+ (must|should|is|can) /, '$1 ');
}

/** Only a local path is a safe place to send someone after signing in. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}

/** A page number from the address or a form (a pager's `page`); anything else is the first page. */
export const pageNumber = (value: string | undefined): number => (value && /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : 1);
