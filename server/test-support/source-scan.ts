import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The server's source read by TypeScript's own parser, for the architecture tests (architecture.spec.ts):
 * every product file (server/src, specs left out), its imports (type-only ones marked), and finders for
 * the patterns the ownership rules forbid. Nothing is compiled or type-checked: parsing only, no database.
 */
export const SRC = path.resolve(__dirname, '../src');

export interface SourceFile {
  /** path relative to server/src, with forward slashes */
  rel: string;
  ast: ts.SourceFile;
  imports: { target: string; typeOnly: boolean }[];
}

export function parse(rel: string, text: string): ts.SourceFile {
  return ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function productFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Relative imports of a file (static, re-exports and dynamic `import('./x')`), resolved to files under server/src. */
export function importsOf(ast: ts.SourceFile, fileRel: string): { target: string; typeOnly: boolean }[] {
  const out: { target: string; typeOnly: boolean }[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) return;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fileRel), specifier.replace(/\.js$/, '.ts')));
    out.push({ target: resolved.endsWith('.ts') ? resolved : `${resolved}.ts`, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return out;
}

/** Every product file of server/src, parsed. */
export function readSources(): SourceFile[] {
  return productFiles().map((file) => {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    const ast = parse(rel, fs.readFileSync(file, 'utf8'));
    return { rel, ast, imports: importsOf(ast, rel) };
  });
}

/** A finding: where, and the code found. */
export interface Finding {
  file: string;
  line: number;
  code: string;
}

function finding(ast: ts.SourceFile, node: ts.Node): Finding {
  const { line } = ast.getLineAndCharacterOfPosition(node.getStart(ast));
  return { file: ast.fileName, line: line + 1, code: node.getText(ast).replace(/\s+/g, ' ').slice(0, 120) };
}

function walk(ast: ts.SourceFile, visit: (node: ts.Node) => void): void {
  const go = (node: ts.Node) => {
    visit(node);
    ts.forEachChild(node, go);
  };
  go(ast);
}

/** The text of every string and template literal (where SQL lives), with its node. */
function literals(ast: ts.SourceFile): { node: ts.Node; text: string }[] {
  const out: { node: ts.Node; text: string }[] = [];
  walk(ast, (node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push({ node, text: node.text });
    else if (ts.isTemplateExpression(node)) out.push({ node, text: [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? ') });
  });
  return out;
}

/** SQL that inserts, updates, deletes or truncates rows of `table`. */
export function sqlWritesTo(ast: ts.SourceFile, table: string): Finding[] {
  const write = new RegExp(`\\b(insert\\s+into|update|delete\\s+from|merge\\s+into|truncate(\\s+table)?)\\s+"?${table}"?\\b`, 'i');
  return literals(ast)
    .filter((l) => write.test(l.text))
    .map((l) => finding(ast, l.node));
}

const ORM_WRITES = new Set(['create', 'nativeUpdate', 'nativeDelete', 'upsert', 'upsertMany', 'insert', 'insertMany', 'createQueryBuilder', 'qb', 'assign', 'persist', 'persistAndFlush', 'remove', 'removeAndFlush']);

/** ORM calls that write `entity` (`em.create(Entity, …)`, `nativeUpdate(Entity, …)`, …) and `new Entity()`. */
export function ormWritesOf(ast: ts.SourceFile, entity: string): Finding[] {
  const out: Finding[] = [];
  walk(ast, (node) => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === entity) out.push(finding(ast, node));
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ORM_WRITES.has(node.expression.name.text)) {
      const first = node.arguments[0];
      if (first && ts.isIdentifier(first) && first.text === entity) out.push(finding(ast, node));
    }
  });
  return out;
}

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

/** Assignments (`x.field = …`, `+=`, `++`…) to a property with one of these names. */
export function assignmentsTo(ast: ts.SourceFile, fields: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const target = (node: ts.Node) => ts.isPropertyAccessExpression(node) && fields.has(node.name.text);
  walk(ast, (node) => {
    if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind) && target(node.left)) out.push(finding(ast, node));
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) && target(node.operand)) {
      out.push(finding(ast, node));
    }
  });
  return out;
}

/** `….publish(Topics.<topic>, …)` calls. */
export function publishesOf(ast: ts.SourceFile, topic: string): Finding[] {
  const out: Finding[] = [];
  walk(ast, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'publish') return;
    const first = node.arguments[0];
    if (first && ts.isPropertyAccessExpression(first) && first.name.text === topic) out.push(finding(ast, node));
  });
  return out;
}

/** Decisions taken on a provider error's code (`x.code === 'AUTH'`, `switch (x.code) { case 'AUTH': … }`). */
export function providerCodeChecks(ast: ts.SourceFile, codes: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const isCode = (node: ts.Node) => ts.isPropertyAccessExpression(node) && node.name.text === 'code';
  const isProviderCode = (node: ts.Node) => ts.isStringLiteralLike(node) && codes.has(node.text);
  const comparisons = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
  walk(ast, (node) => {
    if (ts.isBinaryExpression(node) && comparisons.has(node.operatorToken.kind)) {
      if ((isCode(node.left) && isProviderCode(node.right)) || (isCode(node.right) && isProviderCode(node.left))) out.push(finding(ast, node));
    }
    if (ts.isSwitchStatement(node) && isCode(node.expression) && node.caseBlock.clauses.some((c) => ts.isCaseClause(c) && isProviderCode(c.expression))) {
      out.push(finding(ast, node.expression));
    }
  });
  return out;
}

/** Properties of a class that are not `readonly`. */
export function mutableProperties(ast: ts.SourceFile, className: string): string[] {
  const out: string[] = [];
  walk(ast, (node) => {
    if (!ts.isClassDeclaration(node) || node.name?.text !== className) return;
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member)) continue;
      const readonly = ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
      if (!readonly) out.push(member.name.getText(ast));
    }
  });
  return out;
}

/** Strongly connected components with more than one member (or a self-import): the import cycles. */
export function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    order.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!order.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!order.has(v)) connect(v);
  return found;
}

/** The folder a file belongs to for the layering check: its directory, or the file itself at the top of server/src. */
export function folderOf(rel: string): string {
  const dir = path.posix.dirname(rel);
  return dir === '.' ? rel : dir;
}
