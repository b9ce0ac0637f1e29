import type { LogLevel } from './config';

export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Structured, one JSON object per line, so a log shipper can parse it without regexes. */
export interface Log {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 };

export function createLog(level: LogLevel): Log {
  const write = (severity: Exclude<LogLevel, 'silent'>, event: string, fields?: LogFields) => {
    if (RANK[severity] < RANK[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: severity, event, ...fields });
    // stderr for problems keeps them visible when stdout is piped somewhere quiet.
    (severity === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
