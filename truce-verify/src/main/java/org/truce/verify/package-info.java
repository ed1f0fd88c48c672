/**
 * The standalone Truce verifier: checks a C2SP transparency log (tlog-tiles, tlog-checkpoint,
 * signed-note, tlog-cosignature) from its published bytes, trusting only a pinned log key and
 * optional witness keys. Depends on the JDK alone.
 *
 * <p>Every check that can fail on data from a log throws a subclass of {@link
 * org.truce.verify.VerificationException} whose message says what was expected and what was found.
 */
package org.truce.verify;
