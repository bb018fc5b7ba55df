/** `provenant anchor deploy` through the real composition root, against anvil. */
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAnchor } from '../../anchor/cli/anchor.ts';
import { connectAnchor } from '../../anchor/client.ts';
import { type DevChain, startDevChain } from '../../anchor/devchain.ts';
import { isProvenantError } from '../../core/errors.ts';

let chain: DevChain;
beforeAll(async () => {
  chain = await startDevChain();
}, 30_000);
afterAll(async () => {
  await chain?.stop();
});

async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ out: string; error?: unknown }> {
  const program = new Command('provenant').exitOverride();
  registerAnchor(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await program.parseAsync(['node', 'provenant', ...args]);
    return { out };
  } catch (error) {
    return { out, error };
  } finally {
    spy.mockRestore();
    process.env = saved;
  }
}

describe('provenant anchor deploy', () => {
  it('deploys, prints the address (JSON or text) and never echoes the key', async () => {
    const key = chain.testKeys[1] as string;
    const json = await runCli(['anchor', 'deploy', '--rpc', chain.rpcUrl, '--key', key, '--json']);
    expect(json.error).toBeUndefined();
    expect(json.out).not.toContain(key.slice(2));
    const d = JSON.parse(json.out) as { address: string; chainId: number };
    expect(d.chainId).toBe(31337);
    const client = await connectAnchor({ rpcUrl: chain.rpcUrl, address: d.address });
    expect(await client.checkpointCount()).toBe(0);

    const text = await runCli(['anchor', 'deploy', '--rpc', chain.rpcUrl], { ANCHOR_PRIVATE_KEY: key });
    expect(text.error).toBeUndefined();
    expect(text.out.trim()).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(text.out).not.toContain(key.slice(2));
  });

  it('gives coded errors for a missing key, a bad key and a dead RPC', async () => {
    const noKey = await runCli(['anchor', 'deploy', '--rpc', chain.rpcUrl], { ANCHOR_PRIVATE_KEY: '' });
    expect(isProvenantError(noKey.error, 'input.invalid')).toBe(true);
    const badKey = await runCli(['anchor', 'deploy', '--rpc', chain.rpcUrl, '--key', 'zz']);
    expect(isProvenantError(badKey.error, 'key.invalid')).toBe(true);
    expect(String((badKey.error as Error).message)).not.toContain('zz');
    const dead = await runCli([
      'anchor',
      'deploy',
      '--rpc',
      'http://127.0.0.1:1',
      '--key',
      chain.testKeys[1] as string,
    ]);
    expect(isProvenantError(dead.error, 'chain.unreachable')).toBe(true);
  });
});
