/**
 * The durable, file-backed {@link org.truce.log.RecordLog}: {@link org.truce.log.file.FileRecordLog}.
 * Its class comment describes the write path and what a crash at each step leaves behind.
 */
package org.truce.log.file;
