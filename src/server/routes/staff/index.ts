import type { Hono } from 'hono';
import type { BlobStore } from '../../blobs';
import type { RouteDeps } from '../route-deps';
import { registerAskInformation } from './ask-information';
import { registerAssignRecord } from './assign-record';
import { registerCorrectFields } from './correct-fields';
import { registerDecideAmendment } from './decide-amendment';
import { registerDecideAmendments } from './decide-amendments';
import { registerExportCsv } from './export-csv';
import { registerGetRecord } from './get-record';
import { registerListPhotos } from './list-photos';
import { registerListRecords } from './list-records';
import { registerRecordAudit } from './record-audit';
import { registerSetStatus } from './set-status';
import { STAFF_KINDS } from './staff-request';

/**
 * The caseworker API: signed-in caseworkers (their oblasts) and administrators (every oblast); the
 * same merge and ownership rules as a phone's push, from the office's side. Each route carries the
 * staff check itself, so none can be registered without it.
 */
export function registerStaff(app: Hono, deps: RouteDeps & { readonly blobs?: BlobStore }): void {
  const staff = { ...deps, requireStaff: deps.auth.requireUser(STAFF_KINDS) };
  registerListRecords(app, staff);
  registerExportCsv(app, staff);
  registerGetRecord(app, staff);
  registerListPhotos(app, staff);
  registerRecordAudit(app, staff);
  registerAssignRecord(app, staff);
  registerSetStatus(app, staff);
  registerAskInformation(app, staff);
  registerCorrectFields(app, staff);
  registerDecideAmendment(app, staff);
  registerDecideAmendments(app, staff);
}
