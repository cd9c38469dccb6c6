/** One schema change, applied at most once per database. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
