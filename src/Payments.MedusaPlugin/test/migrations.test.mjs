// The module's own migration: empty views where Medusa's data migration scripts look for payment tables, never over a
// table a shop still has, and undone without touching one.
import assert from "node:assert/strict"
import { describe, it } from "node:test"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { compatibilityViews, revertMigration, runMigrations } from "../.medusa/server/src/modules/payment/migrations.js"

/** A database holding the named tables and views, that records the statements it runs. */
function database({ tables = [], views = [] } = {}) {
  const statements = []
  const knex = {
    async raw(sql, [name] = []) {
      statements.push(sql)
      if (sql.startsWith("select to_regclass")) return { rows: [{ free: !tables.includes(name) && !views.includes(name) }] }
      if (sql.startsWith("select exists")) return { rows: [{ view: views.includes(name) }] }
      return { rows: [] }
    },
  }
  const container = { resolve: (key) => (assert.equal(key, ContainerRegistrationKeys.PG_CONNECTION), knex) }
  return { container, changes: () => statements.filter((sql) => !sql.startsWith("select")) }
}

describe("the module's migration", () => {
  it("makes an empty view of each payment table Medusa's scripts read", async () => {
    const { container, changes } = database()

    const migrated = await runMigrations({ container })

    assert.deepEqual(changes(), compatibilityViews.map((name) =>
      `create view "${name}" as select null::text as id, null::text as currency_code where false`))
    assert.equal(migrated.length, 1)
  })

  it("leaves the tables of a shop that came from Medusa's own module, and reports nothing to do once done", async () => {
    const fromStock = database({ tables: compatibilityViews })
    const again = database({ views: compatibilityViews })

    assert.deepEqual(await runMigrations(fromStock), [])
    assert.deepEqual(await runMigrations(again), [])
    assert.deepEqual([...fromStock.changes(), ...again.changes()], [])
  })

  it("drops its views and never a table", async () => {
    const { container, changes } = database({ tables: ["payment"], views: ["payment_collection", "payment_session"] })

    await revertMigration({ container })

    assert.deepEqual(changes(), ['drop view "payment_collection"', 'drop view "payment_session"'])
  })
})
