/** Maps ethers / JSON-RPC failures to ProvenantError codes, so callers never see an ethers stack trace. */
import { type Interface, isError } from 'ethers';
import { ProvenantError } from '../core/errors.ts';

const NETWORK_CODES = new Set(['NETWORK_ERROR', 'TIMEOUT', 'SERVER_ERROR', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND']);

function causeCodes(e: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 6; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    cur = (cur as { cause?: unknown; error?: unknown }).cause ?? (cur as { error?: unknown }).error;
  }
  return codes;
}

/** The Solidity custom error name (e.g. "StalePrevRoot") carried by a revert, if the ABI knows it. */
export function revertName(e: unknown, iface: Interface): string | undefined {
  if (!isError(e, 'CALL_EXCEPTION')) return undefined;
  if (e.revert?.name) return e.revert.name;
  if (typeof e.data === 'string' && e.data.length >= 10) {
    try {
      return iface.parseError(e.data)?.name;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function toChainError(e: unknown, action: string, iface: Interface): ProvenantError {
  if (e instanceof ProvenantError) return e;
  if (isError(e, 'CALL_EXCEPTION')) {
    const name = revertName(e, iface);
    return new ProvenantError('chain.rejected', `${action}: the contract rejected it${name ? ` (${name})` : ''}`, {
      cause: e,
      details: name ? [name] : [],
    });
  }
  if (isError(e, 'BAD_DATA') && e.value === '0x') {
    return new ProvenantError('chain.rejected', `${action}: no contract code at that address (at that block)`, {
      cause: e,
      details: ['noContract'],
    });
  }
  if (causeCodes(e).some((c) => NETWORK_CODES.has(c)) || (e instanceof TypeError && /fetch/i.test(e.message))) {
    return new ProvenantError('chain.unreachable', `${action}: the RPC endpoint is unreachable`, { cause: e });
  }
  const code = causeCodes(e)[0];
  return new ProvenantError('chain.rejected', `${action}: the node refused it${code ? ` (${code})` : ''}`, {
    cause: e,
    details: code ? [code] : [],
  });
}
