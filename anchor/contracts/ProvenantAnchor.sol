// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Provenant log checkpoint anchor
/// @notice Keeps every checkpoint (seq, treeSize, root, anchoredAt) of one append-only RFC 9162 log.
/// Each anchor names the previous root (compare-and-swap) and strictly grows the tree, so two workers
/// racing for the same sequence number can never fork the history: exactly one of them wins.
contract ProvenantAnchor {
    error NotOwner();
    error NotAnchorer();
    error ZeroAddress();
    error StalePrevRoot(bytes32 currentRoot);
    error TreeNotGrowing(uint256 currentTreeSize);
    error TreeSizeTooLarge();
    error ZeroRoot();
    error NoCheckpoint(uint256 seq);
    error InconsistentProof();

    event Anchored(uint256 indexed seq, uint256 treeSize, bytes32 root, bytes32 prevRoot);
    event AnchorerRotated(address indexed previousAnchorer, address indexed newAnchorer);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    uint256 private constant MAX_40 = (1 << 40) - 1;
    uint256 private constant ENTRY_BITS = 80;
    uint256 private constant ENTRIES_PER_BUCKET = 3;

    address public owner;
    /// Hot slot, read and written by every anchor: anchorer (bits 0..159) | count (160..199) | latest treeSize (200..239).
    uint256 private head;
    /// roots[seq]: one fresh slot per checkpoint. A real root is never zero, so zero means "not anchored".
    mapping(uint256 => bytes32) private roots;
    /// Three checkpoints per slot, each (treeSize: uint40 | anchoredAt: uint40) = 80 bits; seq s is in bucket s / 3.
    mapping(uint256 => uint256) private sizesAndTimes;

    constructor(address initialAnchorer) {
        if (initialAnchorer == address(0)) revert ZeroAddress();
        owner = msg.sender;
        head = uint256(uint160(initialAnchorer));
        emit OwnershipTransferred(address(0), msg.sender);
        emit AnchorerRotated(address(0), initialAnchorer);
    }

    // ---- anchoring ----

    /// @notice Append checkpoint (newTreeSize, newRoot) after the checkpoint whose root is expectedPrevRoot
    /// (bytes32(0) for the very first anchor). Returns the new checkpoint's sequence number.
    function anchor(bytes32 expectedPrevRoot, uint256 newTreeSize, bytes32 newRoot) external returns (uint256 seq) {
        uint256 h = head;
        (seq,) = _checkAndLink(h, expectedPrevRoot, newTreeSize, newRoot);
        _store(h, seq, newTreeSize, newRoot, expectedPrevRoot);
    }

    /// @notice As anchor(), and also verifies on-chain an RFC 9162 §2.1.4 consistency proof from the latest
    /// checkpoint to (newTreeSize, newRoot) (variant for L2s where calldata and hashing are cheap).
    function anchorWithProof(bytes32 expectedPrevRoot, uint256 newTreeSize, bytes32 newRoot, bytes32[] calldata proof)
        external
        returns (uint256 seq)
    {
        uint256 h = head;
        uint256 oldSize;
        (seq, oldSize) = _checkAndLink(h, expectedPrevRoot, newTreeSize, newRoot);
        if (oldSize != 0 && !verifyConsistency(oldSize, newTreeSize, expectedPrevRoot, newRoot, proof)) {
            revert InconsistentProof();
        }
        _store(h, seq, newTreeSize, newRoot, expectedPrevRoot);
    }

    function _checkAndLink(uint256 h, bytes32 expectedPrevRoot, uint256 newTreeSize, bytes32 newRoot)
        private
        view
        returns (uint256 seq, uint256 oldSize)
    {
        if (msg.sender != address(uint160(h))) revert NotAnchorer();
        if (newRoot == bytes32(0)) revert ZeroRoot();
        if (newTreeSize > MAX_40) revert TreeSizeTooLarge();
        seq = (h >> 160) & MAX_40;
        oldSize = (h >> 200) & MAX_40;
        bytes32 current = seq == 0 ? bytes32(0) : roots[seq - 1];
        if (current != expectedPrevRoot) revert StalePrevRoot(current);
        if (newTreeSize <= oldSize) revert TreeNotGrowing(oldSize);
    }

    function _store(uint256 h, uint256 seq, uint256 newTreeSize, bytes32 newRoot, bytes32 prevRoot) private {
        roots[seq] = newRoot;
        uint256 entry = newTreeSize | (block.timestamp << 40);
        uint256 bucket = seq / ENTRIES_PER_BUCKET;
        uint256 shift = (seq % ENTRIES_PER_BUCKET) * ENTRY_BITS;
        // The first entry of a bucket writes a fresh slot without reading it.
        if (shift == 0) sizesAndTimes[bucket] = entry;
        else sizesAndTimes[bucket] |= entry << shift;
        head = uint256(uint160(h)) | ((seq + 1) << 160) | (newTreeSize << 200);
        emit Anchored(seq, newTreeSize, newRoot, prevRoot);
    }

    // ---- views (the extension calls these at the `finalized` block tag) ----

    function anchorer() external view returns (address) {
        return address(uint160(head));
    }

    function checkpointCount() external view returns (uint256) {
        return (head >> 160) & MAX_40;
    }

    function latestCheckpoint() external view returns (uint256 seq, uint256 treeSize, bytes32 root, uint256 anchoredAt) {
        uint256 count = (head >> 160) & MAX_40;
        if (count == 0) revert NoCheckpoint(0);
        return checkpoint(count - 1);
    }

    function checkpoint(uint256 seq) public view returns (uint256, uint256 treeSize, bytes32 root, uint256 anchoredAt) {
        if (seq >= ((head >> 160) & MAX_40)) revert NoCheckpoint(seq);
        uint256 entry = (sizesAndTimes[seq / ENTRIES_PER_BUCKET] >> ((seq % ENTRIES_PER_BUCKET) * ENTRY_BITS));
        return (seq, entry & MAX_40, roots[seq], (entry >> 40) & MAX_40);
    }

    // ---- administration ----

    function rotateAnchorer(address newAnchorer) external {
        if (msg.sender != owner) revert NotOwner();
        if (newAnchorer == address(0)) revert ZeroAddress();
        uint256 h = head;
        head = (h & ~uint256(type(uint160).max)) | uint256(uint160(newAnchorer));
        emit AnchorerRotated(address(uint160(h)), newAnchorer);
    }

    function transferOwnership(address newOwner) external {
        if (msg.sender != owner) revert NotOwner();
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    // ---- RFC 9162 §2.1.4.2 consistency verification (SHA-256, 0x01 node prefix) ----

    function verifyConsistency(
        uint256 first,
        uint256 second,
        bytes32 firstHash,
        bytes32 secondHash,
        bytes32[] calldata proof
    ) public pure returns (bool) {
        if (first == 0 || first > second) return false;
        if (first == second) return proof.length == 0 && firstHash == secondHash;
        uint256 i = 0;
        bytes32 fr;
        bytes32 sr;
        // Step 2: when `first` is a power of two, the proof starts implicitly with firstHash.
        if (first & (first - 1) == 0) {
            fr = firstHash;
        } else {
            if (proof.length == 0) return false;
            fr = proof[0];
            i = 1;
        }
        sr = fr;
        uint256 fn = first - 1;
        uint256 sn = second - 1;
        while (fn & 1 == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        for (; i < proof.length; i++) {
            if (sn == 0) return false;
            bytes32 c = proof[i];
            if (fn & 1 == 1 || fn == sn) {
                fr = sha256(abi.encodePacked(bytes1(0x01), c, fr));
                sr = sha256(abi.encodePacked(bytes1(0x01), c, sr));
                while (fn & 1 == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = sha256(abi.encodePacked(bytes1(0x01), sr, c));
            }
            fn >>= 1;
            sn >>= 1;
        }
        return fr == firstHash && sr == secondHash && sn == 0;
    }
}
