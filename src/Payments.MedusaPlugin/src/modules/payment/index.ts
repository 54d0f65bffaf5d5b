import { Module, Modules } from "@medusajs/framework/utils"
import PaymentsFunctionsPaymentModuleService from "./service"

export default Module(Modules.PAYMENT, {
  service: PaymentsFunctionsPaymentModuleService,
})
