import { PassThrough } from 'node:stream';
import { inviteAsAdmin } from './support/accounts.js';
import { startTestApp } from './support/test-app.js';

describe('what is logged', () => {
  it('never writes an invitation token to the log (URL or Referer)', async () => {
    const log: string[] = [];
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => log.push(chunk.toString('utf8')));
    // The stream delivers on a later tick: wait for the line itself, never for a fixed time.
    const logged = (text: string) => new Promise<void>((resolve) => {
      const check = () => {
        if (!log.join('').includes(text)) return;
        destination.off('data', check);
        resolve();
      };
      destination.on('data', check);
      check();
    });
    const t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
    try {
      const { invitation } = await inviteAsAdmin(t, { email: 'logged@example.org', displayName: 'L', roles: ['auditor'] });
      await t.http().get(`/invitations/${invitation.token}`).expect(200);
      await t.http().post(`/api/auth/invitations/${invitation.token}?from=email`).set('Referer', invitation.url).send({ password: 'a long enough passphrase' }).expect(200);
      await logged('/api/auth/invitations/[redacted]?from=email');
      const text = log.join('');
      expect(text).toContain('/api/auth/invitations/[redacted]?from=email');
      expect(text).toContain('/invitations/[redacted]');
      expect(text).not.toContain(invitation.token);
      expect(text).toContain('"authorization":"[Redacted]"');
      expect(text).not.toMatch(/Bearer ey/);
    } finally {
      await t.close();
    }
  });
});
