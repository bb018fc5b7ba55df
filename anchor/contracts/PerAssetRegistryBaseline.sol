// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title BASELINE ONLY (benchmarks): a minimal per-asset registry, one transaction per asset.
/// @notice Not part of Provenant. It models the "register every asset on-chain" design that per-asset
/// provenance registries use, so bench/anchor-gas.bench.ts can compare its gas per asset with anchoring
/// a whole batch of manifests as one log checkpoint. Deliberately minimal: one fresh slot and one event.
contract PerAssetRegistryBaseline {
    event Registered(bytes32 indexed digest, address indexed registrant);

    mapping(bytes32 => address) public registrant;

    function register(bytes32 digest) external {
        require(registrant[digest] == address(0), "already registered");
        registrant[digest] = msg.sender;
        emit Registered(digest, msg.sender);
    }
}
