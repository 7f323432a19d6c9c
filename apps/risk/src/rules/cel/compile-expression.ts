import { isCelError, parse } from '@bufbuild/cel';
import { FEATURE_CATALOG, FEATURE_NAMESPACES, isVelocityFeature, isWindowKey } from '../../assessment/features/feature-catalog.js';
import { sampleFeatures } from '../../assessment/features/sample-features.js';
import { planRule, RULE_ENV, toRuleBindings, type RuleBindings } from './cel-environment.js';

type Expr = ReturnType<typeof parse>['expr'];

export type ExpressionProblemCode = 'CEL_SYNTAX' | 'CEL_UNKNOWN_NAME' | 'CEL_UNKNOWN_FUNCTION' | 'CEL_TYPE' | 'CEL_NOT_BOOLEAN' | 'CEL_TOO_COMPLEX';

export interface ExpressionProblem {
  code: ExpressionProblemCode;
  message: string;
}

/** A feature an expression reads, for explanations ("observed: … = 4"). */
export interface FeatureRef {
  namespace: string;
  field: string;
  window?: string;
}

export type RuleRun = { result: 'HIT' | 'NO_HIT' } | { result: 'ERROR'; error: string };

export interface CompiledExpression {
  run(bindings: RuleBindings): RuleRun;
  references: FeatureRef[];
}

export type CompileResult = { ok: true; expression: CompiledExpression } | { ok: false; problem: ExpressionProblem };

const MAX_NODES = 400;
/** Loops inside loops multiply: two levels over literal lists stay in the microseconds, three could stall every assessment. */
const MAX_LOOP_DEPTH = 2;
/** Operators the planner implements itself; everything else must be a function the environment declares. */
const PLANNER_OPERATORS = new Set(['_&&_', '_||_', '_[_]', '_?_:_', '@not_strictly_false']);
const NAMESPACES = new Set<string>(FEATURE_NAMESPACES);
/** The messages CEL gives for type errors, as opposed to data-dependent ones (division by zero, overflow). */
const TYPE_ERROR = /no such overload|no matching overload|unbound function|unresolved attribute|field not found|no such key|found no matching/i;

class Checker {
  readonly references: FeatureRef[] = [];
  private nodes = 0;
  private loopDepth = 0;

  check(expr: Expr | undefined, scope: ReadonlySet<string>): ExpressionProblem | undefined {
    if (!expr) return undefined;
    if (++this.nodes > MAX_NODES) return { code: 'CEL_TOO_COMPLEX', message: `expression has more than ${MAX_NODES} nodes` };
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'constExpr':
        return undefined;
      case 'identExpr':
        if (scope.has(kind.value.name) || NAMESPACES.has(kind.value.name)) return undefined;
        return { code: 'CEL_UNKNOWN_NAME', message: `unknown name '${kind.value.name}'; use one of ${FEATURE_NAMESPACES.join(', ')}` };
      case 'selectExpr':
        return this.select(kind.value.operand, kind.value.field, scope);
      case 'callExpr': {
        const fn = kind.value.function;
        if (!PLANNER_OPERATORS.has(fn) && RULE_ENV.funcs.find(fn) === undefined) return { code: 'CEL_UNKNOWN_FUNCTION', message: `unknown function '${fn}'` };
        if (fn === '_[_]') {
          const windowProblem = this.velocityIndex(kind.value.args[0], kind.value.args[1], scope);
          if (windowProblem) return windowProblem;
        }
        return this.all([kind.value.target, ...kind.value.args], scope);
      }
      case 'listExpr':
        return this.all(kind.value.elements, scope);
      case 'structExpr':
        if (kind.value.messageName) return { code: 'CEL_UNKNOWN_NAME', message: `message types are not available ('${kind.value.messageName}')` };
        for (const entry of kind.value.entries) {
          const problem = (entry.keyKind.case === 'mapKey' ? this.check(entry.keyKind.value, scope) : undefined) ?? this.check(entry.value, scope);
          if (problem) return problem;
        }
        return undefined;
      case 'comprehensionExpr': {
        const { iterVar, iterVar2, accuVar } = kind.value;
        const inner = new Set([...scope, iterVar, accuVar, ...(iterVar2 ? [iterVar2] : [])]);
        const outer = this.check(kind.value.iterRange, scope) ?? this.check(kind.value.accuInit, scope);
        if (outer) return outer;
        if (++this.loopDepth > MAX_LOOP_DEPTH)
          return { code: 'CEL_TOO_COMPLEX', message: `loops (all, exists, map, filter) nest at most ${MAX_LOOP_DEPTH} deep` };
        const problem = this.all([kind.value.loopCondition, kind.value.loopStep, kind.value.result], inner);
        this.loopDepth--;
        return problem;
      }
      default:
        return { code: 'CEL_SYNTAX', message: 'unsupported expression' };
    }
  }

  private all(exprs: Array<Expr | undefined>, scope: ReadonlySet<string>): ExpressionProblem | undefined {
    for (const expr of exprs) {
      const problem = this.check(expr, scope);
      if (problem) return problem;
    }
    return undefined;
  }

  /** `device.emulator`: the field must exist in the namespace. */
  private select(operand: Expr | undefined, field: string, scope: ReadonlySet<string>): ExpressionProblem | undefined {
    const namespace = operand?.exprKind.case === 'identExpr' ? operand.exprKind.value.name : undefined;
    if (namespace === undefined || scope.has(namespace)) {
      if (operand?.exprKind.case === 'selectExpr' && this.namespaceOf(operand, scope) === 'velocity') {
        return { code: 'CEL_UNKNOWN_NAME', message: `index velocity features by window, e.g. ['1h'], not '.${field}'` };
      }
      return this.check(operand, scope);
    }
    if (namespace === 'velocity') {
      if (!isVelocityFeature(field)) return { code: 'CEL_UNKNOWN_NAME', message: `unknown velocity feature '${field}'` };
      return undefined;
    }
    const fields = (FEATURE_CATALOG as Record<string, Record<string, unknown> | undefined>)[namespace];
    if (!fields) return this.check(operand, scope);
    if (!Object.hasOwn(fields, field)) return { code: 'CEL_UNKNOWN_NAME', message: `unknown feature '${namespace}.${field}'` };
    this.references.push({ namespace, field });
    return undefined;
  }

  /** `velocity.events_per_device['5m']`: a literal window must be one we compute. */
  private velocityIndex(target: Expr | undefined, index: Expr | undefined, scope: ReadonlySet<string>): ExpressionProblem | undefined {
    if (target?.exprKind.case !== 'selectExpr' || this.namespaceOf(target, scope) !== 'velocity') return undefined;
    const feature = target.exprKind.value.field;
    if (index?.exprKind.case === 'constExpr' && index.exprKind.value.constantKind.case === 'stringValue') {
      const window = index.exprKind.value.constantKind.value;
      if (!isWindowKey(window)) return { code: 'CEL_UNKNOWN_NAME', message: `unknown window '${window}'; use 5m, 1h, 24h or 7d` };
      this.references.push({ namespace: 'velocity', field: feature, window });
    }
    return undefined;
  }

  private namespaceOf(select: Expr, scope: ReadonlySet<string>): string | undefined {
    if (select.exprKind.case !== 'selectExpr') return undefined;
    const operand = select.exprKind.value.operand;
    return operand?.exprKind.case === 'identExpr' && !scope.has(operand.exprKind.value.name) ? operand.exprKind.value.name : undefined;
  }
}

