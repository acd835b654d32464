import { Injectable, NestMiddleware } from '@nestjs/common';
import bodyParser from 'body-parser';
import { parseTree, type ParseError } from 'jsonc-parser';
import type { NextFunction, Request, Response } from 'express';
import { RequestValidationError, type FieldError } from './validation.js';
import { CommonErrorCode } from './common-error-codes.js';
import { UnreadableRequestError } from './errors.js';

/** A body larger than this is refused with 413 before it is parsed. */
export const MAX_BODY = '1mb';
/** Objects and arrays nest at most this deep (the deepest real body, a round definition, needs 6). */
export const MAX_DEPTH = 32;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Keys that would reach an object's prototype in a careless merge; no request needs them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const parseJson = bodyParser.json({ limit: MAX_BODY, strict: true });
const parseForm = bodyParser.urlencoded({ extended: true, limit: MAX_BODY, parameterLimit: 2000 }); // extended forms nest at most 32 deep (body-parser's default)

/**
 * Every request's input, before any route sees it: the API speaks JSON only (415 for anything else, so a
 * plain HTML form cannot reach it), bodies are parsed with a size limit (413) and, like the query string,
 * walked once: too deep (400), a key such as `__proto__` (400), or text that is not valid Unicode or holds
 * a NUL byte (400 naming the field). Nothing malformed reaches class-transformer, a service or the database.
 */
@Injectable()
export class RequestInputMiddleware implements NestMiddleware {
  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const isApi = /^\/api(\/|$)/.test(req.path);
    if (isApi && BODY_METHODS.has(req.method) && hasBody(req) && !req.is('application/json')) {
      throw new UnreadableRequestError(CommonErrorCode.RequestUnsupportedMediaType, 'The API accepts JSON only: send the body with Content-Type: application/json', 415);
    }
    await parse(parseJson, req, res);
    if (!isApi) await parse(parseForm, req, res);
    const problems = [...malformedQuery(req.originalUrl), ...inspect(req.query, 'query'), ...inspect(req.body, ''), ...inspectText(safeDecode(req.path), 'path')];
    if (problems.length > 0) throw new RequestValidationError(problems.slice(0, 10));
    next();
  }
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function parse(parser: (req: Request, res: Response, next: (error?: unknown) => void) => void, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => parser(req, res, (error?: unknown) => (error ? reject(bodyError(error)) : resolve())));
}

/** body-parser's errors carry a status; turned into the API's own words. */
function bodyError(error: unknown): UnreadableRequestError {
  const { status, type } = error as { status?: number; type?: string };
  if (status === 413) return new UnreadableRequestError(CommonErrorCode.RequestTooLarge, `The request body is larger than ${MAX_BODY}`, 413);
  if (type === 'entity.parse.failed') return new UnreadableRequestError(CommonErrorCode.RequestNotJson, `The request body is not valid JSON${whereJsonBreaks((error as { body?: unknown }).body)}`, 400);
  if (status === 415) return new UnreadableRequestError(CommonErrorCode.RequestUnsupportedMediaType, 'The request body has a character set this service does not read; send UTF-8', 415);
  if (status && status >= 400 && status < 500) return new UnreadableRequestError(CommonErrorCode.RequestUnreadable, 'The request body could not be read', status);
  return new UnreadableRequestError(CommonErrorCode.RequestUnreadable, 'The request body could not be read', 400);
}

/** Where a JSON text first goes wrong, as a person counts: ": the problem is at line 3, column 7". */
export function whereJsonBreaks(text: unknown): string {
  if (typeof text !== 'string') return '';
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const offset = errors.length > 0 ? errors[0].offset : text.trim() === '' ? 0 : null;
  if (offset === null) return '';
  const before = text.slice(0, offset).split('\n');
  return `: the problem is at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** The query string must be valid percent-encoded UTF-8 (the parser would otherwise keep `%ED%A0%80` as literal text). */
function malformedQuery(url: string): FieldError[] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  for (const part of query.split(/[&=]/)) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return [{ field: 'query', messages: ['query must be valid percent-encoded UTF-8 text'] }];
    }
  }
  return [];
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '\u0000'; // malformed percent-encoding: reported like a NUL byte
  }
}

/** Walks a parsed value without recursion (so depth itself cannot overflow the stack) and names each problem's field. */
function inspect(root: unknown, rootName: string): FieldError[] {
  const problems: FieldError[] = [];
  const stack: { value: unknown; field: string; depth: number }[] = [{ value: root, field: rootName, depth: 0 }];
  while (stack.length > 0 && problems.length < 10) {
    const { value, field, depth } = stack.pop()!;
    if (typeof value === 'string') {
      problems.push(...inspectText(value, field || 'body'));
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      problems.push({ field: field || 'body', messages: [`is nested more than ${MAX_DEPTH} levels deep`] });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = Array.isArray(value) ? `${field}[${key}]` : field ? `${field}.${key}` : key;
      if (!Array.isArray(value) && FORBIDDEN_KEYS.has(key)) {
        problems.push({ field: child, messages: [`${key} is not allowed as a field name`] });
        continue;
      }
      if (!Array.isArray(value)) problems.push(...inspectText(key, `${child} (the field name)`));
      stack.push({ value: (value as Record<string, unknown>)[key], field: child, depth: depth + 1 });
    }
  }
  return problems;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function inspectText(text: string, field: string): FieldError[] {
  if (text.includes('\u0000')) return [{ field, messages: [`${field} must not contain a NUL character (\\u0000)`] }];
  if (LONE_SURROGATE.test(text)) return [{ field, messages: [`${field} must be valid Unicode text (it holds a lone surrogate such as \\ud800)`] }];
  return [];
}
