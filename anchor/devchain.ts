/**
 * Local development chain: spawns anvil (from the @foundry-rs/anvil npm package, never from PATH) on loopback,
 * optionally persisting its state in a directory, and waits until it answers JSON-RPC.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ProvenantError } from '../core/errors.ts';

/**
 * anvil's well-known default accounts (mnemonic "test test … junk"). TEST-ONLY: these private keys are public
 * knowledge; anything they control on a real chain is stolen within seconds.
 */
export const ANVIL_TEST_KEYS: readonly string[] = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
];

export interface DevChainOptions {
  /** Directory for anvil's state file (state.json); omitted = in-memory chain. */
  stateDir?: string;
  /** Loopback port; 0 or omitted picks a free one. */
  port?: number;
  /** Milliseconds to wait for readiness. */
  timeoutMs?: number;
  /** Mine a block every this many seconds as well as on each transaction (so confirmations accrue). */
  blockTimeS?: number;
  /** anvil's `finalized` tag trails the head by 2 × this many blocks (anvil's default is 32). */
  slotsInAnEpoch?: number;
  /** Also write the state file every this many seconds (survives a kill -9 of anvil). */
  stateIntervalS?: number;
}

export interface DevChain {
  rpcUrl: string;
  chainId: number;
  /** TEST-ONLY keys of funded accounts (see ANVIL_TEST_KEYS). */
  testKeys: readonly string[];
  /** Stops anvil (which writes its state file first when stateDir was given). */
  stop(): Promise<void>;
}

/** Path of the anvil binary shipped by @foundry-rs/anvil's platform package. */
export function anvilBinaryPath(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch (cause) {
    throw new ProvenantError(
      'chain.unreachable',
      `anvil binary package ${pkg} is not installed (npm install @foundry-rs/anvil)`,
      { cause },
    );
  }
  const bin = join(dir, 'bin', process.platform === 'win32' ? 'anvil.exe' : 'anvil');
  if (!existsSync(bin)) throw new ProvenantError('chain.unreachable', `anvil binary missing at ${bin}`);
  return bin;
}

export async function startDevChain(options: DevChainOptions = {}): Promise<DevChain> {
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    '--accounts',
    String(ANVIL_TEST_KEYS.length),
  ];
  if (options.stateDir) {
    mkdirSync(options.stateDir, { recursive: true });
    args.push('--state', join(options.stateDir, 'state.json'));
    if (options.stateIntervalS) args.push('--state-interval', String(options.stateIntervalS));
  }
  if (options.blockTimeS) args.push('--block-time', String(options.blockTimeS));
  if (options.slotsInAnEpoch) args.push('--slots-in-an-epoch', String(options.slotsInAnEpoch));
  const child = spawn(anvilBinaryPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never leave an orphaned anvil behind if this process exits without stopping it (a crash, process.exit).
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  try {
    const port = await listeningPort(child, options.timeoutMs ?? 15_000);
    const rpcUrl = `http://127.0.0.1:${port}`;
    const chainId = Number.parseInt(await rpc(rpcUrl, 'eth_chainId'), 16);
    return {
      rpcUrl,
      chainId,
      testKeys: ANVIL_TEST_KEYS,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    throw e;
  }
}

/** anvil prints "Listening on 127.0.0.1:PORT" once its RPC server is bound. */
function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(`anvil did not start within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new ProvenantError('chain.unreachable', `${why}: ${out.slice(-500)}`));
    };
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const m = /Listening on [^\s:]+:(\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.once('error', (e) => fail(`anvil failed to start (${e.message})`));
    child.once('exit', (code) => fail(`anvil exited with code ${code}`));
  });
}

async function rpc(url: string, method: string): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
  });
  const body = (await res.json()) as { result?: string };
  if (typeof body.result !== 'string')
    throw new ProvenantError('chain.unreachable', `anvil answered ${method} without a result`);
  return body.result;
}
