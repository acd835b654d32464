import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Verifying against a hash of a random string costs the same time as a real user's,
// so an unknown email cannot be told apart from a wrong password by timing.
let decoyHash: Promise<string> | null = null;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password); // argon2id with the library's OWASP-recommended defaults
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    decoyHash ??= hash(randomBytes(24).toString('base64'));
    return await verify(passwordHash ?? (await decoyHash), password);
  } catch {
    return false;
  }
}
