import { BigNumberInput } from "@medusajs/framework/types"
import { MathBN, PaymentEvents } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { addOrderTransactionStep, emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"

export type RecordPaymentMovesInput = {
  payment_id: string
  payment_collection_id: string
  kind: "capture" | "refund"
  ids: string[]
}

export const recordPaymentMovesWorkflowId = "payments-functions-record-payment-moves"

/**
 * What Medusa's `capturePaymentWorkflow` and `refundPaymentWorkflow` do after the module has moved the money, for
 * captures and refunds made at Payments.Functions instead (its admin routes, a provider's webhook): the order's
 * transactions, which its summary and `payment_status` read, and the `payment.captured` / `payment.refunded` event
 * Medusa's subscribers expect. Run with the event's id as transaction id, so a redelivered event does nothing twice.
 */
export const recordPaymentMovesWorkflow = createWorkflow(
  { name: recordPaymentMovesWorkflowId, idempotent: true, store: true, retentionTime: 7 * 24 * 60 * 60 },
  (input: RecordPaymentMovesInput) => {
    const { data: orderLinks } = useQueryGraphStep({
      entity: "order_payment_collection",
      fields: ["order_id"],
      filters: { payment_collection_id: input.payment_collection_id },
    }).config({ name: "order-payment-collection-query" })
    const { data: payments } = useQueryGraphStep({
      entity: "payment",
      fields: ["id", "currency_code", "captures.id", "captures.raw_amount", "refunds.id", "refunds.raw_amount"],
      filters: { id: input.payment_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "payment-query" })

    when({ orderLinks }, ({ orderLinks }) => orderLinks.length > 0).then(() => {
      const transactions = transform({ input, orderLinks, payments }, ({ input, orderLinks, payments }) => {
        const payment = payments[0]
        const moves: { id: string; raw_amount: BigNumberInput }[] = input.kind === "capture" ? payment.captures : payment.refunds
        return moves
          .filter((move) => input.ids.includes(move.id))
          .map((move) => ({
            order_id: orderLinks[0].order_id,
            amount: input.kind === "capture" ? move.raw_amount : MathBN.mult(move.raw_amount, -1),
            currency_code: payment.currency_code,
            reference: input.kind,
            reference_id: move.id,
          }))
      })
      addOrderTransactionStep(transactions)
    })

    const event = transform({ input }, ({ input }) => ({
      eventName: input.kind === "capture" ? PaymentEvents.CAPTURED : PaymentEvents.REFUNDED,
      data: { id: input.payment_id },
    }))
    emitEventStep(event)
    return new WorkflowResponse(void 0)
  }
)
