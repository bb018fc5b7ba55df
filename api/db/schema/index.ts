export { fingerprints } from './fingerprints.ts';
export { keys, revocations } from './keys.ts';
export { checkpoints, logEntries, logState, receipts } from './log.ts';
export { manifests } from './manifests.ts';
export { quoteFragments } from './quotes.ts';
export { signatures } from './signatures.ts';
