import { TARGET_FILES, WINDOW } from '../rules.js';

/**
 * Every Git argument list the scanner uses, each flag with its reason. hooks/pre-commit is
 * generated from these (src/hookscript.ts), so the hook and the CLI read the same diff.
 */

/** The line the hook prints after Git's staged diff, only when Git succeeded: no line, no verdict. */
export const END_OF_DIFF_LINE = 'aws-key-guard: end of staged diff';

/** Starts the line `git log` prints before each commit's patch (see historyArgs). */
export const COMMIT_MARKER = '\u0001aws-key-guard-commit ';

/** Pathspecs for the default scope plus configured globs, matched from the top, in any case. */
export function pathspecs(extraGlobs: readonly string[] = []): string[] {
  return [...TARGET_FILES.map((t) => t.glob), ...extraGlobs].map((g) => `:(top,glob,icase)${g}`);
}

/**
 * The flags that make a patch stable and complete, whatever the user's diff.* configuration:
 * - `--text`: a `.gitattributes` `binary` or `-diff` must not hide a file (odd bytes are
 *   scanned as text runs); `--no-textconv`, `--no-ext-diff`: the stored bytes, through no user program;
 * - `--full-index`: whole blob names on `index` lines, so an odd file's blob can be read by name;
 * - `--no-color`, `--no-relative`, `--src-prefix/--dst-prefix`, `--submodule=short`: one format;
 * - `-U<WINDOW>`: unchanged lines around each change, for labels and key pairs nearby;
 * - `--find-renames`: a pure rename adds no lines; `--diff-filter=ACMRT`: deleted files add nothing.
 */
export const PATCH_FLAGS: readonly string[] = [
  '--text', '--no-textconv', '--no-ext-diff', '--full-index', '--no-color', '--no-relative',
  '--src-prefix=a/', '--dst-prefix=b/', '--submodule=short', `-U${WINDOW}`, '--find-renames', '--diff-filter=ACMRT',
];

/**
 * `-c core.quotepath=off`: non-ASCII paths as bytes, not octal escapes (quotes, backslashes and
 * control characters are still C-quoted, which diff/paths.ts undoes). `diff.suppressBlankEmpty`
 * would print an empty context line without its space, and the reader would lose count.
 */
const QUOTE_PATHS = ['-c', 'core.quotepath=off', '-c', 'diff.suppressBlankEmpty=false'];

/**
 * The staged change: `--cached` reads the index (or $GIT_INDEX_FILE, which `git commit -a` and
 * `git commit <paths>` set), never the working tree; on an unborn branch Git compares against the
 * empty tree. With `base`, the index against that tree instead (`scan --all`: the empty tree).
 */
export function stagedDiffArgs(specs: readonly string[], base?: string): string[] {
  return [...QUOTE_PATHS, 'diff', '--cached', ...(base === undefined ? [] : [base]), ...PATCH_FLAGS, '--', ...specs];
}

/**
 * `git log -p` over revisions, for history and range scans: the same patch flags, each commit
 * introduced by a COMMIT_MARKER line with its hash and committer date (merges show a patch only
 * when `revs` asks for one, see mergeDiffArgs). HISTORY_FLAGS keep every commit in view.
 */
export function historyArgs(specs: readonly string[], revs: readonly string[]): string[] {
  const format = `${COMMIT_MARKER.replace('\u0001', '%x01').replace(/ /g, '%x20')}%H%x20%cI`;
  // log.follow=true would follow one literal path (movedInArgs) through renames: never
  return [...QUOTE_PATHS, '-c', 'log.follow=false', 'log', ...HISTORY_FLAGS, '-p', ...PATCH_FLAGS, `--format=${format}`, ...revs, '--', ...specs];
}

/**
 * Files renamed in from a path the scan leaves out, each patched whole as a new file (renames not
 * followed): staged, or as one commit made them (with the history scan's merge flags).
 */
export function movedInArgs(paths: readonly string[], commit?: string, merges: readonly string[] = []): string[] {
  const specs = paths.map((path) => `:(top,literal)${path}`);
  const args = commit === undefined ? stagedDiffArgs(specs) : historyArgs(specs, [...merges, '--no-walk', commit]);
  const end = args.indexOf('--');
  return [...args.slice(0, end), '--no-renames', ...args.slice(end)];
}

