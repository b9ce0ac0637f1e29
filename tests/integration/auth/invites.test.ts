import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AuthTestApp, createAuthTestApp, KYIV, LVIV } from './auth-test-app';

const HOUR = 60 * 60_000;
let t: AuthTestApp;
let caseworker: string;

beforeEach(async () => {
  t = await createAuthTestApp();
  await t.createStaff('o.petrenko', 'caseworker', [KYIV]);
  caseworker = await t.signInStaff('o.petrenko');
});

afterEach(async () => {
  await t.dispose();
});

async function createInvite(cookie = caseworker, body: unknown = {}) {
  return t.request('/api/staff/invites', { body, cookie });
}

const redeem = (cookie: string, code: string) =>
  t.request('/api/auth/invites/redeem', { body: { code }, cookie });

describe('invites', () => {
  it('a caseworker makes a 10-character Crockford code for their oblast, valid 72 hours, hashed at rest', async () => {
    const response = await createInvite();
    expect(response.status).toBe(201);
    const body = (await response.json()) as { code: string; expiresAt: string; oblast: string };
    expect(body.code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
    expect(body.oblast).toBe(KYIV);
    expect(body.expiresAt).toBe(new Date(t.now().getTime() + 72 * HOUR).toISOString());
    const rows = await t.harness.query('SELECT invite_code_hash, oblast FROM invites');
    expect(rows).toEqual([{ invite_code_hash: expect.stringMatching(/^[0-9a-f]{64}$/), oblast: KYIV }]);
    expect(JSON.stringify(rows)).not.toContain(body.code);
    expect((await t.store.listAudit())[0]).toMatchObject({
      action: 'invite.created',
      detail: `oblast=${KYIV}`,
    });
  });

  it('a signed-in citizen redeems it (typed loosely) and becomes a volunteer of that oblast, audited', async () => {
    const { code } = (await (await createInvite()).json()) as { code: string };
    const citizen = await t.signInCitizen();
    const typed = `${code.slice(0, 5).toLowerCase()}-${code.slice(5).replace(/0/g, 'o').replace(/1/g, 'l')}`;
    const response = await redeem(citizen, typed);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: { kind: 'volunteer', phoneMasked: '+380•••••4567', oblasts: [KYIV] },
    });
    const me = await t.request('/api/auth/me', { cookie: citizen });
    expect(await me.json()).toMatchObject({ user: { kind: 'volunteer', oblasts: [KYIV] } });
    const [entry] = await t.store.listAudit();
    expect(entry).toMatchObject({ action: 'invite.redeemed', actorKind: 'citizen' });
    expect(entry?.detail).not.toMatch(/380|4567/);
  });

  it('works once: a second citizen gets 400 invite.invalid and stays a citizen', async () => {
    const { code } = (await (await createInvite()).json()) as { code: string };
    expect((await redeem(await t.signInCitizen(), code)).status).toBe(200);
    const other = await t.signInCitizen('+380671112233');
    const response = await redeem(other, code);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invite.invalid' });
    expect((await t.store.findUserByPhone('+380671112233'))?.kind).toBe('citizen');
  });

  it('expires after 72 hours', async () => {
    const { code } = (await (await createInvite()).json()) as { code: string };
    const citizen = await t.signInCitizen();
    t.advance(72 * HOUR);
    expect((await redeem(citizen, code)).status).toBe(400);
  });

  it('refuses unknown codes and limits redeem attempts per user', async () => {
    const citizen = await t.signInCitizen();
    for (let attempt = 0; attempt < 10; attempt++)
      expect((await redeem(citizen, 'ABCDEFGHJK')).status).toBe(400);
    expect((await redeem(citizen, 'ABCDEFGHJK')).status).toBe(429);
  });

  it("is scoped to the caseworker's oblasts", async () => {
    await t.createStaff('two.oblasts', 'caseworker', [KYIV, LVIV]);
    const two = await t.signInStaff('two.oblasts');
    expect((await createInvite(two)).status).toBe(403);
    expect((await createInvite(two, { oblast: 'UA80000000000093317' })).status).toBe(403);
    const ok = await createInvite(two, { oblast: LVIV });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ oblast: LVIV });
    expect((await createInvite(caseworker, { oblast: 'UA00' })).status).toBe(400);
  });

  it('only caseworkers create invites and only citizens redeem them', async () => {
    await t.createStaff('root.admin', 'admin');
    const admin = await t.signInStaff('root.admin');
    expect((await createInvite(admin)).status).toBe(403);
    const citizen = await t.signInCitizen();
    expect((await createInvite(citizen)).status).toBe(403);
    const { code } = (await (await createInvite()).json()) as { code: string };
    expect((await redeem(caseworker, code)).status).toBe(403);
    expect((await redeem(citizen, code)).status).toBe(200);
    const { code: second } = (await (await createInvite()).json()) as { code: string };
    // Now a volunteer: not a citizen any more.
    expect((await redeem(citizen, second)).status).toBe(403);
  });
});
