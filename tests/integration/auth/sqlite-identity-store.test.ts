import { createSqliteIdentityHarness } from './identity-harness';
import { describeIdentityStoreContract } from './identity-store-contract';

describeIdentityStoreContract('SQLite', createSqliteIdentityHarness);
