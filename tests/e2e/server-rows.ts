import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Reads the server's SQLite file directly: the test checks what was stored, not what the API says. */
export function countServerRecords(dataDir: string, reference: string): number {
  const db = new Database(join(dataDir, 'lastivka.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT COUNT(*) AS n FROM records WHERE reference = ?').get(reference) as {
      n: number;
    };
    return row.n;
  } finally {
    db.close();
  }
}
