/**
 * Openings of sealed (non-public) entry fields: {@link org.truce.log.sealed.Opening} and the
 * {@link org.truce.log.sealed.OpeningStore} port, with the file implementation for the embedded store.
 */
package org.truce.log.sealed;
