/**
 * HashiCorp's own HCL parser (Go, compiled to WASM in @cdktf/hcl2json): what Terraform would say
 * about a file, offline. Loaded by a specifier TypeScript does not follow, because the package's
 * types reference the DOM library, which would then apply to the whole program.
 */
export async function parseHcl(name: string, text: string): Promise<unknown> {
  const specifier = '@cdktf/hcl2json';
  const { parse } = (await import(specifier)) as { parse: (name: string, text: string) => Promise<unknown> };
  return parse(name, text);
}
