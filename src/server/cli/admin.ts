import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { OBLAST_CODES } from '../../shared/domain/oblasts';
import { auditEntry } from '../auth/audit';
import { hashPassword } from '../auth/password-hash';
import { LOGIN_PATTERN, normalizeLogin } from '../auth/staff-login';
import { loadConfig } from '../config';
import { type IdentityStore, LoginTakenError, openIdentityStore, type StaffKind } from '../identity-store';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

const USAGE = `Usage: npm run admin -- <command> [options]

  create-caseworker --login L --oblast CODE [--oblast CODE …] --password-stdin
  create-admin      --login L --password-stdin
  disable-user      --login L
  list-staff

The database is the server's: DATABASE_URL when set, otherwise DATA_DIR (default ./data).
--password-stdin reads the password from a pipe (printf '%s' "$PASSWORD" | …) or asks for it,
twice and unechoed, on a terminal. Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`;

export interface AdminIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The password as given on stdin; asked for twice on a terminal. */
  readPassword(): Promise<string>;
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

/** Runs one admin command; resolves to the process exit code (0 done, 1 failed, 2 wrong usage). */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(argv);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.command === 'help') {
    io.out(USAGE);
    return 0;
  }

  let store: IdentityStore;
  try {
    const { config } = loadConfig(io.env);
    store = await openIdentityStore(config);
  } catch (error) {
    io.err(`Cannot open the database: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    return await runCommand(parsed, store, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    io.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store.close();
  }
}

type Command =
  | { readonly command: 'help' }
  | { readonly command: 'create-caseworker'; readonly login: string; readonly oblasts: readonly string[] }
  | { readonly command: 'create-admin'; readonly login: string }
  | { readonly command: 'disable-user'; readonly login: string }
  | { readonly command: 'list-staff' };

function parseCommand(argv: readonly string[]): Command {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      login: { type: 'string' },
      oblast: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help === true || command === undefined || command === 'help') return { command: 'help' };
  if (extra.length > 0) throw new Error(`Unexpected arguments: ${extra.join(' ')}`);

  const login = () => {
    if (values.login === undefined) throw new Error('--login is required');
    const normalized = normalizeLogin(values.login);
    if (!LOGIN_PATTERN.test(normalized)) {
      throw new Error('--login must be 3–64 characters: letters a–z, digits, dot, dash or underscore');
    }
    return normalized;
  };
  const needsPassword = () => {
    if (values['password-stdin'] !== true) {
      throw new Error(
        '--password-stdin is required (passwords are never taken as arguments: shells keep history)',
      );
    }
  };

  switch (command) {
    case 'create-caseworker': {
      const oblasts = [...new Set(values.oblast ?? [])];
      if (oblasts.length === 0)
        throw new Error('--oblast is required (a KATOTTH oblast code, e.g. UA32000000000030281)');
      const unknown = oblasts.filter((code) => !(OBLAST_CODES as readonly string[]).includes(code));
      if (unknown.length > 0) throw new Error(`Not an oblast code: ${unknown.join(', ')}`);
      needsPassword();
      return { command, login: login(), oblasts };
    }
    case 'create-admin':
      needsPassword();
      return { command, login: login() };
    case 'disable-user':
      return { command, login: login() };
    case 'list-staff':
      return { command };
    default:
      throw new Error(`Unknown command: ${command}`);
  }
}

async function readNewPassword(io: AdminIo): Promise<string> {
  const password = await io.readPassword();
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (password.length > MAX_PASSWORD_LENGTH) throw new UsageError('The password is too long');
  return password;
}

async function createStaff(
  store: IdentityStore,
  io: AdminIo,
  kind: StaffKind,
  login: string,
  oblasts: readonly string[],
): Promise<number> {
  const passwordHash = await hashPassword(await readNewPassword(io));
  const now = new Date();
  let user: Awaited<ReturnType<IdentityStore['createStaffUser']>>;
  try {
    user = await store.createStaffUser({ kind, login, passwordHash, oblasts }, now);
  } catch (error) {
    if (error instanceof LoginTakenError) {
      io.err(`A staff account with the login ${login} exists already`);
      return 1;
    }
    throw error;
  }
  await store.appendAudit(auditEntry('system', 'user.created', user.userId, `kind=${kind}`), now);
  io.out(
    `Created ${kind} ${login} (${user.userId})${oblasts.length > 0 ? ` for ${oblasts.join(', ')}` : ''}`,
  );
  return 0;
}

async function runCommand(parsed: Exclude<Command, { command: 'help' }>, store: IdentityStore, io: AdminIo) {
  switch (parsed.command) {
    case 'create-caseworker':
      return createStaff(store, io, 'caseworker', parsed.login, parsed.oblasts);
    case 'create-admin':
      return createStaff(store, io, 'admin', parsed.login, []);
    case 'disable-user': {
      const user = await store.findUserByLogin(parsed.login);
      if (user === undefined) {
        io.err(`No staff account with the login ${parsed.login}`);
        return 1;
      }
      const now = new Date();
      const disabled = await store.disableUser(
        user.userId,
        now,
        auditEntry('system', 'user.disabled', user.userId),
      );
      io.out(
        disabled
          ? `Disabled ${parsed.login}; every session of theirs is revoked`
          : `${parsed.login} was disabled already`,
      );
      return 0;
    }
    case 'list-staff': {
      const staff = await store.listStaff();
      if (staff.length === 0) {
        io.out('No staff accounts yet');
        return 0;
      }
      for (const user of staff) {
        const state = user.disabledAt === null ? 'active' : `disabled ${user.disabledAt.toISOString()}`;
        io.out(
          [user.login, user.kind, user.oblasts.join(',') || '-', user.createdAt.toISOString(), state].join(
            '\t',
          ),
        );
      }
      return 0;
    }
  }
}

async function readStdinPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    // One trailing newline is the pipe's (echo, heredoc), not the password's.
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Again: ');
  if (first !== second) throw new UsageError('The two passwords differ');
  return first;
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new UsageError('Cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}

function isMain(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  const code = await runAdmin(process.argv.slice(2), {
    env: process.env,
    readPassword: readStdinPassword,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = code;
}
