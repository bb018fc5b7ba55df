/** ADMIN_TOKEN check (constant-time compare) for statements only the operator may register. */
import { timingSafeEqual } from 'node:crypto';
import { ProvenantError } from '../../core/errors.ts';

export function assertAdmin(authorization: string | undefined, adminToken: string | undefined): void {
  if (!authorization) throw new ProvenantError('auth.required', 'this statement needs the admin token');
  const given = Buffer.from(authorization.replace(/^Bearer /, ''));
  const want = Buffer.from(adminToken ?? '');
  if (adminToken === undefined || given.length !== want.length || !timingSafeEqual(given, want)) {
    throw new ProvenantError('auth.forbidden', 'wrong admin token');
  }
}
