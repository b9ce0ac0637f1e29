import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../src/server/auth';
import { type AdminIo, runAdmin } from '../../../src/server/cli/admin';
import { openSqliteIdentityStore } from '../../../src/server/identity-store';

const PASSWORD = 'correct horse battery staple';
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lastivka-admin-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function admin(args: string[], password = PASSWORD) {
  const out: string[] = [];
  const err: string[] = [];
  const io: AdminIo = {
    env: { DATA_DIR: dataDir },
    readPassword: async () => password,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  const code = await runAdmin(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run admin', () => {
  it('creates a caseworker with oblasts and a scrypt hash, and never prints the password', async () => {
    const result = await admin([
      'create-caseworker',
      '--login',
      'O.Petrenko',
      '--oblast',
      'UA32000000000030281',
      '--oblast',
      'UA46000000000026241',
      '--password-stdin',
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Created caseworker o\.petrenko/);
    expect(result.out + result.err).not.toContain(PASSWORD);
    const store = await openSqliteIdentityStore(dataDir);
    const user = await store.findUserByLogin('o.petrenko');
    expect(user).toMatchObject({
      kind: 'caseworker',
      oblasts: ['UA32000000000030281', 'UA46000000000026241'],
    });
    expect(await verifyPassword(PASSWORD, user!.passwordHash!)).toBe(true);
    expect((await store.listAudit())[0]).toMatchObject({ action: 'user.created', actorKind: 'system' });
    await store.close();
  });

  it('creates an admin, lists staff, disables one and refuses a taken login', async () => {
    expect((await admin(['create-admin', '--login', 'root.admin', '--password-stdin'])).code).toBe(0);
    const taken = await admin(['create-admin', '--login', 'root.admin', '--password-stdin']);
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/exists already/);
    expect((await admin(['disable-user', '--login', 'root.admin'])).out).toMatch(/^Disabled root\.admin/);
    const list = await admin(['list-staff']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^root\.admin\tadmin\t-\t\S+\tdisabled /);
  });

  it('exits non-zero with a clear message on wrong usage', async () => {
    const cases: [string[], RegExp, number][] = [
      [['create-caseworker', '--login', 'a.b', '--password-stdin'], /--oblast is required/, 2],
      [
        ['create-caseworker', '--login', 'a.b', '--oblast', 'UA99', '--password-stdin'],
        /Not an oblast code: UA99/,
        2,
      ],
      [['create-admin', '--login', 'a.b'], /--password-stdin is required/, 2],
      [['create-admin', '--login', 'x', '--password-stdin'], /--login must be/, 2],
      [['create-admin', '--login', 'a.b', '--password', 'secret'], /Unknown option/, 2],
      [['frobnicate'], /Unknown command: frobnicate/, 2],
      [['disable-user', '--login', 'nobody'], /No staff account/, 1],
    ];
    for (const [args, message, code] of cases) {
      const result = await admin(args);
      expect(result.err).toMatch(message);
      expect(result.code).toBe(code);
    }
    const short = await admin(['create-admin', '--login', 'a.b', '--password-stdin'], 'short');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/at least 12 characters/);
  });

  it('reports a database it cannot open', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdmin(['list-staff'], {
      env: { DATABASE_URL: 'postgres://nobody:wrong@127.0.0.1:1/none' },
      readPassword: async () => '',
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/^Cannot open the database/);
  });
});
