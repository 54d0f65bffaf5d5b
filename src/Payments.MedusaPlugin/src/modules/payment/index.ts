import { Module, Modules } from "@medusajs/framework/utils"
import { revertMigration, runMigrations } from "./migrations"
import PaymentsFunctionsPaymentModuleService from "./service"

// Module() keeps only the service and loaders; the module's own migrations are exports beside them.
export default {
  ...Module(Modules.PAYMENT, { service: PaymentsFunctionsPaymentModuleService }),
  runMigrations,
  revertMigration,
}
