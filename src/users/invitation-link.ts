import { createHash, randomBytes } from 'node:crypto';

export const INVITATION_DAYS = 7;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh one-time link: the token goes to the invitee, only its hash is stored. */
export function newInvitationLink(publicUrl: string, now: Date): { token: string; tokenHash: string; url: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: tokenHash(token), url: `${publicUrl}/invitations/${token}`, expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000) };
}