const SAMPLES = [toRuleBindings(sampleFeatures('high')), toRuleBindings(sampleFeatures('low'))];

function runner(program: (bindings: RuleBindings) => unknown): (bindings: RuleBindings) => RuleRun {
  return (bindings) => {
    try {
      const value = program(bindings);
      if (value === true) return { result: 'HIT' };
      if (value === false) return { result: 'NO_HIT' };
      if (isCelError(value)) return { result: 'ERROR', error: value.message.slice(0, 200) };
      return { result: 'ERROR', error: 'the expression did not yield a bool' };
    } catch (error) {
      // The evaluator is not supposed to throw; if it does, the rule errs, the request does not.
      return { result: 'ERROR', error: error instanceof Error ? error.message.slice(0, 200) : 'evaluation failed' };
    }
  };
}

/**
 * Parses, checks and plans one rule expression. Names, fields, windows and
 * functions are checked statically; types by evaluating the plan on two
 * extreme feature sets. Data-dependent failures (division by zero) pass:
 * at run time they are recorded as the rule's `error`, never a failure.
 */
export function compileExpression(source: string): CompileResult {
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(source);
  } catch (error) {
    return { ok: false, problem: { code: 'CEL_SYNTAX', message: error instanceof Error ? error.message.replace(/^<input>:/, 'at ') : 'syntax error' } };
  }
  const checker = new Checker();
  const problem = checker.check(ast.expr, new Set());
  if (problem) return { ok: false, problem };
  let run: (bindings: RuleBindings) => RuleRun;
  try {
    const planned = planRule(ast);
    run = runner((bindings) => planned(bindings));
  } catch (error) {
    return { ok: false, problem: { code: 'CEL_SYNTAX', message: error instanceof Error ? error.message : 'cannot plan the expression' } };
  }
  for (const sample of SAMPLES) {
    const trial = run(sample);
    if (trial.result === 'ERROR' && TYPE_ERROR.test(trial.error)) return { ok: false, problem: { code: 'CEL_TYPE', message: trial.error } };
    if (trial.result === 'ERROR' && trial.error === 'the expression did not yield a bool') {
      return { ok: false, problem: { code: 'CEL_NOT_BOOLEAN', message: 'the expression must yield a bool (true when the rule hits)' } };
    }
  }
  return { ok: true, expression: { run, references: dedupe(checker.references) } };
}

function dedupe(references: FeatureRef[]): FeatureRef[] {
  const seen = new Set<string>();
  return references.filter((ref) => {
    const key = `${ref.namespace}.${ref.field}.${ref.window ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
