/**
 * Releasability: who may read which field of the record ({@link org.truce.domain.release.Marking}),
 * and who is reading ({@link org.truce.domain.release.Audience}).
 */
package org.truce.domain.release;
