/**
 * The log's checkpoint key: {@link org.truce.log.merkle.sign.SigningKeys} (generated once, kept in
 * the data directory in Go's signer-key format) and {@link org.truce.log.merkle.sign.CheckpointSigner}
 * (Ed25519 signed notes, with the JDK's own provider).
 */
package org.truce.log.merkle.sign;
