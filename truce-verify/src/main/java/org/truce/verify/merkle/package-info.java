/**
 * RFC 6962 / RFC 9162 Merkle trees with SHA-256: leaf and node hashes, roots, compact ranges,
 * inclusion and consistency proof verification, and proof construction from any {@link
 * org.truce.verify.merkle.RangeHasher}. The log engine reuses these so that there is one
 * definition of the hashes.
 */
package org.truce.verify.merkle;
