import type { Service } from '../../shared/domain/services';
import type { FieldValue } from '../../shared/record';
import { dataBridge } from '../data-bridge';

const DEBOUNCE_MS = 300;

/**
 * Saves a draft after each pause in typing, one save at a time, always the latest text. The first save
 * creates the record; later ones update it, so a fast typist never creates two drafts.
 */
export class DraftSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private latest: Record<string, FieldValue> | undefined;

  constructor(
    private readonly service: Service,
    private recordId: string | undefined,
    private readonly onSaved: (recordId: string, isNew: boolean) => void,
    private readonly onFailed: (error: unknown) => void,
  ) {}

  get id(): string | undefined {
    return this.recordId;
  }

  schedule(data: Record<string, FieldValue>): void {
    this.latest = data;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  /** Writes whatever is pending now; resolves once it is committed (or failed). */
  flush(): Promise<unknown> {
    clearTimeout(this.timer);
    const data = this.latest;
    this.latest = undefined;
    if (data) {
      this.chain = this.chain.then(async () => {
        try {
          const isNew = this.recordId === undefined;
          const record = await dataBridge().saveDraft({
            id: this.recordId,
            service: this.service,
            // Photo rows the worker added are kept by saveDraft itself (src/local/records/save-draft.ts).
            data,
          });
          this.recordId = record.id;
          this.onSaved(record.id, isNew);
        } catch (error) {
          // Keep the text pending so the next flush tries it again.
          this.latest ??= data;
          this.onFailed(error);
        }
      });
    }
    return this.chain;
  }
}
