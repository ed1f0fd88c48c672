/**
 * The file handling that the two embedded stores share: the record log ({@code org.truce.log.file})
 * and the openings ({@code org.truce.log.sealed}) each keep one append-only file of framed batches
 * in a locked directory of their own, written by a single writer thread with group commit and read
 * with positioned reads. What differs between them (the frame formats, recovery, what a batch is)
 * stays in their packages; what is the same lives here once, so that a fix to the write or read
 * path reaches both.
 */
package org.truce.log.io;
