import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, PaymentActions } from "@medusajs/framework/utils"
import { processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { linkCartPaymentCollectionWorkflow } from "../workflows/link-cart-payment-collection"
import { recordPaymentMovesWorkflowId } from "../workflows/record-payment-moves"
import { PaymentsFunctionsEvent } from "./events"

/** What Medusa does for each event; the answer's body is returned to Payments.Functions. */
export async function handleEvent(
  container: MedusaContainer,
  event: PaymentsFunctionsEvent | { id: string; type: string }
): Promise<Record<string, unknown>> {
  const known = event as PaymentsFunctionsEvent
  switch (known.type) {
    case "payment_collection.created": {
      const { result } = await linkCartPaymentCollectionWorkflow(container).run({ input: known.data })
      return result
    }
    case "payment_session.authorized":
      // What Medusa's own webhook subscriber runs once a provider reports a session authorized or captured:
      // it authorizes and captures through this module and completes the session's cart.
      await processPaymentWorkflow(container).run({
        input: {
          action: known.data.status === "captured" ? PaymentActions.SUCCESSFUL : PaymentActions.AUTHORIZED,
          data: { session_id: known.data.payment_session_id, amount: known.data.amount },
        },
      })
      return { handled: true }
    case "payment.captured":
    case "payment.refunded": {
      const captured = known.type === "payment.captured"
      await container.resolve(Modules.WORKFLOW_ENGINE).run(recordPaymentMovesWorkflowId, {
        input: {
          payment_id: known.data.payment_id,
          payment_collection_id: known.data.payment_collection_id,
          kind: captured ? "capture" : "refund",
          ids: captured ? known.data.capture_ids : known.data.refund_ids,
        },
        transactionId: known.id,
      })
      return { handled: true }
    }
    default:
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`Payments.Functions event ${event.id} has an unknown type ${event.type}; ignored`)
      return { handled: false }
  }
}
