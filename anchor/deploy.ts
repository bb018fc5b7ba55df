/** Deploys ProvenantAnchor with ethers, and remembers the embedded dev deployment under ./data/chain. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ContractFactory, getAddress, Interface, type JsonRpcProvider } from 'ethers';
import { ProvenantError } from '../core/errors.ts';
import { loadArtifact } from './artifact.ts';
import { walletFor } from './client.ts';
import { toChainError } from './errors.ts';
import { connectRpc, type RpcOptions } from './provider.ts';
import { waitForReceipt } from './wait-receipt.ts';

export interface Deployment {
  chainId: number;
  address: string;
  txHash: string;
  blockNumber: number;
  anchorer: string;
  owner: string;
}

/** Deploys a fresh contract owned by the key's address; `anchorer` defaults to that address too. */
export async function deployAnchor(
  options: { rpcUrl: string; privateKey: string; anchorer?: string } & RpcOptions,
): Promise<Deployment> {
  const provider = await connectRpc(options.rpcUrl, options);
  try {
    return await deployWith(provider, options.privateKey, options.anchorer);
  } finally {
    provider.destroy();
  }
}

export async function deployWith(
  provider: JsonRpcProvider,
  privateKey: string,
  anchorer?: string,
): Promise<Deployment> {
  const wallet = walletFor(privateKey, provider);
  const artifact = loadArtifact('ProvenantAnchor');
  const iface = new Interface(artifact.abi as never);
  let anchorerAddress: string;
  try {
    anchorerAddress = getAddress(anchorer ?? wallet.address);
  } catch {
    throw new ProvenantError('input.invalid', 'the anchorer is not a valid address');
  }
  try {
    const factory = new ContractFactory(iface, artifact.bytecode, wallet);
    const contract = await factory.deploy(anchorerAddress);
    const tx = contract.deploymentTransaction();
    if (!tx) throw new ProvenantError('internal', 'deploy: no deployment transaction');
    const receipt = await waitForReceipt(provider, tx.hash);
    if (receipt?.status !== 1) throw new ProvenantError('chain.rejected', 'deploy: the transaction reverted');
    const network = await provider.getNetwork();
    return {
      chainId: Number(network.chainId),
      address: await contract.getAddress(),
      txHash: receipt.hash,
      blockNumber: receipt.blockNumber,
      anchorer: anchorerAddress,
      owner: wallet.address,
    };
  } catch (e) {
    throw toChainError(e, 'deploy', iface);
  }
}

/** True iff the code at `address` is exactly this repository's ProvenantAnchor runtime bytecode. */
export async function isProvenantAnchorAt(provider: JsonRpcProvider, address: string): Promise<boolean> {
  try {
    const code = await provider.getCode(address);
    return code.toLowerCase() === loadArtifact('ProvenantAnchor').deployedBytecode.toLowerCase();
  } catch (e) {
    throw toChainError(e, 'read', new Interface([]));
  }
}

/**
 * Idempotent deployment for the embedded default: deploys once and records the deployment in `stateFile`;
 * on restart verifies the recorded contract is still there (same chain id, same code) and reuses it.
 * A recorded address with no code means the chain's state was lost: that is an error, never a silent redeploy
 * (a new contract would quietly discard the anchored history).
 */
export async function ensureDeployed(
  stateFile: string,
  options: { rpcUrl: string; privateKey: string; anchorer?: string } & RpcOptions,
): Promise<Deployment> {
  const provider = await connectRpc(options.rpcUrl, options);
  try {
    const chainId = Number((await provider.getNetwork()).chainId);
    if (existsSync(stateFile)) {
      const saved = readDeployment(stateFile);
      if (saved.chainId !== chainId) {
        throw new ProvenantError(
          'chain.rejected',
          `${stateFile} records chain ${saved.chainId}, the RPC serves chain ${chainId}`,
        );
      }
      if (!(await isProvenantAnchorAt(provider, saved.address))) {
        throw new ProvenantError(
          'chain.rejected',
          `no ProvenantAnchor code at ${saved.address} (chain state lost?); move ${stateFile} away to deploy afresh`,
        );
      }
      return saved;
    }
    const deployment = await deployWith(provider, options.privateKey, options.anchorer);
    mkdirSync(dirname(stateFile), { recursive: true });
    const tmp = `${stateFile}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(deployment, null, 2)}\n`, { mode: 0o644 });
    renameSync(tmp, stateFile);
    return deployment;
  } finally {
    provider.destroy();
  }
}

function readDeployment(file: string): Deployment {
  let d: Partial<Deployment>;
  try {
    d = JSON.parse(readFileSync(file, 'utf8')) as Partial<Deployment>;
  } catch (cause) {
    throw new ProvenantError('json.invalid', `${file} is not valid JSON`, { cause });
  }
  if (typeof d.chainId !== 'number' || typeof d.address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(d.address)) {
    throw new ProvenantError('input.invalid', `${file} is not a deployment record`);
  }
  return d as Deployment;
}
