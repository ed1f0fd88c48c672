/**
 * C2SP tlog-checkpoint bodies and their verification, with c2sp.org/tlog-cosignature {@code
 * cosignature/v1} witness cosignatures and k-of-n witness quorums.
 */
package org.truce.verify.checkpoint;
