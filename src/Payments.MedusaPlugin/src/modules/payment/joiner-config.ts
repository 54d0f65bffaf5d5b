import { JoinerServiceConfigAlias, ModuleJoinerConfig } from "@medusajs/framework/types"
import { joinerConfig as medusaPaymentJoinerConfig } from "@medusajs/payment/dist/joiner-config"

/**
 * Medusa's own Payment Module's joiner configuration, so `query.graph` and the link modules (cart, order, claim,
 * exchange, region, customer) resolve against this module exactly as against Medusa's. One thing is left out: the
 * table metadata (`__internal`) with which Medusa 2.21's Query pushes cross-module filters down into SQL joins on
 * the `payment_*` tables. Those tables are not where the payments are (they do not exist, or hold stale rows), so
 * such filters stay with Query's in-memory stage, which reads through this module.
 *
 * A fresh object each call: `Module()` overwrites `idPrefixToEntityName` on the object it is handed.
 */
export function paymentJoinerConfig(): ModuleJoinerConfig {
  const aliases = medusaPaymentJoinerConfig.alias as (JoinerServiceConfigAlias & { __internal?: unknown })[]
  return {
    ...medusaPaymentJoinerConfig,
    alias: aliases.map(({ __internal, ...alias }) => alias),
  }
}
