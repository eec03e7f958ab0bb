/**
 * A faster first pass for the keyword prefilter on large batches: a small WebAssembly SIMD
 * routine (Teddy-style nibble tables, as in Hyperscan's literal matcher) proposes the places where
 * the first three bytes of some keyword occur, and the keyword regex itself, anchored at each
 * proposed place, decides. The proposals are a superset of the matches by construction (each
 * keyword's first three bytes, in every case the keyword may take, are in the tables), so the hits
 * are the same places the regex finds on its own, at a fraction of the cost: V8 runs the regex's
 * alternation at 1 to 2 ns per byte, the tables at about a tenth of that.
 *
 * The module is a few hundred bytes, written out below (no toolchain, no dependency); where
 * WebAssembly or its SIMD is missing, or anything about the keywords does not fit, `simdHits`
 * gives undefined and the regex does everything, as before.
 */

/** Batches smaller than this go to the regex alone (the tables pay off on large diffs). */
export const SIMD_MIN_BYTES = 16 * 1024;
/** The largest batch the module's memory takes; larger ones go to the regex alone. */
export const SIMD_MAX_BYTES = 256 * 1024;

const TABLES = 0; // 3 positions x (low nibble, high nibble) x 16 bytes
const DATA = 1024;
const OUT = DATA + SIMD_MAX_BYTES + 64; // after the data and the bytes the last loads read past it
const PAGES = Math.ceil((OUT + (SIMD_MAX_BYTES / 16) * 8) / 65536);
const BUCKETS = 8;

/** A keyword as the prefilter takes it: matched as written, or in any case. */
export interface Keyword {
  text: string;
  anyCase: boolean;
}

export type HitFinder = (text: string, bytes: Uint8Array) => number[];

/** The little of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { scan: (ptr: number, len: number, out: number) => number; mem: { buffer: ArrayBuffer } } };
}

/**
 * A finder of the places where `re` (the keyword regex, global) matches, for batches given both
 * as text and as the same latin1 bytes; undefined where the SIMD route cannot be used.
 */
export function simdHits(re: RegExp, keywords: readonly Keyword[]): HitFinder | undefined {
  const tables = nibbleTables(keywords);
  if (tables === undefined) return undefined;
  let scan: (ptr: number, len: number, out: number) => number;
  let memory: Uint8Array;
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly as WasmApi;
    const { exports } = new wasm.Instance(new wasm.Module(module()), {});
    scan = exports.scan;
    memory = new Uint8Array(exports.mem.buffer);
  } catch {
    return undefined; // no WebAssembly SIMD here
  }
  memory.set(tables, TABLES);
  const out = new Int32Array(memory.buffer, OUT, (SIMD_MAX_BYTES / 16) * 2);
  const anchored = new RegExp(re.source, re.flags.replace('g', '') + 'y');
  return (text, bytes) => {
    const length = bytes.length;
    memory.set(bytes, DATA);
    const blocks = scan(DATA, length, OUT);
    const hits: number[] = [];
    for (let k = 0; k < blocks; k++) {
      const block = out[2 * k] as number;
      for (let mask = out[2 * k + 1] as number; mask !== 0; mask &= mask - 1) {
        const at = block + 31 - Math.clz32(mask & -mask);
        if (at >= length) break;
        anchored.lastIndex = at;
        if (anchored.test(text)) hits.push(at);
      }
    }
    return hits;
  };
}

/**
 * For each of the first three positions, two 16-byte tables (by low and by high nibble) whose
 * entries are bitmasks of the buckets that may have that nibble there. A byte may belong to a
 * bucket's keyword at position k only if both its nibbles say so; a place is proposed when one
 * bucket agrees at all three positions. Undefined if a keyword is shorter than three bytes or
 * not latin1.
 */
function nibbleTables(keywords: readonly Keyword[]): Uint8Array | undefined {
  const tables = new Uint8Array(6 * 16);
  // each distinct first three characters (and whether in any case) gets a bucket, eight at most
  const prefixes = new Map<string, { prefix: string; anyCase: boolean }>();
  for (const k of keywords) {
    const prefix = (k.anyCase ? k.text.toLowerCase() : k.text).slice(0, 3);
    prefixes.set(`${k.anyCase ? 'any' : 'as written'}:${prefix}`, { prefix, anyCase: k.anyCase });
  }
  for (const [i, { prefix, anyCase }] of [...prefixes.values()].entries()) {
    if (prefix.length < 3 || /[^\x00-\xff]/.test(prefix)) return undefined;
    const bit = 1 << (i % BUCKETS);
    for (let position = 0; position < 3; position++) {
      const c = prefix[position] as string;
      for (const variant of anyCase ? [c.toLowerCase(), c.toUpperCase()] : [c]) {
        const code = variant.charCodeAt(0);
        if (variant.length !== 1 || code > 0xff) return undefined; // ß -> SS: not for these tables
        tables[position * 32 + (code & 15)] = (tables[position * 32 + (code & 15)] as number) | bit;
        tables[position * 32 + 16 + (code >> 4)] = (tables[position * 32 + 16 + (code >> 4)] as number) | bit;
      }
    }
  }
  return tables;
}

