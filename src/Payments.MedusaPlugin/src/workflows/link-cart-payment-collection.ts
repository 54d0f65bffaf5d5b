import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import {
  acquireLockStep,
  createRemoteLinkStep,
  releaseLockStep,
  useQueryGraphStep,
  validateCartStep,
} from "@medusajs/medusa/core-flows"

export type LinkCartPaymentCollectionInput = { cart_id: string; payment_collection_id: string }

export const linkCartPaymentCollectionWorkflowId = "payments-functions-link-cart-payment-collection"

/**
 * Links a collection Payments.Functions created for a cart to that cart, unless the cart already has one; answers
 * the cart's collection either way, so both sides keep one collection per cart, and the cart's exact total (its
 * `raw_total`, which Medusa's store API does not show), so that the collection's amount is the one Medusa compares
 * with the cart's. It takes the cart's lock, the one Medusa's own `createPaymentCollectionForCartWorkflow` holds while
 * it creates and links a collection, so the two cannot both link one. It reads the link table, not the collection, so
 * it never calls back into Payments.Functions, which is waiting for this answer.
 */
export const linkCartPaymentCollectionWorkflow = createWorkflow(
  linkCartPaymentCollectionWorkflowId,
  (input: LinkCartPaymentCollectionInput) => {
    acquireLockStep({ key: input.cart_id, timeout: 2, ttl: 10 })
    const { data: carts } = useQueryGraphStep({
      entity: "cart",
      fields: ["id", "completed_at", "raw_total"],
      filters: { id: input.cart_id },
      options: { throwIfKeyNotFound: true },
    }).config({ name: "cart-query" })
    const cart = transform({ carts }, ({ carts }) => carts[0])
    validateCartStep({ cart })
    const { data: links } = useQueryGraphStep({
      entity: "cart_payment_collection",
      fields: ["payment_collection_id"],
      filters: { cart_id: input.cart_id },
    }).config({ name: "cart-payment-collection-query" })
    const linkedId = transform({ links }, ({ links }) => links[0]?.payment_collection_id as string | undefined)
    when({ linkedId }, ({ linkedId }) => !linkedId).then(() => {
      const link = transform({ input }, ({ input }) => [
        {
          [Modules.CART]: { cart_id: input.cart_id },
          [Modules.PAYMENT]: { payment_collection_id: input.payment_collection_id },
        },
      ])
      createRemoteLinkStep(link)
    })
    releaseLockStep({ key: input.cart_id })
    return new WorkflowResponse(
      transform({ linkedId, input, cart }, ({ linkedId, input, cart }) => ({
        payment_collection_id: linkedId ?? input.payment_collection_id,
        cart_total: cart.raw_total,
      }))
    )
  }
)
