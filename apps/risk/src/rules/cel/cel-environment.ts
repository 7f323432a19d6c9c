import { celEnv, CelScalar, mapType, plan, type CelInput, type parse } from '@bufbuild/cel';
import { FEATURE_CATALOG } from '../../assessment/features/feature-catalog.js';
import type { Features } from '../../assessment/features/features.js';

const scalarMap = mapType(CelScalar.STRING, CelScalar.DYN);

/** One CEL environment for every rule: six variables, one per feature namespace. */
export const RULE_ENV = celEnv({
  variables: {
    event: scalarMap,
    device: scalarMap,
    ip: scalarMap,
    geo: scalarMap,
    lists: scalarMap,
    velocity: mapType(CelScalar.STRING, mapType(CelScalar.STRING, CelScalar.INT)),
  },
});

/** Plans an expression in the rule environment; the result takes the bindings of one event. */
// Return type inferred: it carries the typed bindings of RULE_ENV.
export function planRule(ast: ReturnType<typeof parse>) {
  return plan(RULE_ENV, ast);
}

export type RuleBindings = Parameters<ReturnType<typeof planRule>>[0];
type DynMap = RuleBindings['event'];

const INT_FIELDS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(FEATURE_CATALOG).map(([namespace, fields]) => [
    namespace,
    new Set(
      Object.entries(fields)
        .filter(([, spec]) => spec.type === 'int')
        .map(([name]) => name),
    ),
  ]),
);

/** CEL ints are 64-bit: JS numbers of int features become bigints, doubles stay numbers. */
function namespaceMap(namespace: string, values: Record<string, unknown>): DynMap {
  const ints = INT_FIELDS[namespace];
  const map = new Map<string, CelInput>();
  for (const [key, value] of Object.entries(values)) {
    map.set(key, ints?.has(key) ? BigInt(Math.trunc(value as number)) : (value as CelInput));
  }
  return map as DynMap;
}

/** Built once per event and shared by the live and shadow rulesets. */
export function toRuleBindings(features: Features): RuleBindings {
  const velocity = new Map<string, Map<string, bigint>>();
  for (const [name, counts] of Object.entries(features.velocity)) {
    velocity.set(name, new Map(Object.entries(counts).map(([window, count]) => [window, BigInt(count)])));
  }
  return {
    event: namespaceMap('event', features.event),
    device: namespaceMap('device', features.device),
    ip: namespaceMap('ip', features.ip),
    geo: namespaceMap('geo', features.geo),
    lists: namespaceMap('lists', features.lists),
    velocity,
  };
}
