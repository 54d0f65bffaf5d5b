// An asynchronous payment method: the shopper leaves for the bank and never comes back to the storefront. Stripe's
// webhook arrives at Payments.Functions, which records the payment and tells Medusa; the plugin runs Medusa's
// processPaymentWorkflow, which completes the cart into an order, as Medusa does with its own module.
import assert from "node:assert/strict"
import { createHmac } from "node:crypto"
import { describe, it } from "node:test"
import { cartWithOneTee, dashboard, eventually, refetchCart, routings, serviceUrl, storefront } from "./support/stack.mjs"

const idealProvider = "pp_stripe-ideal_stripe"
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET

describe("an asynchronous Stripe payment method", { skip: !webhookSecret && "needs a fake Stripe server: set PAYMENTS_FAKE_STRIPE_URL for run.sh" }, () => {
  for (const routing of Object.values(routings)) {
    it(`completes the cart when Stripe's webhook arrives, session made ${routing.name}`, async () => {
      const { shop, payments } = await storefront(routing)
      const cart = await cartWithOneTee(shop)
      const { payment_collection: collection } = await payments.store.payment.initiatePaymentSession(cart, { provider_id: idealProvider })
      const [session] = collection.payment_sessions

      const delivered = await deliverStripeEvent("payment_intent.succeeded", {
        id: session.data.id,
        object: "payment_intent",
        amount: 2500,
        amount_received: 2500,
        currency: "usd",
        status: "succeeded",
        payment_method_types: ["ideal"],
        metadata: { session_id: session.id },
      })
      assert.equal(delivered.status, 200, await delivered.text())

      const completed = await eventually(async () => (await refetchCart(shop, cart.id)).completed_at)
      assert.ok(completed, "the cart was completed")
      const admin = await dashboard()
      const { orders } = await admin.admin.order.list({ fields: "id,payment_status,*payment_collections", limit: 20 })
      const order = orders.find((candidate) => candidate.payment_collections.some(({ id }) => id === collection.id))
      assert.ok(order, "an order pays with the cart's collection")
      assert.equal(order.payment_status, "captured")
    })
  }
})

/** Posts an event to the service's Stripe endpoint, signed as Stripe signs (Stripe-Signature, HMAC-SHA256). */
function deliverStripeEvent(type, paymentIntent) {
  const body = JSON.stringify({
    id: `evt_e2e_${Date.now()}_${Math.random().toString(36).slice(2)}`,
    object: "event",
    type,
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    data: { object: paymentIntent },
  })
  const timestamp = Math.floor(Date.now() / 1000)
  const signature = createHmac("sha256", webhookSecret).update(`${timestamp}.${body}`).digest("hex")
  return fetch(`${serviceUrl}/hooks/payment/stripe-ideal_stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": `t=${timestamp},v1=${signature}` },
    body,
  })
}