// --- the module, byte by byte --------------------------------------------------------------------

/**
 * (func $scan (param $ptr i32) (param $len i32) (param $out i32) (result i32)
 *   For each 16-byte block at $ptr + $i ($i = 0, 16, ... while $i < $len): m = T0(load $p) &
 *   T1(load $p+1) & T2(load $p+2), where Tk(v) = swizzle(lo_k, v & 15) & swizzle(hi_k, v >> 4);
 *   if any lane of m is not zero, stores $i and the 16-bit mask of those lanes at $out and counts
 *   it. Returns the count.)
 */
function module(): Uint8Array {
  const SIMD = 0xfd;
  const v128 = 0x7b;
  const i32 = 0x7f;
  // locals after the 3 params: 3 $i, 4 $n, 5 $mask; 6..11 lo0 hi0 lo1 hi1 lo2 hi2; 12 $nib; 13 $zero
  const get = (n: number) => [0x20, n];
  const set = (n: number) => [0x21, n];
  const i32const = (n: number) => [0x41, ...sleb(n)];
  const load = (offset: number) => [SIMD, 0x00, 0x00, ...uleb(offset)]; // v128.load align=1
  const table = (t: number) => (position: number) => [...i32const(0), ...load(TABLES + position * 32 + t * 16), ...set(6 + position * 2 + t)];
  const term = (position: number) => [
    ...get(6 + position * 2), // lo_k
    ...get(0), ...get(3), 0x6a, ...load(position), // v
    ...get(12), SIMD, 0x4e, // v & 15
    SIMD, 0x0e, // swizzle(lo_k, v & 15)
    ...get(6 + position * 2 + 1), // hi_k
    ...get(0), ...get(3), 0x6a, ...load(position), // v
    ...i32const(4), SIMD, 0x6d, // v >> 4 (per byte)
    SIMD, 0x0e, // swizzle(hi_k, v >> 4)
    SIMD, 0x4e, // and
  ];
  const body = [
    // locals: 3 x i32, then 8 x v128
    0x02, 0x03, i32, 0x08, v128,
    ...table(0)(0), ...table(1)(0), ...table(0)(1), ...table(1)(1), ...table(0)(2), ...table(1)(2),
    ...i32const(15), SIMD, 0x0f, ...set(12), // $nib = splat 15
    ...i32const(0), SIMD, 0x0f, ...set(13), // $zero
    0x02, 0x40, // block $done
    0x03, 0x40, // loop $top
    ...get(3), ...get(1), 0x4f, 0x0d, 1, // br_if $done ($i >= $len)
    ...term(0), ...term(1), SIMD, 0x4e, ...term(2), SIMD, 0x4e,
    ...get(13), SIMD, 0x24, // i8x16.ne 0: a lane where some bucket agrees (bitmask reads bit 7 only)
    SIMD, 0x64, // i8x16.bitmask
    0x22, 5, // local.tee $mask
    0x04, 0x40, // if
    ...get(2), ...get(4), ...i32const(3), 0x74, 0x6a, ...get(3), 0x36, 0x02, 0x00, // store $i at $out + 8n
    ...get(2), ...get(4), ...i32const(3), 0x74, 0x6a, ...get(5), 0x36, 0x02, 0x04, // store $mask at +4
    ...get(4), ...i32const(1), 0x6a, ...set(4), // $n++
    0x0b, // end if
    ...get(3), ...i32const(16), 0x6a, ...set(3), // $i += 16
    0x0c, 0, // br $top
    0x0b, // end loop
    0x0b, // end block
    ...get(4),
    0x0b, // end function
  ];
  const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
  const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 3, i32, i32, i32, 1, i32]), // type: (i32 i32 i32) -> i32
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, ...uleb(PAGES)]), // memory
    ...section(7, [2, ...name('scan'), 0x00, 0, ...name('mem'), 0x02, 0]), // exports
    ...section(10, [1, ...uleb(body.length), ...body]), // code
  ]);
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
