import type { FileKind } from './rules.js';

/**
 * One thing found. There is deliberately no field for the raw value: only `redacted` and
 * `fingerprint`, so printing a secret would mean changing this type.
 */
export interface Finding {
  rule: string;
  title: string;
  file: string;
  fileKind: FileKind;
  /** 1-based line in the staged file (0 for a whole-file finding such as a state file) */
  line: number;
  /** 1-based character column in that line */
  column: number;
  redacted: string;
  fingerprint: string;
  /** For access key IDs: what the prefix says and, where the format allows, the account. */
  keyId?: { prefix: string; account?: string };
  /** The file is new in this commit, so `git rm --cached` unstages it (even before the first commit). */
  newFile?: boolean | undefined;
  /** For range and history scans: the commit that added it, and a remote branch that has it. */
  commit?: { sha: string; date: string; pushedTo?: string };
}

/** A staged file in scope, as Git lists it. */
export interface StagedFile {
  path: string;
  kind: FileKind;
  /** Git's status letter: A, C, M, R or T */
  status: string;
  /** the staged mode, such as 100644, 120000 (symlink) or 160000 (submodule) */
  mode: string;
}

/** One line of the staged file inside a diff hunk. */
export interface HunkLine {
  line: number;
  /** true for a line this change adds; false for an unchanged neighbour */
  added: boolean;
  text: string;
  /** for a piece of a very long line: add this to a column in `text` for the column in the line */
  offset?: number;
}

export interface ScanSummary {
  files: number;
  addedLines: number;
  /** findings left out by the configuration's allow list, disabled rules or the baseline */
  allowed?: number;
}