/**
 * Whatever the user's configuration says: no signature checks in the output; every commit that
 * touches the scope, also on a side branch whose merge undid it (Git's history simplification
 * would drop it); and a root commit's patch (log.showRoot=false would hide it).
 */
const HISTORY_FLAGS = ['--no-show-signature', '--full-history', '--root'];

/**
 * How a history scan shows a merge: as the difference between Git's own re-merge of its parents
 * and the committed result (Git 2.36 and newer), which is only what the merge itself added, such
 * as a conflict resolution; what its parents brought are commits of their own. Older Git shows a
 * merge no patch.
 */
export function mergeDiffArgs(remerge: boolean): string[] {
  return remerge ? ['--diff-merges=remerge'] : [];
}

/**
 * Git re-merges two parents only: a merge of three or more (an octopus) shows no remerge patch.
 * Such merges are read once more against their first parent (Git 2.31 and newer): all they bring,
 * which holds whatever they add themselves.
 */
export const OCTOPUS_ARGS: readonly string[] = ['--min-parents=3', '--diff-merges=first-parent'];

/**
 * The hook's first question: prints the staged files in scope that have an added or removed line
 * matching `pattern` (an extended regex, Git's -G); nothing, when nothing could be a finding.
 * Never `--quiet`: Git 2.39 with --quiet and -G stops at the first changed file and says "no
 * match" when that file has none, whatever the files after it hold. No --diff-filter: a deleted
 * file's lines merely go on to the scan.
 */
export function possibleKeyArgs(specs: readonly string[], pattern: string): string[] {
  // --text: every staged file's lines are read, whatever Git's binary guess or .gitattributes say.
  // --no-renames: a renamed or copied file's lines all count (diff.renames=copies would hide them).
  return ['diff', '--cached', '--name-only', '--text', '--no-ext-diff', '--no-textconv', '--no-renames', `-G${pattern}`, '--', ...specs];
}

/**
 * The hook's first look: the staged files in scope that a commit adds, copies, modifies, renames
 * or turns into another type (what the scan reads), one a line, from the top of the work tree;
 * only names with a quote, backslash or control character come in quotes.
 */
export const STAGED_NAMES_ARGS: readonly string[] = [...QUOTE_PATHS, 'diff', '--cached', '--name-only', '--no-relative', '--no-ext-diff', '--diff-filter=ACMRT'];

/**
 * The attributes that make a checkout write other bytes than the staged blob holds (see
 * checkout.ts), asked of the index's .gitattributes (and info/attributes, core.attributesFile):
 * `--cached`, since the committed .gitattributes is what every clone checks out with.
 */
export function checkAttrArgs(nulSeparated: boolean): string[] {
  return ['check-attr', '--cached', '--stdin', ...(nulSeparated ? ['-z'] : []), 'working-tree-encoding', 'filter'];
}

/** Every .gitattributes file, from the top: a staged one may change how any file checks out. */
export const ATTRIBUTES_FILES = ':(top,glob)**/.gitattributes';

/** The index's files in scope: mode, blob and path, NUL-separated. */
export function indexFilesArgs(specs: readonly string[]): string[] {
  return ['ls-files', '-s', '-z', '--', ...specs];
}

/** A blob as a checkout of `path` writes it: through its working-tree-encoding or its LFS filter. */
export function checkoutArgs(path: string, blob: string): string[] {
  return ['cat-file', '--filters', `--path=${path}`, blob];
}

/**
 * The commits a pre-push hook checks for one pushed ref: those new to the remote. `known`: the
 * remote's commit is in this repository; if not (a first push, or the remote moved on), every
 * commit that the remote's tracking branches do not have: `remote` names it as Git's hook gets it
 * (a URL names none, and then nothing counts as pushed); without it, any remote's. `nested`:
 * other remotes named as folders of it (gh/private beside gh). The hook renders this with shell
 * variables, and leaves a push with nested remotes to the CLI.
 */
export function pushedRevs(local: string, remoteSha: string, known: boolean, remote?: string, nested: readonly string[] = []): string[] {
  if (known) return [`${remoteSha}..${local}`];
  // --remotes=gh also takes gh/private's branches (its * crosses /): such remotes are left out
  return [local, '--not', ...nested.map((r) => `--exclude=${r}/*`), remote === undefined ? '--remotes' : `--remotes=${remote}`];
}

