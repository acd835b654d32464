import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export type DatabaseKind = 'sqlite' | 'postgres';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The environment as given: every variable optional, each checked before the app starts. */
class Environment {
  @IsOptional() @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @Matches(/^(postgres(ql)?:\/\/.+|sqlite:.+)$/, {
    message: 'DATABASE_URL must be postgres://user@host:port/db or sqlite:path/to/file.sqlite',
  })
  DATABASE_URL?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'AUTH_SECRET must be at least 32 characters' })
  AUTH_SECRET?: string;

  @IsOptional() @IsIn(LOG_LEVELS)
  LOG_LEVEL?: (typeof LOG_LEVELS)[number];

  @IsOptional() @IsString()
  DATA_DIR?: string;

  @IsOptional() @IsBoolean()
  SEED_DEMO?: boolean;

  @IsOptional() @IsInt() @Min(1)
  LOGIN_RATE_LIMIT?: number;

  @IsOptional() @IsInt() @Min(1)
  LOGIN_ADDRESS_RATE_LIMIT?: number;

  @IsOptional() @IsInt() @Min(1)
  TOKEN_TTL_MINUTES?: number;

  @IsOptional() @IsInt() @Min(1)
  SESSION_IDLE_MINUTES?: number;

  @IsOptional() @IsInt() @Min(1)
  SESSION_ABSOLUTE_HOURS?: number;

  @IsOptional() @IsString() @Matches(/^(false|true|loopback|\d{1,2}|[\d.:a-fA-F/, ]+)$/, {
    message: 'TRUST_PROXY must be false (the default), true, loopback, a number of hops, or proxy addresses',
  })
  TRUST_PROXY?: string;

  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional() @IsString()
  PUBLIC_URL?: string;

  @IsOptional() @IsInt() @Min(0)
  SCHEDULER_INTERVAL_SECONDS?: number;

  @IsOptional() @IsString() @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be smtp://user:password@host:587 or smtps://user:password@host:465' })
  SMTP_URL?: string;

  @IsOptional() @IsString() @Matches(/^([^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, { message: 'MAIL_FROM must be an address, like rounds@example.org or "Commissioning Rounds <rounds@example.org>"' })
  MAIL_FROM?: string;
}

/** What a new password hash costs: argon2id's memory (KiB) and passes. A verify reads them from the hash itself. */
export interface PasswordHashCost {
  memoryCost: number;
  timeCost: number;
}

/** OWASP's recommended argon2id setting (19 MiB, 2 passes, 1 lane): what every real deployment uses. */
export const OWASP_ARGON2ID: PasswordHashCost = { memoryCost: 19456, timeCost: 2 };

export interface AppConfig {
  port: number;
  publicUrl: string;
  database: { kind: DatabaseKind; url: string; sqlitePath?: string };
  authSecret: string;
  /** Access tokens are short-lived: a stolen one is useful for an hour at most. */
  tokenTtlSeconds: number;
  logLevel: (typeof LOG_LEVELS)[number];
  dataDir: string;
  seedDemo: boolean;
  /** Sign-in attempts allowed per minute for one account, from any address. */
  loginRateLimit: number;
  /** Sign-in attempts allowed per minute from one address, across accounts (password spraying). */
  loginAddressRateLimit: number;
  /** A session ends after this long without a request, and after the absolute lifetime whatever happens. */
  sessionIdleSeconds: number;
  sessionAbsoluteSeconds: number;
  /** Express 'trust proxy': off unless a reverse proxy is really in front (else X-Forwarded-For is the caller's to choose). */
  trustProxy: boolean | string | number;
  production: boolean;
  /** Where the log goes instead of stdout (tests read it); never set from the environment. */
  logDestination?: NodeJS.WritableStream;
  /** How often deadlines are checked; 0 checks only at start-up. */
  schedulerIntervalSeconds: number;
  /**
   * The cost of new password hashes: OWASP's argon2id setting, never lowered from the environment. Only
   * the test harness lowers it (a cheaper hash for its throwaway accounts; a verify reads the cost from
   * the hash itself, and the decoy hash for unknown emails follows this cost).
   */
  passwordHashCost: PasswordHashCost;
  /** Outgoing mail: without an SMTP URL, messages stay in the outbox (listed at /admin/outbox) and none is sent. */
  mail: { smtpUrl: string | null; from: string };
}

export class ConfigError extends Error {}

const BOOLEAN = /^(true|false|1|0)$/i;

/** Reads and validates the environment; throws ConfigError with one clear line on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = { ...env } as Record<string, unknown>;
  for (const key of ['PORT', 'LOGIN_RATE_LIMIT', 'LOGIN_ADDRESS_RATE_LIMIT', 'TOKEN_TTL_MINUTES', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS', 'SCHEDULER_INTERVAL_SECONDS']) {
    if (raw[key] !== undefined && raw[key] !== '') raw[key] = /^\d+$/.test(String(raw[key])) ? Number(raw[key]) : raw[key];
  }
  if (typeof raw.SEED_DEMO === 'string' && BOOLEAN.test(raw.SEED_DEMO)) raw.SEED_DEMO = /^(true|1)$/i.test(raw.SEED_DEMO);
  for (const key of Object.keys(raw)) if (raw[key] === '') delete raw[key];

  const parsed = plainToInstance(Environment, raw, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    // Decorators apply bottom-up, so the last message is the first-written check (usually the type).
    const message = Object.values(first.constraints ?? {}).at(-1) ?? 'is invalid';
    // The SMTP URL may carry a password: the message names the setting, not its value.
    const shown = first.property === 'SMTP_URL' ? '[hidden]' : JSON.stringify(raw[first.property]);
    throw new ConfigError(`Invalid configuration: ${first.property}=${shown}: ${message}`);
  }

  if (parsed.SEED_DEMO && parsed.NODE_ENV === 'production') {
    throw new ConfigError('Refusing to seed the demo with NODE_ENV=production: its accounts share the password printed in the README; unset SEED_DEMO (or set SEED_DEMO=false) and create an administrator with `npm run admin:create -- --email you@example.org`');
  }
  if (parsed.SMTP_URL && !parsed.MAIL_FROM) throw new ConfigError('Invalid configuration: MAIL_FROM is required when SMTP_URL is set (the address mail is sent from)');
  const dataDir = resolve(parsed.DATA_DIR ?? 'data');
  const url = parsed.DATABASE_URL ?? `sqlite:${join(dataDir, 'procurement.sqlite')}`;
  const kind: DatabaseKind = url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  const port = parsed.PORT ?? 3000;
  return {
    port,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    database: { kind, url, sqlitePath: kind === 'sqlite' ? resolve(url.slice('sqlite:'.length)) : undefined },
    authSecret: parsed.AUTH_SECRET ?? storedSecret(dataDir),
    tokenTtlSeconds: (parsed.TOKEN_TTL_MINUTES ?? 60) * 60,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    dataDir,
    // On for the README's first run; never in production, where the demo's published password would open it.
    seedDemo: parsed.SEED_DEMO ?? parsed.NODE_ENV !== 'production',
    loginRateLimit: parsed.LOGIN_RATE_LIMIT ?? 10,
    loginAddressRateLimit: parsed.LOGIN_ADDRESS_RATE_LIMIT ?? 30,
    sessionIdleSeconds: (parsed.SESSION_IDLE_MINUTES ?? 30) * 60,
    sessionAbsoluteSeconds: (parsed.SESSION_ABSOLUTE_HOURS ?? 12) * 3600,
    trustProxy: trustProxy(parsed.TRUST_PROXY),
    production: parsed.NODE_ENV === 'production',
    schedulerIntervalSeconds: parsed.SCHEDULER_INTERVAL_SECONDS ?? 30,
    passwordHashCost: OWASP_ARGON2ID,
    mail: { smtpUrl: parsed.SMTP_URL ?? null, from: parsed.MAIL_FROM ?? 'commissioning-rounds@localhost' },
  };
}

function trustProxy(value: string | undefined): boolean | string | number {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** A secret generated on first start and kept, so tokens survive a restart without any set-up. */
function storedSecret(dataDir: string): string {
  const file = join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another instance starting at the same moment wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
}
