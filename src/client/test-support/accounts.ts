/** Test accounts, and a device signed in as one of them (what most screens need). */
import type { Account, Role } from '../../shared/auth.ts';
import { cacheSignedIn, loadAuth } from '../auth/account-store.ts';
import { ORG_ID } from './sops.ts';

const ID: Record<Role, string> = {
  owner: '0190d000-0000-7000-8000-0000000000a1',
  author: '0190d000-0000-7000-8000-0000000000a2',
  technician: '0190d000-0000-7000-8000-0000000000a3',
};
const NAME: Record<Role, string> = { owner: 'Olivia Owner', author: 'Arthur Author', technician: 'Théo Tech' };

export function testAccount(role: Role = 'owner', overrides: Partial<Account> = {}): Account {
  const email = `${role}@garage.test`;
  return {
    id: ID[role],
    orgId: ORG_ID,
    orgName: 'Garage Martin',
    name: NAME[role],
    email,
    role,
    startDate: '2025-01-06',
    ...overrides,
  };
}

/** Caches `account` on the device as a sign-in would; resolves with it. */
export async function cacheAccount(account: Account = testAccount()): Promise<Account> {
  await cacheSignedIn(account);
  return account;
}

/** The page forgets what it read (after a test cleared the database itself). */
export const reloadAuth = () => loadAuth().then(() => undefined);
