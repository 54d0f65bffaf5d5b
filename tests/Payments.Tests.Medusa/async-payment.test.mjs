// An asynchronous payment method: the shopper confirms iDEAL at checkout, leaves for their bank and never comes back
// to the storefront. Stripe's webhook arrives at Payments.Functions, which records the payment and tells Medusa; the
// plugin runs Medusa's processPaymentWorkflow, which completes the cart into an order, as Medusa does with its own
// module. Stripe is the fake of tests/Payments.Tests.FakeStripe.Host: Stripe.js's confirmation is a call of its API,
// and its control route plays the bank, then delivers Stripe's signed webhook to this service.
import assert from "node:assert/strict"
import { describe, it } from "node:test"
import {
  assertMedusaError,
  cartWithOneTee,
  dashboard,
  eventually,
  fakeStripeUrl,
  idOfOurs,
  refetchCart,
  routings,
  serviceAdmin,
  state,
  storefront,
} from "./support/stack.mjs"

const idealProvider = "pp_stripe-ideal_stripe"

describe("an asynchronous Stripe payment method (iDEAL)", () => {
  for (const routing of Object.values(routings)) {
    it(`completes the cart when Stripe's webhook arrives, session made ${routing.name}`, async () => {
      const { shop, payments } = await storefront(routing)
      const email = `ideal-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@payments-functions.test`
      const cart = await cartWithOneTee(shop, email, state.euroRegionId)
      const { payment_collection: collection } = await payments.store.payment.initiatePaymentSession(cart, { provider_id: idealProvider })
      const [session] = collection.payment_sessions
      const paymentIntentId = session.data.id

      // The storefront confirms with Stripe.js and the shopper is sent to their bank.
      const confirmed = await stripe("POST", `/v1/payment_intents/${paymentIntentId}/confirm`, {
        client_secret: session.data.client_secret,
        "payment_method_data[type]": "ideal",
        return_url: "https://shop.test/checkout/return",
      })
      assert.equal(confirmed.next_action.type, "redirect_to_url")

      // Meanwhile Medusa cannot complete the cart: a redirect still awaited leaves the session requires_more, which
      // Medusa's completion refuses (400, as with its own module and Stripe provider), placing no order.
      await assertMedusaError(shop.store.cart.complete(cart.id), 400, `Session: ${session.id} was not authorized with the provider.`)
      const waiting = await refetchCart(shop, cart.id)
      assert.equal(waiting.completed_at, null)
      assert.deepEqual(
        waiting.payment_collection.payment_sessions.map(({ id, status }) => ({ id, status })),
        [{ id: session.id, status: "requires_more" }],
      )
      const admin = await dashboard()
      assert.deepEqual((await admin.admin.order.list({ q: email, fields: "id" })).orders, [])

      // The bank: the shopper pays, Stripe's PaymentIntent succeeds and Stripe's webhook reaches this service.
      const { webhook } = await stripe("POST", `/_test/payment_intents/${paymentIntentId}/succeed`)
      assert.equal(webhook.status, 200, JSON.stringify(webhook))

      const completedAt = await eventually(async () => (await refetchCart(shop, cart.id)).completed_at)
      assert.ok(completedAt, "the webhook's payment_session.authorized completed the cart")
      const { orders } = await admin.admin.order.list({
        q: email,
        fields: "id,payment_status,*payment_collections,*payment_collections.payments,*payment_collections.payments.captures",
      })
      assert.equal(orders.length, 1)
      const [order] = orders
      assert.equal(order.payment_status, "captured")
      assert.deepEqual(order.payment_collections.map(({ id, status }) => ({ id, status })), [{ id: collection.id, status: "completed" }])
      const [payment] = order.payment_collections[0].payments
      assert.equal(order.payment_collections[0].payments.length, 1)
      assert.match(payment.id, idOfOurs("pay_"))
      assert.deepEqual(
        { session: payment.payment_session_id, provider: payment.provider_id, captured: payment.captures.map((capture) => capture.amount) },
        { session: session.id, provider: idealProvider, captured: [25] },
      )

      // The shopper comes back from the bank after all: the storefront's completion answers that order.
      const returned = await shop.store.cart.complete(cart.id)
      assert.deepEqual({ type: returned.type, id: returned.order?.id }, { type: "order", id: order.id })

      // This service's own record of it: the payment Medusa shows, captured as much as Stripe received.
      const stripeHolds = await stripe("GET", `/v1/payment_intents/${paymentIntentId}`)
      assert.deepEqual({ status: stripeHolds.status, received: stripeHolds.amount_received }, { status: "succeeded", received: 2500 })
      const listed = await serviceAdmin(`/admin/payments?payment_session_id=${session.id}&fields=*captures,*payment_collection`)
      assert.equal(listed.status, 200)
      const { payments: ours } = await listed.json()
      assert.deepEqual(ours.map(({ id }) => id), [payment.id])
      assert.deepEqual(
        { collection: ours[0].payment_collection.id, captured: ours[0].payment_collection.captured_amount, captures: ours[0].captures.length },
        { collection: collection.id, captured: stripeHolds.amount_received / 100, captures: 1 },
      )
    })
  }
})

/** A call of the fake Stripe as Stripe.js (a form) or the bank makes it; answers its JSON, failing on a non-2xx. */
async function stripe(method, path, form) {
  const response = await fetch(`${fakeStripeUrl}${path}`, { method, body: form && new URLSearchParams(form) })
  const body = await response.json()
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(body)}`)
  return body
}
