export function runInstall(..._a: unknown[]): number { return 2; }
