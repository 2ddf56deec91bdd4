export { openStore, type Store } from './open.js';
export { SCHEMA_VERSION } from './schema.js';
export { saveRun, hasRun, getRun, getVerifiedRun, listRuns, deleteRun, runKeyOf } from './runs.js';
export { withClaim, claimRun, releaseClaim, CLAIM_TTL_MS } from './claims.js';
export { putArtifact, getArtifact, listArtifacts, deleteArtifact } from './artifacts.js';
export { codeVersion } from './code-version.js';
export {
  ROLES,
  SPLITS,
  type Artifact,
  type ArtifactInput,
  type ExampleId,
  type Prediction,
  type PredictionInput,
  type Role,
  type RunFilter,
  type RunInput,
  type RunRecord,
  type RunStatus,
  type RunSummary,
  type Split,
} from './types.js';
