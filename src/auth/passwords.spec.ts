import { loadConfig, OWASP_ARGON2ID } from '../config/app-config.js';
import { hashPassword, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it("hashes with argon2id at OWASP's setting unless told otherwise, and the app's config never lowers it", async () => {
    expect(OWASP_ARGON2ID).toEqual({ memoryCost: 19456, timeCost: 2 });
    expect(await hashPassword('correct horse battery')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(loadConfig({ AUTH_SECRET: 'a-secret-that-is-long-enough-to-be-accepted', DATA_DIR: '/tmp/x' }).passwordHashCost).toEqual(OWASP_ARGON2ID);
  });

  it('verifies a hash by the cost written in it, whatever the cost of new hashes', async () => {
    const cheap = await hashPassword('correct horse battery', { memoryCost: 1024, timeCost: 1 });
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    await expect(verifyPassword(cheap, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(cheap, 'correct horse batterY', { memoryCost: 1024, timeCost: 1 })).resolves.toBe(false);
    // No hash (an unknown email): a decoy is verified instead, and the answer is no.
    await expect(verifyPassword(null, 'correct horse battery', { memoryCost: 1024, timeCost: 1 })).resolves.toBe(false);
  });
});
