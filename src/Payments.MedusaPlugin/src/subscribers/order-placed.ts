import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, OrderWorkflowEvents, promiseAll } from "@medusajs/framework/utils"
import { PaymentsFunctionsClient } from "../lib/client"
import { pluginOptions } from "../lib/options"

/**
 * Tells Payments.Functions which cart and order a collection belongs to once the cart is completed, so it refuses
 * new sessions for that collection with Medusa's own wording. It reads Medusa's link tables only.
 */
export default async function orderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const orderId = event.data.id
  const [{ data: carts }, { data: collections }] = await Promise.all([
    query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: orderId } }),
    query.graph({ entity: "order_payment_collection", fields: ["payment_collection_id"], filters: { order_id: orderId } }),
  ])
  const cartId = carts[0]?.cart_id
  if (!cartId) {
    return
  }
  // Not SubscriberArgs' pluginOptions: Medusa 2.21's loader gives every plugin's subscribers `undefined` there.
  const client = new PaymentsFunctionsClient(
    pluginOptions(container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)),
    container.resolve(ContainerRegistrationKeys.LOGGER)
  )
  await promiseAll(
    collections.map(({ payment_collection_id }) =>
      client.write("POST", `/module/payment-collections/${encodeURIComponent(payment_collection_id)}/cart-completion`, {
        cart_id: cartId,
        order_id: orderId,
      })
    )
  )
}

export const config: SubscriberConfig = {
  event: OrderWorkflowEvents.PLACED,
  context: { subscriberId: "payments-functions-order-placed" },
}
