import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'rounds-config-'));

  it('starts with nothing set: SQLite under data/, port 3000, a generated secret kept for the next start', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first).toMatchObject({ port: 3000, logLevel: 'info', seedDemo: true, database: { kind: 'sqlite', sqlitePath: join(dir, 'procurement.sqlite') } });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(48);
    expect(readFileSync(join(dir, 'auth-secret'), 'utf8').trim()).toBe(first.authSecret);
    expect(loadConfig({ DATA_DIR: dir }).authSecret).toBe(first.authSecret);
  });

  it('switches to PostgreSQL for a postgres:// URL', () => {
    const config = loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://app@db.internal:5432/rounds', PORT: '8080' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://app@db.internal:5432/rounds', sqlitePath: undefined });
    expect(config.port).toBe(8080);
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT="eighty": PORT must be an integer number$/],
    [{ PORT: '70000' }, /PORT must not be greater than 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be postgres:\/\/user@host:port\/db or sqlite:path/],
    [{ AUTH_SECRET: 'short' }, /AUTH_SECRET must be at least 32 characters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of the following values/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO must be a boolean value/],
    [{ SEED_DEMO: 'true', NODE_ENV: 'production' }, /^Refusing to seed the demo with NODE_ENV=production: its accounts share the password printed in the README/],
    [{ TRUST_PROXY: 'everyone' }, /TRUST_PROXY must be false \(the default\), true, loopback/],
    [{ SESSION_IDLE_MINUTES: '0' }, /SESSION_IDLE_MINUTES must not be less than 1/],
    [{ SMTP_URL: 'http://user:secret@mail.example.org' }, /^Invalid configuration: SMTP_URL=\[hidden\]: SMTP_URL must be smtp:\/\/user:password@host:587 or smtps:/],
    [{ SMTP_URL: 'smtp://mail.example.org:587' }, /MAIL_FROM is required when SMTP_URL is set/],
    [{ SMTP_URL: 'smtp://mail.example.org:587', MAIL_FROM: 'not an address' }, /MAIL_FROM must be an address/],
  ])('stops with one clear line for %j', (env, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('keeps sessions, limits and proxies strict by default, and seeds no demo in production', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({ tokenTtlSeconds: 3600, sessionIdleSeconds: 1800, sessionAbsoluteSeconds: 43200, trustProxy: false, loginRateLimit: 10, loginAddressRateLimit: 30, production: false });
    expect(loadConfig({ DATA_DIR: dataDir(), NODE_ENV: 'production' })).toMatchObject({ seedDemo: false, production: true });
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ DATA_DIR: dataDir(), TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });

  it('sends no mail unless SMTP_URL is set, and then from MAIL_FROM', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).mail.smtpUrl).toBeNull();
    const config = loadConfig({ DATA_DIR: dataDir(), SMTP_URL: 'smtps://rounds:pw@mail.example.org:465', MAIL_FROM: 'Commissioning Rounds <rounds@example.org>' });
    expect(config.mail).toEqual({ smtpUrl: 'smtps://rounds:pw@mail.example.org:465', from: 'Commissioning Rounds <rounds@example.org>' });
    expect(loadConfig({ DATA_DIR: dataDir(), SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'rounds@example.org' }).mail.from).toBe('rounds@example.org');
  });
});
