/**
 * Typed GraphQL operations: each document is checked against graphql-schema/schema.graphql
 * by the test suite (test/graphql-documents.test.ts), and its result type is written here by
 * hand to match the selection, so that `tsc --strict` checks every use.
 */
export interface GraphQLOperation<TData, TVariables> {
  readonly name: string;
  readonly document: string;
  /** Phantom field carrying the types; never set. */
  readonly __types?: { data: TData; variables: TVariables };
}

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; errors?: { field: string; code: string; message: string }[]; retryAfter?: number };
}

export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: GraphQLErrorEntry[];
}

/** The README's query: contacts, each with its company and that company's first contacts. */
export interface ContactsWithCompanyVariables {
  first?: number;
  filter?: string;
  after?: string;
}

export interface ContactsWithCompanyData {
  contacts: {
    edges: ({
      node: {
        id: string | null;
        email: string | null;
        company: { name: string | null; contacts: ({ email: string | null } | null)[] | null } | null;
      } | null;
    } | null)[] | null;
    pageInfo: { hasNextPage: boolean | null; endCursor: string | null } | null;
  } | null;
}

export const ContactsWithCompany: GraphQLOperation<ContactsWithCompanyData, ContactsWithCompanyVariables> = {
  name: 'ContactsWithCompany',
  document: `query ContactsWithCompany($first: Int, $filter: String, $after: String) {
  contacts(first: $first, filter: $filter, after: $after) {
    edges { node { id email company { name contacts(first: 10) { email } } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
};

/** Every operation this SDK ships, for the schema check. */
export const operations: GraphQLOperation<unknown, unknown>[] = [ContactsWithCompany];
