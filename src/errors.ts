/** Exit codes; the README lists every one. Findings are results (1), not errors. */
export const EXIT = { ok: 0, found: 1, error: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An expected failure: one plain sentence, safe to print, ending with what to do.
 * It never carries a secret; `cause` keeps the technical detail for `--debug`.
 */
export class GuardError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.error,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GuardError';
  }
}
