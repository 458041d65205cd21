/**
 * Torre's TypeScript SDK: REST through openapi-fetch with the types generated from
 * openapi/openapi.yaml, GraphQL through typed operations.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, operations as restOperations, paths } from './generated/openapi.js';
import type { GraphQLOperation, GraphQLResult } from './graphql.js';

export type { components, paths, restOperations };
export type Schemas = components['schemas'];
export * from './graphql.js';

export interface TorreOptions {
  /** Where Torre listens, e.g. http://localhost:8080 */
  baseUrl: string;
  /** A bearer token (JWT) for one tenant. */
  token: string;
  fetch?: typeof globalThis.fetch;
}

export interface Torre {
  /** Every REST operation, typed by path and method: torre.rest.GET('/v1/contacts/{id}', ...). */
  rest: Client<paths>;
  /** Runs a typed GraphQL operation; errors come back in `errors`, not as exceptions. */
  graphql<TData, TVariables>(operation: GraphQLOperation<TData, TVariables>, variables?: TVariables): Promise<GraphQLResult<TData>>;
}

export function createTorre(options: TorreOptions): Torre {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const authorization = `Bearer ${options.token}`;
  const rest = createClient<paths>({ baseUrl: options.baseUrl, headers: { Authorization: authorization }, fetch: fetchFn });
  return {
    rest,
    async graphql<TData, TVariables>(operation: GraphQLOperation<TData, TVariables>, variables?: TVariables) {
      const response = await fetchFn(`${options.baseUrl}/graphql`, {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: operation.document, operationName: operation.name, variables: variables ?? {} }),
      });
      return (await response.json()) as GraphQLResult<TData>;
    },
  };
}
