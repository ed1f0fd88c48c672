/** The {@code truce-verify} command: argument parsing, HTTP fetching, the state file and exit codes. */
package org.truce.verify.cli;
