/**
 * Ed25519 verification with the JDK's own provider, agreeing with Go's crypto/ed25519 on every
 * C2SP CCTV edge case.
 */
package org.truce.verify.crypto;
