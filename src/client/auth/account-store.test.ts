import { beforeEach, describe, expect, it } from 'vitest';
import { clearDatabase, db } from '../db/database.ts';
import { ensureIdentity, getMeta } from '../db/meta.ts';
import { cacheAccount, testAccount } from '../test-support/accounts.ts';
import { type AccountsServer, accountsServer } from '../test-support/accounts-server.ts';
import { storeRun } from '../test-support/runs.ts';
import { getAuth, loadAuth } from './account-store.ts';
import { setAuthApiFetch } from './auth-api.ts';
import { refreshAccount } from './me-refresh.ts';

const TECH = testAccount('technician');
let server: AccountsServer;

beforeEach(async () => {
  await clearDatabase();
  await loadAuth();
  server = accountsServer();
});

describe('identity', () => {
  it('gives the signed-in account’s id as the user of new runs', async () => {
    const before = await ensureIdentity();
    expect((await ensureIdentity()).userId).toBe(before.userId);
    await cacheAccount(TECH);
    expect(await ensureIdentity()).toEqual({ deviceId: before.deviceId, userId: TECH.id });
    await storeRun();
    const started = await db.events.filter((e) => e.type === 'run_started').first();
    expect(started?.type === 'run_started' && started.payload.userId).toBe(TECH.id);
  });
});

describe('who the session belongs to, asked after the first paint', () => {
  it('refreshes the cached account: a role changed by an owner shows at once', async () => {
    await cacheAccount(TECH);
    server.addPerson({ ...TECH, role: 'author' });
    server.session = TECH;
    await refreshAccount();
    expect(getAuth()).toMatchObject({ account: { id: TECH.id, role: 'author' }, expired: false });
    expect(await getMeta('account')).toMatchObject({ role: 'author' });
  });

  it('marks the session as needing a sign-in on 401, and keeps the account and the outbox', async () => {
    await cacheAccount(TECH);
    await storeRun({ steps: 1 });
    await refreshAccount();
    expect(getAuth()).toEqual({ loaded: true, account: TECH, expired: true });
    expect(await db.events.where('sync').equals('pending').count()).toBe(2);
  });

  it('changes nothing when the network is down', async () => {
    await cacheAccount(TECH);
    setAuthApiFetch(async () => Promise.reject(new TypeError('Failed to fetch')));
    await refreshAccount();
    expect(getAuth()).toEqual({ loaded: true, account: TECH, expired: false });
  });

  it('asks nothing on a device where nobody is signed in', async () => {
    await refreshAccount();
    expect(server.requests).toEqual([]);
  });
});
