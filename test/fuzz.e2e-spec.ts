import { signInPage } from './support/accounts.js';
import { DEMO, startTestApp, TestApp } from './support/test-app.js';
import { errorCodes } from './support/error-codes.js';

const DOCUMENTED_CODES = new Set(errorCodes().map((e) => e.code));
const codeOf = (body: string): string => {
  try {
    return String((JSON.parse(body) as { code?: unknown }).code ?? '');
  } catch {
    return '(not JSON)';
  }
};

/**
 * Hostile-input fuzzing over every API route of the OpenAPI document, as every kind of caller.
 * Each request starts from a body shaped like the route's schema and then gets at least one change that
 * no valid request has (a wrong type, a NUL byte, a lone surrogate, deep nesting, a __proto__ key, an
 * unknown or missing field, malformed or non-JSON bodies, hostile path and query parameters), so the
 * only right answers are 4xx that change nothing. Fixed seed: a failure replays exactly.
 */
const SEED = 20_260_410;
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2000); // ~30 s; FUZZ_REQUESTS=3000 for a longer run
const CONCURRENCY = 4;

type Schema = { $ref?: string; allOf?: Schema[]; type?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; example?: unknown; additionalProperties?: Schema | boolean; format?: string };
interface Operation { method: string; path: string; body: Schema | null }

/** mulberry32: a small seeded generator, so the same seed sends the same requests. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] };
}
type Random = ReturnType<typeof random>;

const NUL = 'a\u0000b';
const LONE = 'x\ud800y';
/** Values of the wrong type for any field (never null: an optional field takes null as absent). */
const WRONG_TYPE: Record<string, unknown[]> = {
  string: [42, -1, true, [], {}, ['a'], { $gt: '' }],
  number: ['12', 'NaN', '1e309', true, [], {}, '', '0x10'],
  integer: ['7', 1.5, true, [], {}, '-0'],
  boolean: ['true', 1, [], {}],
  array: ['a', 1, true, {}, { 0: 'a' }],
  object: ['a', 1, true, [[[]]]],
};

