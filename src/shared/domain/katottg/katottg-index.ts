import * as v from 'valibot';
import { KatottgCodeSchema } from './katottg-code';

/** public/katottg/index.json: what data exists and how big each file is, so a download can show progress. */
export const KatottgIndexSchema = v.object({
  format: v.number(),
  /** Date of the codifier state, e.g. '2025-05-16'. */
  version: v.pipe(v.string(), v.isoDate()),
  source: v.string(),
  oblasts: v.array(
    v.object({
      code: KatottgCodeSchema,
      /** As shown in the app: «Вінницька область», «м. Київ». */
      uk: v.string(),
      /** File name next to index.json. */
      file: v.string(),
      /** Uncompressed size: what a streamed body reader counts, whatever the transfer encoding. */
      bytes: v.number(),
      /** Codifier units in the file (top-level unit included). */
      units: v.number(),
    }),
  ),
  hostilities: v.object({ version: v.pipe(v.string(), v.isoDate()), file: v.string(), bytes: v.number() }),
});
export type KatottgIndex = v.InferOutput<typeof KatottgIndexSchema>;
