import { describe, expect, it } from 'vitest';
import { isDeferredWriteOnClosedSocket } from '../../api/db/postgres-write-guard.ts';

describe('postgres.js closed-socket write guard', () => {
  it('matches only the driver’s deferred write on a closed socket', () => {
    const driverBug = new TypeError("Cannot read properties of null (reading 'write')");
    driverBug.stack = `${driverBug.message}\n    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)`;
    expect(isDeferredWriteOnClosedSocket(driverBug)).toBe(true);
    const elsewhere = new TypeError("Cannot read properties of null (reading 'write')");
    elsewhere.stack = `${elsewhere.message}\n    at flush (/app/api/log/sequencer.ts:1:1)`;
    expect(isDeferredWriteOnClosedSocket(elsewhere)).toBe(false);
    expect(isDeferredWriteOnClosedSocket(new Error('boom'))).toBe(false);
  });
});
