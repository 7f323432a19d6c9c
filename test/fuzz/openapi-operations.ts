/** What the fuzzer needs to know of one HTTP operation, read from the OpenAPI document. */
export interface Operation {
  method: string;
  /** Path template, e.g. `/v1/kyc/sessions/{id}`. */
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: JsonSchema; required: boolean }>;
  body?: { contentType: string; schema: JsonSchema };
  /** From the `x-kyc-roles` extension; `public` for operations endpoints. */
  roles: string[];
}

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  $ref?: string;
  allOf?: JsonSchema[];
  format?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        'x-kyc-roles'?: string[];
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Inlines `$ref`s so generators see plain schemas. */
export function resolveSchema(schema: JsonSchema, document: OpenApiDocument, depth = 0): JsonSchema {
  if (depth > 8) return { type: 'object' };
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1)!;
    return resolveSchema(document.components?.schemas?.[name] ?? { type: 'object' }, document, depth + 1);
  }
  if (schema.allOf)
    return resolveSchema(Object.assign({}, ...schema.allOf.map((part) => resolveSchema(part, document, depth + 1))) as JsonSchema, document, depth + 1);
  return {
    ...schema,
    ...(schema.properties
      ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolveSchema(value, document, depth + 1)])) }
      : {}),
    ...(schema.items ? { items: resolveSchema(schema.items, document, depth + 1) } : {}),
  };
}

/** Every operation of the gateway: a new route is fuzzed and role-checked without touching the tests. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = operation.parameters ?? [];
      const content = operation.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
        query: parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => ({
            name: parameter.name,
            schema: resolveSchema(parameter.schema ?? { type: 'string' }, document),
            required: parameter.required ?? false,
          })),
        ...(contentType ? { body: { contentType, schema: resolveSchema(content[contentType]!.schema, document) } } : {}),
        roles: operation['x-kyc-roles'] ?? [],
      });
    }
  }
  return operations;
}

export type { OpenApiDocument };
