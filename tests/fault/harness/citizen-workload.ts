import { checkSubmission } from '../../../src/shared/domain';
import type { FieldValue } from '../../../src/shared/record';
import { damageDescription, randomDamageReport } from './damage-report-fields';
import type { Phone } from './phone';
import type { Random } from './seeded-random';

/** Fields a citizen may still change after submission without an amendment (shared fields). */
export const EDITABLE_PATHS = ['description', 'phone', 'propStreet'] as const;
export type EditablePath = (typeof EDITABLE_PATHS)[number];

const OPERATORS = ['50', '63', '66', '67', '68', '73', '93', '95', '97', '99'];

/**
 * A value for `path` that nobody else ever writes: the phone's number and a counter are in it, so
 * wherever the value turns up on the server, we know which write put it there.
 */
export function uniqueValue(
  path: EditablePath,
  phoneIndex: number,
  counter: number,
  tag: string,
): FieldValue {
  switch (path) {
    case 'description':
      return damageDescription(`${tag} правка ${counter}`);
    case 'phone':
      return `+380${OPERATORS[phoneIndex % OPERATORS.length]}${String((phoneIndex * 100_000 + counter) % 10_000_000).padStart(7, '0')}`;
    case 'propStreet':
      return `вул. Правки ${tag}-${counter}`;
  }
}

/**
 * What one phone's person does: submits reports and edits them afterwards, each a mutation in the
 * phone's outbox, and remembers every one so the server's tables can be checked against it.
 */
export class CitizenWorkload {
  readonly phone: Phone;
  readonly index: number;
  readonly submitted: string[] = [];
  /** Every edit, in the order it was made (and so in mutation-id order). */
  readonly edits: { recordId: string; path: EditablePath; value: FieldValue }[] = [];
  mutations = 0;
  readonly #random: Random;
  #counter = 0;

  constructor(phone: Phone, index: number, random: Random) {
    this.phone = phone;
    this.index = index;
    this.#random = random;
  }

  /** One mutation: a new submission, or (with `editShare` once there are records) an edit. */
  async step(editShare: number): Promise<void> {
    if (this.submitted.length > 0 && this.#random.chance(editShare)) {
      const recordId = this.#random.pick(this.submitted);
      const path = this.#random.pick(EDITABLE_PATHS);
      const value = uniqueValue(path, this.index, ++this.#counter, this.phone.name);
      const local = await this.phone.record(recordId);
      const check = checkSubmission('damageReport', { ...local!.data, [path]: value });
      if (!check.ok) throw new Error(`edit would be invalid: ${JSON.stringify(check.issues)}`);
      await this.phone.edit(recordId, { [path]: value });
      this.edits.push({ recordId, path, value });
    } else {
      const tag = `${this.phone.name} запис ${this.submitted.length + 1}`;
      this.submitted.push(await this.phone.submit(randomDamageReport(this.#random, tag)));
    }
    this.mutations++;
  }

  /** Per record: how many edits it got and the last value of each edited path. */
  expected(): Map<string, { edits: number; fields: Record<string, FieldValue> }> {
    const out = new Map<string, { edits: number; fields: Record<string, FieldValue> }>();
    for (const recordId of this.submitted) out.set(recordId, { edits: 0, fields: {} });
    for (const edit of this.edits) {
      const entry = out.get(edit.recordId)!;
      entry.edits++;
      entry.fields[edit.path] = edit.value;
    }
    return out;
  }
}
