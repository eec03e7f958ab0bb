/** Starts the line git log prints before each commit's patch (see historyArgs in git.ts). */
export const COMMIT_MARKER = '\u0001aws-key-guard-commit ';