/**
 * The pre-push hook's question, one per pushed ref: prints a commit among `revs` whose added or
 * removed lines of files in scope match `pattern` (as possibleKeyArgs), or one that adds a state
 * file; prints nothing when there is none. Merges show no patch, as in historyArgs.
 */
export function possibleKeyLogArgs(revs: readonly string[], specs: readonly string[], pattern: string): string[] {
  return ['log', ...QUESTION_LOG_FLAGS, '--text', '--no-textconv', `-G${pattern}`, ...revs, '--', ...specs];
}

export function stateLogArgs(revs: readonly string[]): string[] {
  return ['log', ...QUESTION_LOG_FLAGS, '--diff-filter=ACMRT', ...revs, '--', ...statePathspecs()];
}

/**
 * The history scan's view, widened: a merge against each parent (more than its remerge diff;
 * named in full, as `-m` follows log.diffMerges, which may be "off"), and renamed or copied
 * files as wholly added. Git before 2.31 lacks --diff-merges: the question fails, and the CLI looks.
 */
const QUESTION_LOG_FLAGS = [...HISTORY_FLAGS, '-1', '--format=%H', '--no-ext-diff', '--no-renames', '--diff-merges=separate'];

function statePathspecs(): string[] {
  return pathspecs().filter((_, i) => TARGET_FILES[i]?.kind === 'state');
}

/**
 * Variables that change what Git reads or prints behind the flags: with GIT_LITERAL_PATHSPECS
 * (Magit sets it), the scope's `:(top,glob,icase)` pathspecs would name no file, and nothing would
 * be checked; GIT_DIFF_OPTS=-u0 would take the context lines a label stands on. Every Git the
 * scanner or its hooks start runs without them.
 */
export const IGNORED_GIT_VARIABLES = ['GIT_LITERAL_PATHSPECS', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS', 'GIT_DIFF_OPTS'] as const;

/**
 * Set for every Git the scanner or its hooks start: `git replace` would show another object in
 * place of a commit or blob, while push sends (and the index holds) the original.
 */
export const SET_GIT_VARIABLES = { GIT_NO_REPLACE_OBJECTS: '1' } as const;

/**
 * The revisions a pre-receive hook scans: the pushed tips, `--not --all`. Git runs the hook before
 * it updates any ref, so `--all` is exactly what the repository already had, and the pushed
 * objects are read from the quarantine (GIT_OBJECT_DIRECTORY, inherited from Git). One `git log`
 * for every ref of the push: each new commit is read once, whatever number of refs holds it.
 * Merges as every history scan shows them (mergeDiffArgs): new parents are scanned, old ones the
 * server already has.
 */
export function preReceiveRevs(tips: readonly string[]): string[] {
  return [...tips, '--not', '--all'];
}

/** The repository's server settings (awsKeyGuard.*), from every Git config file, in one call. */
export const SERVER_SETTINGS_ARGS: readonly string[] = ['config', '--get-regexp', '^awskeyguard\\.'];

/** `git version`: whether preReceiveRevs may ask for the remerge diff. */
export const VERSION_ARGS: readonly string[] = ['version'];

/** Where a server repository's hooks live: its git folder (absolute), then `hooks` (core.hooksPath honoured). */
export const SERVER_HOOKS_ARGS: readonly string[] = ['rev-parse', '--absolute-git-dir', '--git-path', 'hooks'];

/** The remote-tracking branches whose tip is `rev`, as --exclude takes them for --remotes (origin/main). */
export function pointingAtArgs(rev: string): string[] {
  return ['for-each-ref', '--format=%(refname:strip=2)', `--points-at=${rev}^{commit}`, 'refs/remotes/']; // a tag: its commit
}

/** Exit 0 when the commit (or what a tag points at) is in the repository. */
export function hasCommitArgs(rev: string): string[] {
  return ['cat-file', '-e', `${rev}^{commit}`];
}

/** The type of what `rev` names, through any tags: commit, tree or blob. */
export function peeledTypeArgs(rev: string): string[] {
  return ['cat-file', '-t', `${rev}^{}`];
}
