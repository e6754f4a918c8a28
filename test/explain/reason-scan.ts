// Finds every reason id the protocol machines can emit, by reading their
// source with the TypeScript compiler and following the values back from
// where they land:
//   - StateChange.reasonId (src/nd/machine.ts)  → a state change the catalogue must explain;
//   - Drop.rule            (src/nd/machine.ts)  → a drop the catalogue must explain.
//
// A regex over the sources would miss ids that travel: `remove(key, why,
// 'rd.router.expired', …)` passes the id through a parameter, the RFC 4861
// §7.2.5 table passes it through NaOutcome.reasonId, and `dst-${via}` builds
// it from a union type. So this is a small data-flow walk:
//   literal                  → the value
//   a ? b : c, a ?? b        → both sides
//   `x-${e}`                 → every combination (e resolved the same way)
//   e.toLowerCase()          → e's values, lower-cased
//   const x = e              → e
//   parameter p of f         → p's default, and the argument at p's position
//                              in every call of f anywhere in src/
//   o.prop                   → every object-literal value written to that
//                              property declaration (found by contextual type)
//   anything else            → its type, when that is a union of string
//                              literals; otherwise it is reported as
//                              unresolved, and the test fails: a scan that
//                              cannot see a value must not pass silently.

import ts from 'typescript';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type Sink = 'change' | 'drop';

