import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { OWASP_ARGON2ID, type PasswordHashCost } from '../config/app-config.js';

// Verifying against a hash of a random string costs the same time as a real user's,
// so an unknown email cannot be told apart from a wrong password by timing. One per cost.
const decoyHashes = new Map<string, Promise<string>>();

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string, cost: PasswordHashCost = OWASP_ARGON2ID): Promise<string> {
  return hash(password, { parallelism: 1, ...cost }); // the library's algorithm is argon2id (passwords.spec.ts)
}

export async function verifyPassword(passwordHash: string | null, password: string, cost: PasswordHashCost = OWASP_ARGON2ID): Promise<boolean> {
  try {
    const key = `${cost.memoryCost}/${cost.timeCost}`;
    if (!decoyHashes.has(key)) decoyHashes.set(key, hashPassword(randomBytes(24).toString('base64'), cost));
    return await verify(passwordHash ?? (await decoyHashes.get(key)!), password);
  } catch {
    return false;
  }
}
