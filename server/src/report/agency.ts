// Which agency a report is by, for the CLI's CSV and summary: the engine's
// title reading (engine/cross/identity.ts, shared with the cross-report rules).

export { agencyFromTitle } from '../engine/cross/identity';
