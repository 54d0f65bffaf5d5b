import { LoaderOptions } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * The tables Medusa's own Payment Module would have and Medusa 2.21.2's data migration scripts still read with SQL:
 * `migrate-normalize-currency-codes` lower-cases the `currency_code` of each, table by table. With this module in place
 * they do not exist, the script fails, and `db:migrate` stops running migration scripts there: every script after it
 * (product option links, shipping profiles, tax region providers, inventory reservations, and those of later Medusa
 * versions) would never run. An empty view of each name lets the script find nothing to change and complete. A
 * database that still holds the tables (a shop that came from Medusa's own module) keeps them: the script reads those.
 */
export const compatibilityViews = ["payment_collection", "payment_session", "payment"]

const migrationName = "PaymentsFunctionsCompatibilityViews"

type Knex = {
  raw(sql: string, bindings?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
}

function connection(container: LoaderOptions["container"]): Knex {
  return container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Knex
}

/** Creates each view whose name is free; answers the migration as Medusa lists it when a view was made. */
export async function runMigrations({ container, logger }: LoaderOptions) {
  const knex = connection(container)
  const created: string[] = []
  for (const name of compatibilityViews) {
    const { rows } = await knex.raw("select to_regclass(?) is null as free", [name])
    if (rows[0]?.free) {
      await knex.raw(`create view "${name}" as select null::text as id, null::text as currency_code where false`)
      created.push(name)
    }
  }
  if (!created.length) {
    return []
  }
  logger?.info(`payment (@payments-functions/medusa): empty views ${created.join(", ")} for Medusa's data migration scripts`)
  return [{ name: migrationName, path: __filename }]
}

/** Drops the views (never a table of that name), so Medusa's own module can be put back and migrate its tables. */
export async function revertMigration({ container }: LoaderOptions) {
  const knex = connection(container)
  for (const name of compatibilityViews) {
    const { rows } = await knex.raw("select exists (select 1 from pg_views where viewname = ? and schemaname = current_schema()) as view", [name])
    if (rows[0]?.view) {
      await knex.raw(`drop view "${name}"`)
    }
  }
}