describe('fuzz: every route, every caller, hostile input', () => {
  let t: TestApp;
  let base: string;
  let operations: Operation[];
  let schemas: Record<string, Schema>;
  const callers: Record<string, Record<string, string>> = {};
  const ids: Record<string, string[]> = {};

  beforeAll(async () => {
    t = await startTestApp({ demoRounds: true });
    base = t.url;
    const spec = (await t.http().get('/api/docs-json').expect(200)).body;
    schemas = spec.components.schemas;
    operations = Object.entries(spec.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>>)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, body: op.requestBody?.content?.['application/json']?.schema ?? null })));
    callers.anonymous = {};
    for (const email of ['admin@demo.test', 'commissioner@demo.test', 'yp1@demo.test', 'clinician@demo.test', 'auditor@demo.test']) {
      callers[email] = { Authorization: `Bearer ${await t.tokenFor(email)}` };
    }
    const page = await signInPage(t, 'commissioner@demo.test', DEMO.demoPassword);
    callers['commissioner (cookie + CSRF token)'] = { Cookie: page.cookieHeader(), 'x-csrf-token': page.csrfToken };
    const column = async (sql: string) => ((await t.db.sql(sql)) as { id: string }[]).map((r) => r.id);
    Object.assign(ids, {
      round: await column('SELECT id FROM rounds'), user: await column('SELECT id FROM users'), bidId: await column('SELECT id FROM bids'),
      criterionId: await column('SELECT id FROM criteria'), memberId: await column('SELECT id FROM panel_members'),
    });
  }, 120_000);
  afterAll(() => t.close());

  const snapshot = async () => {
    const counts: Record<string, number> = {};
    for (const table of ['users', 'invitations', 'sessions', 'audit_events', 'rounds', 'round_transitions', 'criteria', 'panel_members', 'conflict_declarations', 'bids', 'scores', 'consensus']) {
      counts[table] = Number(((await t.db.sql(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0].n);
    }
    const head = (await t.db.sql('SELECT hash FROM audit_events ORDER BY sequence DESC LIMIT 1')) as { hash: string }[];
    const versions = await t.db.sql('SELECT id, state, version FROM rounds ORDER BY id');
    return { counts, auditHead: head[0]?.hash, rounds: versions };
  };

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length) return resolve(schema.allOf[0]);
    return schema;
  };

  /** A value shaped like the schema (valid or nearly so); the mutation makes sure it is not. */
  const shaped = (input: Schema, rnd: Random, depth = 0): unknown => {
    const schema = resolve(input);
    if (schema.example !== undefined && rnd.next() < 0.5) return structuredClone(schema.example);
    if (schema.enum) return rnd.pick(schema.enum);
    switch (schema.type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, property] of Object.entries(schema.properties ?? {})) {
          if (depth < 6 && (schema.required?.includes(key) || rnd.next() < 0.5)) out[key] = shaped(property, rnd, depth + 1);
        }
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.Q1 = shaped(schema.additionalProperties, rnd, depth + 1);
        return out;
      }
      case 'array': return depth < 6 && schema.items ? [shaped(schema.items, rnd, depth + 1)] : [];
      case 'integer': case 'number': return rnd.int(100);
      case 'boolean': return true;
      default: return schema.format === 'date-time' ? new Date(Date.UTC(2026, rnd.int(12), 1 + rnd.int(28))).toISOString() : rnd.pick(['Some words', 'A', 'x'.repeat(30), 'Q1']);
    }
  };

  /** Every place in a value: [parent, key, schema of the child]. */
  const places = (value: unknown, input: Schema | null, out: [Record<string, unknown>, string, Schema | null][] = []) => {
    const schema = input ? resolve(input) : null;
    if (value && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const child = Array.isArray(value) ? schema?.items ?? null : schema?.properties?.[key] ?? null;
        out.push([value as Record<string, unknown>, key, child]);
        places((value as Record<string, unknown>)[key], child, out);
      }
    }
    return out;
  };

  const hostilePath = (rnd: Random) => rnd.pick(['%00', '%ED%A0%80', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(400), '00000000-0000-4000-8000-000000000000', '%F0%9F%92%A9', "1'%20OR%20'1'%3D'1", '-1', '%25']);

  /** One request: the route, a caller, a shaped body, and at least one hostile change. */
  const generate = (rnd: Random) => {
    const operation = rnd.pick(operations);
    const caller = rnd.pick(Object.keys(callers));
    const headers: Record<string, string> = { ...callers[caller] };
    const body = operation.body ? shaped(operation.body, rnd) : undefined;
    let path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'token' ? 'not-a-real-invitation' : rnd.pick(ids[name] ?? (operation.path.startsWith('/api/users') ? ids.user : ids.round)));
    let query = '';
    let raw: string | undefined = body === undefined ? undefined : JSON.stringify(body);
    let contentType = 'application/json';
    // A GET carries no body, so its hostile part is in the path or the query.
    const kinds = operation.method === 'GET' ? ['path', 'query'] : ['path', 'query', 'malformed', 'form', 'deep', 'proto'];
    if (operation.body) kinds.push('wrongType', 'wrongType', 'nul', 'lone', 'unknownField', 'missing', 'wholeBody');
    const kind = rnd.pick(kinds);
    const leaf = () => {
      const all = places(body, operation.body);
      return all.length ? rnd.pick(all) : null;
    };
    switch (kind) {
      case 'path': {
        const params = [...operation.path.matchAll(/\{(\w+)\}/g)];
        if (params.length === 0) { query = `?q=${encodeURIComponent(NUL)}`; break; }
        const segments = operation.path.split('/');
        const target = segments.indexOf(`{${rnd.pick(params)[1]}}`);
        const real = path.split('/');
        real[target] = hostilePath(rnd);
        if (real[target] === '00000000-0000-4000-8000-000000000000' || real[target] === '-1') query = '?q=%ED%A0%80'; // plausible ids also carry a hostile query
        path = real.join('/');
        break;
      }
      case 'query': query = `?${rnd.pick(['state', 'q', 'next', 'a[b][c]'])}=${rnd.pick(['%00', '%ED%A0%80', '%C0%AE'])}`; break;
      case 'malformed': raw = rnd.pick(['{"a": ', '[1,2', '{"a":"\\u00"}', 'nul', '{"a":1}{', '\u0000']); break;
      case 'form': contentType = rnd.pick(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml']); raw = 'email=a%40b.org&roles=auditor'; break;
      case 'deep': {
        const depth = 33 + rnd.int(3000);
        raw = `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
        break;
      }
      case 'proto': raw = rnd.pick([`{"__proto__":{"isAdmin":true}}`, `{"constructor":{"prototype":{"x":1}}}`, `{"responses":{"__proto__":"x"},"__proto__":1}`]); break;
      case 'wholeBody': raw = JSON.stringify(rnd.pick([[], 'text', 42, true, [body]])); break;
      default: {
        const place = leaf();
        if (!place || kind === 'unknownField') {
          (body as Record<string, unknown>)[rnd.pick(['isAdmin', 'roles_', 'id', '$where', 'extra'])] = 'x';
        } else if (kind === 'missing') {
          const required = resolve(operation.body!).required ?? [];
          if (required.length) delete (body as Record<string, unknown>)[rnd.pick(required)];
          else (body as Record<string, unknown>).extra = 1;
        } else if (kind === 'nul' || kind === 'lone') {
          place[0][place[1]] = kind === 'nul' ? NUL : LONE;
        } else {
          const type = place[2] ? resolve(place[2]).type ?? 'string' : 'string';
          place[0][place[1]] = rnd.pick(WRONG_TYPE[type] ?? WRONG_TYPE.string);
        }
        raw = JSON.stringify(body);
      }
    }
    if (raw !== undefined) headers['Content-Type'] = contentType;
    return { label: `${operation.method} ${operation.path} as ${caller} (${kind})`, method: operation.method, url: `${base}${path}${query}`, headers, raw };
  };

  it(`answers ${REQUESTS} hostile requests with 4xx only, changing nothing`, async () => {
    const before = await snapshot();
    const rnd = random(SEED);
    const requests = Array.from({ length: REQUESTS }, () => generate(rnd));
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < requests.length) {
        const request = requests[nextIndex++];
        const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.raw, redirect: 'manual' });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status < 400 || response.status >= 500) failures.push(`${response.status} ${request.label} ${request.url} ${request.raw?.slice(0, 200)}`);
        // Every error body names its kind with a documented code (README, "Errors").
        else if (text && !DOCUMENTED_CODES.has(codeOf(text))) failures.push(`no documented code: ${response.status} ${request.label} ${text.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const after = await snapshot();
    const summary = { db: t.db.kind, requests: REQUESTS, statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)), fiveHundreds: [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0), stateChanged: JSON.stringify(before) !== JSON.stringify(after) };
    console.log(`fuzz ${JSON.stringify(summary)}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(after).toEqual(before);
    // Every route was tried.
    const tried = new Set(requests.map((r) => r.label.split(' as ')[0]));
    expect(tried.size).toBe(operations.length);
  }, 120_000);
});
