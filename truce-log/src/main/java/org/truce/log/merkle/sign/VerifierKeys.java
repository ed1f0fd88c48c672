package org.truce.log.merkle.sign;

import org.truce.verify.note.KeyFormatException;
import org.truce.verify.note.VerifierKey;

/** Key-name checks borrowed from truce-verify, so that a name is valid here exactly when it is there. */
final class VerifierKeys {
    private static final byte[] ANY_KEY = new byte[32];

    private VerifierKeys() {}

    /** Throws unless {@code name} is a valid signed-note key name (non-empty, no white space, no '+'). */
    static void requireValidName(String name) {
        try {
            VerifierKey.of(name, VerifierKey.TYPE_ED25519, ANY_KEY);
        } catch (KeyFormatException e) {
            throw new IllegalArgumentException("\"" + name + "\" cannot be a log origin and key name: " + e.getMessage(), e);
        }
    }
}
