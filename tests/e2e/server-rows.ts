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

/** The SHA-256 of every photo the record with this reference holds (`photos/<id>/sha256` of live rows). */
export function serverPhotoHashes(dataDir: string, reference: string): string[] {
  const db = new Database(join(dataDir, 'lastivka.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT fields FROM records WHERE reference = ?').all(reference) as {
      fields: string;
    }[];
    return rows.flatMap((row) => {
      const fields = JSON.parse(row.fields) as Record<string, unknown>;
      return Object.keys(fields)
        .map((path) => /^photos\/([^/]+)\/_exists$/.exec(path)?.[1])
        .filter((id): id is string => id !== undefined && fields[`photos/${id}/_exists`] === true)
        .map((id) => String(fields[`photos/${id}/sha256`]));
    });
  } finally {
    db.close();
  }
}
