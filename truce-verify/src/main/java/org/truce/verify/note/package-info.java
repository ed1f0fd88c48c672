/** C2SP signed notes (c2sp.org/signed-note@v1.0.0): verifier keys, key IDs, parsing and verification. */
package org.truce.verify.note;