export interface ReasonScan {
  /** Every id found, with the sinks it can reach and one place it is written. */
  ids: Map<string, { sinks: Set<Sink>; at: string }>;
  /** Expressions whose values could not be determined: "file:line: text". */
  unresolved: string[];
  /** Sink sites seen (a sanity count: zero means the scan looked at nothing). */
  sinkSites: number;
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Where machine methods are called from: the machines and the stacks that compose them. */
export function defaultCallDirs(root: string): string[] {
  return ['src/nd', 'src/slaac', 'src/sim', 'src/stack'].map((d) => join(root, d)).filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
}

/**
 * Scans `sinkDirs` (absolute paths) for sink sites; call sites that feed
 * parameters are looked for in `callDirs` as well.
 */
export function scanReasonIds(root: string, sinkDirs: string[], callDirs: string[] = defaultCallDirs(root)): ReasonScan {
  const files = [...new Set([...sinkDirs, ...callDirs].flatMap(listTs))];
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    jsx: ts.JsxEmit.ReactJSX,
    types: [],
  });
  const checker = program.getTypeChecker();
  const inDirs = (f: ts.SourceFile, dirs: string[]): boolean => dirs.some((d) => f.fileName.startsWith(d));
  const sources = program.getSourceFiles().filter((f) => !f.isDeclarationFile && inDirs(f, [...sinkDirs, ...callDirs]));

  // The two sink declarations.
  const machineFile = program.getSourceFile(join(root, 'src/nd/machine.ts'));
  if (!machineFile) throw new Error('src/nd/machine.ts not in the program');
  const sinkDecls = new Map<ts.Node, Sink>();
  machineFile.forEachChild((n) => {
    if (!ts.isInterfaceDeclaration(n)) return;
    for (const m of n.members) {
      if (!ts.isPropertySignature(m) || !ts.isIdentifier(m.name)) continue;
      if (n.name.text === 'StateChange' && m.name.text === 'reasonId') sinkDecls.set(m, 'change');
      if (n.name.text === 'Drop' && m.name.text === 'rule') sinkDecls.set(m, 'drop');
    }
  });
  if (sinkDecls.size !== 2) throw new Error('StateChange.reasonId or Drop.rule not found in src/nd/machine.ts');

  // Index: property declaration → value expressions written to it (object
  // literals by contextual type, and `x.p = v` assignments); and every call.
  const writers = new Map<ts.Node, ts.Expression[]>();
  const calls: ts.CallExpression[] = [];
  // Object literals with no declared type (`const why = { id: 'x' }`) reach a
  // typed property structurally; matched later by property names.
  const untyped: ts.ObjectLiteralExpression[] = [];
  const addWriter = (decl: ts.Node, value: ts.Expression): void => {
    const list = writers.get(decl);
    if (list) list.push(value);
    else writers.set(decl, [value]);
  };
  const propertyDecls = (type: ts.Type | undefined, name: string): ts.Node[] => {
    if (!type) return [];
    const parts = type.isUnion() ? type.types : [type];
    const out: ts.Node[] = [];
    for (const t of parts) for (const d of checker.getPropertyOfType(t, name)?.declarations ?? []) out.push(d);
    return out;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const ctx = checker.getContextualType(node);
      if (ctx === undefined) untyped.push(node);
      for (const p of node.properties) {
        if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !p.name || !ts.isIdentifier(p.name)) continue;
        const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
        for (const d of propertyDecls(ctx, p.name.text)) addWriter(d, value);
        // An object literal with no declared type is its own declaration.
        addWriter(p, value);
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      for (const d of checker.getSymbolAtLocation(node.left.name)?.declarations ?? []) addWriter(d, node.right);
    } else if (ts.isCallExpression(node)) {
      calls.push(node);
    }
    ts.forEachChild(node, visit);
  };
  for (const f of sources) visit(f);

  const where = (n: ts.Node): string => {
    const f = n.getSourceFile();
    const { line } = f.getLineAndCharacterOfPosition(n.getStart());
    return `${relative(root, f.fileName)}:${line + 1}`;
  };
  const unresolved: string[] = [];
  const fail = (n: ts.Node, why: string): null => {
    unresolved.push(`${where(n)}: ${why}: ${n.getText().slice(0, 80)}`);
    return null;
  };

  const literalUnion = (n: ts.Node): string[] | null => {
    const t = checker.getTypeAtLocation(n);
    const parts = t.isUnion() ? t.types : [t];
    const out: string[] = [];
    for (const p of parts) {
      if (p.isStringLiteral()) out.push(p.value);
      else if (p.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) continue;
      else return null;
    }
    return out.length > 0 ? out : null;
  };

  // Memo per node; `null` while in progress breaks cycles (a → b → a adds nothing).
  const memo = new Map<ts.Node, string[] | null>();
  const values = (e: ts.Node): string[] | null => {
    if (memo.has(e)) return memo.get(e) ?? [];
    memo.set(e, null);
    const v = compute(e);
    memo.set(e, v);
    return v;
  };
  const union = (parts: (string[] | null)[]): string[] | null => {
    if (parts.some((p) => p === null)) return null;
    return [...new Set(parts.flat() as string[])];
  };

  /** Values written to `decl` (a member of an interface or type literal) by
   *  untyped object literals that have every required member of that type. */
  const structuralWriters = (decl: ts.Node): ts.Expression[] => {
    const owner = decl.parent;
    if (!(ts.isPropertySignature(decl) && (ts.isInterfaceDeclaration(owner) || ts.isTypeLiteralNode(owner)))) return [];
    const name = (decl.name as ts.Identifier).text;
    const required = owner.members
      .filter((m): m is ts.PropertySignature => ts.isPropertySignature(m) && !m.questionToken && ts.isIdentifier(m.name))
      .map((m) => (m.name as ts.Identifier).text);
    const out: ts.Expression[] = [];
    for (const lit of untyped) {
      const props = new Map<string, ts.Expression>();
      for (const p of lit.properties) {
        if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) props.set(p.name.text, p.initializer);
        else if (ts.isShorthandPropertyAssignment(p)) props.set(p.name.text, p.name);
      }
      const value = props.get(name);
      if (value !== undefined && required.every((r) => props.has(r))) out.push(value);
    }
    return out;
  };

  const fromSymbolDecl = (decl: ts.Node, at: ts.Node): string[] | null => {
    if (ts.isParameter(decl)) {
      const fn = decl.parent;
      const index = fn.parameters.indexOf(decl);
      const parts: (string[] | null)[] = [];
      if (decl.initializer) parts.push(values(decl.initializer));
      for (const call of calls) {
        const sig = checker.getResolvedSignature(call);
        if (sig?.declaration !== fn) continue;
        const arg = call.arguments[index];
        if (arg) parts.push(values(arg));
      }
      return union(parts);
    }
    if (ts.isVariableDeclaration(decl)) {
      const isConst = (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) !== 0;
      if (isConst && decl.initializer) return values(decl.initializer);
      return literalUnion(at) ?? fail(at, 'a non-const variable');
    }
    if (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isShorthandPropertyAssignment(decl)) {
      const parts = [...(writers.get(decl) ?? []), ...structuralWriters(decl)].map((w) => values(w));
      if (ts.isPropertyDeclaration(decl) && decl.initializer) parts.push(values(decl.initializer));
      if (parts.length === 0) return literalUnion(at) ?? fail(at, 'a property nothing in src/ writes');
      return union(parts);
    }
    return literalUnion(at) ?? fail(at, `a ${ts.SyntaxKind[decl.kind]}`);
  };

  const compute = (e: ts.Node): string[] | null => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) return values(e.expression);
    if (ts.isConditionalExpression(e)) return union([values(e.whenTrue), values(e.whenFalse)]);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return union([values(e.left), values(e.right)]);
    }
    if (e.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(e) && e.text === 'undefined') || e.kind === ts.SyntaxKind.NullKeyword) return [];
    if (ts.isTemplateExpression(e)) {
      let acc: string[] = [e.head.text];
      for (const span of e.templateSpans) {
        const vs = values(span.expression);
        if (vs === null) return null;
        acc = acc.flatMap((a) => vs.map((v) => a + v + span.literal.text));
      }
      return acc;
    }
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments.length === 0) {
      const m = e.expression.name.text;
      if (m === 'toLowerCase' || m === 'toUpperCase') {
        const inner = values(e.expression.expression);
        return inner && inner.map((s) => (m === 'toLowerCase' ? s.toLowerCase() : s.toUpperCase()));
      }
    }
    // A name or property whose type is a union of string literals: the type
    // lists every value it can hold (a superset of what callers pass, which is
    // the safe direction for "every id needs an entry").
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) {
      const typed = literalUnion(e);
      if (typed !== null) return typed;
    }
    if (ts.isShorthandPropertyAssignment(e.parent) && e.parent.name === e) {
      const sym = checker.getShorthandAssignmentValueSymbol(e.parent);
      const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
      return decl ? fromSymbolDecl(decl, e) : (literalUnion(e) ?? fail(e, 'no symbol'));
    }
    if (ts.isIdentifier(e)) {
      const sym = checker.getSymbolAtLocation(e);
      const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
      return decl ? fromSymbolDecl(decl, e) : (literalUnion(e) ?? fail(e, 'no symbol'));
    }
    if (ts.isPropertyAccessExpression(e)) {
      const decls = checker.getSymbolAtLocation(e.name)?.declarations ?? [];
      if (decls.length === 0) return literalUnion(e) ?? fail(e, 'no declaration');
      return union(decls.map((d) => fromSymbolDecl(d, e)));
    }
    return literalUnion(e) ?? fail(e, 'cannot tell its values');
  };

  const ids = new Map<string, { sinks: Set<Sink>; at: string }>();
  let sinkSites = 0;
  for (const [decl, sink] of sinkDecls) {
    for (const w of writers.get(decl) ?? []) {
      if (!inDirs(w.getSourceFile(), sinkDirs)) continue;
      sinkSites++;
      for (const id of values(w) ?? []) {
        const known = ids.get(id);
        if (known) known.sinks.add(sink);
        else ids.set(id, { sinks: new Set([sink]), at: where(w) });
      }
    }
  }
  return { ids, unresolved: [...new Set(unresolved)], sinkSites };
}
