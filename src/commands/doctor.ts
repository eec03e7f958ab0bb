export function runDoctor(..._a: unknown[]): number { return 2; }
