// Exit codes (documented in README.md) and the one-line error users see.

export const EXIT = {
  OK: 0,
  /** Expectations failed (`check`). */
  FAILED: 1,
  /** Bad command line. */
  USAGE: 2,
  /** Input could not be read, or was damaged (what came before the damage was still printed). */
  INPUT: 3,
  /** A live feature lacks something on this machine (libpcap, permission, interface). */
  ENVIRONMENT: 4,
} as const;

/** An error meant for the user: printed as one line, mapped to an exit code. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.USAGE) {
    super(message);
  }
}
