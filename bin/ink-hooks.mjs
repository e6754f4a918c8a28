// Module resolution hook (node:module register) for the terminal UI: Ink's
// own imports of `widest-line` get bin/ink-widest-line.mjs, the same function
// with a cache. Nothing else is changed; other importers keep the original.
const SHIM = new URL('./ink-widest-line.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'widest-line' && /[\\/]node_modules[\\/]ink[\\/]/.test(context.parentURL ?? '')) {
    return { url: SHIM, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
