import { AuditEvent } from '../audit/audit-event.entity.js';
import { Invitation } from '../users/invitation.entity.js';
import { User } from '../users/user.entity.js';

export const ENTITIES = [User, Invitation, AuditEvent];
