import { createPostgresIdentityHarness } from './identity-harness';
import { describeIdentityStoreContract } from './identity-store-contract';

// No skip without PostgreSQL: the harness throws and every test here fails, as CI must notice.
describeIdentityStoreContract('PostgreSQL', createPostgresIdentityHarness);
