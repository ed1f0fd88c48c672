/**
 * The Merkle log: {@link org.truce.log.merkle.MerkleLog} wraps a durable {@link
 * org.truce.log.RecordLog} (the sequencer) and integrates its entries into an RFC 9162 tree, published
 * as c2sp.org/tlog-tiles tiles and signed c2sp.org/tlog-checkpoint notes. Its class comment
 * describes every step of the write and integration path and what a crash at each leaves behind.
 * Hashes, proofs and formats are truce-verify's, so the log and its verifiers share one definition.
 */
package org.truce.log.merkle;
